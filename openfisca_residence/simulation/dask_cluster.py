"""A Dask cluster for the `dask` backend (`backends`): one started on this machine, or one reached.

    with cluster(workers=2) as client:                          # a LocalCluster, stopped at the end
        ...
    with cluster(scheduler="tcp://127.0.0.1:8786") as client:   # an existing cluster
        ...

The tax-benefit system is built once per worker, when it joins (`SystemPlugin`), then cached by
the process. A worker that dies has its tasks computed again elsewhere by the scheduler.

Nothing waits for ever (each wait ends with a `ClusterError`, which the commands print as one
message, exit code 2):
- `CONNECT_TIMEOUT`: a scheduler must accept the connection and answer Dask's `identity` within
  it (a port that accepts and never answers is not a scheduler);
- `WORKERS_TIMEOUT`: a cluster must have a worker within it, at the start and all along;
- `SILENCE_TIMEOUT`: a scheduler that stops answering mid-run (stopped, unreachable) is given up
  after it (`backends.DaskExecutor`).

`tls://` addresses use the certificates of Dask's configuration (`Security()`: the
`DASK_DISTRIBUTED__COMM__TLS__*` variables, or `~/.config/dask/`): README, "On a real cluster".
"""

from __future__ import annotations

import logging
from contextlib import contextmanager

from distributed import WorkerPlugin

from openfisca_residence.system.registry import tax_benefit_system

CONNECT_TIMEOUT = "10s"  # how long to wait for an existing scheduler, and for its first answer
WORKERS_TIMEOUT = 60  # seconds a cluster may have no worker
SILENCE_TIMEOUT = 60  # seconds a scheduler may stop answering mid-run


class ClusterError(ConnectionError):
    """A Dask cluster that cannot be started or reached, or that lost a partition."""


class SystemPlugin(WorkerPlugin):
    """Builds the tax-benefit system (with its reform) on each worker when it starts or joins."""

    def __init__(self, reform: str | None = None) -> None:
        self.reform = reform
        self.name = f"openfisca-residence-system-{reform or 'baseline'}"

    def setup(self, worker=None) -> None:
        tax_benefit_system(self.reform)


@contextmanager
def cluster(scheduler: str | None = None, workers: int = 2, memory_limit="auto"):
    """A `distributed.Client`: on the scheduler at `scheduler` (`tcp://host:port`), or on a
    `LocalCluster` of `workers` processes of one thread each, on 127.0.0.1, stopped on exit."""
    from distributed import Client, LocalCluster

    local = None
    try:
        if scheduler:
            _probe(scheduler)
            client = Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
            _wait_for_a_worker(client, scheduler)
        else:
            local = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                memory_limit=memory_limit,
                silence_logs=logging.ERROR,
            )
            client = Client(local, set_as_default=False)
    except (OSError, TimeoutError, ValueError, TypeError) as error:
        if local is not None:
            local.close()
        where = f"the Dask scheduler at {scheduler!r}" if scheduler else "a local Dask cluster"
        reason = " ".join(str(error).split()) or type(error).__name__
        raise ClusterError(f"cannot reach {where}: {reason}") from error
    try:
        yield client
    finally:
        client.close()
        if local is not None:
            local.close()


def _wait_for_a_worker(client, scheduler: str) -> None:
    try:
        client.wait_for_workers(1, timeout=WORKERS_TIMEOUT)
    except TimeoutError as error:
        client.close()
        raise ClusterError(
            f"the Dask cluster at {scheduler!r} has no worker: none joined within "
            f"{WORKERS_TIMEOUT} s. Start workers (`dask worker {scheduler}`), then run again."
        ) from error


def _probe(address: str) -> None:
    """Check that a scheduler address is well written, accepts a connection and answers Dask's
    `identity` within CONNECT_TIMEOUT, before a `Client` (which would retry until its timeout,
    then linger, or wait for ever on a port that accepts and never answers)."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from dask.utils import parse_timedelta
    from distributed import Security
    from distributed.comm import connect, parse_address

    parse_address(address)  # ValueError when badly written
    timeout = parse_timedelta(CONNECT_TIMEOUT)

    async def identity():
        arguments = Security().get_connection_args("client")
        comm = await asyncio.wait_for(connect(address, timeout=timeout, **arguments), timeout)
        try:
            await asyncio.wait_for(comm.write({"op": "identity", "reply": True}), timeout)
            await asyncio.wait_for(comm.read(), timeout)
        finally:
            comm.abort()

    with ThreadPoolExecutor(1) as thread:  # its own event loop, whatever the caller runs
        try:
            thread.submit(asyncio.run, identity()).result()
        except TimeoutError as error:
            raise TimeoutError(
                f"no answer within {CONNECT_TIMEOUT} (is it a Dask scheduler's port?)"
            ) from error


def worker_count(client) -> int:
    return max(1, len(client.scheduler_info().get("workers", {})))
