"""A population file computed partition by partition, on one machine or on a Dask cluster.

    from openfisca_residence.simulation.backends import Backend
    from openfisca_residence.simulation.files import partition_results, simulate_file

    # the results of a file, written as they come, in bounded memory: the weighted totals back
    done = simulate_file("population.parquet", "results.parquet", ["reside_en_france"],
                         ["2024-01"], backend=Backend("dask", workers=2))
    done.total("reside_en_france", ["2024-01"])

    # each partition's PartitionResult (ids, values, totals), in the file's order
    with partition_results("population.parquet", variables, months) as results:
        for part in results: ...

Backends (`backends.Backend`): `local` reads the file batch by batch (`streaming`) and computes
each batch here, or in `workers` processes; `dask` has each worker of a `LocalCluster` of
`workers` processes, or of the cluster of `scheduler`, read its partitions from the Parquet file.
Every backend runs the same `partitions.run_partition` on the same ranges of whole families, so
that the results are the same, value for value, total for total.

The file is checked as it is computed: the first partition with a problem stops the computing,
the other partitions are still checked, then every problem is reported at once by one
`PopulationError`, and the results file is not written.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pandas
import pyarrow
from openfisca_core.indexed_enums import Enum

from openfisca_residence.data.atomic import file_sha256
from openfisca_residence.data.problems import PopulationError
from openfisca_residence.data.schema import GROUP_ENTITY, PERSON_ENTITY, WEIGHT
from openfisca_residence.data.streaming import ResultWriter, read_range, read_ranges, scan
from openfisca_residence.simulation.aggregates import ExactSum, WeightedTotals
from openfisca_residence.simulation.backends import Backend, mapped
from openfisca_residence.simulation.chunk import check_names
from openfisca_residence.simulation.partitions import PartitionResult, merged, run_partition
from openfisca_residence.system.registry import reform_key, reform_label, tax_benefit_system


@contextmanager
def partition_results(
    path: str | Path,
    variables: Sequence[str],
    months: Sequence[str],
    reform=None,
    backend: Backend | None = None,
    progress: Callable[[int], None] | None = None,
):
    """The `PartitionResult` of each range of whole families of the file, in the file's order.

    A context manager, so that a cluster it started is stopped, whatever happens. Once a
    partition has problems, the next ones are checked, not computed.
    """
    reform = reform_key(reform)
    state = _State()

    def arguments():  # read as each partition is sent: no variable once a problem is met
        return state.variables(variables), months, reform, False, str(path)

    with mapped_partitions(path, run_partition, arguments, backend, progress, reform) as results:
        yield state.watch(results)


@contextmanager
def mapped_partitions(
    path: str | Path,
    work: Callable,
    arguments: Callable[[], tuple],
    backend: Backend | None = None,
    progress: Callable[[int], None] | None = None,
    reform: str | None = None,
):
    """`work(rows, start, *arguments())` for each range of whole families of the file, in the
    file's order, on the backend: here, in worker processes, or on a Dask cluster.

    `work` is a picklable function of a partition's raw rows (a pyarrow Table) and of its first
    row in the file; its result has `rows` (the partition's) and `problems` (its rows' problems).
    `arguments` is called as each partition is sent. The problems of the file's ids come first,
    as a `PartitionResult` of no rows. `reform`: the system the workers build when they start.
    """
    backend = backend or Backend()
    path = Path(path)
    scanned = scan(path)
    ranges = scanned.ranges(backend.batch_for(scanned.rows))
    first = [PartitionResult(0, 0, problems=scanned.problems)] if scanned.problems else []
    parquet = path.suffix.lower() == ".parquet"
    if backend.name == "dask" and not parquet:
        raise ValueError(
            f"{path}: the Dask backend reads Parquet files (each worker reads its "
            "partitions); write the population as .parquet."
        )
    if len(ranges) < 2 and backend.name != "dask":
        backend = Backend(workers=1, batch_size=backend.batch_size)  # no process for one batch
    if backend.distributed and parquet:
        # Each worker reads its own rows of the file (on a cluster: a disk the workers share):
        # the file is read once, by the workers, while this process writes the results.
        source, task = str(path.resolve()), work
        tasks = ((task, source, start, stop, *arguments()) for start, stop in ranges)
        work = read_and_run
    else:  # read here, in order, batch by batch
        batches = zip(ranges, read_ranges(path, ranges), strict=True)
        tasks = ((table, start, *arguments()) for (start, _), table in batches)
    with backend.executor(reform) as executor:
        results = (_counted(result, progress) for result in mapped(executor, work, tasks))
        yield itertools.chain(first, results)


def read_and_run(work: Callable, path: str, start: int, stop: int, *arguments):
    """`work` on rows [start, stop) of the Parquet file at `path`, read where it runs."""
    return work(read_range(path, start, stop), start, *arguments)


@dataclass
class _State:
    """Whether a problem was met: then partitions are only checked (no variable computed)."""

    failed: bool = False

    def variables(self, variables):
        return [] if self.failed else list(variables)

    def watch(self, results: Iterator) -> Iterator:
        for result in results:
            self.failed |= bool(result.problems)
            yield result


def _counted(result, progress):
    if progress is not None:
        progress(result.rows)
    return result


# ---------------------------------------------------------------------------------------------
# A whole file, to a results file


@dataclass
class FileSimulation:
    """What `simulate_file` computed: the weighted totals, the persons and families counted."""

    system: object
    totals: WeightedTotals
    counts: dict[str, int] = field(default_factory=dict)
    weight_sums: dict[str, ExactSum] = field(default_factory=dict)
    partitions: int = 0
    written: list[Path] = field(default_factory=list)

    def entity_size(self, entity: str) -> tuple[int, float]:
        """The rows of the entity (persons, families) and the sum of their weights."""
        return self.counts.get(entity, 0), self.weight_sums.get(entity, ExactSum()).value

    def total(self, variable: str, months: Sequence[str]) -> pandas.Series | pandas.DataFrame:
        """Weighted totals per month, as `Microsimulation.total` gives them (the same floats)."""
        definition = self.system.variables[variable]
        if definition.value_type is Enum:
            items = [item.name for item in definition.possible_values]
            return pandas.DataFrame(
                {month: self.totals.value(variable, month) for month in months}, index=items
            )
        return pandas.Series(
            {month: self.totals.value(variable, month) for month in months}, name=variable
        )


def simulate_file(
    path: str | Path,
    output: str | Path,
    variables: Sequence[str],
    months: Sequence[str],
    reform=None,
    backend: Backend | None = None,
    progress: Callable[[int], None] | None = None,
) -> FileSimulation:
    """Compute `variables` × `months` for the population file at `path`, partition by partition,
    and write the persons' results to `output` (.parquet or .csv) in the file's order; the
    families' results, if a famille variable is asked, to `families_path(output)` (a previous one
    is removed otherwise: it belonged to other results). Each file records what it was computed
    from (`result_metadata`)."""
    reform = reform_key(reform)
    system = tax_benefit_system(reform)
    check_names(variables, system)
    for name in variables:
        if system.variables[name].entity.key not in (PERSON_ENTITY, GROUP_ENTITY):
            raise ValueError(f"{name}: only individu and famille variables are computed.")
    output = Path(output)
    metadata = result_metadata(path, variables, months, reform)
    persons = ResultWriter(output, {**metadata, "entity": PERSON_ENTITY})
    family_variables = any(system.variables[v].entity.key == GROUP_ENTITY for v in variables)
    families = (
        ResultWriter(families_path(output), {**metadata, "entity": GROUP_ENTITY})
        if family_variables
        else None
    )
    done = FileSimulation(system, WeightedTotals())
    problems = []
    try:
        with partition_results(path, variables, months, reform, backend, progress) as results:
            for part in results:
                done.partitions += 1
                if part.problems or problems:
                    problems += part.problems
                    continue
                persons.write(part.persons_table(variables, months, system))
                _count(done, PERSON_ENTITY, part.ids)
                if families is not None:
                    families.write(part.families_table(variables, months, system))
                    _count(done, GROUP_ENTITY, part.families)
                done.totals += part.totals
                del part
        if problems:
            raise PopulationError(merged(problems), str(path))
    except BaseException:
        persons.abort()
        if families is not None:
            families.abort()
        raise
    if families is None:
        families_path(output).unlink(missing_ok=True)
    for writer in (persons, families):  # the persons' first: never new families beside old persons
        if writer is not None:
            writer.close()
            done.written.append(writer.path)
    return done


def families_path(output: str | Path) -> Path:
    """Where the families' results of `output` go: `<stem>.familles<suffix>`."""
    output = Path(output)
    return output.with_name(f"{output.stem}.familles{output.suffix}")


def result_metadata(path, variables, months, reform) -> dict:
    """What a results file records of how it was computed: the package's version, the reform,
    the months and variables, and the population file (its name and SHA-256)."""
    from importlib.metadata import version

    return {
        "package": "openfisca-residence",
        "version": version("openfisca-residence"),
        "reform": reform_key(reform),
        "reform_label": reform_label(reform_key(reform)),
        "months": list(months),
        "variables": list(variables),
        "population": {"file": str(path), "sha256": file_sha256(path)},
    }


def _count(done: FileSimulation, entity: str, table: pyarrow.Table) -> None:
    done.counts[entity] = done.counts.get(entity, 0) + table.num_rows
    done.weight_sums.setdefault(entity, ExactSum()).add(table[WEIGHT].to_numpy())
