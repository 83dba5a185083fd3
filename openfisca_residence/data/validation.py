"""Checking a population: every row and column of a table, before any computation.

The values are checked with the domain checks of `openfisca_residence.rules.inputs` (days from 0
to the days of the month, hours from 0 to 24 × days, non-negative amounts, country codes), the
same that stop a YAML test or a Web API request.
"""

from __future__ import annotations

import difflib
import functools
from datetime import date

import numpy
import pyarrow
import pyarrow.compute as pc
from openfisca_core import periods
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import DateUnit

from openfisca_residence.data.columns import (
    Typed,
    as_array,
    as_mask,
    family_numbers,
    identifiers,
    plain_values,
    single_array,
    typed_column,
    with_fallback,
)
from openfisca_residence.data.problems import (
    SHOWN,
    PopulationError,
    Problem,
    add_problem,
    cell,
    no_persons,
)
from openfisca_residence.data.schema import (
    ARROW_TYPES,
    CHILD,
    FAMILY_ID,
    FAMILY_ROLE,
    MAX_PARENTS,
    MAX_WEIGHT,
    MONTH_PATTERN,
    MONTH_SEPARATOR,
    OPTIONAL,
    PARENT,
    PERSON_ID,
    REQUIRED,
    ROLES,
    WEIGHT,
    accepts_every_month,
    default_value,
    input_variables,
    numpy_dtype,
    split_column,
)
from openfisca_residence.i18n import in_language
from openfisca_residence.rules.inputs import described, domain
from openfisca_residence.system.registry import tax_benefit_system


def validated_table(table: pyarrow.Table, system=None, source: str = "population") -> pyarrow.Table:
    """Check every row and column of `table`: its normalised columns (`Population.table`), or one
    `PopulationError` listing every problem."""
    system = system or tax_benefit_system()
    inputs = input_variables(system)
    problems: list[Problem] = []
    columns: dict[str, pyarrow.Array] = {}
    names = table.column_names
    count = table.num_rows

    if not count:
        problems.append(no_persons())
    for name in REQUIRED:
        if name not in names:
            problems.append(Problem("missing_column", name))
    person_ids = as_array(table[PERSON_ID]) if PERSON_ID in names else None

    # person_id and weight
    if person_ids is not None:
        missing = as_mask(pc.is_null(person_ids))
        add_problem(problems, "missing_value", PERSON_ID, missing, person_ids)
        person_ids = identifiers(person_ids)
        counts = pc.value_counts(person_ids)
        repeated = counts.field("values").filter(pc.greater(counts.field("counts"), 1))
        if len(repeated):
            duplicate = as_mask(pc.is_in(person_ids, repeated)) & ~missing
            add_problem(problems, "duplicate_person_id", PERSON_ID, duplicate, person_ids)
        columns[PERSON_ID] = person_ids
    if WEIGHT in names:
        raw = as_array(table[WEIGHT])
        typed = typed_column(raw, float, wide=True)
        weights = typed.values.cast(pyarrow.float64())
        if pyarrow.types.is_integer(raw.type) or pyarrow.types.is_floating(raw.type):
            weights = raw.cast(pyarrow.float64())  # not through float32: weights keep their digits
        _add_typed(problems, WEIGHT, typed, table[WEIGHT])
        missing = as_mask(pc.is_null(as_array(table[WEIGHT])))
        add_problem(problems, "missing_value", WEIGHT, missing, table[WEIGHT])
        values = weights.to_numpy(zero_copy_only=False)
        with numpy.errstate(invalid="ignore"):
            bad = ~numpy.isnan(values) & ~((values >= 0) & (values <= MAX_WEIGHT))
        add_problem(
            problems,
            "out_of_range",
            WEIGHT,
            bad,
            weights,
            f"a number from 0 to {MAX_WEIGHT:,} (the persons a row stands for)".replace(",", " "),
        )
        columns[WEIGHT] = pc.fill_null(weights, 0.0)

    # families
    family_id = as_array(table[FAMILY_ID]) if FAMILY_ID in names else pyarrow.nulls(count)
    family_id = identifiers(family_id)
    roles = _family_roles(table, family_id, problems)
    _check_families(family_id, roles, problems)
    columns[FAMILY_ID] = family_id
    columns[FAMILY_ROLE] = pyarrow.array(roles, pyarrow.int8())

    # inputs
    for name in names:
        if name in REQUIRED + OPTIONAL:
            continue
        variable_name, month = split_column(name)
        problem = _column_problem(name, variable_name, month, system, inputs)
        if problem is not None:
            problems.append(problem)
            continue
        columns[name] = _input_column(problems, name, table[name], inputs[variable_name], month)

    if problems:
        for problem in problems:  # who the rows shown are
            problem.persons = [
                cell(person_ids, row) if person_ids is not None else None
                for row in problem.rows[:SHOWN]
            ]
        raise PopulationError(problems, source)
    return pyarrow.table(columns)


