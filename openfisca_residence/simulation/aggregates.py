"""Weighted totals that do not depend on how the population was cut.

A float sum depends on the order of its terms: the total of a population computed in one piece,
by chunks, in Dask partitions or in a stream of batches would differ in its last digits.
`ExactSum` keeps the exact sum of float64 values (as a Python integer scaled by 2**1126, the
smallest step of a float64 product being 2**-1074), so that partial sums add up exactly in any
order, and its `value` is the true sum rounded once, the same float whatever the cut (it is
`math.fsum` of all the terms). Each person's term is `weight * value`, rounded once in float64,
identical on every backend.

    total = ExactSum()
    total.add(weights * values)        # one chunk
    total += other_total               # another chunk, computed elsewhere
    total.value                        # a float

`WeightedTotals` holds one sum per variable and month (one per item for an enum): each partition
builds its own, and the totals of the population are their sum.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy

SCALE = 1126  # bits: a float64 is m * 2**(e - 53) with m < 2**53 and e - 53 >= -1126
HALF = 26  # mantissas are summed in two halves of at most 27 bits: a bin stays under 2**53
SLICE = 1 << 25  # terms per pass: 2**25 halves of 2**27 sum exactly in a float64
EXPONENTS = 2200  # frexp's exponents of finite float64 (-1073..1024), shifted to be >= 0
SHIFT = 1100


@dataclass
class ExactSum:
    """The exact sum of float64 terms (`numerator / 2**SCALE`), mergeable in any order."""

    numerator: int = 0
    special: float = 0.0  # the sum of infinite or NaN terms, which have no exact value

    def add(self, terms: numpy.ndarray) -> ExactSum:
        terms = numpy.asarray(terms, dtype=numpy.float64).ravel()
        finite = numpy.isfinite(terms)
        if not finite.all():
            self.special += float(terms[~finite].sum())
            terms = terms[finite]
        for start in range(0, len(terms), SLICE):
            self.numerator += _exact(terms[start : start + SLICE])
        return self

    def __iadd__(self, other: ExactSum) -> ExactSum:
        self.numerator += other.numerator
        self.special += other.special
        return self

    @property
    def value(self) -> float:
        """The sum, rounded once to the nearest float64."""
        return self.numerator / (1 << SCALE) + self.special


def _exact(terms: numpy.ndarray) -> int:
    """The exact sum of at most SLICE finite terms, times 2**SCALE."""
    mantissas, exponents = numpy.frexp(terms)  # terms = mantissas * 2**exponents, 0.5 <= |m| < 1
    whole = (mantissas * 2.0**53).astype(numpy.int64)  # exact: 53 bits
    bins = (exponents + SHIFT).astype(numpy.intp)
    high = numpy.bincount(bins, weights=whole >> HALF, minlength=EXPONENTS)
    low = numpy.bincount(bins, weights=whole & ((1 << HALF) - 1), minlength=EXPONENTS)
    total = 0
    for index in numpy.flatnonzero((high != 0) | (low != 0)):
        exponent = int(index) - SHIFT - 53 + SCALE
        total += ((int(high[index]) << HALF) + int(low[index])) << exponent
    return total


class Weights:
    """Weights (finite, 0 or more) ready for exact weighted counts, fast.

    Each weight is `m * 2**(e - 1075)` with a whole `m < 2**53`, cut in two halves of at most 27
    bits. The rows are grouped by exponent (weights take few exponents). The weighted counts of
    an enum's items, or of a mask, are then two `bincount`s of the halves by (item, exponent): sums
    of whole numbers under 2**53, exact in float64 whatever the order of their additions, turned
    into `ExactSum`s. No matrix product: BLAS's threads would take the other workers' cores.
    """

    def __init__(self, weights: numpy.ndarray) -> None:
        weights = numpy.ascontiguousarray(weights, dtype=numpy.float64)
        if not (numpy.isfinite(weights).all() and (weights >= 0).all()):
            raise ValueError("Weights are finite numbers, 0 or more.")
        self.weights = weights
        self.blocks = []  # (rows of the block, exponent group of each row, halves, shifts)
        for start in range(0, len(weights), SLICE):
            bits = weights[start : start + SLICE].view(numpy.uint64)
            biased = ((bits >> numpy.uint64(52)) & numpy.uint64(0x7FF)).astype(numpy.int64)
            whole = (bits & numpy.uint64((1 << 52) - 1)).astype(numpy.int64)
            whole |= (biased != 0).astype(numpy.int64) << 52
            exponents, group = numpy.unique(numpy.maximum(biased, 1), return_inverse=True)
            halves = (
                (whole >> HALF).astype(numpy.float64),
                (whole & ((1 << HALF) - 1)).astype(numpy.float64),
            )
            shifts = [int(exponent) - 1075 + SCALE for exponent in exponents]
            rows = slice(start, start + SLICE)
            self.blocks.append((rows, group.astype(numpy.intp), halves, shifts))

    def __len__(self) -> int:
        return len(self.weights)

    def count(self, mask: numpy.ndarray) -> ExactSum:
        """The exact sum of the weights where `mask` is true."""
        return self.counts(numpy.asarray(mask, dtype=bool), 2)[1]

    def total(self, values: numpy.ndarray) -> ExactSum:
        """The exact sum of `weight * value` (booleans: the weighted count of True)."""
        values = numpy.asarray(values)
        if values.dtype == numpy.bool_:
            return self.count(values)
        return ExactSum().add(self.weights * values.astype(numpy.float64))

    def counts(self, codes: numpy.ndarray, items: int) -> list[ExactSum]:
        """For each item of an enum (its index in `codes`), the exact sum of the weights; a code
        that is no item's (-1) is not counted."""
        codes = numpy.asarray(codes).astype(numpy.intp)
        outside = (codes < 0) | (codes >= items)
        if outside.any():  # counted apart, then left out
            codes = numpy.where(outside, items, codes)
        numerators = [0] * items
        for rows, group, halves, shifts in self.blocks:
            exponents = len(shifts)
            key = codes[rows] * exponents + group
            for half, extra in zip(halves, (HALF, 0), strict=True):
                sums = numpy.bincount(key, weights=half, minlength=items * exponents)
                sums = sums[: items * exponents].reshape(items, exponents)
                for item, exponent in zip(*numpy.nonzero(sums), strict=True):
                    numerators[item] += int(sums[item, exponent]) << (shifts[exponent] + extra)
        return [ExactSum(numerator) for numerator in numerators]


