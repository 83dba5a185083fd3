"""Microsimulation: any variable, over any months, for a whole population, in bounded memory.

    from openfisca_residence.simulation import Microsimulation
    simulation = Microsimulation("population.parquet", reform=None, chunk_size=100_000)
    simulation.calculate("reside_en_france", ["2024-01", "2024-02"])   # one row per person
    simulation.total("reside_en_france", ["2024-01", "2024-02"])       # weighted, per month
    simulation.calculate_many(["reside_en_france", "sejour_principal_france"], months)

The population is split into chunks of whole families (`chunk`), each computed by
`compute_chunk` on a backend (`backends`); the results are put back in the population's order,
with its `person_id` and `weight`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

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
from openfisca_residence.simulation.backends import Backend, mapped
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
    `chunk_size`: persons per simulation (whole families). `workers`: processes computing chunks
    side by side (1: in this process); each builds the tax-benefit system once.
    `backend`: "local" (this process or `workers` processes) or "dask": the chunks are computed
    on a Dask cluster, a `LocalCluster` of `workers` processes started and stopped by each
    computation, or the existing cluster at `scheduler` (`tcp://host:port`); or a `Backend`.
    """

    def __init__(
        self,
        population,
        reform=None,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        workers: int = 1,
        backend: str | Backend = "local",
        scheduler: str | None = None,
    ) -> None:
        if workers < 1:
            raise ValueError("workers is a number of processes, 1 or more.")
        if not isinstance(backend, Backend):
            backend = Backend(backend, workers, scheduler, chunk_size)
        self.backend = backend
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
            where = row_positions(rows)
            for key, values in result.persons.items():
                if key not in persons:
                    persons[key] = numpy.empty(len(self.population), dtype=values.dtype)
                persons[key][where] = values
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
        """Each chunk's rows and results, in order, on the backend."""
        backend = self.backend
        if len(self._chunks) < 2 and backend.name != "dask":
            backend = Backend()  # no process started for one chunk
        table = self.population.table
        # A chunk sent to another process is a copy: a slice would carry the whole population.
        tasks = (
            (
                table.take(pyarrow.array(rows)) if backend.distributed else take_rows(table, rows),
                variables,
                months,
                self.reform,
            )
            for rows in self._chunks
        )
        with backend.executor(self.reform) as executor:
            yield from zip(self._chunks, mapped(executor, compute_chunk, tasks), strict=True)

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


def _months(months) -> list[str]:
    if isinstance(months, str):
        months = [months]
    return [str(periods.period(month)) for month in months]
