"""Microsimulation: any variable, over any months, for a whole population, in bounded memory.

    from openfisca_residence.microsimulation import Microsimulation
    simulation = Microsimulation("population.parquet", reform=None, chunk_size=100_000)
    simulation.calculate("reside_en_france", ["2024-01", "2024-02"])   # one row per person
    simulation.total("reside_en_france", ["2024-01", "2024-02"])       # weighted, per month
    simulation.calculate_many(["reside_en_france", "sejour_principal_france"], months)

The persons are split into chunks of whole families. Each chunk is one vectorial OpenFisca
simulation, built from whole columns (`SimulationBuilder.declare_person_entity`,
`declare_entity`, `join_with_persons`, then `Simulation.set_input(variable, period, array)`),
computed, then dropped: memory grows with the chunk size, not with the population. The results
are put back in the population's order, with its `person_id` and `weight`.

`compute_chunk(table, variables, months, reform)` is the whole computation of one chunk: a pure
function of the chunk's rows (a normalised `Population.table` slice holding whole families),
picklable with its arguments, whose result follows the rows of the chunk. A process pool, Parquet
row groups or Dask partitions map it without change: a raw batch of rows is normalised by
`population.validate(batch).table`, then given to `compute_chunk`. The reform travels by name
(`module:attribute`), and the tax-benefit system, with its reform, is built once per process and
cached (`tax_benefit_system`).
"""

from __future__ import annotations

import difflib
import importlib
import multiprocessing
import pkgutil
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache

import numpy
import pandas
import pyarrow
import pyarrow.compute as pc
from openfisca_core import periods
from openfisca_core.indexed_enums import Enum, EnumArray
from openfisca_core.periods import DateUnit
from openfisca_core.simulations import SimulationBuilder

from openfisca_residence.aggregates import Weights
from openfisca_residence.parametric_reforms import reform_from_file
from openfisca_residence.population import (
    FAMILY_ID,
    FAMILY_ROLE,
    GROUP_ENTITY,
    PARENT,
    PERSON_ENTITY,
    PERSON_ID,
    WEIGHT,
    InputColumn,
    Population,
    as_population,
    default_value,
    family_numbers,
    input_variables,
    split_column,
)

DEFAULT_CHUNK_SIZE = 100_000  # persons per simulation: see docs/population-format.md
REFORMS_PACKAGE = "openfisca_residence.reforms"


# ---------------------------------------------------------------------------------------------
# The tax-benefit system, once per process


def reform_key(reform) -> str | None:
    """A picklable name for a reform: None, `module:attribute`, or a reform of the package.

    A reform given as a class or a function defined at the top level of a module is named after
    it, so that another process can import it again.
    """
    if reform is None or isinstance(reform, str):
        return reform
    module, name = getattr(reform, "__module__", None), getattr(reform, "__qualname__", "")
    if module and name and "<locals>" not in name:
        return f"{module}:{name}"
    raise ValueError(
        f"The reform {reform!r} cannot be named: define it at the top level of a module, "
        "or give its name as 'module:attribute'."
    )


def resolve_reform(key: str) -> Callable:
    """The reform named `key`: a reform of the package (`fin_droits_expiration_sejour`), with a date
    of effect (`fin_droits_expiration_sejour@2026-07-01`), a parametric reform file
    (`reform.yaml`), or `module:attribute` / `module.attribute`."""
    if key.endswith((".yaml", ".yml")):
        return reform_from_file(key)
    name, _, date_of_effect = key.partition("@")
    if ":" in name:
        module, attribute = name.split(":", 1)
    elif "." in name:
        module, attribute = name.rsplit(".", 1)
    else:  # `fin_droits_expiration_sejour`: openfisca_residence.reforms.<name>.<name>
        module, attribute = f"{REFORMS_PACKAGE}.{name}", name
    try:
        found = importlib.import_module(module)
        for part in attribute.split("."):
            found = getattr(found, part)
    except (ImportError, AttributeError) as error:
        known = package_reforms()
        closest = difflib.get_close_matches(name, known, n=1)
        hint = f" Did you mean '{closest[0]}'?" if closest else ""
        raise ValueError(
            f"Unknown reform '{key}': give the name of a reform of {REFORMS_PACKAGE} "
            f"({', '.join(known)}), a YAML parametric reform file, or 'module:attribute' "
            f"({error}).{hint}"
        ) from error
    if date_of_effect:
        if not hasattr(found, "au"):
            raise ValueError(f"The reform '{name}' takes no date of effect ('@{date_of_effect}').")
        found = found.au(date_of_effect)
    return found


