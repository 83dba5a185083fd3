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


def as_dates(values) -> numpy.ndarray:
    return numpy.asarray(values, dtype=DAY)


def add_months(dates, months) -> numpy.ndarray:
    """`dates` plus `months` calendar months (an int or an array), the day clipped to the month's end."""
    dates = as_dates(dates)
    first_of_month = dates.astype(MONTH)
    day_index = (dates - first_of_month.astype(DAY)).astype(numpy.int64)
    target = first_of_month + numpy.asarray(months, dtype=numpy.int64)
    last_day_index = ((target + 1).astype(DAY) - target.astype(DAY)).astype(numpy.int64) - 1
    return target.astype(DAY) + numpy.minimum(day_index, last_day_index)


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
