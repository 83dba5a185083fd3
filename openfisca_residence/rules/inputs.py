"""How inputs enter a simulation: checked once, at the door, and spread over months.

Every input defined by month declares one of the `set_input` functions below. OpenFisca calls it
whatever the door (a YAML test, a Web API request, `Simulation.set_input` from a population file),
so that:

- a value given for a year is copied to each of its months, and a value given for `ETERNITY` is the
  value of every month not given otherwise (`dispatch_by_period`, the contract of PUBLIC_NAMES.md);
- a value that is not of the variable's type (an impossible date, an unknown enum item), or outside
  its domain (a negative number of days, more days than the month has), stops the computation with
  `InvalidInputError`, which names the variable, the period, the value and the persons concerned.
  In a YAML test or a Web API request it becomes a situation error (HTTP 400).

A value written by hand (a YAML test, a Web API request, a Python list) is first held to its type
by `value_problem`, where OpenFisca would convert it silently: `"false"` or `7` would be true, `2.5`
days 2 days, the number `12` the date 1970-01-13, `3` the fourth item of an enum. The typed arrays of
a population file pass through: they were checked when the file was read.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date

import numpy
from openfisca_core import commons, periods
from openfisca_core.errors import PeriodMismatchError, SituationParsingError
from openfisca_core.holders import Holder
from openfisca_core.indexed_enums import Enum

from openfisca_residence.i18n import N_, _
from openfisca_residence.rules.dates import MODEL_START, NEVER, days_in

ETERNITY = periods.DateUnit.ETERNITY
SHORTER_THAN_A_MONTH = {periods.DateUnit.DAY, periods.DateUnit.WEEK, periods.DateUnit.WEEKDAY}
SHOWN = 5  # bad values shown in a message; the count of the others is given
EXPECTED_TYPE = {
    date: N_("an existing date written YYYY-MM-DD"),
    int: N_("a whole number"),
    float: N_("a number"),
    bool: N_("true or false"),
    str: N_("a text"),
}
# One period of each unit, as a message asks for it ("ask for one month, such as 2017-01").
ONE_PERIOD = {
    periods.DateUnit.DAY: N_("one day"),
    periods.DateUnit.MONTH: N_("one month"),
    periods.DateUnit.YEAR: N_("one year"),
    ETERNITY: N_("ETERNITY"),
}
DATE_WRITTEN = re.compile(r"\d{4}-\d{2}-\d{2}")
INT32 = numpy.iinfo(numpy.int32)
LATEST_DATE = numpy.datetime64(NEVER, "D")


class InvalidInputError(PeriodMismatchError):
    """An input value outside its legal domain, or not of its variable's type.

    It derives from PeriodMismatchError only because that is the error OpenFisca's situation parser
    turns into a message located at the variable and period (and the Web API into an HTTP 400).
    """

    def __init__(self, holder: Holder, period, detail: str, bad=None) -> None:
        full = _("Invalid input for {variable}, period {period}: {detail}").format(
            variable=holder.variable.name, period=period, detail=detail
        )
        super().__init__(holder.variable.name, period, holder.variable.definition_period, full)
        self.detail = detail  # what is wrong, where the variable and the period are known
        # The first person concerned (`bad`: the mask of the values refused), where the situation
        # parser locates the error.
        ids, first = holder.population.ids, None if bad is None else numpy.flatnonzero(bad)
        self.person = _plain(ids[first[0]]) if first is not None and len(ids) > first[0] else None


def _plain(value):
    value = value.item() if isinstance(value, numpy.generic) else value
    return value.decode() if isinstance(value, bytes) else value


SHOWN_CHARACTERS = 60  # of a long value, in a message: a message never echoes a large value


def shown(value) -> str:
    """A value as the user wrote it: texts quoted, numbers and dates plain; a long one cut, with
    its length (`'xxxx…' (100000 characters)`)."""
    value = _plain(value)
    text = repr(value) if isinstance(value, str) else str(value)
    if len(text) > SHOWN_CHARACTERS:
        text = cut(text, SHOWN_CHARACTERS)
    return text


def cut(text: str, kept: int) -> str:
    """`text`'s first `kept` characters, and its length: `'xxxx…' (100000 characters)`."""
    return _("{start}… ({count} characters)").format(start=text[:kept], count=len(text))


