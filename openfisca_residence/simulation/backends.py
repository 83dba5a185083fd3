"""Where chunks are computed: one interface for this process, worker processes and Dask.

    backend = Backend("local", workers=2)                  # or Backend("dask", workers=2),
    with backend.executor(reform) as executor:             # Backend(scheduler="tcp://host:8786")
        for result in mapped(executor, compute_chunk, tasks):   # in the tasks' order
            ...

An executor `submit`s a picklable function with its arguments and gives its `result`; `mapped`
is the one bounded map every caller uses: it keeps at most `executor.window` tasks in flight
(two a worker, and one more), so that the memory holds that many chunks whatever the
population's size, and yields the results in the tasks' order. Each worker builds the
tax-benefit system, with its reform, once (`system.registry`).

The local backend uses every core the process may run on (`available_cores`, its CPU affinity)
unless told otherwise. Its worker processes are forked where the system allows it: they start at
once, with the tax-benefit system already built, and inherit what the caller `share`s (a
population in memory), so that a task names its rows instead of carrying them
(`executor.inherits`; `inherited(key)` in the worker); what the caller shares may also be arrays
of shared memory (`shared_empty`), which the workers write their results into. Elsewhere (and on
Dask) they are spawned and a task carries its data.
"""

from __future__ import annotations

import ctypes
import mmap
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass

import numpy
from threadpoolctl import threadpool_limits

from openfisca_residence.simulation.chunk import DEFAULT_CHUNK_SIZE
from openfisca_residence.system.registry import tax_benefit_system

BACKENDS = ("local", "dask")
LOCAL_CLUSTER_WORKERS = 2  # processes of a Dask cluster started here, by default
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # glibc's mallopt options (malloc.h)
_INHERITED: dict = {}  # what forked workers inherit from the process that starts them


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - a system without CPU affinity
        return os.cpu_count() or 1


def shared_empty(length: int, dtype) -> numpy.ndarray:
    """An uninitialised array in memory shared with the worker processes forked afterwards: what
    they write there, this process reads (anonymous shared memory, freed with the array)."""
    dtype = numpy.dtype(dtype)
    if not length:
        return numpy.empty(0, dtype)
    return numpy.frombuffer(mmap.mmap(-1, length * dtype.itemsize), dtype)


def inherited(key: str):
    """What the process that started this worker `share`d under `key` (or this process's own)."""
    return _INHERITED[key]


def inherited_or_none(key: str):
    """`inherited(key)`, or None where nothing was shared under `key` (a spawned worker)."""
    return _INHERITED.get(key)


