"""Population files: persons read from CSV or Parquet, checked whole before any computation.

Layout (docs/population-format.md gives it in full):

- one row per person; rows are numbered from 1 (the first person; in a CSV, row N is line N + 1);
- required columns `person_id` (unique, whole numbers or texts) and `weight` (a number ≥ 0: how
  many persons of the real population the row stands for);
- optional `family_id` and `family_role` (`parent` or `enfant`): the persons sharing a family_id
  form one `famille`, with one or two parents; a person without family_id is a family of their
  own (as its parent);
- one column per input of the individu entity of the tax-benefit system:
  `<variable>` holds a value for every month (inputs that accept ETERNITY: booleans, enums, dates,
  `nationalite`; `date_naissance` is defined for ETERNITY), and `<variable>@YYYY-MM` the value of
  that month (any month input, and the only form for numbers given month by month, such as
  `jours_absence_france` or `heures_travail`). An empty cell is "not given": the month's value
  falls back to the `<variable>` column of the row, then to the variable's default.

Every problem of a file is collected, then reported at once by one `PopulationError`, which
lists each kind of problem with its first rows (row number and person_id), columns and values,
and the count of the others. A population is never filtered nor reordered: a validated
`Population` keeps the file's rows, in the file's order.

The values are checked with the domain checks of `openfisca_residence.inputs` (days from 0 to
the days of the month, hours from 0 to 24 × days, non-negative amounts, country codes), the
same that stop a YAML test or a Web API request.
"""

from __future__ import annotations

import csv
import difflib
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

import numpy
import pyarrow
import pyarrow.compute as pc
import pyarrow.csv
import pyarrow.parquet
from openfisca_core import periods
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import DateUnit

from openfisca_residence.inputs import domain

SHOWN = 5  # cells shown for each kind of problem; the count of the others is given
PERSON_ID, WEIGHT, FAMILY_ID, FAMILY_ROLE = "person_id", "weight", "family_id", "family_role"
REQUIRED = (PERSON_ID, WEIGHT)
OPTIONAL = (FAMILY_ID, FAMILY_ROLE)
ROLES = ("parent", "enfant")  # family_role values; normalised to 0 (parent) and 1 (enfant)
PARENT, CHILD = 0, 1
MAX_PARENTS = 2
MONTH_SEPARATOR = "@"
MONTH_PATTERN = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
PERSON_ENTITY = "individu"
GROUP_ENTITY = "famille"

# The Arrow type each value type is normalised to (an enum: the index of its item, int8 when it
# has fewer than 128 items; a whole number: int32, or the narrower integer type of the file).
ARROW_TYPES = {
    bool: pyarrow.bool_(),
    int: pyarrow.int32(),
    float: pyarrow.float32(),
    date: pyarrow.date32(),
    Enum: pyarrow.int16(),
    str: pyarrow.string(),
}
TRUE_TEXTS, FALSE_TEXTS = ("true", "1", "yes", "oui"), ("false", "0", "no", "non")
INTEGER_TEXT = r"^[+-]?\d+(\.0*)?$"
NUMBER_TEXT = r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$"
DATE_TEXT = r"^\d{4}-\d{2}-\d{2}$"
INT32 = numpy.iinfo(numpy.int32)

# Kinds of problem, in the order they are reported, with their heading.
KINDS = {
    "unreadable_file": "file that cannot be read",
    "missing_column": "missing required column",
    "unknown_column": "unknown column",
    "unusable_column": "column that cannot be used",
    "missing_value": "missing value",
    "duplicate_person_id": "duplicate person_id",
    "wrong_type": "wrong type",
    "bad_date": "bad date",
    "unknown_enum_value": "unknown enum value",
    "out_of_range": "value out of its domain",
    "bad_family_role": "bad family_role",
    "family_without_parent": "family_id listed with no parent",
    "too_many_parents": f"family with more than {MAX_PARENTS} parents",
}


