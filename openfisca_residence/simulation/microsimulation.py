"""Microsimulation: any variable, over any months, for a whole population, in bounded memory.

    from openfisca_residence.simulation import Microsimulation
    simulation = Microsimulation("population.parquet", reform=None, chunk_size=100_000)
    simulation.calculate("reside_en_france", "2024-01..2024-02")   # one row per person
    simulation.total("reside_en_france", "2024")                    # weighted, per month
    simulation.total("puma_eligible", "2024-01", by="titre_sejour")  # grouped by another variable
    simulation.calculate_many(["reside_en_france", "sejour_principal_france"], months)

Months are written as on the command line (`system.months.parse_months`): "2024-01",
"2024-01..2024-06", "2024" (its twelve months), "2024-01,2024-03", or a list of such texts.

The population is split into chunks of whole families (`chunk`), each computed by
`compute_chunk` on a backend (`backends`); the results are put back in the population's order,
with its `person_id` and `weight`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy
import pandas
import pyarrow
from openfisca_core import periods
from openfisca_core.indexed_enums import Enum

from openfisca_residence.data.population import Population, as_population
from openfisca_residence.data.schema import (
    FAMILY_ID,
    GROUP_ENTITY,
    PERSON_ENTITY,
    PERSON_ID,
    WEIGHT,
)
from openfisca_residence.simulation.aggregates import Weights
from openfisca_residence.simulation.backends import Backend, inherited, mapped, shared_empty
from openfisca_residence.simulation.chunk import (
    DEFAULT_CHUNK_SIZE,
    ChunkResult,
    check_names,
    compute_chunk,
    plan_chunks,
    reference_rows,
    row_positions,
    take_rows,
)
from openfisca_residence.system.months import parse_months
from openfisca_residence.system.registry import reform_key, tax_benefit_system

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
    `chunk_size`: persons per simulation (whole families), at most: a population smaller than
    `workers` chunks is cut in as many chunks as workers. `workers`: processes computing chunks
    side by side (None, the default: every core the process may run on; 1: in this process).
    `backend`: "local" (this process or `workers` processes) or "dask": the chunks are computed
    on a Dask cluster, a `LocalCluster` of `workers` processes started and stopped by each
    computation, or the existing cluster at `scheduler` (`tcp://host:port`); or a `Backend`.
    """

    def __init__(
        self,
        population,
        reform=None,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        workers: int | None = None,
        backend: str | Backend = "local",
        scheduler: str | None = None,
    ) -> None:
        if workers is not None and workers < 1:
            raise ValueError("workers is a number of processes, 1 or more.")
        if not isinstance(backend, Backend):
            backend = Backend(backend, workers, scheduler, chunk_size)
        self.backend = backend
        self.reform = reform_key(reform)
        self.system = tax_benefit_system(self.reform)
        self.population: Population = as_population(population, self.system)
        self.chunk_size = chunk_size
        self._families, self._family_count = self.population.families
        self._chunks = plan_chunks(
            self._families, self._family_count, backend.batch_for(len(self.population))
        )
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
        persons = self._person_arrays(missing, months)
        families = {}
        for rows, result in self._results(missing, months, persons):
            for key, values in result.persons.items():  # values not written in place
                if key not in persons or not _holds(persons[key], values):
                    persons[key] = numpy.empty(len(self.population), dtype=values.dtype)
            written_into(result, persons, rows)
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

    def _person_arrays(self, variables, months) -> dict[tuple[str, str], numpy.ndarray]:
        """The arrays of the persons' results, one a variable and month over the whole
        population, in memory the workers forked afterwards write into (`shared_empty`). Not
        for a text variable, whose values are Python objects: its chunks' values are sent back.
        An enum's codes take one byte when its items are fewer than 128, the width of pandas'
        categorical codes: `calculate_many` then decodes them without copying them (at 1M
        persons, 108 MB a comparison's parent no longer faults in and fills)."""
        arrays = {}
        for name in variables:
            variable = self.system.variables[name]
            dtype = numpy.dtype(variable.dtype)
            if variable.value_type is Enum and len(variable.possible_values) <= 128:
                dtype = numpy.dtype(numpy.int8)
            if variable.entity.key == PERSON_ENTITY and not dtype.hasobject:
                for month in months:
                    arrays[(name, month)] = shared_empty(len(self.population), dtype)
        return arrays

    def _results(self, variables, months, persons) -> Iterator[tuple[numpy.ndarray, ChunkResult]]:
        """Each chunk's rows and results, in order, on the backend: the persons' values written in
        `persons` where the chunk is computed by this process or a worker forked here, the rest
        in the chunk's result."""
        return self.map_chunks(compute_chunk, variables, months, self.reform, into=persons)

    def map_chunks(
        self, work: Callable, *arguments, into: dict | None = None
    ) -> Iterator[tuple[numpy.ndarray, object]]:
        """(rows, `work(chunk, *arguments)`) for each chunk, in order, on the backend, `work`
        a picklable function of a chunk's rows (a pyarrow Table, as `chunks` gives them).

        A worker forked here inherits the population and reads its chunk from it: a task names
        its rows. Elsewhere a task carries a copy of its rows (a pickled slice would carry the
        buffers of the whole population).

        `into` ({(variable, month): array over the population}, for a `work` that gives a
        `ChunkResult`): a chunk computed by this process or by a worker forked here writes its
        persons' values of these keys there, at its rows (`written_into`), instead of sending
        them back (at 1M persons, 300 MB pickled, piped and copied by this process while the
        workers compute); they are left out of the result."""
        backend = self.backend
        if len(self._chunks) < 2 and backend.name != "dask":
            backend = Backend(workers=1)  # no process started for one chunk
        key = f"population-{id(self)}"
        results = f"{key}-results" if into else None
        share = {key: self.population.table} | ({results: into} if into else {})
        with backend.executor(self.reform, share=share) as executor:
            if executor.inherits:
                tasks = ((work, key, rows, results, *arguments) for rows in self._chunks)
                yield from zip(self._chunks, mapped(executor, on_inherited, tasks), strict=True)
                return
            table = self.population.table
            tasks = ((table.take(pyarrow.array(rows)), *arguments) for rows in self._chunks)
            yield from zip(self._chunks, mapped(executor, work, tasks), strict=True)

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

    def total(
        self, variable: str, months: Sequence[str], by: str | None = None
    ) -> pandas.Series | pandas.DataFrame:
        """Weighted totals per month: the weighted count of True for a boolean, the weighted sum
        of a number, the weighted count of each item for an enum (a DataFrame, one row per item).
        A famille is weighted by its reference person (its first parent). Totals are exact sums
        rounded once (`aggregates`): the same floats whatever the chunks or the backend.

        `by`: a variable (an input, such as `titre_sejour` or `nationalite`, or a computed one)
        whose value of each month groups the totals: a DataFrame, one row per value (and per
        item of an enum `variable`: rows (value, item)), one column per month. A famille's
        total is grouped by its reference person's value; a person's by their family's.
        """
        months = _months(months)
        self.compute([variable] if by is None else [variable, by], months)
        entity = self._entity(variable)
        weights = self._exact_weights(entity)
        definition = self.system.variables[variable]
        if definition.value_type not in (bool, int, float, Enum):
            raise ValueError(f"{variable} holds {definition.value_type.__name__}s: no total.")
        if by is None:
            if definition.value_type is Enum:
                return pandas.DataFrame(
                    {month: self._item_totals(weights, variable, month) for month in months},
                    index=[item.name for item in definition.possible_values],
                )
            totals = {
                month: weights.total(self._values[(variable, month)]).value for month in months
            }
            return pandas.Series(totals, name=variable)
        return self._grouped_totals(weights, variable, months, by, entity)

    def _item_totals(self, weights: Weights, variable: str, month: str, where=True) -> list[float]:
        items = len(self.system.variables[variable].possible_values)
        codes = numpy.where(where, self._values[(variable, month)], -1)
        return [total.value for total in weights.counts(codes, items)]

    def _grouped_totals(self, weights, variable, months, by, entity) -> pandas.DataFrame:
        definition = self.system.variables[variable]
        columns = {}
        for month in months:
            groups = self._values_on(by, month, entity)
            decoded = pandas.Series(self._decoded_values(by, groups)).astype(str).to_numpy()
            for group in sorted(set(decoded)):
                where = decoded == group
                if definition.value_type is Enum:
                    totals = self._item_totals(weights, variable, month, where)
                    for item, value in zip(definition.possible_values, totals, strict=True):
                        columns.setdefault(month, {})[(group, item.name)] = value
                else:
                    values = numpy.where(where, self._values[(variable, month)], 0)
                    columns.setdefault(month, {})[group] = weights.total(values).value
        frame = pandas.DataFrame(columns).fillna(0.0)
        frame.index.names = [by, variable] if definition.value_type is Enum else [by]
        return frame.reindex(columns=months, fill_value=0.0)

    def _values_on(self, variable: str, month: str, entity: str) -> numpy.ndarray:
        """`variable`'s values of the month, one per unit of `entity` (persons or families)."""
        values = self._values[(variable, month)]
        own = self._entity(variable)
        if own == entity:
            return values
        if entity == GROUP_ENTITY:  # a family takes its reference person's value
            return values[self._reference_rows]
        return values[self._families]  # a person takes their family's

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
        """The ids and weights of the rows of a result: persons (`person_id`, `family_id`,
        `weight`), or families (`family_id`, `reference_person_id`, `weight`). Ids keep the
        file's type; a person alone in the file (no `family_id`) has a family of their own: the
        next whole number after the file's largest, or `individu-<person_id>` for text ids."""
        table = self.population.table
        family_ids = self._family_ids
        person_ids = table[PERSON_ID].to_pandas()
        if entity == PERSON_ENTITY:
            return pandas.DataFrame(
                {PERSON_ID: person_ids, FAMILY_ID: family_ids, WEIGHT: self.population.weights}
            )
        rows = self._reference_rows
        return pandas.DataFrame(
            {
                FAMILY_ID: family_ids.iloc[rows].reset_index(drop=True),
                "reference_person_id": person_ids.iloc[rows].reset_index(drop=True),
                WEIGHT: self.population.weights[rows],
            }
        )

    @cached_property
    def _family_ids(self) -> pandas.Series:
        table = self.population.table
        ids = table[FAMILY_ID].to_pandas()
        alone = ids.isna().to_numpy()
        if pyarrow.types.is_integer(table.schema.field(FAMILY_ID).type) or not alone.any():
            if not alone.any():
                return ids.astype(numpy.int64) if ids.dtype.kind in "if" else ids
            largest = int(ids.max()) if (~alone).any() else 0
            filled = ids.to_numpy(dtype=numpy.float64, na_value=numpy.nan).copy()
            filled[alone] = largest + 1 + numpy.arange(int(alone.sum()))
            return pandas.Series(filled.astype(numpy.int64), name=FAMILY_ID)
        persons = table[PERSON_ID].to_pandas().astype(str)
        return ids.where(~alone, "individu-" + persons).rename(FAMILY_ID)

    def _entity(self, variable: str) -> str:
        return self.system.variables[variable].entity.key

    def _decoded(self, variable: str, month: str):
        return self._decoded_values(variable, self._values[(variable, month)])

    def _decoded_values(self, variable: str, values: numpy.ndarray):
        definition = self.system.variables[variable]
        if definition.value_type is Enum:  # the codes are the items' indexes: no need to check
            dtype = pandas.CategoricalDtype([item.name for item in definition.possible_values])
            return pandas.Categorical.from_codes(values, dtype=dtype, validate=False)
        return values