def reform_label(key: str | None) -> str | None:
    """The reform as a reader knows it: a parametric reform file by its `nom`, others by their key."""
    if key is None or not key.endswith((".yaml", ".yml")):
        return key
    return getattr(resolve_reform(key), "nom", None) or key


def package_reforms() -> list[str]:
    """The reforms of the package: its modules that define a reform of their own name."""
    package = importlib.import_module(REFORMS_PACKAGE)
    return [
        module.name
        for module in pkgutil.iter_modules(package.__path__)
        if not module.ispkg
        and hasattr(importlib.import_module(f"{REFORMS_PACKAGE}.{module.name}"), module.name)
    ]


@lru_cache(maxsize=8)
def tax_benefit_system(reform: str | None = None):
    """The country's tax-benefit system, with the named reform applied; built once per process."""
    from openfisca_residence import CountryTaxBenefitSystem

    if reform is None:
        return CountryTaxBenefitSystem()
    return resolve_reform(reform)(tax_benefit_system(None))


# ---------------------------------------------------------------------------------------------
# One chunk


@dataclass
class ChunkResult:
    """The values computed for one chunk: `persons[(variable, month)]` follows the chunk's rows,
    `families[(variable, month)]` the chunk's families in order of first appearance."""

    persons: dict[tuple[str, str], numpy.ndarray] = field(default_factory=dict)
    families: dict[tuple[str, str], numpy.ndarray] = field(default_factory=dict)


def _numpy(column: pyarrow.Array, variable, fallback) -> numpy.ndarray:
    """The column as the variable's array, an empty cell taking the fallback (array or value)."""
    if column.null_count:
        if isinstance(fallback, numpy.ndarray):
            fallback = pyarrow.array(fallback, type=column.type)
        column = pc.coalesce(column, fallback)
    values = column.to_numpy(zero_copy_only=False)
    if variable.value_type is Enum:
        return EnumArray(values.astype(numpy.int16, copy=False), variable.possible_values)
    return values


def _chunk_array(column) -> pyarrow.Array:
    if isinstance(column, pyarrow.ChunkedArray):
        return column.combine_chunks() if column.num_chunks != 1 else column.chunk(0)
    return column


def build_simulation(table: pyarrow.Table, system):
    """One vectorial simulation of the persons of `table` (whole families), inputs from its columns."""
    person_ids = _chunk_array(table[PERSON_ID]).to_numpy(zero_copy_only=False)
    families, family_count = family_numbers(table[FAMILY_ID])
    roles = _chunk_array(table[FAMILY_ROLE]).to_numpy(zero_copy_only=False).astype(numpy.int64)

    builder = SimulationBuilder()
    builder.create_entities(system)
    builder.declare_person_entity(PERSON_ENTITY, person_ids)
    group = builder.declare_entity(GROUP_ENTITY, numpy.arange(family_count))
    builder.join_with_persons(group, families, roles)
    simulation = builder.build(system)

    inputs = input_variables(system)
    by_variable: dict[str, list[InputColumn]] = {}
    for name in table.column_names:
        variable, month = split_column(name)
        if variable in inputs:
            by_variable.setdefault(variable, []).append(InputColumn(name, variable, month))
    for name, columns in by_variable.items():
        variable = inputs[name]
        default = default_value(variable)
        every_month = next((c for c in columns if c.month is None), None)
        base = default
        if every_month is not None:
            column = _chunk_array(table[every_month.name])
            if column.null_count < len(column):
                base = _numpy(column, variable, default)
                simulation.set_input(name, periods.period(DateUnit.ETERNITY), base)
        if isinstance(base, EnumArray):
            base = numpy.asarray(base)
        for column_of_month in (c for c in columns if c.month is not None):
            column = _chunk_array(table[column_of_month.name])
            if column.null_count == len(column) and every_month is None:
                continue
            simulation.set_input(name, column_of_month.month, _numpy(column, variable, base))
    return simulation