def _describe(holder: Holder, bad: numpy.ndarray, values: numpy.ndarray) -> str:
    """`individu 'alice' = -3, individu 'bob' = 40 and 2 more`: who, and the value."""
    ids = holder.population.ids
    entity = holder.population.entity.key
    indices = numpy.flatnonzero(bad)
    text = ", ".join(
        f"{entity} {_plain(ids[i]) if len(ids) > i else i} = {shown(values[i])}"
        for i in indices[:SHOWN]
    )
    if len(indices) > SHOWN:
        text += _(" and {count} more").format(count=len(indices) - SHOWN)
    return text


def expected_values(variable) -> str:
    """The values of `variable`'s type, in words: `a whole number`, `one of aucun, ...`."""
    if variable.value_type is Enum:
        return _("one of {values}").format(
            values=", ".join(item.name for item in variable.possible_values)
        )
    return _(EXPECTED_TYPE[variable.value_type])


def expected(what: str) -> str:
    """`expected a whole number`: what a refused value should have been."""
    return _("expected {what}").format(what=what)


def written_number(value) -> float | None:
    """A finite number, written as a number or as a text OpenFisca evaluates ("3", "1 + 2"); else None."""
    if isinstance(value, str):
        try:
            value = commons.eval_expression(value)
        except Exception:  # numexpr's own errors: "1/0", "2**100", "sum(1)"...
            return None
        if isinstance(value, numpy.ndarray):
            value = value.item() if value.ndim == 0 else None
    value = _plain(value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value if math.isfinite(value) else None


def _is_date(text: str) -> bool:
    if not DATE_WRITTEN.fullmatch(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def value_problem(variable, value) -> str | None:
    """What the value written for `variable` should have been ("expected a whole number"), or None.

    Accepted: for a boolean, true, false, 0 or 1; for a whole number, a number without fraction
    (3 or 3.0) from -2147483648 to 2147483647; for a number, a finite number; a number may also be
    written as a text that OpenFisca evaluates ("3", "1 + 2"); for a date, an existing date written
    YYYY-MM-DD; for an enum, the name of one of its items; for a text, a text.
    """
    value = _plain(value)
    kind = variable.value_type
    if kind is bool:
        ok = isinstance(value, bool) or (
            isinstance(value, int | float) and not isinstance(value, bool) and value in (0, 1)
        )
    elif kind is int:
        number = written_number(value)
        ok = number is not None and float(number).is_integer()
        if ok and not INT32.min <= number <= INT32.max:
            return expected(
                _("a whole number from {low} to {high}").format(low=INT32.min, high=INT32.max)
            )
    elif kind is float:
        ok = written_number(value) is not None
    elif kind is date:
        ok = isinstance(value, date) or (isinstance(value, str) and _is_date(value))
    elif kind is Enum:
        ok = (isinstance(value, str) and value in variable.possible_values.__members__) or (
            isinstance(value, Enum) and value in variable.possible_values
        )
    else:
        ok = isinstance(value, kind)
    return None if ok else expected(expected_values(variable))


def check_written_values(holder: Holder, period, values) -> None:
    """Refuse the values written by hand (a scalar or a list) that are not of the variable's type."""
    raw = numpy.empty(1, dtype=object)
    if isinstance(values, list | tuple):
        raw = numpy.empty(len(values), dtype=object)
        raw[:] = list(values)
    else:
        raw[0] = values
    problems = [value_problem(holder.variable, value) for value in raw]
    bad = numpy.array([problem is not None for problem in problems], dtype=bool)
    if bad.any():
        problem = next(problem for problem in problems if problem is not None)
        raise InvalidInputError(holder, period, refused(holder, bad, raw, problem), bad)


def refused(holder: Holder, bad, values, problem: str) -> str:
    """`individu alice = 30; expected ...`: the values refused, who gave them, and why."""
    return _("{values}; {problem}.").format(values=_describe(holder, bad, values), problem=problem)


def _converted(holder: Holder, period, array) -> numpy.ndarray:
    """The input as an array of the variable's type, or an error naming the values that are not."""
    if (
        holder.variable.value_type is int
        and isinstance(array, numpy.ndarray)
        and array.dtype.kind == "f"
        and (bad := ~(numpy.isfinite(array) & (numpy.floor(array) == array))).any()
    ):
        problem = expected(_(EXPECTED_TYPE[int]))
        raise InvalidInputError(holder, period, refused(holder, bad, array, problem), bad)
    try:
        return holder._to_array(array)
    except (ValueError, TypeError, LookupError) as error:
        raw = numpy.asarray(array, dtype=object).reshape(-1)
        bad = numpy.array([not _converts(holder, value) for value in raw])
        if not bad.any():
            raise InvalidInputError(holder, period, str(error)) from error
        problem = expected(expected_values(holder.variable))
        raise InvalidInputError(holder, period, refused(holder, bad, raw, problem), bad) from error


def _converts(holder: Holder, value) -> bool:
    try:
        holder.variable.check_set_value(value)
    except (ValueError, TypeError, LookupError):
        return False
    return True


def dispatched(check=None, expected: str = "", fill_unset=None):
    """A `set_input` for a fact given for a month, a year (copied to its months) or ETERNITY.

    A value for ETERNITY stands for every month not given otherwise; a month given its own value
    keeps it (OpenFisca sets the shorter periods first). `check(values)`, when given, returns the
    mask of acceptable values, which `expected` describes. `fill_unset(month)`, when given, is the
    value of the persons left at the variable's default when others were given one (OpenFisca then
    sets the default for them, where the variable's formula would have answered).
    """

    def set_input(holder: Holder, period, array) -> None:
        if period.unit in SHORTER_THAN_A_MONTH:
            example = periods.Period((holder.variable.definition_period, period.start, 1))
            raise InvalidInputError(
                holder,
                period,
                _(
                    "give a value for a month, such as {example}, a year or ETERNITY, not for"
                    " {period}."
                ).format(example=example, period=period),
            )
        array = _converted(holder, period, array)
        refuse_outside_domain(holder, period, array)
        unset = None
        if fill_unset is not None:
            unset = array == numpy.asarray(holder.variable.default_value, dtype=array.dtype)
            unset = unset if unset.any() else None

        def for_month(month):
            return array if unset is None else numpy.where(unset, fill_unset(month), array)

        if holder.variable.definition_period == ETERNITY:  # a value for all periods
            holder._set(period, array)
            return
        if period.unit == ETERNITY:
            holder.permanent_value = array if unset is None else for_month
            return
        for month in period.get_subperiods(holder.variable.definition_period):
            if holder.known_array(month) is None:
                holder._set(month, for_month(month))

    set_input.accepts_eternity = True
    set_input.check = None if check is None else lambda values, _month: check(values)
    set_input.expected = expected
    return set_input


dispatch_by_period = dispatched()


def checked(check: Callable[[numpy.ndarray, periods.Period], numpy.ndarray], expected: str):
    """A `set_input` for a number given month by month, refusing values where `check` is False.

    `check(values, month)` returns the mask of acceptable values; `expected` describes them, with
    `{days}` standing for the number of days of the month.
    """

    def set_input(holder: Holder, period, array) -> None:
        unit = holder.variable.definition_period
        if period.unit != unit or period.size != 1:
            refuse_period(holder, period)
        values = _converted(holder, period, array)
        refuse_outside_domain(holder, period, values)
        holder._set(period, values)

    set_input.check = check
    set_input.expected = expected
    return set_input


def refuse_period(holder: Holder, period) -> None:
    """Refuse a value given for a period its variable does not take (a year, ETERNITY, for a
    number given month by month)."""
    unit = holder.variable.definition_period
    start = period.start if period.unit != ETERNITY else periods.instant(MODEL_START)
    example = periods.Period((unit, start, 1))
    raise InvalidInputError(
        holder,
        period,
        _("give a value for {one} at a time, such as {example}, not for {period}.").format(
            one=_(ONE_PERIOD[unit]), example=example, period=period
        ),
    )


def domain(variable) -> tuple[Callable | None, str]:
    """The values an input may take, at every door (YAML test, Web API, population file).

    Returns `check(values, month)`, the mask of acceptable values, and their description, written
    in English (`described` gives it in the language of the messages), with `{days}` for the days
    of the month, `{first_day}` for the model's first day and `{never}` for the date that stands
    for never; (None, "") when any value of the variable's type is accepted. A date is at the latest 2999-12-31, the date that stands for "never": a later one
    would be read as coming after every event that has not happened.
    """
    check = getattr(variable.set_input, "check", None)
    if variable.value_type is date:
        if check is not None:  # the variable's own domain, within the dates that can be read
            return (
                lambda values, month: (values <= LATEST_DATE) & check(values, month),
                variable.set_input.expected,
            )
        return (
            lambda values, _month: values <= LATEST_DATE,
            N_("a date up to {never} (the date that stands for never)"),
        )
    return check, getattr(variable.set_input, "expected", "") if check is not None else ""


def described(domain_text: str, days: int | None) -> str:
    """A domain's description (`domain`) in the language of the messages, its fields filled
    (`days`: the days of the month, None for a value given for ETERNITY)."""
    return _(domain_text).format(
        days=days, first_day=MODEL_START.isoformat(), never=NEVER.isoformat()
    )


def refuse_outside_domain(holder: Holder, period, values) -> None:
    if getattr(holder.population, "inputs_checked", False):  # the columns of a validated file
        return
    check, domain_text = domain(holder.variable)
    if check is not None and (bad := ~check(values, period)).any():
        days = None if period.unit == ETERNITY else period.size_in_days
        problem = expected(described(domain_text, days))
        raise InvalidInputError(holder, period, refused(holder, bad, values, problem), bad)


days_of_month = checked(
    lambda values, month: (values >= 0) & (values <= days_in(month)),
    N_("a whole number of days from 0 to {days}"),
)
hours_of_month = checked(
    lambda values, month: (values >= 0) & (values <= 24 * days_in(month)),
    N_("a number of hours from 0 to 24 × {days}"),
)
non_negative = checked(lambda values, _month: values >= 0, N_("a value of 0 or more"))


# Dates that cannot be in the other order: (earlier, later). Checked once every input is set.
DATES_IN_ORDER = [("titre_sejour_date_debut", "titre_sejour_date_fin")]


class InconsistentInputError(SituationParsingError):
    """Two inputs that contradict each other (an end before its start)."""


def check_inputs_together(simulation) -> None:
    """The checks that need several inputs: run when a situation has been built."""
    for earlier, later in DATES_IN_ORDER:
        if earlier not in simulation.tax_benefit_system.variables:
            continue
        population = simulation.get_variable_population(later)
        holders = population.get_holder(earlier), population.get_holder(later)
        known = {period for holder in holders for period in holder.get_known_periods()}
        if any(hasattr(holder, "permanent_value") for holder in holders):
            known.add(periods.period(ETERNITY))
        for period in sorted(known, key=str):
            start, end = (_value(holder, period) for holder in holders)
            bad = end < start
            if bad.any():
                first = numpy.flatnonzero(bad)[0]
                who = _plain(population.ids[first]) if len(population.ids) > first else first
                raise InconsistentInputError(
                    [population.entity.plural, who, later, str(period)],
                    _("{values} is before {earlier} ({start} for {entity} {who}).").format(
                        values=_describe(holders[1], bad, end),
                        earlier=earlier,
                        start=shown(start[first]),
                        entity=population.entity.key,
                        who=who,
                    ),
                )


def _value(holder: Holder, period) -> numpy.ndarray:
    if period.unit == ETERNITY:
        value = getattr(holder, "permanent_value", holder.default_array())
        return value if isinstance(value, numpy.ndarray) else holder.default_array()
    array = holder.get_array(period)
    return holder.default_array() if array is None else array
