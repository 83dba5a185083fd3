"""One chunk of a population: one vectorial OpenFisca simulation of whole families.

The persons are split into chunks of whole families (`plan_chunks`). Each chunk is one vectorial
OpenFisca simulation, built from whole columns (the populations' ids, families and roles, as
`SimulationBuilder.declare_person_entity`, `declare_entity` and `join_with_persons` would set them,
then `Simulation.set_input(variable, period, array)`), computed, then dropped: memory grows with
the chunk size, not with the population.

`compute_chunk(table, variables, months, reform)` is the whole computation of one chunk: a pure
function of the chunk's rows (a normalised `Population.table` slice holding whole families),
picklable with its arguments, whose result follows the rows of the chunk. A process pool, Parquet
row groups or Dask partitions map it without change: a raw batch of rows is normalised by
`validate(batch).table`, then given to `compute_chunk`. The reform travels by name, and the
tax-benefit system, with its reform, is built once per process (`system.registry`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy
import pyarrow
import pyarrow.compute as pc
from openfisca_core import periods
from openfisca_core.indexed_enums import Enum, EnumArray
from openfisca_core.periods import DateUnit
from openfisca_core.simulations import Simulation

from openfisca_residence.data.columns import (
    bits,
    family_numbers,
    plain_values,
    single_array,
    with_fallback,
)
from openfisca_residence.data.schema import (
    FAMILY_ID,
    FAMILY_ROLE,
    GROUP_ENTITY,
    PARENT,
    PERSON_ENTITY,
    PERSON_ID,
    InputColumn,
    default_value,
    input_variables,
    split_column,
)
from openfisca_residence.rules.countries import codes_taken
from openfisca_residence.system.errors import UnknownNameError
from openfisca_residence.system.registry import tax_benefit_system

DEFAULT_CHUNK_SIZE = 100_000  # persons per simulation: see docs/population-format.md


@dataclass
class ChunkResult:
    """The values computed for one chunk: `persons[(variable, month)]` follows the chunk's rows,
    `families[(variable, month)]` the chunk's families in order of first appearance."""

    persons: dict[tuple[str, str], numpy.ndarray] = field(default_factory=dict)
    families: dict[tuple[str, str], numpy.ndarray] = field(default_factory=dict)


def _filled(column: pyarrow.Array, fallback) -> pyarrow.Array:
    """The column, an empty cell taking the fallback (an Arrow array of the same type, or a value)."""
    return pc.coalesce(column, fallback) if column.null_count else column


def _numpy(column: pyarrow.Array, variable) -> numpy.ndarray:
    """A column without empty cells as the variable's array."""
    if pyarrow.types.is_string(column.type) or pyarrow.types.is_large_string(column.type):
        # The few distinct texts made once, then taken by each row: one Python string per row
        # costs half as much again (a nationality, read every month; the country codes'
        # numbers, which the rules compare, read from the distinct codes too).
        encoded = pc.dictionary_encode(column)
        texts = encoded.dictionary.to_numpy(zero_copy_only=False)
        return codes_taken(texts, encoded.indices.to_numpy(zero_copy_only=False))
    if pyarrow.types.is_boolean(column.type) and len(column) and not column.null_count:
        # Arrow keeps booleans as bits, unpacked here at once (Arrow's conversion: ten times
        # slower, for the many monthly facts).
        return bits(column.buffers()[1], column.offset, len(column))
    return _typed(column.to_numpy(zero_copy_only=False), variable)


def _typed(values: numpy.ndarray, variable) -> numpy.ndarray:
    if variable.value_type is Enum:
        return EnumArray(values.astype(numpy.int16, copy=False), variable.possible_values)
    return values


def _month_values(column: pyarrow.Array, variable, fallback, fallback_values) -> numpy.ndarray:
    """A month's column as the variable's array, an empty cell taking the fallback (`_filled`;
    `fallback_values`: the same as numpy). A number, date or boolean is filled in numpy, from the
    column's buffers (`plain_values`)."""
    read = plain_values(column) if column.null_count else None
    if read is None:
        return _numpy(_filled(column, fallback), variable)
    values, given = read
    return _typed(with_fallback(values, given, fallback_values), variable)


def empty_simulation(table: pyarrow.Table, system, simulation_type=Simulation):
    """A simulation (of `simulation_type`) of the persons and families of `table`, no input set."""
    person_ids = single_array(table[PERSON_ID]).to_numpy(zero_copy_only=False)
    families, family_count = family_numbers(table[FAMILY_ID])
    roles = single_array(table[FAMILY_ROLE]).to_numpy(zero_copy_only=False).astype(numpy.int64)

    populations = _populations(system, person_ids, families, family_count, roles)
    return simulation_type(system, populations)