def compute_chunk(
    table: pyarrow.Table,
    variables: Sequence[str],
    months: Sequence[str],
    reform: str | None = None,
) -> ChunkResult:
    """Compute `variables` for `months` on the persons of `table`, whole families, in one simulation.

    A pure function: the result depends only on the arguments and follows the rows of `table`
    (individu variables) or its families in order of first appearance (famille variables).
    """
    system = tax_benefit_system(reform)
    simulation = build_simulation(table, system)
    result = ChunkResult()
    try:
        for name in variables:
            entity = system.variables[name].entity.key
            target = result.persons if entity == PERSON_ENTITY else result.families
            for month in months:
                values = simulation.calculate(name, month)
                target[(name, month)] = numpy.asarray(values)
    finally:
        release(simulation)
    return result


def release(simulation) -> None:
    """Drop the arrays of a simulation now. It holds reference cycles (populations ↔ holders),
    which Python frees only at its next cyclic collection: several chunks' arrays would pile up."""
    for population in simulation.populations.values():
        population._holders.clear()


def check_names(names: Iterable[str], system) -> None:
    """Raise VariableNotFoundError, with the closest existing name, for an unknown variable."""
    from openfisca_residence.core_adjustments import UnknownNameError

    for name in names:
        if name not in system.variables:
            raise UnknownNameError(name, system)


# ---------------------------------------------------------------------------------------------
# Chunks of whole families


def plan_chunks(families: numpy.ndarray, family_count: int, chunk_size: int) -> list[numpy.ndarray]:
    """The rows of each chunk: whole families, about `chunk_size` persons, rows in input order.

    Families are taken in order of first appearance; a family goes whole into the chunk where it
    starts, so that a chunk may pass `chunk_size` by less than one family.
    """
    if chunk_size < 1:
        raise ValueError("chunk_size is a number of persons, 1 or more.")
    if not len(families):
        return []
    sizes = numpy.bincount(families, minlength=family_count)
    starts = numpy.cumsum(sizes) - sizes
    chunk_of_family = starts // chunk_size
    chunk_of_row = chunk_of_family[families]
    order = numpy.argsort(chunk_of_row, kind="stable")
    bounds = numpy.flatnonzero(numpy.diff(chunk_of_row[order])) + 1
    return numpy.split(order, bounds)


def take_rows(table: pyarrow.Table, rows: numpy.ndarray) -> pyarrow.Table:
    """The rows of a chunk: a zero-copy slice when they follow each other, a copy otherwise."""
    if len(rows) and rows[-1] - rows[0] + 1 == len(rows):
        return table.slice(int(rows[0]), len(rows))
    return table.take(pyarrow.array(rows))


# ---------------------------------------------------------------------------------------------
# The whole population


@dataclass
class Results:
    """The values of several variables: `persons` (one row per person, in the population's
    order) and `families` (one row per family, in order of first appearance), each with
    `<variable>@<month>` columns beside the ids and the weight."""

    persons: pandas.DataFrame
    families: pandas.DataFrame