@dataclass
class WeightedTotals:
    """Weighted totals per (variable, month): an `ExactSum`, or a list of them for an enum."""

    sums: dict[tuple[str, str], ExactSum | list[ExactSum]] = field(default_factory=dict)

    def add(
        self, variable: str, month: str, weights: Weights, values, items: int | None = None
    ) -> None:
        """Add one partition's values of `variable` for `month` (`items`: an enum's item count)."""
        part = weights.total(values) if items is None else weights.counts(values, items)
        known = self.sums.get((variable, month))
        if known is None:
            self.sums[(variable, month)] = part
        elif isinstance(known, list):
            for total, other in zip(known, part, strict=True):
                total += other
        else:
            known += part

    def __iadd__(self, other: WeightedTotals) -> WeightedTotals:
        for key, part in other.sums.items():
            known = self.sums.get(key)
            if known is None:
                self.sums[key] = part
            elif isinstance(known, list):
                for total, more in zip(known, part, strict=True):
                    total += more
            else:
                known += part
        return self

    def value(self, variable: str, month: str) -> float | list[float]:
        """The total (a list, one per item, for an enum)."""
        known = self.sums[(variable, month)]
        if isinstance(known, list):
            return [total.value for total in known]
        return known.value

    def __iter__(self) -> Iterator[tuple[str, str]]:
        """The (variable, month) pairs totalled."""
        return iter(self.sums)
