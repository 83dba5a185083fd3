"""A variable asked for a period it cannot be computed for (a month variable for a year, a day or
ETERNITY; a month outside the months the law is modelled for), or an input given for a period
outside these months, named in one message that the Web API (`web`) and the YAML tests
(`yaml_tests`) give: Core answers with an HTTP 500 or a traceback (`9999-12`: "year 10000 is out
of range"), or spends its time and memory on every month of `year:1000:8999`."""

import functools

from openfisca_core import periods

from openfisca_residence.rules.dates import FIRST_MONTH, LAST_MONTH, MODEL_END, MODEL_START
from openfisca_residence.system.linear_builder import period_of

PERIOD_WRITTEN = {
    periods.DateUnit.MONTH: "one month as YYYY-MM",
    periods.DateUnit.YEAR: "one year as YYYY",
    periods.DateUnit.ETERNITY: "ETERNITY",
}


def requested_period_problem(variable, period) -> str | None:
    """Why `variable` cannot be computed for `period`, or None (a period that cannot be read too)."""
    try:
        parsed = period_of(period)
    except (ValueError, TypeError):
        return None  # the builder reports it
    unit = variable.definition_period
    if unit == periods.DateUnit.ETERNITY:
        return None
    modelled = (
        parsed.unit != periods.DateUnit.ETERNITY and MODEL_START <= parsed.start.date <= MODEL_END
    )
    if parsed.unit != unit or parsed.size != 1:
        start = parsed.start if modelled else periods.instant(MODEL_START)
        return (
            f'Invalid period for variable "{variable.name}": {period}; it is defined by {unit}: '
            f"ask for one {unit}, such as {periods.Period((unit, start, 1))}."
        )
    if not modelled:
        return (
            f'Invalid period for variable "{variable.name}": {period}; the law is modelled from '
            f"{FIRST_MONTH} to {LAST_MONTH}."
        )
    return None


# Inputs may start this many months before the first month computed: the longest history a rule
# reads (`date_expiration_titres`, 24 months of documents; the EU worker's hours, 6 months).
HISTORY_MONTHS = 24
INPUT_START = periods.instant(MODEL_START).offset(-HISTORY_MONTHS, periods.DateUnit.MONTH).date
FIRST_INPUT_MONTH = f"{INPUT_START:%Y-%m}"


@functools.lru_cache(maxsize=4096)
def input_period_problem(period) -> str | None:
    """Why an input cannot be given for `period` (a period outside the months the law is modelled
    for and the history its rules read), or None (ETERNITY, a period that cannot be read: the
    builder reports it)."""
    try:
        parsed = period_of(period)
    except (ValueError, TypeError):
        return None
    if parsed.unit == periods.DateUnit.ETERNITY:
        return None
    try:
        inside = parsed.start.date >= INPUT_START and parsed.stop.date <= MODEL_END
    except (ValueError, OverflowError):  # a period ending after the year 9999
        inside = False
    if inside:
        return None
    return (
        f"Invalid period for an input: {period}; the law is modelled from {FIRST_MONTH} to "
        f"{LAST_MONTH}, with the {HISTORY_MONTHS} months before for the history its rules read: "
        f"give inputs within {FIRST_INPUT_MONTH}..{LAST_MONTH} (ETERNITY for a fact that never "
        "changes)."
    )