def _normal(kind: pyarrow.DataType, variable) -> bool:
    """Whether a column of type `kind` is already in the normalised type of the variable."""
    value_type = variable.value_type
    if value_type is int:
        return pyarrow.types.is_signed_integer(kind) and kind.bit_width <= 32
    return value_type is not Enum and kind == ARROW_TYPES[value_type]


def _add_typed(problems, name, typed: Typed, raw, variable=None) -> None:
    value_type = variable.value_type if variable is not None else float
    expected = {
        bool: "true or false",
        int: "a whole number",
        float: "a number",
        date: "a date written YYYY-MM-DD",
        str: "a text",
        Enum: "a name of the enum's items",
    }[value_type]
    if typed.wrong_type is not None:
        add_problem(problems, "wrong_type", name, typed.wrong_type, raw, expected)
    if typed.bad_date is not None:
        add_problem(
            problems, "bad_date", name, typed.bad_date, raw, "an existing date written YYYY-MM-DD"
        )
    if typed.unknown is not None:
        allowed = ", ".join(item.name for item in variable.possible_values)
        add_problem(problems, "unknown_enum_value", name, typed.unknown, raw, f"one of {allowed}")


def _input_column(problems, name, column, variable, month):
    """`column` in the normalised type of its variable, its bad cells added to `problems`. A
    dictionary's distinct values are typed and checked once, then taken by its rows."""
    dictionary = pyarrow.types.is_dictionary(column.type)
    raw = single_array(column) if dictionary else column
    distinct = as_array(raw.dictionary) if dictionary else raw
    if _normal(distinct.type, variable):  # kept as read, without a copy
        typed = Typed(distinct)
    else:
        possible_values = getattr(variable, "possible_values", None)
        typed = typed_column(as_array(distinct), variable.value_type, possible_values)
    typed.outside = _outside_domain(typed.values, variable, month)
    if dictionary:
        typed = typed.taken(raw.indices)
    _add_typed(problems, name, typed, raw, variable)
    if typed.outside is not None:
        _, expected = domain(variable)
        with in_language("en"):  # the population files' messages are the analysts', in English
            described_domain = described(
                expected, _checked_period(month, variable.value_type is str)[1]
            )
        add_problem(problems, "out_of_range", name, typed.outside, typed.values, described_domain)
    return typed.values


def _outside_domain(values, variable, month) -> numpy.ndarray | None:
    """The mask of the values given outside the variable's domain (`rules.inputs.domain`), None
    when there is none."""
    check, _ = domain(variable)
    if check is None or values.null_count == len(values):
        return None
    period, _ = _checked_period(month, variable.value_type is str)
    read = plain_values(values)
    if read is not None:  # a number, date or boolean: from its buffers, a cell not given filled
        raw, given = read
        filled = raw if given is None else with_fallback(raw, given, default_value(variable))
        bad = ~numpy.asarray(check(filled.astype(numpy_dtype(variable), copy=False), period), bool)
    else:  # texts (country codes), few distinct: each checked once
        given = None if not values.null_count else ~as_mask(pc.is_null(values))
        distinct = pc.unique(values if given is None else values.filter(pyarrow.array(given)))
        refused = numpy.asarray(distinct.to_numpy(zero_copy_only=False), dtype=object)
        refused = refused[~numpy.asarray(check(refused, period), dtype=bool)]
        bad = as_mask(pc.is_in(values, pyarrow.array(refused.tolist(), pyarrow.string())))
    if given is not None:
        bad &= given
    return bad if bad.any() else None


@functools.cache
def _checked_period(month: str | None, text: bool) -> tuple:
    """The month a column's values are checked for, and its days. A value for every month (no
    month) is held to the shortest month (February 2023, 28 days), except a text (a country
    code), which depends on no month."""
    if month is not None:
        period = periods.period(month)
        return period, period.size_in_days
    return (None, 31) if text else (periods.period("2023-02"), 28)