def build_simulation(table: pyarrow.Table, system, simulation_type=Simulation):
    """One vectorial simulation of the persons of `table` (whole families), inputs from its columns."""
    simulation = empty_simulation(table, system, simulation_type)
    # The columns were checked when the population was validated (`data.validation`, with the
    # same domains): set as they are, then any later input is checked again.
    for population in simulation.populations.values():
        population.inputs_checked = True
    try:
        _set_inputs(simulation, table, system)
    finally:
        for population in simulation.populations.values():
            population.inputs_checked = False
    return simulation


def _set_inputs(simulation, table: pyarrow.Table, system) -> None:
    inputs = input_variables(system)
    by_variable: dict[str, list[InputColumn]] = {}
    for name in table.column_names:
        variable, month = split_column(name)
        if variable in inputs:
            by_variable.setdefault(variable, []).append(InputColumn(name, variable, month))
    for name, columns in by_variable.items():
        variable = inputs[name]
        # A month's empty cell takes the every-month column's value, else the default.
        fallback = fallback_values = default_value(variable)
        every_month = next((c for c in columns if c.month is None), None)
        if every_month is not None:
            column = single_array(table[every_month.name])
            if column.null_count < len(column):
                fallback = _filled(column, fallback)  # once for all its months
                fallback_values = _numpy(fallback, variable)
                simulation.set_input(name, periods.period(DateUnit.ETERNITY), fallback_values)
        for column_of_month in (c for c in columns if c.month is not None):
            column = single_array(table[column_of_month.name])
            if column.null_count == len(column) and every_month is None:
                continue
            simulation.set_input(
                name,
                column_of_month.month,
                _month_values(column, variable, fallback, fallback_values),
            )


def _populations(system, person_ids, families, family_count, roles) -> dict:
    """The persons and their families, as Core's `SimulationBuilder` sets them from the same
    columns (`declare_person_entity`, `declare_entity`, `join_with_persons`), without its
    conversions: it goes through a Python list of the ids (35 ms for 100,000 persons) and
    sorts the families again, which `family_numbers` already numbers 0, 1, ... in order."""
    populations = system.instantiate_entities()
    persons = populations[PERSON_ENTITY]
    persons.ids, persons.count = person_ids, len(person_ids)
    group = populations[GROUP_ENTITY]
    group.ids, group.count = numpy.arange(family_count), family_count
    group.members_entity_id = families
    group.members_role = numpy.array(group.entity.flattened_roles)[roles]
    return populations


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
    simulation = build_simulation(table, tax_benefit_system(reform))
    try:
        return calculated(simulation, variables, months)
    finally:
        release(simulation)


def calculated(simulation, variables: Sequence[str], months: Sequence[str]) -> ChunkResult:
    """`variables` for `months`, computed by `simulation`."""
    result = ChunkResult()
    for name in variables:
        entity = simulation.tax_benefit_system.variables[name].entity.key
        target = result.persons if entity == PERSON_ENTITY else result.families
        for month in months:
            target[(name, month)] = numpy.asarray(simulation.calculate(name, month))
    return result


def release(simulation) -> None:
    """Drop the arrays of a simulation now. It holds reference cycles (populations ↔ holders),
    which Python frees only at its next cyclic collection: several chunks' arrays would pile up."""
    for population in simulation.populations.values():
        population._holders.clear()


def check_names(names: Iterable[str], system) -> None:
    """Raise VariableNotFoundError, with the closest existing name, for an unknown variable."""
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
    where = row_positions(rows)
    if isinstance(where, slice):
        return table.slice(where.start, where.stop - where.start)
    return table.take(pyarrow.array(rows))


def row_positions(rows: numpy.ndarray) -> slice | numpy.ndarray:
    """A chunk's rows (increasing, `plan_chunks`) as a slice when they follow each other: reading
    or writing by a slice copies blocks, by an array of rows one value at a time (100 times
    slower)."""
    if len(rows) and rows[-1] - rows[0] + 1 == len(rows):
        return slice(int(rows[0]), int(rows[-1]) + 1)
    return rows


def reference_rows(table: pyarrow.Table, families: numpy.ndarray) -> numpy.ndarray:
    """The row of each family's reference person, families in order of first appearance: its
    first parent (else its first member). `families` numbers the rows' families from 0."""
    roles = single_array(table[FAMILY_ROLE]).to_numpy(zero_copy_only=False)
    count = len(families)
    rows = numpy.arange(count)
    priority = numpy.where(roles == PARENT, rows, rows + count)  # parents first
    first = numpy.full(int(families.max()) + 1 if count else 0, 2 * count, dtype=numpy.int64)
    numpy.minimum.at(first, families, priority)  # each family's first by priority, unsorted
    return numpy.where(first < count, first, first - count)
