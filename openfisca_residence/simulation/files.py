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
that the results are the same, value for value, total for total. `simulate_file`'s partitions
build the results files' tables where they are computed; forked workers hand them over through
memory they share with this process (`table_slots`), which writes them.

The file is checked as it is computed: the first partition with a problem stops the computing,
the other partitions are still checked, then every problem is reported at once by one
`PopulationError`, and the results file is not written.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pandas
import pyarrow
from openfisca_core.indexed_enums import Enum

from openfisca_residence.data.atomic import file_sha256, sha256_meanwhile
from openfisca_residence.data.problems import PopulationError
from openfisca_residence.data.schema import GROUP_ENTITY, PERSON_ENTITY, WEIGHT
from openfisca_residence.data.streaming import ResultWriter, read_range, read_ranges, scan
from openfisca_residence.simulation.aggregates import ExactSum, WeightedTotals
from openfisca_residence.simulation.backends import Backend, inherited_or_none, mapped
from openfisca_residence.simulation.chunk import ChunkResult, check_names
from openfisca_residence.simulation.partitions import PartitionResult, merged, run_partition
from openfisca_residence.simulation.table_slots import TableSlots, slot_capacity
from openfisca_residence.system.registry import reform_key, reform_label, tax_benefit_system

RESULT_SLOTS = "simulate_file.result_slots"  # the key of the slots the workers inherit
ENTITIES = (PERSON_ENTITY, GROUP_ENTITY)


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
    state = _State(variables, months, reform_key(reform), str(path))
    with mapped_partitions(
        path, run_partition, state.arguments, backend, progress, state.reform
    ) as results:
        yield state.watch(results)