def on_inherited(work: Callable, key: str, rows, results: str | None, *arguments):
    """`work` on some rows of a population the worker inherited (`backends.inherited`); its
    persons' values written into the inherited arrays `results` when given (`written_into`)."""
    result = work(take_rows(inherited(key), rows), *arguments)
    return result if results is None else written_into(result, inherited(results), rows)


def written_into(result: ChunkResult, arrays: dict, rows) -> ChunkResult:
    """`result` less its persons' values of the keys of `arrays` (of the same type), written there
    at the chunk's `rows`."""
    where = row_positions(rows)
    for key, values in list(result.persons.items()):
        target = arrays.get(key)
        if target is not None and _holds(target, values):
            target[where] = values
            del result.persons[key]
    return result


def _holds(target: numpy.ndarray, values: numpy.ndarray) -> bool:
    """Whether `target` takes `values` as they are: the same type, or an enum's codes in fewer
    bytes (`Microsimulation._person_arrays`)."""
    return target.dtype == values.dtype or (target.dtype.kind == values.dtype.kind == "i")


def _months(months) -> list[str]:
    """Months as the command line writes them (`parse_months`): a text, or a list of texts."""
    if isinstance(months, str):
        months = [months]
    found = []
    for text in months:
        found += parse_months(str(text), "months")
    return list(dict.fromkeys(found))
