"""Weighted counts by group (`tally.Tally`): a count of most units is each group's total less the
units left out (`Counted`), a count of few the units counted; both give the sums of the units
counted, group by group, within a few units in the last place of the group's total weight, and
never less than 0."""

import numpy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openfisca_residence.analysis.tally import GROUPS, Counted, Tally

WEIGHTS = st.one_of(
    st.just(0.0),
    st.floats(1e-300, 1e-3),
    st.floats(0.5, 5.0),
    st.floats(1e3, 1e12),
)


@st.composite
def cases(draw):
    units = draw(st.integers(1, 120))
    weights = numpy.array(draw(st.lists(WEIGHTS, min_size=units, max_size=units)))
    groups = numpy.array(draw(st.lists(st.integers(0, 5), min_size=units, max_size=units)))
    share = draw(st.sampled_from([0.0, 0.1, 0.5, 0.9, 1.0]))
    seed = draw(st.integers(0, 2**32 - 1))
    mask = numpy.random.default_rng(seed).random(units) < share
    return weights, groups, mask


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(cases())
def test_the_sums_are_those_of_the_units_counted(case):
    weights, groups, mask = case
    tally = Tally()
    tally.add(("k",), Counted(weights, groups), mask)
    found = tally.groups(("k",))
    expected = numpy.bincount(groups[mask], weights=weights[mask], minlength=GROUPS)
    assert tally.count(("k",)) == int(mask.sum())
    assert (found >= 0).all()
    totals = numpy.bincount(groups, weights=weights, minlength=GROUPS)
    assert (numpy.abs(found - expected) <= 4 * numpy.finfo(float).eps * totals).all()
    for group in set(groups.tolist()) - set(groups[mask].tolist()):
        assert found[group] == 0  # a group none of whose units is counted: exactly 0


def test_most_units_are_counted_from_the_totals_once_summed():
    weights, groups = numpy.array([1.0, 2.0, 4.0, 8.0]), numpy.array([0, 0, 1, 1])
    units = Counted(weights, groups)
    tally = Tally()
    tally.add(("most",), units, [True, True, True, False])
    tally.add(("few",), units, [False, False, False, True])
    assert tally.groups(("most",))[:2].tolist() == [3.0, 4.0]
    assert tally.groups(("few",))[:2].tolist() == [0.0, 8.0]
    assert units.totals[:2].tolist() == [3.0, 12.0]
    assert "totals" in vars(units)  # summed once, kept for the next count


@pytest.mark.parametrize("mask", [[True, False, True], [False, False, False]])
def test_a_count_by_category_keeps_only_the_categories_met(mask):
    tally = Tally()
    units = Counted(numpy.array([1.0, 2.0, 4.0]), numpy.array([0, 1, 2]))
    tally.add_by(("by",), numpy.array([3, 1, 3]), units, mask)
    assert sorted(tally) == ([("by", 3)] if any(mask) else [])
    if any(mask):
        assert tally.total(("by", 3)) == 5.0 and tally.count(("by", 3)) == 2
