"""Weighted counts that add up chunk by chunk, with their sample size and their uncertainty.

Each count is kept as its weighted sum in each of `GROUPS` random groups of families, and the
number of sampled units counted. A family's group is a hash of its identity (its `family_id`,
else its `person_id`): the same whatever the chunks, the process or the order of the file. The
interval of a figure is a bootstrap over these groups (`REPLICATES` resamplings of the groups,
with replacement; the 2.5th and 97.5th percentiles): whole families are resampled together, as
they were drawn. It measures the sampling noise of the population, nothing else: not the
uncertainty of the published figures the population is weighted on, nor of the model's
assumptions.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cached_property

import numpy
import pandas
import pyarrow
import pyarrow.compute

from openfisca_residence.data.columns import as_array, as_mask
from openfisca_residence.data.schema import FAMILY_ID, PERSON_ID

GROUPS = 200
REPLICATES = 1000
SMALL = 30  # sampled units under which a figure is flagged
LEVEL = 0.95


def family_groups(table: pyarrow.Table) -> numpy.ndarray:
    """Each row's group (0 to GROUPS - 1), from a hash of its family's identity."""
    family = as_array(table[FAMILY_ID]) if FAMILY_ID in table.column_names else None
    person = as_array(table[PERSON_ID])
    person_hash = pandas.util.hash_array(_values(person), categorize=False)
    if family is None or family.null_count == len(family):
        return (person_hash % GROUPS).astype(numpy.int64)
    alone = as_mask(pyarrow.compute.is_null(family))
    filler = "" if pyarrow.types.is_string(family.type) else 0
    family_hash = pandas.util.hash_array(
        _values(pyarrow.compute.fill_null(family, filler)),
        hash_key="famille---------",
        categorize=False,
    )
    return (numpy.where(alone, person_hash, family_hash) % GROUPS).astype(numpy.int64)


def _values(array: pyarrow.Array) -> numpy.ndarray:
    values = array.to_numpy(zero_copy_only=False)
    return values.astype(object) if values.dtype.kind in "OUS" else values.astype(numpy.int64)


class Counted:
    """The units a tally counts in a chunk (persons, or families): their weights and groups, and
    each group's total weight, summed once. A count of most units is that total less the units
    left out (`Tally.add`): the sums of the units counted within a few units in the last place
    of the group's total weight (a millionth of a person for a group of 10^9 persons), never
    below 0 (weights of 0 or more), and 0 for a group none of whose units is counted."""

    def __init__(self, weights: numpy.ndarray, groups: numpy.ndarray) -> None:
        self.weights, self.groups = weights, groups

    @cached_property
    def totals(self) -> numpy.ndarray:
        return numpy.bincount(self.groups, weights=self.weights, minlength=GROUPS)

    def sums(self, rows: numpy.ndarray) -> numpy.ndarray:
        """The weights of `rows`, summed by group."""
        return numpy.bincount(
            self.groups.take(rows), weights=self.weights.take(rows), minlength=GROUPS
        )


class Tally(dict):
    """{key: array of GROUPS weighted sums, then the count of units}: adds up by `+=`."""

    def add(self, key: tuple, units: Counted, mask) -> None:
        """Count the units of `mask` (one value a unit)."""
        mask = numpy.asarray(mask, dtype=bool)
        count = int(numpy.count_nonzero(mask))
        if count > len(mask) // 2:  # most units: each group's total, less the units left out
            left = numpy.flatnonzero(~mask)
            sums = units.totals - units.sums(left)
        else:  # the units counted, found once
            sums = units.sums(numpy.flatnonzero(mask))
        self._accumulate(key, sums, count)

    def add_by(self, key: tuple, categories, units: Counted, mask) -> None:
        """Count the units of `mask` category by category: keys `(*key, category)`."""
        mask = numpy.asarray(mask, dtype=bool)
        if not mask.any():
            return
        rows = numpy.flatnonzero(mask)  # found once, then taken
        categories = numpy.asarray(categories).take(rows).astype(numpy.int64)
        size = int(categories.max()) + 1
        sums = numpy.bincount(
            categories * GROUPS + units.groups.take(rows),
            weights=units.weights.take(rows),
            minlength=size * GROUPS,
        ).reshape(size, GROUPS)
        counts = numpy.bincount(categories, minlength=size)
        for category in numpy.flatnonzero(counts):
            self._accumulate((*key, int(category)), sums[category], int(counts[category]))

    def _accumulate(self, key, sums, count) -> None:
        if key in self:
            self[key][:GROUPS] += sums
            self[key][GROUPS] += count
        else:
            self[key] = numpy.append(sums, float(count))

    def __iadd__(self, other: Mapping) -> Tally:
        for key, values in other.items():
            self._accumulate(key, values[:GROUPS], values[GROUPS])
        return self

    def total(self, key) -> float:
        values = self.get(key)
        return 0.0 if values is None else float(values[:GROUPS].sum())

    def count(self, key) -> int:
        values = self.get(key)
        return 0 if values is None else int(values[GROUPS])

    def groups(self, key) -> numpy.ndarray:
        values = self.get(key)
        return numpy.zeros(GROUPS) if values is None else values[:GROUPS]

    def matching(self, prefix: tuple) -> dict:
        """The keys that start with `prefix`, and their values."""
        return {key: values for key, values in self.items() if key[: len(prefix)] == prefix}


def resamplings() -> numpy.ndarray:
    """REPLICATES × GROUPS: how many times each group is drawn in each resampling (fixed)."""
    rng = numpy.random.default_rng(20_260_101)
    return rng.multinomial(GROUPS, numpy.full(GROUPS, 1 / GROUPS), size=REPLICATES).astype(float)


_RESAMPLINGS = resamplings()


def replicated(groups: numpy.ndarray) -> numpy.ndarray:
    """The REPLICATES bootstrap totals of each row of `groups` (... × GROUPS)."""
    return groups @ _RESAMPLINGS.T


def interval(replicates: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
    """The bounds of the LEVEL interval of each row of bootstrap replicates (... × REPLICATES)."""
    tail = (1 - LEVEL) / 2 * 100
    return numpy.percentile(replicates, tail, axis=-1), numpy.percentile(
        replicates, 100 - tail, axis=-1
    )


def estimate(
    tally: Tally, keys: Mapping[str, tuple], combine: Callable[..., numpy.ndarray] | None = None
) -> tuple[float, float, float]:
    """A figure, and its interval: `combine` of the totals of `keys` (by name), or their sum."""
    groups = {name: tally.groups(key) for name, key in keys.items()}
    totals = {name: values.sum() for name, values in groups.items()}
    replicates = {name: replicated(values) for name, values in groups.items()}
    combine = combine or (lambda **parts: sum(parts.values()))
    value = float(combine(**totals))
    low, high = interval(numpy.asarray(combine(**replicates), dtype=float))
    return value, float(low), float(high)
