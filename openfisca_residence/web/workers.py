"""The computing side of `openfisca-residence serve`: gunicorn's sync workers, on a Unix socket
only the buffering front (`web.front`) reaches, each computing one request at a time.

    python -m openfisca_residence.web.workers '{"socket": ..., "workers": 2, "reform": null,
                                                "limits": {...}}'

- The app (and the tax-benefit system) is built once, before the workers are forked
  (`preload_app`): a worker that replaces another is ready at once.
- Each worker computes a request within the time budget (`budget`, installed once it starts):
  past it the app answers 503, then the worker is replaced (`post_request`); gunicorn's own
  `timeout`, the budget and `BACKSTOP` seconds more, kills a worker stuck where no signal is
  handled.
- A worker is replaced after `max_requests` requests (give or take a tenth, so that the workers are
  not all replaced at once), or once a request has taken it above `max_worker_memory` MB: the
  memory a large request took comes back.
"""

from __future__ import annotations

import json
import resource
import sys

from gunicorn.app.base import BaseApplication

from openfisca_residence.system.registry import tax_benefit_system
from openfisca_residence.web import budget
from openfisca_residence.web.app import create_app
from openfisca_residence.web.guard import REPLACE_WORKER
from openfisca_residence.web.limits import Limits

BACKSTOP = 10  # seconds past the time budget before gunicorn kills a worker


class WebApiApplication(BaseApplication):
    """gunicorn serving `create_app` for today's law, or for `reform`, within `limits`."""

    def __init__(self, settings: dict, reform: str | None, limits: Limits) -> None:
        self.settings = settings
        self.reform = reform
        self.limits = limits
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.settings.items():
            self.cfg.set(key, value)

    def load(self):
        return create_app(tax_benefit_system(self.reform), self.reform, limits=self.limits)


def settings(bind: str, workers: int, limits: Limits) -> dict:
    def post_request(worker, _request, environ, _response):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # MB (Linux: kB)
        if environ.get(REPLACE_WORKER) or peak > limits.max_worker_memory:
            worker.alive = False  # replaced by the arbiter once this answer is sent

    return {
        "bind": bind,
        "workers": workers,
        "worker_class": "sync",
        "timeout": int(limits.time_budget) + BACKSTOP,
        "graceful_timeout": 10,
        "max_requests": limits.max_requests,
        "max_requests_jitter": max(1, limits.max_requests // 10),
        "preload_app": True,
        "post_worker_init": lambda _worker: budget.install(),
        "post_request": post_request,
    }


def run(socket: str, workers: int, reform: str | None, limits: Limits) -> None:
    WebApiApplication(settings(f"unix:{socket}", workers, limits), reform, limits).run()


def main(argv=None) -> None:
    (config,) = argv if argv is not None else sys.argv[1:]
    config = json.loads(config)
    run(config["socket"], config["workers"], config["reform"], Limits(**config["limits"]))


if __name__ == "__main__":
    main()