@contextmanager
def mapped_partitions(
    path: str | Path,
    work: Callable,
    arguments: Callable[[], tuple],
    backend: Backend | None = None,
    progress: Callable[[int], None] | None = None,
    reform: str | None = None,
    share: dict | None = None,
):
    """`work(rows, start, *arguments())` for each range of whole families of the file, in the
    file's order, on the backend: here, in worker processes, or on a Dask cluster.

    `work` is a picklable function of a partition's raw rows (a pyarrow Table) and of its first
    row in the file; its result has `rows` (the partition's) and `problems` (its rows' problems).
    `arguments` is called as each partition is sent. The problems of the file's ids come first,
    as a `PartitionResult` of no rows. `reform`: the system the workers build when they start;
    `share`: what forked workers inherit (`Backend.executor`).
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
    with backend.executor(reform, share) as executor:
        results = (_counted(result, progress) for result in mapped(executor, work, tasks))
        yield itertools.chain(first, results)


def read_and_run(work: Callable, path: str, start: int, stop: int, *arguments):
    """`work` on rows [start, stop) of the Parquet file at `path`, read where it runs."""
    return work(read_range(path, start, stop), start, *arguments)


@dataclass
class _State:
    """The arguments of each partition's `run_partition` as it is sent: once a problem was met,
    partitions are only checked (no variable computed). `numbered`: the partition's number
    follows (`tabled_partition`)."""

    variables: Sequence[str]
    months: Sequence[str]
    reform: str | None
    source: str
    numbered: bool = False
    failed: bool = False
    sent: int = 0

    def arguments(self) -> tuple:
        variables = [] if self.failed else list(self.variables)
        number = (self.sent,) if self.numbered else ()
        self.sent += 1
        return variables, self.months, self.reform, False, self.source, *number

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
    sha256 = sha256_meanwhile(path)  # needed at the first write, once a partition is computed
    metadata = functools.cache(lambda: result_metadata(path, variables, months, reform, sha256()))
    persons = ResultWriter(output, lambda: {**metadata(), "entity": PERSON_ENTITY})
    family_variables = any(system.variables[v].entity.key == GROUP_ENTITY for v in variables)
    families = (
        ResultWriter(families_path(output), lambda: {**metadata(), "entity": GROUP_ENTITY})
        if family_variables
        else None
    )
    done = FileSimulation(system, WeightedTotals())
    problems = []
    backend = backend or Backend()
    slots = _result_slots(system, variables, months, backend)
    state = _State(variables, months, reform, str(path), numbered=True)
    try:
        with mapped_partitions(
            path, tabled_partition, state.arguments, backend, progress, reform, slots
        ) as results:
            for part in state.watch(results):
                done.partitions += 1
                if part.problems or problems:
                    problems += part.problems
                    continue
                tables = slots[RESULT_SLOTS].take(part.tables) if slots else part.tables
                for entity, writer in ((PERSON_ENTITY, persons), (GROUP_ENTITY, families)):
                    if writer is not None:
                        writer.write(tables[entity])
                        _count(done, entity, tables[entity])
                done.totals += part.totals
                del part, tables  # a slot's tables: read before its next partition is sent
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


def tabled_partition(
    table: pyarrow.Table,
    start: int,
    variables: Sequence[str],
    months: Sequence[str],
    reform: str | None,
    normalised: bool,
    source: str,
    number: int,
) -> PartitionResult:
    """`run_partition`, its results as the tables of the results files (`tables`), built where it
    runs; put in the slot of partition `number` when the process that sent it shares slots
    (`RESULT_SLOTS`), so that they need not cross a pipe."""
    result = run_partition(table, start, variables, months, reform, normalised, source)
    if result.problems or not variables:
        return result
    system = tax_benefit_system(reform)
    tables = {PERSON_ENTITY: result.persons_table(variables, months, system)}
    if result.families is not None:
        tables[GROUP_ENTITY] = result.families_table(variables, months, system)
    slots = inherited_or_none(RESULT_SLOTS)
    result.tables = slots.put(number, tables) if slots is not None else tables
    result.ids = result.families = None
    result.values = ChunkResult()
    return result


def _result_slots(system, variables, months, backend: Backend) -> dict:
    """What `simulate_file` shares with forked workers: a slot for each partition in flight,
    and one more, each large enough for the tables of twice a batch's persons (a partition
    passes its batch by less than a family). Nothing elsewhere: the tables are pickled."""
    if not backend.forks:
        return {}
    widths = {bool: 1, Enum: 2}  # an enum's index; a number or date at most 8, an id 16
    row_bytes, columns = 3 * 16 * len(ENTITIES), 3 * len(ENTITIES)  # each table's three ids
    for name in variables:
        row_bytes += len(months) * widths.get(system.variables[name].value_type, 8)
        columns += len(months)
    capacity = slot_capacity(2 * backend.batch_size, row_bytes, columns)
    try:
        return {RESULT_SLOTS: TableSlots(backend.window + 1, capacity)}
    except OSError:  # a system that will not reserve that much (strict overcommit): pickled
        return {}


def families_path(output: str | Path) -> Path:
    """Where the families' results of `output` go: `<stem>.familles<suffix>`."""
    output = Path(output)
    return output.with_name(f"{output.stem}.familles{output.suffix}")


def result_metadata(path, variables, months, reform, sha256: str | None = None) -> dict:
    """What a results file records of how it was computed: the package's version, the reform,
    the months and variables, and the population file (its name and SHA-256: `sha256`, or
    computed here)."""
    from importlib.metadata import version

    return {
        "package": "openfisca-residence",
        "version": version("openfisca-residence"),
        "reform": reform_key(reform),
        "reform_label": reform_label(reform_key(reform)),
        "months": list(months),
        "variables": list(variables),
        "population": {"file": str(path), "sha256": sha256 or file_sha256(path)},
    }


def _count(done: FileSimulation, entity: str, table: pyarrow.Table) -> None:
    done.counts[entity] = done.counts.get(entity, 0) + table.num_rows
    done.weight_sums.setdefault(entity, ExactSum()).add(table[WEIGHT].to_numpy())
