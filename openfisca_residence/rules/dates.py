"""Vectorial date arithmetic shared by the formulas.

Dates are numpy `datetime64[D]` arrays. Adding months keeps the day of the month, clipped to the last
day of the target month (31 January + 1 month = 28 or 29 February), as a calendar reading of "N mois
après" does. These helpers carry no legal rule: each formula says which date and which count of
months the law uses.
"""

import functools
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
FIRST_MONTH, LAST_MONTH = f"{MODEL_START:%Y-%m}", f"{MODEL_END:%Y-%m}"  # the months computed


# Calendar tables from 1800 to 3000. Numpy converts days to months (and back) by computing a
# calendar for each element; reading these tables gives the same result about 15 times faster.
_TABLE_START = numpy.datetime64("1800-01-01", "D")
_MONTH_OF_DAY = numpy.arange(_TABLE_START, numpy.datetime64("3001-01-01", "D")).astype(MONTH)
_FIRST_DAY_OF_MONTH = numpy.arange(_MONTH_OF_DAY[0], _MONTH_OF_DAY[-1] + 1).astype(DAY)
# For `add_months`, the same calendar as integers: each day's month (counted from January 1800)
# and place in it (0 for the 1st); each month's first and last day (days from 1970).
_TABLE_START_DAY = _TABLE_START.astype(numpy.int64)
_MONTH_NUMBER_OF_DAY = (_MONTH_OF_DAY - _MONTH_OF_DAY[0]).astype(numpy.int32)
_FIRST_DAYS = _FIRST_DAY_OF_MONTH.view(numpy.int64)
_LAST_DAYS = numpy.append(_FIRST_DAYS[1:], _TABLE_START_DAY + len(_MONTH_OF_DAY)) - 1
_DAY_IN_MONTH = (
    numpy.arange(len(_MONTH_OF_DAY)) + _TABLE_START_DAY - _FIRST_DAYS[_MONTH_NUMBER_OF_DAY]
).astype(numpy.int8)


def as_dates(values) -> numpy.ndarray:
    return numpy.asarray(values, dtype=DAY)


def month_of(dates) -> numpy.ndarray:
    """The month of each date, as `datetime64[M]`."""
    dates = as_dates(dates)
    return _read_table(_MONTH_OF_DAY, dates, _TABLE_START, MONTH)


def year_of(dates) -> numpy.ndarray:
    """The calendar year of each date, as integers (numpy's conversion to years: 15 times slower)."""
    return month_of(dates).view(numpy.int64) // 12 + 1970


def first_day(months) -> numpy.ndarray:
    """The first day of each month (`datetime64[M]`), as `datetime64[D]`."""
    months = numpy.asarray(months, dtype=MONTH)
    return _read_table(_FIRST_DAY_OF_MONTH, months, _MONTH_OF_DAY[0], DAY)


def _read_table(table, keys, first_key, unit) -> numpy.ndarray:
    if keys.ndim == 0:
        return keys.astype(unit)
    offsets = keys.view(numpy.int64) - first_key.astype(numpy.int64)
    if offsets.size and (offsets.min() < 0 or offsets.max() >= len(table)):
        return keys.astype(unit)  # outside the table (or NaT): numpy's own conversion
    return table[offsets]


def add_months(dates, months, where=None) -> numpy.ndarray:
    """`dates` plus `months` calendar months (an int or an array), the day clipped to the month's end.

    With `where` (a mask), only those dates move, the others are returned as they are: datetime
    conversions are the costly part, and a rule often concerns few persons (a convocation, an
    expired card).
    """
    dates = as_dates(dates)
    if where is not None:
        result = dates.copy()
        # The rows by number: reading and writing by a boolean mask costs several times more.
        rows = numpy.flatnonzero(where)
        if rows.size:
            subset = numpy.asarray(months)[rows] if numpy.ndim(months) else months
            result[rows] = add_months(dates[rows], subset)
        return result
    months = numpy.asarray(months, dtype=numpy.int64)
    if dates.size and dates.ndim:
        days = dates.view(numpy.int64) - _TABLE_START_DAY
        low, high = days.min(), days.max()
        if dates.size > 1 and low == high and (months.ndim == 0 or months.min() == months.max()):
            # One date and one shift for every row (a request dated the month's first day for
            # the whole population): moved once.
            moved = add_months(dates.reshape(-1)[:1], months.reshape(-1)[:1])
            return numpy.full(dates.shape, moved[0])
        if low >= 0 and high < len(_MONTH_NUMBER_OF_DAY):
            target = _MONTH_NUMBER_OF_DAY[days] + months
            if target.min() >= 0 and target.max() < len(_FIRST_DAYS):
                moved = _FIRST_DAYS[target] + _DAY_IN_MONTH[days]
                return numpy.minimum(moved, _LAST_DAYS[target]).view(DAY)
    # One date, or dates outside the tables (NaT, beyond 3000): numpy's calendar.
    first_of_month = month_of(dates)
    day_index = dates - first_day(first_of_month)
    target = first_of_month + months
    # A day past the target month's end (31 January + 1 month) is clipped to that end.
    return numpy.minimum(first_day(target) + day_index, first_day(target + 1) - 1)