@dataclass
class Problem:
    """One kind of problem in one column: the rows (0-based) concerned and what to say."""

    kind: str
    column: str
    rows: numpy.ndarray = field(default_factory=lambda: numpy.empty(0, dtype=numpy.int64))
    values: list = field(default_factory=list)  # the bad values of the first rows
    detail: str = ""  # expected values, or a suggestion
    persons: list = field(default_factory=list)  # the person_id of the first rows


class PopulationError(ValueError):
    """A population that cannot be computed: every problem found, by kind, in one message."""

    def __init__(self, problems: list[Problem], source: str = "population"):
        self.problems = problems
        self.source = source
        super().__init__(self.describe())

    def kinds(self) -> dict[str, list[Problem]]:
        grouped: dict[str, list[Problem]] = {}
        for problem in sorted(self.problems, key=lambda p: list(KINDS).index(p.kind)):
            grouped.setdefault(problem.kind, []).append(problem)
        return grouped

    def describe(self) -> str:
        kinds = self.kinds()
        lines = [
            f"{self.source}: {len(kinds)} kind{'s' if len(kinds) > 1 else ''} of problem, "
            "nothing was computed (rows are numbered from 1, the first person; "
            "in a CSV file, row N is line N + 1)."
        ]
        for kind, problems in kinds.items():
            lines.append(f"- {KINDS[kind]}: {self._describe_kind(problems)}")
        return "\n".join(lines)

    def _describe_kind(self, problems: list[Problem]) -> str:
        if not len(problems[0].rows):  # problems of whole columns
            shown = [
                f"'{p.column}'" + (f" ({p.detail})" if p.detail else "") for p in problems[:SHOWN]
            ]
            more = len(problems) - SHOWN
            return f"{len(problems)} column{'s' if len(problems) > 1 else ''}: " + (
                ", ".join(shown) + (f" and {more} more" if more > 0 else "")
            )
        cells = sum(len(p.rows) for p in problems)
        rows = len(numpy.unique(numpy.concatenate([p.rows for p in problems])))
        shown = []
        for problem in problems:
            for row, value, person in zip(
                problem.rows, problem.values, problem.persons, strict=False
            ):
                if len(shown) == SHOWN:
                    break
                who = f"person_id {person!r}" if person is not None else "no person_id"
                shown.append(f"row {row + 1} ({who}), {problem.column} = {value!r}")
        text = (
            f"{cells} cell{'s' if cells > 1 else ''} in {rows} row{'s' if rows > 1 else ''} "
            f"and {len(problems)} column{'s' if len(problems) > 1 else ''}: " + "; ".join(shown)
        )
        if cells > len(shown):
            text += f"; and {cells - len(shown)} more"
        details = {p.column: p.detail for p in problems if p.detail}
        if details:
            expected = sorted(set(details.values()))
            if len(expected) == 1:
                text += f". Expected {expected[0]}"
            else:
                text += ". Expected: " + "; ".join(f"{c}: {d}" for c, d in details.items())
        return text + "."


# ---------------------------------------------------------------------------------------------
# Columns and the inputs of the system


@dataclass(frozen=True)
class InputColumn:
    """A column of the file that gives an input: the variable, and its month (None: every month)."""

    name: str
    variable: str
    month: str | None


def split_column(name: str) -> tuple[str, str | None]:
    """`jours_absence_france@2024-01` → (`jours_absence_france`, `2024-01`); `nationalite` → (…, None)."""
    variable, separator, month = name.partition(MONTH_SEPARATOR)
    return variable, (month if separator else None)


def input_variables(system) -> dict:
    """The inputs a population file may give: variables of the individu entity without formula."""
    return {
        name: variable
        for name, variable in system.variables.items()
        if not variable.formulas and variable.entity.key == PERSON_ENTITY
    }


def accepts_every_month(variable) -> bool:
    """Whether a column without month may give the variable: ETERNITY variables, dispatched inputs."""
    return variable.definition_period == DateUnit.ETERNITY or getattr(
        variable.set_input, "accepts_eternity", False
    )


