"""Vectorial date arithmetic shared by the formulas.

Dates are numpy `datetime64[D]` arrays. Adding months keeps the day of the month, clipped to the last
day of the target month (31 January + 1 month = 28 or 29 February), as a calendar reading of "N mois
après" does. These helpers carry no legal rule: each formula says which date and which count of
months the law uses.
"""

from datetime import date

import numpy
from openfisca_core.periods import DateUnit, Period

DAY = "datetime64[D]"
MONTH = "datetime64[M]"

# Sentinels of the date inputs that the user may leave unset.
NEVER = date(
    2999, 12, 31
)  # an event that has not happened (no decision, no permit, no end of validity)
LONG_AGO = date(1900, 1, 1)  # a fact older than any rule modelled (arrival long ago, start unknown)
MODEL_START = date(1994, 1, 1)  # the parameters describe the law from this day on
# The last day a computation may be asked for: far past any projection of a reform, and far before
# NEVER, which the formulas compare with the dates of the month computed.
MODEL_END = date(2100, 12, 31)


def as_dates(values) -> numpy.ndarray:
    return numpy.asarray(values, dtype=DAY)


def add_months(dates, months, where=None) -> numpy.ndarray:
    """`dates` plus `months` calendar months (an int or an array), the day clipped to the month's end.

    With `where` (a mask), only those dates move, the others are returned as they are: datetime
    conversions are the costly part, and a rule often concerns few persons (a convocation, an
    expired card).
    """
    dates = as_dates(dates)
    if where is not None:
        result = dates.copy()
        if where.any():
            subset = numpy.asarray(months)[where] if numpy.ndim(months) else months
            result[where] = add_months(dates[where], subset)
        return result
    first_of_month = dates.astype(MONTH)
    day_index = dates - first_of_month.astype(DAY)
    target = first_of_month + numpy.asarray(months, dtype=numpy.int64)
    result = target.astype(DAY) + day_index
    # Only a day past the 28th can overflow the target month (31 January + 1 month): clip it.
    late = day_index >= numpy.timedelta64(28, "D")
    if late.any():
        late_target = target[late] if target.ndim else target
        result[late] = numpy.minimum(result[late], (late_target + 1).astype(DAY) - 1)
    return result


def add_days(dates, days) -> numpy.ndarray:
    return as_dates(dates) + numpy.asarray(days, dtype=numpy.int64)


def end_of_month(dates) -> numpy.ndarray:
    """The last day of the month of each date."""
    return (as_dates(dates).astype(MONTH) + 1).astype(DAY) - 1


def period_start(period) -> numpy.datetime64:
    """The first day of an OpenFisca period, as a `datetime64[D]` scalar."""
    return numpy.datetime64(period.start.date, "D")


def period_end(period) -> numpy.datetime64:
    """The last day of an OpenFisca period, as a `datetime64[D]` scalar."""
    return numpy.datetime64(period.stop.date, "D")


def months_before(month, count: int) -> Period:
    """The `count` months just before `month` (month excluded): the 12 months of a date-to-date count."""
    return Period((DateUnit.MONTH, month.start, count)).offset(-count)


def year_to_date(month) -> Period:
    """From January of the month's year to the month, included: a calendar-year running total."""
    return Period((DateUnit.MONTH, month.this_year.start, month.start.month))


def _one_first_of_month(at):
    """`at` as one datetime64 scalar if it is the same first day of a month for everyone, else None.

    The request date is the first day of the month computed unless given: the comparisons below
    then need one date computed for the whole population instead of one per person.
    """
    at = as_dates(at)
    first = at if at.ndim == 0 else (at[0] if at.size and (at == at[0]).all() else None)
    if first is not None and first == first.astype(MONTH).astype(DAY):
        return first
    return None


def passed(start, months, at) -> numpy.ndarray:
    """Whether `months` months after `start` is before `at`: `add_months(start, months) < at`."""
    first = _one_first_of_month(at) if numpy.ndim(months) == 0 else None
    if first is not None:
        # start + n months < the 1st of M  <=>  start < the 1st of M - n months (no day to clip)
        return as_dates(start) < add_months(first, -months)
    return add_months(start, months) < as_dates(at)


def reached(start, months, at) -> numpy.ndarray:
    """Whether `months` months after `start` is on or before `at`: `add_months(start, months) <= at`."""
    first = _one_first_of_month(at) if numpy.ndim(months) == 0 else None
    if first is not None:
        return as_dates(start) <= add_months(first, -months)
    return add_months(start, months) <= as_dates(at)


def whole_months(start, at) -> numpy.ndarray:
    """Calendar months completed from `start` to `at`: the largest m with add_months(start, m) <= at."""
    start = as_dates(start)
    start_month = start.astype(MONTH)
    first = _one_first_of_month(at)
    if first is not None:
        # On the 1st of M, a month started after the 1st is not complete yet.
        begun_after_first = start > start_month.astype(DAY)
        return (first.astype(MONTH) - start_month).astype(numpy.int64) - begun_after_first
    at = as_dates(at)
    months = (at.astype(MONTH) - start_month).astype(numpy.int64)
    return months - (add_months(start, months) > at)
