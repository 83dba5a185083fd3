"""A time budget for each request, in the worker that computes it (`web.workers`).

`install()` (once a worker has started) has SIGALRM raise `TimeBudgetError` in the worker's
main thread; `arm(seconds)` starts the budget of a request, `disarm()` ends it. Past the budget
the exception is raised wherever the computation is, and again every half second should anything
catch it; the app answers 503 and the worker is replaced once the answer is sent (what the
exception interrupted may have left a cache half written). Outside a served worker (tests,
`openfisca serve`), `arm` does nothing: no signal handler is installed by importing this package.
gunicorn's own `timeout` kills a worker stuck where no signal is handled (a long C call).
"""

from __future__ import annotations

import signal
import threading

REPEAT = 0.5  # seconds between two alarms, should the first be caught by the computation


class TimeBudgetError(Exception):
    """The computation of a request took longer than the server's time budget."""


def _alarm(_signal, _frame):
    raise TimeBudgetError


def install() -> None:
    signal.signal(signal.SIGALRM, _alarm)


def installed() -> bool:
    return (
        threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGALRM) is _alarm
    )


def arm(seconds: float) -> None:
    if installed():
        signal.setitimer(signal.ITIMER_REAL, seconds, REPEAT)


def disarm() -> None:
    if installed():
        signal.setitimer(signal.ITIMER_REAL, 0)
