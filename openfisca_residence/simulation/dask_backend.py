"""The Dask backend: a population's partitions computed on a Dask cluster, one machine or many.

    from openfisca_residence.dask_backend import cluster, partition_results
    with cluster(workers=2) as client:                     # a LocalCluster, stopped at the end
        for part in partition_results(client, "population.parquet", ranges, variables, months):
            ...                                            # PartitionResult, in the file's order
    with cluster(scheduler="tcp://127.0.0.1:8786") as client:   # an existing cluster
        ...

The population is a `dask.dataframe` (`population_frame`): one partition per range of whole
families (`streaming.Scan.ranges`), which each worker reads itself from the Parquet file (the
path must be readable by the workers: a shared disk on a real cluster). Each partition goes
through `partitions.run_partition`, the code of every other backend, and comes back as a
`PartitionResult` (ids, values, exact weighted totals). The tax-benefit system is built once
per worker, when it joins (`SystemPlugin`), then cached by the process.

At most `window` partitions are in flight: the client holds the results of that many
partitions at most, and gives them back in the population's order. A worker that dies has its
partitions computed again elsewhere by the scheduler: the results are the same.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pandas
import pyarrow
import pyarrow.parquet
from distributed import WorkerPlugin

from openfisca_residence.data.streaming import read_range
from openfisca_residence.simulation.partitions import PartitionResult, run_partition
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


def population_frame(path: str | Path, ranges: Sequence[tuple[int, int]]):
    """The population file as a `dask.dataframe`, one partition per range of whole families.

    Each partition is read by the worker computing it; its columns keep their Arrow types
    (`pandas.ArrowDtype`), so that going back to Arrow copies nothing.
    """
    import dask.dataframe

    path = str(Path(path).resolve())
    meta = pyarrow.parquet.read_schema(path).empty_table().to_pandas(types_mapper=pandas.ArrowDtype)
    return dask.dataframe.from_map(
        _read_frame,
        [(path, start, stop) for start, stop in ranges],
        meta=meta,
        enforce_metadata=False,
        label="read-population",
    )


def _read_frame(spec: tuple[str, int, int]) -> pandas.DataFrame:
    path, start, stop = spec
    return read_range(path, start, stop).to_pandas(types_mapper=pandas.ArrowDtype)


def _run_frame(work, frame, start, *arguments):
    if isinstance(frame, pandas.DataFrame):
        frame = pyarrow.Table.from_pandas(frame, preserve_index=False)
    return work(frame, start, *arguments)


def file_partitions(
    client,
    path: str | Path,
    ranges: Sequence[tuple[int, int]],
    work: Callable,
    arguments: Callable[[], tuple],
    reform: str | None = None,
    window: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> Iterator:
    """`work(rows, start, *arguments())` for each range of the Parquet file at `path`, computed
    on the cluster, in order (`runner.mapped_partitions`); `arguments` is called as each
    partition is sent."""
    import dask

    frame = population_frame(path, ranges)
    tasks = (
        dask.delayed(_run_frame)(work, part, start, *arguments())
        for part, (start, _) in zip(frame.to_delayed(), ranges, strict=True)
    )
    yield from _in_order(client, tasks, reform, window, progress)


def partition_results(
    client,
    path: str | Path,
    ranges: Sequence[tuple[int, int]],
    variables: Sequence[str],
    months: Sequence[str],
    reform: str | None = None,
    window: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> Iterator[PartitionResult]:
    """Each range of the Parquet file at `path`, computed on the cluster (`run_partition`), in
    order."""
    arguments = (list(variables), months, reform, False, str(path))
    yield from file_partitions(
        client, path, ranges, run_partition, lambda: arguments, reform, window, progress
    )


def table_results(
    client,
    tables: Sequence[tuple[int, pyarrow.Table]],
    variables: Sequence[str],
    months: Sequence[str],
    reform: str | None = None,
    window: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> Iterator[PartitionResult]:
    """Tables already in memory (normalised, whole families, with their first row), computed on
    the cluster, in order: each is sent to a worker when its turn comes."""
    import dask

    tasks = (
        dask.delayed(_run_frame)(
            run_partition, table, start, variables, months, reform, True, "population"
        )
        for start, table in tables
    )
    yield from _in_order(client, tasks, reform, window, progress)


def _in_order(client, tasks, reform, window, progress) -> Iterator[PartitionResult]:
    client.register_plugin(SystemPlugin(reform))
    window = window or 2 * worker_count(client) + 1
    pending: deque = deque()
    try:
        for task in tasks:
            pending.append(client.compute(task))
            if len(pending) >= window:
                yield _done(pending.popleft(), progress)
        while pending:
            yield _done(pending.popleft(), progress)
    finally:
        for future in pending:
            future.cancel()


def _done(future, progress):
    from concurrent.futures import CancelledError

    from distributed.scheduler import KilledWorker

    try:
        result = future.result()
    except KilledWorker as error:
        raise ClusterError(
            f"a partition was lost with every worker that tried it ({error}); "
            "see the workers' logs (memory limit?)"
        ) from error
    except CancelledError as error:
        raise ClusterError(f"the cluster cancelled a partition ({error})") from error
    future.release()
    if progress is not None:
        progress(result.rows)
    return result
