import numpy
import pytest
from openfisca_core import periods

from openfisca_residence.rules.dates import (
    add_months,
    days_in,
    end_of_month,
    lasts_at_least,
    lasts_more_than,
    latest,
    month_offset,
    months_before,
    months_of,
    passed,
    reached,
    whole_months,
    within,
    year_of,
    year_to_date,
)


def dates(*values):
    return numpy.array(values, dtype="datetime64[D]")


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        ("2017-01-15", 3, "2017-04-15"),
        ("2017-01-31", 1, "2017-02-28"),  # clipped to the end of a short month
        ("2016-01-31", 1, "2016-02-29"),  # leap year
        ("2016-02-29", 12, "2017-02-28"),
        ("2016-02-29", 48, "2020-02-29"),
        ("2017-03-01", 12, "2018-03-01"),
        ("2017-12-31", 2, "2018-02-28"),
        ("2017-03-31", -1, "2017-02-28"),
        ("2017-05-10", 0, "2017-05-10"),
    ],
)
def test_add_months(start, months, expected):
    assert add_months(dates(start), months)[0] == numpy.datetime64(expected)


def test_add_months_is_vectorial_in_dates_and_months():
    result = add_months(dates("2017-01-31", "2019-11-30", "2020-02-29"), numpy.array([1, 3, 12]))
    assert list(result) == list(dates("2017-02-28", "2020-02-29", "2021-02-28"))


@pytest.mark.parametrize("months", [-25, -1, 0, 1, 12, 13, 48])
def test_add_months_by_the_calendar_tables_agrees_with_numpy_s_calendar(months):
    every_day = numpy.arange(numpy.datetime64("1800-01-01"), numpy.datetime64("3001-01-01"))
    first_of_month = every_day.astype("datetime64[M]")
    target = first_of_month + months
    expected = numpy.minimum(
        target.astype("datetime64[D]") + (every_day - first_of_month.astype("datetime64[D]")),
        (target + 1).astype("datetime64[D]") - 1,
    )
    assert (add_months(every_day, months) == expected).all()


def test_add_months_outside_the_tables_and_of_no_date():
    moved = add_months(dates("2999-12-31", "NaT", "1700-03-31"), 14)
    assert numpy.array_equal(moved, dates("3001-02-28", "NaT", "1701-05-31"), equal_nan=True)
    assert add_months(numpy.datetime64("2017-01-31"), 1) == numpy.datetime64("2017-02-28")
    assert add_months(dates(), 3).size == 0


def test_add_months_of_one_date_for_every_row_moves_it_once():
    same = dates(*["2024-01-31"] * 4)
    assert list(add_months(same, 1)) == list(dates(*["2024-02-29"] * 4))
    assert list(add_months(same, numpy.full(4, -12))) == list(dates(*["2023-01-31"] * 4))
    shifts = numpy.array([1, 1, 1, 13])  # one date, shifts that differ: each row its own
    assert list(add_months(same, shifts))[-1] == numpy.datetime64("2025-02-28")
    table = numpy.full((3, 2), numpy.datetime64("2024-01-31"))  # persons × days
    assert (add_months(table, 1) == numpy.datetime64("2024-02-29")).all()
    no_date = add_months(dates("NaT", "NaT"), 1)
    assert numpy.isnat(no_date).all()


def test_latest_date_row_by_row_and_the_default_where_none_is_later():
    first = dates("2020-01-01", "2010-06-30", "1800-01-01")
    second = dates("2019-12-31", "2011-01-01", "1850-01-01")
    found = latest(iter([first, second]), "1900-01-01", 3)
    assert list(found) == list(dates("2020-01-01", "2011-01-01", "1900-01-01"))
    assert found.dtype == numpy.dtype("datetime64[D]")
    assert list(latest([], "1900-01-01", 2)) == list(dates("1900-01-01", "1900-01-01"))


def test_within_includes_both_bounds():
    found = within(
        dates("2020-03-15", "2020-03-16", "2020-05-15", "2020-05-16", "NaT"),
        "2020-03-16",
        "2020-05-15",
    )
    assert found.tolist() == [False, True, True, False, False]