def default_value(variable):
    """The default as a value of the normalised column (an enum: the index of its item)."""
    if variable.value_type is Enum:
        return variable.default_value.index
    return variable.default_value


def numpy_dtype(variable):
    return numpy.int16 if variable.value_type is Enum else variable.dtype


# ---------------------------------------------------------------------------------------------
# Reading


def read_table(path: str | Path) -> pyarrow.Table:
    """The rows of a CSV or Parquet file, as they are (CSV cells as texts: they are typed later)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in {".csv", ".parquet"}:
        reason = f"a population file ends in .csv or .parquet, not '{suffix or path.name}'"
        raise PopulationError([Problem("unreadable_file", str(path), detail=reason)], str(path))
    try:
        if suffix == ".parquet":
            return pyarrow.parquet.read_table(path, pre_buffer=False)  # a lower peak of memory
        with path.open(encoding="utf-8", newline="") as file:
            header = next(csv.reader(file), [])
        return pyarrow.csv.read_csv(
            path,
            convert_options=pyarrow.csv.ConvertOptions(
                column_types=dict.fromkeys(header, pyarrow.string()),
                null_values=[""],
                strings_can_be_null=True,
            ),
        )
    except (OSError, UnicodeDecodeError, pyarrow.ArrowException) as error:
        reason = " ".join(str(error).split()) or type(error).__name__
        raise PopulationError(
            [Problem("unreadable_file", str(path), detail=reason)], str(path)
        ) from error


def write_table(table: pyarrow.Table, path: str | Path) -> None:
    """Write a table as CSV or Parquet, after the file's extension."""
    path = Path(path)
    suffix = path.suffix.lower()
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".parquet":
        pyarrow.parquet.write_table(table, path, compression="zstd")
    elif suffix == ".csv":
        plain = pyarrow.table(
            {
                name: (
                    column.cast(column.type.value_type)
                    if pyarrow.types.is_dictionary(column.type)
                    else column
                )
                for name, column in zip(table.column_names, table.columns, strict=True)
            }
        )
        pyarrow.csv.write_csv(plain, path)
    else:
        raise ValueError(f"{path}: write .csv or .parquet, not '{suffix}'.")


# ---------------------------------------------------------------------------------------------
# Typing one column: the normalised values, and the masks of the bad cells


def _as_array(column) -> pyarrow.Array:
    if isinstance(column, pyarrow.ChunkedArray):
        column = (
            column.combine_chunks() if column.num_chunks != 1 else column.chunk(0)
        )  # one buffer
    if pyarrow.types.is_dictionary(column.type):
        column = column.cast(column.type.value_type)
    if pyarrow.types.is_large_string(column.type):
        column = column.cast(pyarrow.string())
    return column


def _mask(array) -> numpy.ndarray:
    """A boolean Arrow array as numpy, null counting as False."""
    return numpy.asarray(pc.fill_null(array, False).to_numpy(zero_copy_only=False), dtype=bool)


@dataclass
class Typed:
    values: pyarrow.Array  # normalised type; null where not given or bad
    wrong_type: numpy.ndarray | None = None
    bad_date: numpy.ndarray | None = None
    unknown: numpy.ndarray | None = None