class Microsimulation:
    """Variables of a whole population over months, computed chunk by chunk.

    `population`: a `Population`, a CSV or Parquet path, a pyarrow Table or a pandas DataFrame
    (validated first). `reform`: None, a reform (an OpenFisca `Reform` class or a function
    taking and returning a tax-benefit system, defined at the top level of a module), or its name
    (`module:attribute`, or the name of a reform of `openfisca_residence.reforms`).
    `chunk_size`: persons per simulation (whole families). `workers`: processes computing chunks
    side by side (1: in this process); each builds the tax-benefit system once.
    `backend`: "local" (this process or `workers` processes) or "dask": the chunks are computed
    on a Dask cluster (`dask_backend`), a `LocalCluster` of `workers` processes started and
    stopped by each computation, or the existing cluster at `scheduler` (`tcp://host:port`).
    """

    def __init__(
        self,
        population,
        reform=None,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        workers: int = 1,
        backend: str = "local",
        scheduler: str | None = None,
    ) -> None:
        if workers < 1:
            raise ValueError("workers is a number of processes, 1 or more.")
        if backend not in ("local", "dask"):
            raise ValueError(f"Unknown backend '{backend}': local or dask.")
        self.workers = workers
        self.backend = "dask" if scheduler else backend
        self.scheduler = scheduler
        self.reform = reform_key(reform)
        self.system = tax_benefit_system(self.reform)
        self.population: Population = as_population(population, self.system)
        self.chunk_size = chunk_size
        self._families, self._family_count = self.population.families
        self._chunks = plan_chunks(self._families, self._family_count, chunk_size)
        self._values: dict[tuple[str, str], numpy.ndarray] = {}

    # -- chunks

    @property
    def chunk_count(self) -> int:
        return len(self._chunks)

    def chunks(self) -> Iterable[pyarrow.Table]:
        """The normalised rows of each chunk, in order (the arguments of `compute_chunk`)."""
        for rows in self._chunks:
            yield take_rows(self.population.table, rows)

    # -- computing

    def compute(
        self,
        variables: Sequence[str],
        months: Sequence[str],
        progress: Callable[[int], None] | None = None,
    ) -> None:
        """Compute what is not yet known of `variables` × `months`, one pass over the chunks.

        `progress(persons)` is called after each chunk with the number of its persons.
        """
        variables, months = list(variables), [str(periods.period(m)) for m in months]
        check_names(variables, self.system)
        missing = [v for v in variables if any((v, m) not in self._values for m in months)]
        if not missing:
            return
        for name in missing:
            if self.system.variables[name].entity.key not in (PERSON_ENTITY, GROUP_ENTITY):
                raise ValueError(f"{name}: only individu and famille variables are computed.")
        persons = {}
        families = {}
        for rows, result in self._results(missing, months):
            for key, values in result.persons.items():
                if key not in persons:
                    persons[key] = numpy.empty(len(self.population), dtype=values.dtype)
                persons[key][rows] = values
            for key, values in result.families.items():
                families.setdefault(key, []).append(values)
            del result
            if progress is not None:
                progress(len(rows))
        self._values.update(persons)
        for key, parts in families.items():
            self._values[key] = numpy.concatenate(parts)
        for name in missing:  # an empty population
            dtype = numpy.int16 if self.system.variables[name].value_type is Enum else None
            for month in months:
                self._values.setdefault(
                    (name, month), numpy.empty(0, dtype or self.system.variables[name].dtype)
                )

    def _results(self, variables, months) -> Iterator[tuple[numpy.ndarray, ChunkResult]]:
        """Each chunk's rows and results, in order: here, in `workers` processes, or on Dask."""
        if self.backend == "dask":
            from openfisca_residence.dask_backend import cluster, table_results

            tables = ((0, self.population.table.take(pyarrow.array(r))) for r in self._chunks)
            with cluster(self.scheduler, self.workers) as client:
                parts = table_results(client, tables, variables, months, self.reform)
                for rows, part in zip(self._chunks, parts, strict=True):
                    yield rows, part.values
            return
        if self.workers == 1 or len(self._chunks) == 1:
            for rows in self._chunks:
                yield (
                    rows,
                    compute_chunk(
                        take_rows(self.population.table, rows), variables, months, self.reform
                    ),
                )
            return
        context = multiprocessing.get_context("spawn")  # no fork of Arrow's threads
        with ProcessPoolExecutor(self.workers, mp_context=context) as pool:
            pending = deque()
            chunks = iter(self._chunks)
            for rows in chunks:  # at most 2 chunks a worker in flight: memory stays bounded
                # A copy: a pickled slice would carry the buffers of the whole population.
                table = self.population.table.take(pyarrow.array(rows))
                pending.append(
                    (rows, pool.submit(compute_chunk, table, variables, months, self.reform))
                )
                del table
                if len(pending) >= 2 * self.workers:
                    rows_done, future = pending.popleft()
                    yield rows_done, future.result()
            while pending:
                rows_done, future = pending.popleft()
                yield rows_done, future.result()

    def calculate(self, variable: str, months: Sequence[str]) -> pandas.DataFrame:
        """One row per person (or per family for a famille variable), one column per month."""
        months = _months(months)
        self.compute([variable], months)
        frame = self._frame(self.system.variables[variable].entity.key)
        for month in months:
            frame[month] = self._decoded(variable, month)
        return frame

    def calculate_many(
        self,
        variables: Sequence[str],
        months: Sequence[str],
        progress: Callable[[int], None] | None = None,
    ) -> Results:
        """Several variables at once (one pass over the chunks): columns `<variable>@<month>`."""
        months = _months(months)
        self.compute(variables, months, progress)
        columns = {PERSON_ENTITY: {}, GROUP_ENTITY: {}}
        for name in variables:
            for month in months:
                columns[self._entity(name)][f"{name}@{month}"] = self._decoded(name, month)
        persons, families = (
            pandas.concat(
                [self._frame(entity), pandas.DataFrame(columns[entity], copy=False)], axis=1
            )
            for entity in (PERSON_ENTITY, GROUP_ENTITY)
        )
        return Results(persons, families)

    def total(self, variable: str, months: Sequence[str]) -> pandas.Series | pandas.DataFrame:
        """Weighted totals per month: the weighted count of True for a boolean, the weighted sum
        of a number, the weighted count of each item for an enum (a DataFrame, one row per item).
        A famille is weighted by its reference person (its first parent). Totals are exact sums
        rounded once (`aggregates`): the same floats whatever the chunks or the backend."""
        months = _months(months)
        self.compute([variable], months)
        weights = self._exact_weights(self._entity(variable))
        definition = self.system.variables[variable]
        if definition.value_type is Enum:
            items = list(definition.possible_values)
            counts = {
                month: [
                    total.value
                    for total in weights.counts(self._values[(variable, month)], len(items))
                ]
                for month in months
            }
            return pandas.DataFrame(counts, index=[item.name for item in items])
        if definition.value_type not in (bool, int, float):
            raise ValueError(f"{variable} holds {definition.value_type.__name__}s: no total.")
        totals = {month: weights.total(self._values[(variable, month)]).value for month in months}
        return pandas.Series(totals, name=variable)

    def _exact_weights(self, entity: str) -> Weights:
        """The weights of the entity, ready for exact totals (see `aggregates`)."""
        if not hasattr(self, "_weights_of"):
            self._weights_of = {}
        if entity not in self._weights_of:
            self._weights_of[entity] = Weights(self.weights(entity))
        return self._weights_of[entity]

    # -- ids and weights

    def entity_size(self, entity: str = PERSON_ENTITY) -> tuple[int, float]:
        """The rows of the entity (persons, families) and the sum of their weights."""
        weights = self.weights(entity)
        return len(weights), float(weights.sum())

    def weights(self, entity: str = PERSON_ENTITY) -> numpy.ndarray:
        weights = self.population.weights
        return weights if entity == PERSON_ENTITY else weights[self._reference_rows]

    @property
    def _reference_rows(self) -> numpy.ndarray:
        """The row of each family's reference person: its first parent (else its first member)."""
        if not hasattr(self, "_references"):
            self._references = reference_rows(self.population.table, self._families)
        return self._references

    def _frame(self, entity: str) -> pandas.DataFrame:
        table = self.population.table
        if entity == PERSON_ENTITY:
            return pandas.DataFrame(
                {
                    PERSON_ID: table[PERSON_ID].to_pandas(),
                    FAMILY_ID: table[FAMILY_ID].to_pandas(),
                    WEIGHT: self.population.weights,
                }
            )
        rows = pyarrow.array(self._reference_rows)
        return pandas.DataFrame(
            {
                FAMILY_ID: table[FAMILY_ID].take(rows).to_pandas(),
                "reference_person_id": table[PERSON_ID].take(rows).to_pandas(),
                WEIGHT: self.population.weights[self._reference_rows],
            }
        )

    def _entity(self, variable: str) -> str:
        return self.system.variables[variable].entity.key

    def _decoded(self, variable: str, month: str):
        values = self._values[(variable, month)]
        definition = self.system.variables[variable]
        if definition.value_type is Enum:  # the codes are the items' indexes: no need to check
            dtype = pandas.CategoricalDtype([item.name for item in definition.possible_values])
            return pandas.Categorical.from_codes(values, dtype=dtype, validate=False)
        return values


def reference_rows(table: pyarrow.Table, families: numpy.ndarray) -> numpy.ndarray:
    """The row of each family's reference person, families in order of first appearance: its
    first parent (else its first member). `families` numbers the rows' families from 0."""
    roles = _chunk_array(table[FAMILY_ROLE]).to_numpy(zero_copy_only=False)
    rows = numpy.arange(len(families))
    priority = numpy.where(roles == PARENT, rows, rows + len(rows))  # parents first
    order = numpy.argsort(priority, kind="stable")
    _, first = numpy.unique(families[order], return_index=True)
    return order[first]


def _months(months) -> list[str]:
    if isinstance(months, str):
        months = [months]
    return [str(periods.period(month)) for month in months]