def _column_problem(name, variable_name, month, system, inputs) -> Problem | None:
    if variable_name not in system.variables:
        candidates = list(inputs) + list(REQUIRED + OPTIONAL)
        closest = difflib.get_close_matches(variable_name, candidates, n=1)
        suggestion = ""
        if closest:
            suggestion = closest[0] + (f"{MONTH_SEPARATOR}{month}" if month else "")
            suggestion = f"did you mean '{suggestion}'?"
        return Problem("unknown_column", name, detail=suggestion)
    variable = system.variables[variable_name]
    if variable_name not in inputs:
        if variable.formulas:
            return Problem("unusable_column", name, detail="computed by the model, not an input")
        return Problem(
            "unusable_column", name, detail=f"an input of the {variable.entity.key} entity"
        )
    if month is not None:
        if not MONTH_PATTERN.match(month):
            return Problem("unusable_column", name, detail=_month_detail(variable, month))
        if variable.definition_period != DateUnit.MONTH:
            return Problem(
                "unusable_column",
                name,
                detail=f"defined for {variable.definition_period}: write '{variable_name}'",
            )
    elif not accepts_every_month(variable):
        return Problem(
            "unusable_column",
            name,
            detail=f"given month by month: write '{variable_name}{MONTH_SEPARATOR}YYYY-MM'",
        )
    return None


def _month_detail(variable, month: str) -> str:
    """What to write instead of `<variable>@<month>` when `month` is not one month."""
    try:
        period = periods.period(month)
    except ValueError:
        return "the month is written YYYY-MM"
    if period.unit == DateUnit.ETERNITY:
        if accepts_every_month(variable):
            return f"a value for every month: write '{variable.name}'"
        return f"given month by month: write '{variable.name}{MONTH_SEPARATOR}YYYY-MM'"
    first = periods.Period((DateUnit.MONTH, period.start, 1))
    return f"one month per column, not {period}: write '{variable.name}{MONTH_SEPARATOR}{first}'"


def _family_roles(table, family_id, problems) -> numpy.ndarray:
    """The role of each person, 0 parent or 1 enfant; a person alone is the parent of its family."""
    count = table.num_rows
    if FAMILY_ROLE not in table.column_names:
        return numpy.zeros(count, dtype=numpy.int8)
    raw = as_array(table[FAMILY_ROLE])
    if not (pyarrow.types.is_string(raw.type) or pyarrow.types.is_null(raw.type)):
        add_problem(
            problems, "wrong_type", FAMILY_ROLE, ~as_mask(pc.is_null(raw)), raw, "parent or enfant"
        )
        return numpy.zeros(count, dtype=numpy.int8)
    text = pc.utf8_lower(pc.utf8_trim_whitespace(raw)) if len(raw) else raw
    index = pc.index_in(text, value_set=pyarrow.array(ROLES))
    given = ~as_mask(pc.is_null(raw))
    unknown = given & as_mask(pc.is_null(index))
    add_problem(problems, "bad_family_role", FAMILY_ROLE, unknown, raw, "parent or enfant")
    in_family = ~as_mask(pc.is_null(family_id))
    add_problem(
        problems,
        "missing_value",
        FAMILY_ROLE,
        in_family & ~given,
        raw,
        "parent or enfant for a person with a family_id",
    )
    roles = numpy.asarray(pc.fill_null(index, PARENT).to_numpy(zero_copy_only=False))
    alone_child = ~in_family & (roles == CHILD)
    add_problem(
        problems,
        "bad_family_role",
        FAMILY_ROLE,
        alone_child,
        raw,
        "parent for a person without family_id (a family of their own)",
    )
    return roles.astype(numpy.int8)


def _check_families(family_id, roles, problems) -> None:
    if as_mask(pc.is_null(family_id)).all():
        return
    numbers, count = family_numbers(family_id)
    parents = numpy.bincount(numbers, weights=(roles == PARENT), minlength=count)
    per_row = parents[numbers]
    in_family = ~as_mask(pc.is_null(family_id))
    add_problem(problems, "family_without_parent", FAMILY_ID, in_family & (per_row == 0), family_id)
    add_problem(
        problems, "too_many_parents", FAMILY_ID, in_family & (per_row > MAX_PARENTS), family_id
    )