@dataclass
class Backend:
    """Where chunks are computed: `name` `local` (this process, or `workers` processes) or `dask`
    (a LocalCluster of `workers` processes, or the cluster of `scheduler`, `tcp://host:port`);
    `batch_size`: persons per chunk (whole families), which bounds the memory."""

    name: str = "local"
    workers: int | None = None  # None: every available core (a local Dask cluster: 2)
    scheduler: str | None = None
    batch_size: int = DEFAULT_CHUNK_SIZE

    def __post_init__(self) -> None:
        if self.scheduler:
            self.name = "dask"
        if self.name not in BACKENDS:
            raise ValueError(f"Unknown backend '{self.name}': {' or '.join(BACKENDS)}.")
        if self.workers is None:
            self.workers = LOCAL_CLUSTER_WORKERS if self.name == "dask" else available_cores()
        if self.workers < 1:
            raise ValueError("workers: 1 or more.")
        if self.batch_size < 1:
            raise ValueError("batch_size: a partition holds 1 person or more.")

    @property
    def distributed(self) -> bool:
        """Whether tasks run in other processes (their arguments are then pickled)."""
        return self.name == "dask" or self.workers > 1

    @property
    def forks(self) -> bool:
        """Whether tasks run in worker processes forked from this one, which inherit what it
        `share`s (memory included): local workers, where the system can fork."""
        return (
            self.name == "local"
            and self.workers > 1
            and "fork" in multiprocessing.get_all_start_methods()
        )

    @property
    def window(self) -> int:
        """The tasks in flight at most on local workers (`mapped`): two a worker, so that none
        waits for its next."""
        return 2 * self.workers

    def batch_for(self, rows: int) -> int:
        """The batch size for `rows` rows: this backend's, or less, so that every worker has a
        batch."""
        return max(1, min(self.batch_size, -(-rows // self.workers)))

    @contextmanager
    def executor(self, reform: str | None = None, share: dict | None = None):
        """The executor of this backend, its workers ready to compute under `reform`, sharing
        `share` with them when they can inherit it; stopped (a local cluster closed, worker
        processes ended) on exit."""
        if self.name == "dask":
            from openfisca_residence.simulation.dask_cluster import SystemPlugin, cluster

            with cluster(self.scheduler, self.workers) as client:
                client.register_plugin(SystemPlugin(reform))
                yield DaskExecutor(client)
            return
        with _sharing(share or {}):
            if self.workers == 1:
                yield InProcess()
                return
            if self.forks:
                tax_benefit_system(reform)  # built once, here: the forked workers inherit it
            context = multiprocessing.get_context("fork" if self.forks else "spawn")
            # The workers share the cores with this process: none runs BLAS on several threads.
            with (
                threadpool_limits(1, user_api="blas"),
                ProcessPoolExecutor(
                    self.workers, mp_context=context, initializer=_start_worker, initargs=(reform,)
                ) as pool,
            ):
                yield Processes(pool, self.window, inherits=self.forks)


def _start_worker(reform: str | None) -> None:
    """A worker process's start: BLAS on one thread, freed memory kept for the next chunk, the
    tax-benefit system built (inherited when forked).

    OpenBLAS starts a thread per core, and its threads spin a while after each matrix product,
    waiting for the next: beside other workers, they took the cores from the formulas (when the
    exact weighted totals were matrix products: 1M persons, 2 workers, 23.5 s and 41 s of
    processor, against 17.0 s and 28 s). Dask's workers get the same from their nanny's
    environment."""
    threadpool_limits(1, user_api="blas")
    keep_freed_memory()
    tax_benefit_system(reform)


def keep_freed_memory() -> bool:
    """In this process, have glibc's malloc keep the memory a chunk frees for the next one: arrays
    of up to 32 MB taken from the heap, the heap not given back to the system below 1 GB.

    A forked worker otherwise gave its freed arrays back and faulted in fresh pages for the next
    ones: at 1M persons, 2 workers, 1.0 to 1.2 million page faults and 3.4 to 4.9 s of system
    time, against 530,000 and 2.2 to 2.4 s. The peak memory is the same: the memory kept is the
    chunk's own.
    Whether glibc took both settings (False elsewhere: no glibc, nothing changed)."""
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # pragma: no cover - not glibc
        return False
    largest_from_heap = 32 * 2**20  # M_MMAP_THRESHOLD's maximum on 64 bits
    return (
        mallopt(M_MMAP_THRESHOLD, largest_from_heap) == 1 and mallopt(M_TRIM_THRESHOLD, 2**30) == 1
    )


@contextmanager
def _sharing(share: dict):
    """`share` readable by `inherited` here and in the workers forked meanwhile."""
    _INHERITED.update(share)
    try:
        yield
    finally:
        for key in share:
            _INHERITED.pop(key, None)


class InProcess:
    """Each task computed here, when its result is asked."""

    window = 1
    inherits = True

    def submit(self, work: Callable, *arguments):
        return work, arguments

    def result(self, task):
        work, arguments = task
        return work(*arguments)

    def cancel(self, task) -> None:
        pass


class Processes:
    """Tasks computed in a pool of worker processes of this machine."""

    def __init__(self, pool: ProcessPoolExecutor, window: int, inherits: bool) -> None:
        self.pool = pool
        self.window = window
        self.inherits = inherits

    def submit(self, work: Callable, *arguments):
        return self.pool.submit(work, *arguments)

    def result(self, future):
        return future.result()

    def cancel(self, future) -> None:
        future.cancel()


class DaskExecutor:
    """Tasks computed on a Dask cluster; a task lost with every worker that tried it, cancelled
    by the cluster, or waiting on a scheduler silent for `SILENCE_TIMEOUT` seconds or on a
    cluster without worker for `WORKERS_TIMEOUT` seconds, is a `ClusterError`."""

    poll = 1.0  # seconds between two looks at the cluster while a result is awaited
    inherits = False

    def __init__(self, client) -> None:
        from openfisca_residence.simulation.dask_cluster import worker_count

        self.client = client
        self.window = 2 * worker_count(client) + 1

    def submit(self, work: Callable, *arguments):
        return self.client.submit(work, *arguments, pure=False)

    def result(self, future):
        from concurrent.futures import CancelledError

        from distributed.scheduler import KilledWorker

        from openfisca_residence.simulation.dask_cluster import ClusterError

        try:
            result = self._awaited(future)
        except KilledWorker as error:
            raise ClusterError(
                f"a partition was lost with every worker that tried it ({error}); "
                "see the workers' logs (memory limit?)"
            ) from error
        except CancelledError as error:
            raise ClusterError(f"the cluster cancelled a partition ({error})") from error
        future.release()
        return result

    def cancel(self, future) -> None:
        future.cancel()

    def _awaited(self, future):
        """The future's result, looking at the cluster every `poll` seconds meanwhile."""
        from openfisca_residence.simulation import dask_cluster

        silent = workerless = None
        while True:
            try:
                return future.result(timeout=self.poll)
            except TimeoutError:
                pass
            now = time.monotonic()
            running = self.client.status == "running"
            silent = None if running else silent or now
            if silent is not None and now - silent > dask_cluster.SILENCE_TIMEOUT:
                raise dask_cluster.ClusterError(
                    f"the Dask scheduler stopped answering ({self.client.status} for "
                    f"{dask_cluster.SILENCE_TIMEOUT} s): is it still running?"
                )
            workers = running and self.client.scheduler_info().get("workers")
            workerless = None if not running or workers else workerless or now
            if workerless is not None and now - workerless > dask_cluster.WORKERS_TIMEOUT:
                raise dask_cluster.ClusterError(
                    f"the Dask cluster has had no worker for {dask_cluster.WORKERS_TIMEOUT} s: "
                    "start workers, then run again."
                )


def mapped(executor, work: Callable, tasks: Iterable[tuple]) -> Iterator:
    """`work(*arguments)` for each `arguments` of `tasks`, on the executor, results in the tasks'
    order, with at most `executor.window` tasks in flight. `tasks` is read as tasks are sent:
    a task's arguments (a chunk's rows) are made only when there is room for it."""
    pending: deque = deque()
    try:
        for arguments in tasks:
            pending.append(executor.submit(work, *arguments))
            if len(pending) >= executor.window:
                yield executor.result(pending.popleft())
        while pending:
            yield executor.result(pending.popleft())
    finally:
        for task in pending:
            executor.cancel(task)