def _typed(column: pyarrow.Array, value_type, possible_values=None, wide=False) -> Typed:
    """`column` in the normalised Arrow type of `value_type`, with the masks of the bad cells."""
    target = ARROW_TYPES[value_type]
    kind = column.type
    given = ~_mask(pc.is_null(column))
    if pyarrow.types.is_null(kind):
        return Typed(pyarrow.nulls(len(column), target))
    if pyarrow.types.is_string(kind):
        text = pc.utf8_trim_whitespace(column)
        if target == pyarrow.float32() and wide:
            target = pyarrow.float64()
        return _typed_text(text, value_type, target, possible_values, given)
    if value_type is bool:
        if pyarrow.types.is_boolean(kind):
            return Typed(column)
        if pyarrow.types.is_integer(kind):
            ok = _mask(pc.is_in(column, pyarrow.array([0, 1], kind)))
            return _with_bad(pc.not_equal(column, 0), given & ~ok, target)
    elif value_type is int:
        if pyarrow.types.is_integer(kind) and kind.bit_width < 32:  # kept narrow: less memory
            return Typed(column)
        if pyarrow.types.is_integer(kind) or pyarrow.types.is_floating(kind):
            numbers = column.cast(pyarrow.float64())
            values = numbers.to_numpy(zero_copy_only=False)
            with numpy.errstate(invalid="ignore"):
                ok = (numpy.floor(values) == values) & (values >= INT32.min) & (values <= INT32.max)
            wrong = given & ~ok
            safe = pc.if_else(
                pyarrow.array(wrong), pyarrow.scalar(None, pyarrow.float64()), numbers
            )
            return _with_bad(safe.cast(target), wrong, target)
    elif (
        value_type is float and (pyarrow.types.is_integer(kind) or pyarrow.types.is_floating(kind))
    ) or (value_type is date and (pyarrow.types.is_date(kind) or pyarrow.types.is_timestamp(kind))):
        return Typed(column.cast(target))
    wrong = given
    return Typed(pyarrow.nulls(len(column), target), wrong_type=wrong)


def _enum_type(possible_values) -> pyarrow.DataType:
    """The index of an enum's item: int8 when it has fewer than 128 items (less memory)."""
    return pyarrow.int8() if len(possible_values) < 128 else pyarrow.int16()


def _with_bad(values, wrong: numpy.ndarray, target) -> Typed:
    values = pc.if_else(pyarrow.array(wrong), pyarrow.scalar(None, target), values.cast(target))
    return Typed(values, wrong_type=wrong if wrong.any() else None)


def _typed_text(text, value_type, target, possible_values, given) -> Typed:
    null = pyarrow.scalar(None, target)
    if value_type is str:
        return Typed(text)
    if value_type is Enum:
        names = pyarrow.array([item.name for item in possible_values])
        index = pc.index_in(text, value_set=names)
        unknown = given & _mask(pc.is_null(index))
        return Typed(
            index.cast(_enum_type(possible_values)), unknown=unknown if unknown.any() else None
        )
    if value_type is bool:
        lower = pc.utf8_lower(text)
        true = _mask(pc.is_in(lower, pyarrow.array(TRUE_TEXTS)))
        false = _mask(pc.is_in(lower, pyarrow.array(FALSE_TEXTS)))
        wrong = given & ~true & ~false
        values = pc.if_else(pyarrow.array(true | false), pyarrow.array(true), null)
        return Typed(values, wrong_type=wrong if wrong.any() else None)
    if value_type in (int, float):
        pattern = INTEGER_TEXT if value_type is int else NUMBER_TEXT
        ok = _mask(pc.match_substring_regex(text, pattern))
        numbers = pc.if_else(pyarrow.array(ok), text, pyarrow.scalar(None, pyarrow.string()))
        numbers = numbers.cast(pyarrow.float64())
        if value_type is int:
            values = numbers.to_numpy(zero_copy_only=False)
            with numpy.errstate(invalid="ignore"):
                ok &= ~((values < INT32.min) | (values > INT32.max))
            numbers = pc.if_else(
                pyarrow.array(ok), numbers, pyarrow.scalar(None, pyarrow.float64())
            )
        wrong = given & ~ok
        return Typed(numbers.cast(target), wrong_type=wrong if wrong.any() else None)
    if value_type is date:
        shaped = _mask(pc.match_substring_regex(text, DATE_TEXT))
        candidates = pc.if_else(pyarrow.array(shaped), text, pyarrow.scalar(None, pyarrow.string()))
        parsed = pc.strptime(candidates, format="%Y-%m-%d", unit="s", error_is_null=True)
        # strptime carries an impossible day into the next month (2017-02-30 → 2017-03-02):
        # a date is good only when written back the same.
        same = _mask(pc.equal(pc.strftime(parsed, format="%Y-%m-%d"), candidates))
        bad = given & ~same
        values = pc.if_else(pyarrow.array(same), parsed.cast(pyarrow.date32()), null)
        return Typed(values, bad_date=bad if bad.any() else None)
    raise TypeError(value_type)