def lasts_at_least(start, end, months) -> numpy.ndarray:
    """Whether a validity from `start` to `end`, both days included, covers `months` calendar
    months: a card of 1 March 2017 to 28 February 2021 lasts four years (48 months)."""
    return as_dates(end) >= add_months(start, months) - 1


def lasts_more_than(start, end, months, where=None) -> numpy.ndarray:
    """Whether a validity from `start` to `end`, both days included, covers more than `months`
    calendar months: a permit of 15 January 2019 to 14 January 2020 lasts one year, not more;
    one of 1 January to 1 April lasts more than three months. `where`: the rows that matter
    (`add_months`), the others are not computed."""
    return as_dates(end) >= add_months(start, months, where=where)


def latest(dates, default, count: int) -> numpy.ndarray:
    """The latest of several arrays of `count` dates, row by row, `default` where none is later.

    Computed on the days' numbers: numpy's maximum of dates checks each for NaT, five times
    slower (24 months of documents for 100,000 persons: 1.8 ms against 0.37 ms). A NaT, which
    numpy's maximum would keep, is here the earliest of dates (the model's dates are never NaT).
    """
    result = numpy.full(count, numpy.datetime64(default, "D"))
    days = result.view(numpy.int64)
    for array in dates:
        numpy.maximum(days, as_dates(array).view(numpy.int64), out=days)
    return result


def within(dates, first, last) -> numpy.ndarray:
    """Whether each date falls between `first` and `last` (both included), compared on the days'
    numbers (four times as fast as comparing dates; a NaT is before every date)."""
    days = as_dates(dates).view(numpy.int64)
    first, last = (numpy.datetime64(bound, "D").astype(numpy.int64) for bound in (first, last))
    return (days >= first) & (days <= last)


def add_days(dates, days) -> numpy.ndarray:
    return as_dates(dates) + numpy.asarray(days, dtype=numpy.int64)


def end_of_month(dates) -> numpy.ndarray:
    """The last day of the month of each date."""
    return first_day(month_of(dates) + 1) - 1


def period_start(period) -> numpy.datetime64:
    """The first day of an OpenFisca period, as a `datetime64[D]` scalar."""
    return numpy.datetime64(period.start.date, "D")


def period_end(period) -> numpy.datetime64:
    """The last day of an OpenFisca period, as a `datetime64[D]` scalar."""
    return numpy.datetime64(period.stop.date, "D")


@functools.lru_cache(maxsize=8192)
def month_offset(month: Period, count: int) -> Period:
    """The month `count` months after `month` (before, if negative). OpenFisca computes each
    offset with pendulum (about 10 µs); a one-person request reads the same few dozen months
    over and over."""
    return month.offset(count)


@functools.lru_cache(maxsize=8192)
def days_in(period: Period) -> int:
    """The number of days of a period (28 to 31 for a month), as `period.size_in_days`, which
    OpenFisca computes with pendulum at each call."""
    return period.size_in_days


@functools.lru_cache(maxsize=8192)
def months_of(period: Period) -> tuple:
    """The months of a period (a month, a year, several months), in order."""
    return tuple(period.get_subperiods(DateUnit.MONTH))


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
    start_month = month_of(start)
    first = _one_first_of_month(at)
    if first is not None:
        # On the 1st of M, a month started after the 1st is not complete yet.
        begun_after_first = start > first_day(start_month)
        return (first.astype(MONTH) - start_month).astype(numpy.int64) - begun_after_first
    at = as_dates(at)
    months = (month_of(at) - start_month).astype(numpy.int64)
    return months - (add_months(start, months) > at)
