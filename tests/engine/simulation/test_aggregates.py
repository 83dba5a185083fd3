"""Exact weighted totals: the same float whatever the cut or the order of the partitions."""

import math

import numpy
import pytest

from openfisca_residence.simulation.aggregates import ExactSum, WeightedTotals, Weights


def test_exact_sums_are_the_rounded_true_sum_in_any_order():
    rng = numpy.random.default_rng(3)
    terms = rng.normal(size=20_000) * 10.0 ** rng.integers(-20, 20, size=20_000)
    whole = ExactSum().add(terms).value
    assert whole == math.fsum(terms)
    parts = ExactSum()
    for part in numpy.array_split(rng.permutation(terms), 7):
        parts += ExactSum().add(part)
    assert parts.value == whole
    assert ExactSum().add(numpy.array([5e-324, 1e308, -1e308])).value == 5e-324


def test_weighted_counts_do_not_depend_on_the_partitions():
    rng = numpy.random.default_rng(4)
    weights = rng.choice([15_700.0, 1234.5678, 3.3e-3, 0.0, 7e5 / 3], size=5_000)
    mask = rng.random(5_000) < 0.4
    codes = rng.integers(0, 4, size=5_000)
    numbers = rng.integers(-3, 9, size=5_000)
    whole = Weights(weights)
    assert whole.count(mask).value == math.fsum(weights[mask])
    assert whole.total(numbers).value == math.fsum(weights * numbers)
    totals = WeightedTotals()
    for rows in numpy.array_split(numpy.arange(5_000), 9):
        part = WeightedTotals()
        part.add("x", "2024-01", Weights(weights[rows]), mask[rows])
        part.add("e", "2024-01", Weights(weights[rows]), codes[rows], items=4)
        totals += part
    assert totals.value("x", "2024-01") == whole.count(mask).value
    assert totals.value("e", "2024-01") == [math.fsum(weights[codes == i]) for i in range(4)]


def test_weights_are_finite_and_not_negative():
    with pytest.raises(ValueError, match="finite"):
        Weights(numpy.array([1.0, -2.0]))


def test_an_enum_counted_at_once_is_each_item_counted_exactly():
    """Weights of many exponents, subnormal to huge; -1 (no item) left out."""
    rng = numpy.random.default_rng(5)
    weights = rng.random(3_000) * 10.0 ** rng.integers(-300, 300, size=3_000)
    weights[:3] = [5e-324, 0.0, 1.7e308]
    codes = rng.integers(-1, 5, size=3_000)
    counted = [total.value for total in Weights(weights).counts(codes, 5)]
    assert counted == [math.fsum(weights[codes == item]) for item in range(5)]
    assert Weights(weights).count(codes == 2).value == counted[2]
