"""A variable asked for a period it cannot be computed for (a month variable for a year, a day or
ETERNITY; a month outside the months the law is modelled for), named in one message that the Web
API (`web`) and the YAML tests (`yaml_tests`) give: Core answers with an HTTP 500 or a traceback."""

from openfisca_core import periods

from openfisca_residence.rules.dates import FIRST_MONTH, LAST_MONTH, MODEL_END, MODEL_START

PERIOD_WRITTEN = {
    periods.DateUnit.MONTH: "one month as YYYY-MM",
    periods.DateUnit.YEAR: "one year as YYYY",
    periods.DateUnit.ETERNITY: "ETERNITY",
}


def requested_period_problem(variable, period) -> str | None:
    """Why `variable` cannot be computed for `period`, or None (a period that cannot be read too)."""
    try:
        parsed = periods.period(period)
    except ValueError:
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
