"""A Dask cluster for the `dask` backend (`backends`): one started on this machine, or one reached.

    with cluster(workers=2) as client:                          # a LocalCluster, stopped at the end
        ...
    with cluster(scheduler="tcp://127.0.0.1:8786") as client:   # an existing cluster
        ...

The tax-benefit system is built once per worker, when it joins (`SystemPlugin`), then cached by
the process. A worker that dies has its tasks computed again elsewhere by the scheduler.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager

from distributed import WorkerPlugin

from openfisca_residence.system.registry import tax_benefit_system

CONNECT_TIMEOUT = "10s"  # how long to wait for an existing scheduler


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


def _probe(address: str) -> None:
    """Check that a TCP scheduler address is well written and answers, before a `Client` (which
    would retry until its timeout, then linger)."""
    import socket

    from dask.utils import parse_timedelta
    from distributed.comm import parse_address, parse_host_port

    scheme, location = parse_address(address)  # ValueError when badly written
    if scheme != "tcp":
        return
    host, port = parse_host_port(location, 8786)  # dask's default port
    with socket.create_connection((host, port), timeout=parse_timedelta(CONNECT_TIMEOUT)):
        pass


def worker_count(client) -> int:
    return max(1, len(client.scheduler_info().get("workers", {})))