# ---------------------------------------------------------------------------------------------
# The validated population


class Population:
    """A checked population: the file's rows in the file's order, with normalised columns.

    `table` holds `person_id`, `weight` (float64), `family_id` (as given, null for a person
    alone), `family_role` (int8: 0 parent, 1 enfant) and the input columns, typed: booleans,
    whole numbers (int32, or narrower when the file's are), float32, date32, enums as the index
    of their item (int8 or int16), texts. Build it with
    `Population.read(path)`, `Population.from_table(table)` or `Population.from_pandas(frame)`.
    """

    def __init__(self, table: pyarrow.Table, source: str = "population") -> None:
        self.table = table
        self.source = source

    # -- doors

    @classmethod
    def read(cls, path: str | Path, system=None) -> Population:
        population = validate(read_table(path), system=system, source=str(path))
        pyarrow.default_memory_pool().release_unused()  # the file's decoding buffers
        return population

    @classmethod
    def from_table(cls, table: pyarrow.Table, system=None, source="table") -> Population:
        return validate(table, system=system, source=source)

    @classmethod
    def from_pandas(cls, frame, system=None, source="DataFrame") -> Population:
        return validate(pyarrow.Table.from_pandas(frame, preserve_index=False), system, source)

    # -- what it holds

    def __len__(self) -> int:
        return self.table.num_rows

    @property
    def person_ids(self) -> pyarrow.Array:
        return _as_array(self.table[PERSON_ID])

    @property
    def weights(self) -> numpy.ndarray:
        return self.table[WEIGHT].to_numpy()

    @cached_property
    def input_columns(self) -> list[InputColumn]:
        return [
            InputColumn(name, *split_column(name))
            for name in self.table.column_names
            if name not in REQUIRED + OPTIONAL
        ]

    @cached_property
    def months(self) -> list[str]:
        """The months given by a `<variable>@YYYY-MM` column, in order."""
        return sorted({column.month for column in self.input_columns if column.month})

    @cached_property
    def families(self) -> tuple[numpy.ndarray, int]:
        """The family number of each person (families numbered in order of first appearance)."""
        return family_numbers(self.table[FAMILY_ID])


def family_numbers(family_id) -> tuple[numpy.ndarray, int]:
    """Each row's family, numbered from 0 in order of first appearance; a null id is its own family."""
    family_id = _as_array(family_id)
    count = len(family_id)
    nulls = _mask(pc.is_null(family_id))
    if nulls.all():
        return numpy.arange(count, dtype=numpy.int64), count
    encoded = pc.dictionary_encode(family_id)
    indices = encoded.indices.to_numpy(zero_copy_only=False)
    key = numpy.where(nulls, len(encoded.dictionary) + numpy.arange(count), indices)
    key = numpy.asarray(key, dtype=numpy.int64)
    unique, first, inverse = numpy.unique(key, return_index=True, return_inverse=True)
    rank = numpy.empty(len(unique), dtype=numpy.int64)
    rank[numpy.argsort(first, kind="stable")] = numpy.arange(len(unique))
    return rank[inverse], len(unique)