def test_lengths_of_validity_count_both_days():
    start = dates("2017-03-01", "2019-01-15", "2019-01-15", "2016-02-29")
    end = dates("2021-02-28", "2020-01-14", "2020-01-15", "2020-02-28")
    assert lasts_at_least(start, end, [48, 12, 12, 48]).tolist() == [True, True, True, True]
    assert lasts_more_than(start, end, [48, 12, 12, 48]).tolist() == [
        False,
        False,
        True,
        False,
    ]
    assert not lasts_at_least(start[:1], end[:1] - 1, 48)[0]


def test_end_of_month():
    assert list(end_of_month(dates("2016-02-03", "2017-02-28", "2017-12-01"))) == list(
        dates("2016-02-29", "2017-02-28", "2017-12-31")
    )


def test_year_of_reads_the_calendar_table_as_numpy_converts():
    assert year_of(dates("1999-12-31", "2000-01-01", "2024-02-29", "1900-01-01")).tolist() == [
        1999,
        2000,
        2024,
        1900,
    ]
    every_day = numpy.arange(numpy.datetime64("1799-12-20"), numpy.datetime64("3001-01-10"))
    assert (year_of(every_day) == every_day.astype("datetime64[Y]").astype(int) + 1970).all()


def test_months_before_excludes_the_month():
    window = months_before(periods.period("2018-01"), 12)
    assert str(window.start) == "2017-01-01"
    assert window.size_in_months == 12
    assert str(window.stop) == "2017-12-31"


def test_year_to_date_includes_the_month():
    window = year_to_date(periods.period("2017-09"))
    assert str(window.start) == "2017-01-01"
    assert str(window.stop) == "2017-09-30"


STARTS = dates("2016-02-29", "2017-01-31", "2017-01-01", "2017-01-15", "2016-11-30", "2019-06-01")


@pytest.mark.parametrize("at", ["2017-03-01", "2017-05-01", "2020-03-01"])
@pytest.mark.parametrize("months", [0, 1, 3, 12, 40])
def test_fast_comparisons_agree_with_add_months(at, months):
    uniform = numpy.full(len(STARTS), numpy.datetime64(at, "D"))
    expected_passed = add_months(STARTS, months) < uniform
    expected_reached = add_months(STARTS, months) <= uniform
    assert (passed(STARTS, months, uniform) == expected_passed).all()
    assert (reached(STARTS, months, uniform) == expected_reached).all()
    assert (passed(STARTS, months, numpy.datetime64(at, "D")) == expected_passed).all()


def test_comparisons_on_dates_of_each_person():
    at = dates("2017-03-15", "2017-02-27", "2017-04-01", "2017-04-15", "2017-02-28", "2019-06-01")
    assert list(passed(STARTS, 1, at)) == list(add_months(STARTS, 1) < at)
    assert list(reached(STARTS, 1, at)) == list(add_months(STARTS, 1) <= at)


@pytest.mark.parametrize("at", ["2017-03-01", "2018-02-01", "2017-03-17"])
def test_whole_months(at):
    uniform = numpy.full(len(STARTS), numpy.datetime64(at, "D"))
    got = whole_months(STARTS, uniform)
    for start, months in zip(STARTS, got, strict=True):
        assert add_months(dates(start), months)[0] <= numpy.datetime64(at)
        assert add_months(dates(start), months + 1)[0] > numpy.datetime64(at)


def test_month_offset_months_of_and_days_in_are_openfisca_s():
    month = periods.period("2024-01")
    assert month_offset(month, -23) == month.offset(-23) == periods.period("2022-02")
    assert months_of(periods.period("2023")) == tuple(
        periods.period(f"2023-{number:02d}") for number in range(1, 13)
    )
    assert months_of(periods.period("month:2023-11:3"))[-1] == periods.period("2024-01")
    assert [days_in(periods.period(month)) for month in ("2023-02", "2024-02", "2024-04")] == [
        28,
        29,
        30,
    ]
