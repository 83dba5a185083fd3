"""One partition of a population: rows of whole families, checked, computed, weighted.

A partition is a run of consecutive rows of a population file holding whole families (a
streaming batch, a Dask partition). `run_partition` is the whole work of one partition, the same
on every backend: check the raw rows (`population.validate`), compute them (`compute_chunk`),
and sum their weighted totals exactly (`aggregates`). It is a pure, picklable function: a
worker process or a Dask worker runs it as it is, and builds the tax-benefit system once
(`microsimulation.tax_benefit_system` is cached per process).

Its `PartitionResult` holds the partition's ids, the values computed (`ChunkResult`), its
totals and, when the rows are not valid, its problems instead, with the row numbers of the whole
file. The results of a population are its partitions' results in order: the persons' rows of
each follow the partition's rows, the families' rows its families in order of first appearance.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy
import pyarrow
from openfisca_core.indexed_enums import Enum

from openfisca_residence.data.columns import family_numbers
from openfisca_residence.data.problems import PopulationError, Problem
from openfisca_residence.data.schema import (
    FAMILY_ID,
    GROUP_ENTITY,
    PERSON_ENTITY,
    PERSON_ID,
    WEIGHT,
)
from openfisca_residence.data.validation import validated_table
from openfisca_residence.simulation.aggregates import WeightedTotals, Weights
from openfisca_residence.simulation.chunk import ChunkResult, compute_chunk, reference_rows
from openfisca_residence.simulation.table_slots import Held
from openfisca_residence.system.registry import tax_benefit_system

REFERENCE_PERSON_ID = "reference_person_id"


@dataclass
class PartitionResult:
    """What one partition gives: `start` (its first row in the population, from 0), `rows`,
    `ids` (person_id, family_id, weight of its rows), `families` (family_id,
    reference_person_id, weight of its families), the values computed, the weighted totals,
    and the problems of its rows (then nothing is computed). `tables`: instead of the ids and
    values, the results files' tables of its persons and families, when they were built where
    the partition was computed (`files.tabled_partition`)."""

    start: int
    rows: int
    ids: pyarrow.Table | None = None
    families: pyarrow.Table | None = None
    values: ChunkResult = field(default_factory=ChunkResult)
    totals: WeightedTotals = field(default_factory=WeightedTotals)
    problems: list[Problem] = field(default_factory=list)
    tables: Held | dict[str, pyarrow.Table] | None = None

    def persons_table(self, variables: Sequence[str], months: Sequence[str], system=None):
        """person_id, family_id, weight and a `<variable>@<month>` column per individu variable."""
        return _table(self.ids, self.values.persons, variables, months, system, PERSON_ENTITY)

    def families_table(self, variables: Sequence[str], months: Sequence[str], system=None):
        """family_id, reference_person_id, weight and a column per famille variable."""
        return _table(self.families, self.values.families, variables, months, system, GROUP_ENTITY)


def run_partition(
    table: pyarrow.Table,
    start: int,
    variables: Sequence[str],
    months: Sequence[str],
    reform: str | None = None,
    normalised: bool = False,
    source: str = "population",
) -> PartitionResult:
    """Check, compute and weigh the rows of `table` (whole families), which start at row `start`
    of the population. `normalised`: the rows are already those of a `Population.table`."""
    system = tax_benefit_system(reform)
    rows = table.num_rows
    if not normalised:
        try:
            table = validated_table(table, system, source)
        except PopulationError as error:
            return PartitionResult(start, rows, problems=shifted(error.problems, start))
    values = compute_chunk(table, variables, months, reform)
    ids = _compact(table.select([PERSON_ID, FAMILY_ID, WEIGHT]))
    weights = ids[WEIGHT].to_numpy()
    result = PartitionResult(start, rows, ids=ids, values=values)
    _add_totals(result.totals, values.persons, Weights(weights), system)
    if any(system.variables[name].entity.key == GROUP_ENTITY for name in variables):
        families, _ = family_numbers(table[FAMILY_ID])
        references = reference_rows(table, families)
        taken = pyarrow.array(references)
        result.families = pyarrow.table(
            {
                FAMILY_ID: ids[FAMILY_ID].take(taken),
                REFERENCE_PERSON_ID: ids[PERSON_ID].take(taken),
                WEIGHT: ids[WEIGHT].take(taken),
            }
        )
        _add_totals(result.totals, values.families, Weights(weights[references]), system)
    return result


def shifted(problems: Iterable[Problem], start: int) -> list[Problem]:
    """The problems of a partition, with the row numbers of the whole population."""
    for problem in problems:
        problem.rows = numpy.asarray(problem.rows, dtype=numpy.int64) + start
    return list(problems)


def merged(problems: Iterable[Problem]) -> list[Problem]:
    """The problems of several partitions as those of one file: one per kind and column."""
    by_key: dict[tuple[str, str], Problem] = {}
    for problem in problems:
        known = by_key.get((problem.kind, problem.column))
        if known is None:
            by_key[(problem.kind, problem.column)] = problem
            continue
        known.rows = numpy.concatenate([known.rows, problem.rows])
        known.values = (known.values + problem.values)[:5]
        known.persons = (known.persons + problem.persons)[:5]
    return list(by_key.values())


def _add_totals(totals: WeightedTotals, values: dict, weights: Weights, system) -> None:
    for (name, month), array in values.items():
        definition = system.variables[name]
        if definition.value_type is Enum:
            totals.add(name, month, weights, array, len(definition.possible_values))
        elif definition.value_type in (bool, int, float):
            totals.add(name, month, weights, array)


def _compact(table: pyarrow.Table) -> pyarrow.Table:
    """A copy holding only its own rows: a slice would carry its parent's buffers when pickled."""
    return table.take(pyarrow.array(numpy.arange(table.num_rows)))


def _table(ids, values: dict, variables, months, system, entity) -> pyarrow.Table:
    """The ids, then a column per variable and month. A computed value is never missing: its
    field says so (Parquet's `required`), which spares the writer the definition levels of
    every cell (a sixth of a results table's writing)."""
    system = system or tax_benefit_system()
    fields, arrays = list(ids.schema), list(ids.columns)
    for name in variables:
        definition = system.variables[name]
        if definition.entity.key != entity:
            continue
        items = None
        if definition.value_type is Enum:
            items = pyarrow.array([item.name for item in definition.possible_values])
        for month in months:
            array = values[(name, month)]
            if items is not None:
                array = pyarrow.DictionaryArray.from_arrays(array.astype(numpy.int16), items)
            else:
                array = pyarrow.array(array)
            fields.append(pyarrow.field(f"{name}@{month}", array.type, nullable=False))
            arrays.append(array)
    return pyarrow.Table.from_arrays(arrays, schema=pyarrow.schema(fields))