def validate(table: pyarrow.Table, system=None, source: str = "population") -> Population:
    """Check every row and column of `table`, then return the `Population` or raise one error."""
    from openfisca_residence.microsimulation import tax_benefit_system

    system = system or tax_benefit_system()
    inputs = input_variables(system)
    problems: list[Problem] = []
    columns: dict[str, pyarrow.Array] = {}
    names = table.column_names
    count = table.num_rows

    for name in REQUIRED:
        if name not in names:
            problems.append(Problem("missing_column", name))
    person_ids = _as_array(table[PERSON_ID]) if PERSON_ID in names else None

    # person_id and weight
    if person_ids is not None:
        missing = _mask(pc.is_null(person_ids))
        _add(problems, "missing_value", PERSON_ID, missing, person_ids)
        person_ids = _identifiers(person_ids)
        counts = pc.value_counts(person_ids)
        repeated = counts.field("values").filter(pc.greater(counts.field("counts"), 1))
        if len(repeated):
            duplicate = _mask(pc.is_in(person_ids, repeated)) & ~missing
            _add(problems, "duplicate_person_id", PERSON_ID, duplicate, person_ids)
        columns[PERSON_ID] = person_ids
    if WEIGHT in names:
        raw = _as_array(table[WEIGHT])
        typed = _typed(raw, float, wide=True)
        weights = typed.values.cast(pyarrow.float64())
        if pyarrow.types.is_integer(raw.type) or pyarrow.types.is_floating(raw.type):
            weights = raw.cast(pyarrow.float64())  # not through float32: weights keep their digits
        _add_typed(problems, WEIGHT, typed, table[WEIGHT])
        missing = _mask(pc.is_null(_as_array(table[WEIGHT])))
        _add(problems, "missing_value", WEIGHT, missing, table[WEIGHT])
        values = weights.to_numpy(zero_copy_only=False)
        with numpy.errstate(invalid="ignore"):
            bad = ~numpy.isnan(values) & ~((values >= 0) & numpy.isfinite(values))
        _add(problems, "out_of_range", WEIGHT, bad, weights, "a number of 0 or more")
        columns[WEIGHT] = pc.fill_null(weights, 0.0)

    # families
    family_id = _as_array(table[FAMILY_ID]) if FAMILY_ID in names else pyarrow.nulls(count)
    family_id = _identifiers(family_id)
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
        variable = inputs[variable_name]
        if _normal(table[name].type, variable):  # kept as read, without a copy
            _check_domain(problems, name, table[name], variable, month)
            columns[name] = table[name]
            continue
        raw = _as_array(table[name])
        typed = _typed(raw, variable.value_type, getattr(variable, "possible_values", None))
        _add_typed(problems, name, typed, raw, variable)
        _check_domain(problems, name, typed.values, variable, month)
        columns[name] = typed.values

    if problems:
        for problem in problems:  # who the rows shown are
            problem.persons = [
                _plain(person_ids, row) if person_ids is not None else None
                for row in problem.rows[:SHOWN]
            ]
        raise PopulationError(problems, source)
    return Population(pyarrow.table(columns), source)


def _identifiers(column: pyarrow.Array) -> pyarrow.Array:
    """Ids as given; texts that are all whole numbers (a CSV's) as int64, floats as int64."""
    if pyarrow.types.is_floating(column.type):
        return _typed(column, int).values.cast(pyarrow.int64())
    if pyarrow.types.is_string(column.type) and len(column) > column.null_count:
        whole = pc.match_substring_regex(column, r"^-?(0|[1-9][0-9]{0,17})$")
        if pc.all(pc.or_kleene(whole, pc.is_null(column))).as_py():
            return column.cast(pyarrow.int64())
    return column


def _normal(kind: pyarrow.DataType, variable) -> bool:
    """Whether a column of type `kind` is already in the normalised type of the variable."""
    value_type = variable.value_type
    if value_type is int:
        return pyarrow.types.is_signed_integer(kind) and kind.bit_width <= 32
    return value_type is not Enum and kind == ARROW_TYPES[value_type]


def _add(problems, kind, column, mask, values, detail="") -> None:
    rows = numpy.flatnonzero(mask)
    if len(rows):
        shown = [_plain(values, row) for row in rows[:SHOWN]]
        problems.append(Problem(kind, column, rows, shown, detail))


def _plain(values, row):
    value = values[int(row)]
    return value.as_py() if hasattr(value, "as_py") else value


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
        _add(problems, "wrong_type", name, typed.wrong_type, raw, expected)
    if typed.bad_date is not None:
        _add(problems, "bad_date", name, typed.bad_date, raw, "an existing date written YYYY-MM-DD")
    if typed.unknown is not None:
        allowed = ", ".join(item.name for item in variable.possible_values)
        _add(problems, "unknown_enum_value", name, typed.unknown, raw, f"one of {allowed}")


def _check_domain(problems, name, values: pyarrow.Array, variable, month) -> None:
    check, expected = domain(variable)
    if check is None:
        return
    period = periods.period(month) if month else None
    days = period.size_in_days if period else 31
    given = ~_mask(pc.is_null(values))
    if not given.any():
        return
    if variable.value_type is str:  # few distinct texts: check each once
        distinct = pc.unique(values.filter(pyarrow.array(given)))
        refused = numpy.asarray(distinct.to_numpy(zero_copy_only=False), dtype=object)
        refused = refused[~numpy.asarray(check(refused, period), dtype=bool)]
        bad = given & _mask(pc.is_in(values, pyarrow.array(refused.tolist(), pyarrow.string())))
    else:
        filled = pc.fill_null(values, default_value(variable)).to_numpy(zero_copy_only=False)
        filled = numpy.asarray(filled, dtype=numpy_dtype(variable))
        if period is None:  # a value for every month: held to the shortest month
            period = periods.period("2023-02")
            days = 28
        bad = given & ~numpy.asarray(check(filled, period), dtype=bool)
    _add(problems, "out_of_range", name, bad, values, expected.format(days=days))


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
    raw = _as_array(table[FAMILY_ROLE])
    if not (pyarrow.types.is_string(raw.type) or pyarrow.types.is_null(raw.type)):
        _add(problems, "wrong_type", FAMILY_ROLE, ~_mask(pc.is_null(raw)), raw, "parent or enfant")
        return numpy.zeros(count, dtype=numpy.int8)
    text = pc.utf8_lower(pc.utf8_trim_whitespace(raw)) if len(raw) else raw
    index = pc.index_in(text, value_set=pyarrow.array(ROLES))
    given = ~_mask(pc.is_null(raw))
    unknown = given & _mask(pc.is_null(index))
    _add(problems, "bad_family_role", FAMILY_ROLE, unknown, raw, "parent or enfant")
    in_family = ~_mask(pc.is_null(family_id))
    _add(
        problems,
        "missing_value",
        FAMILY_ROLE,
        in_family & ~given,
        raw,
        "parent or enfant for a person with a family_id",
    )
    roles = numpy.asarray(pc.fill_null(index, PARENT).to_numpy(zero_copy_only=False))
    alone_child = ~in_family & (roles == CHILD)
    _add(
        problems,
        "bad_family_role",
        FAMILY_ROLE,
        alone_child,
        raw,
        "parent for a person without family_id (a family of their own)",
    )
    return roles.astype(numpy.int8)


def _check_families(family_id, roles, problems) -> None:
    if _mask(pc.is_null(family_id)).all():
        return
    numbers, count = family_numbers(family_id)
    parents = numpy.bincount(numbers, weights=(roles == PARENT), minlength=count)
    per_row = parents[numbers]
    in_family = ~_mask(pc.is_null(family_id))
    _add(problems, "family_without_parent", FAMILY_ID, in_family & (per_row == 0), family_id)
    _add(problems, "too_many_parents", FAMILY_ID, in_family & (per_row > MAX_PARENTS), family_id)


def as_population(population, system=None) -> Population:
    """A `Population` from a Population, a path, an Arrow table or a pandas DataFrame."""
    if isinstance(population, Population):
        return population
    if isinstance(population, str | Path):
        return Population.read(population, system)
    if isinstance(population, pyarrow.Table):
        return Population.from_table(population, system)
    if hasattr(population, "to_records") and hasattr(population, "columns"):
        return Population.from_pandas(population, system)
    raise TypeError(
        f"A population is a file path, a pyarrow Table or a pandas DataFrame, not {type(population).__name__}."
    )
