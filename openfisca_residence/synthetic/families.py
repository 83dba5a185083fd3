"""The persons of the synthetic population, drawn in groups as whole families."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy

from openfisca_residence.synthetic.calibration import GROUPS

GROUP_NAMES = list(GROUPS)


@dataclass(frozen=True)
class Families:
    """The persons drawn, family by family: group, family (unit) and role of each person."""

    sizes: dict[str, int]  # persons drawn in each group
    population: dict[str, float]  # persons each group weighs (`calibration.group_sizes`)
    group: numpy.ndarray  # index of the group in GROUPS
    unit: numpy.ndarray
    child: numpy.ndarray

    @property
    def count(self) -> int:
        return len(self.group)

    @cached_property
    def adult(self) -> numpy.ndarray:
        return ~self.child

    @cached_property
    def in_group(self) -> dict[str, numpy.ndarray]:
        return {name: self.group == index for index, name in enumerate(GROUP_NAMES)}

    def in_any(self, names) -> numpy.ndarray:
        return numpy.isin(self.group, [GROUP_NAMES.index(name) for name in names])

    @cached_property
    def third_country(self) -> numpy.ndarray:
        """Third-country nationals: present on the first day, or arriving during the months."""
        return ~self.in_any(("francais", "ue"))

    @cached_property
    def head(self) -> numpy.ndarray:
        """The first person of each person's family (a parent), whose situation children take."""
        first_of_unit = numpy.full(self.unit.max() + 1, -1, dtype=numpy.int64)
        first_of_unit[self.unit[::-1]] = numpy.arange(self.count)[::-1]
        return first_of_unit[self.unit]

    @cached_property
    def is_head(self) -> numpy.ndarray:
        return self.head == numpy.arange(self.count)

    @cached_property
    def has_children(self) -> numpy.ndarray:
        return numpy.bincount(self.unit, weights=self.child)[self.unit] > 0

    @cached_property
    def unit_size(self) -> numpy.ndarray:
        return numpy.bincount(self.unit)[self.unit]

    @cached_property
    def weights(self) -> numpy.ndarray:
        """Each person's weight: the persons the group weighs over the persons drawn."""
        per_person = numpy.array(
            [
                self.population[name] / self.sizes[name] if self.sizes[name] else 0.0
                for name in GROUPS
            ]
        )
        return per_person[self.group]


def draw_families(
    rng: numpy.random.Generator, persons: int, population: dict[str, float]
) -> Families:
    """The persons of each group (shares of GROUPS), as whole families in a random order, each
    group weighing `population` persons."""
    shares = {name: group.sample for name, group in GROUPS.items()}
    counts = numpy.bincount(allocate(persons, shares), minlength=len(GROUPS)).tolist()
    sizes = dict(zip(GROUPS, counts, strict=True))
    groups, units, children = [], [], []
    unit_count = 0
    for index, (name, size) in enumerate(sizes.items()):
        if size == 0:
            continue
        unit, child, group_units = _draw_group_families(rng, name, size)
        units.append(unit_count + unit)
        children.append(child)
        groups.append(numpy.full(size, index, dtype=numpy.int8))
        unit_count += group_units
    group, unit, child = (numpy.concatenate(a) for a in (groups, units, children))
    # Families in a random order, each whole: parents first, then children.
    rank = rng.permutation(unit_count)
    order = numpy.lexsort((numpy.arange(len(unit)), child, rank[unit]))
    return Families(sizes, population, group[order], unit[order], child[order])


def _draw_group_families(
    rng: numpy.random.Generator, name: str, size: int
) -> tuple[numpy.ndarray, numpy.ndarray, int]:
    """Family (from 0) and role of the `size` persons of a group, adults first; families drawn."""
    _, child_share, couple_share = GROUPS[name]
    child_count = min(round(child_share * size), size - 1) if size > 1 else 0
    adult_count = size - child_count
    couples = int(couple_share * adult_count) // 2
    singles = adult_count - 2 * couples
    unit_count = couples + singles
    unit_of_adult = numpy.concatenate(
        [numpy.repeat(numpy.arange(couples), 2), couples + numpy.arange(singles)]
    )
    with_children = min(unit_count, max(1, round(child_count / 1.8))) if child_count else 0
    parents_units = rng.choice(unit_count, size=with_children, replace=False)
    unit_of_child = (
        numpy.concatenate(
            [
                parents_units[: min(with_children, child_count)],
                rng.choice(parents_units, size=max(child_count - with_children, 0)),
            ]
        )
        if child_count
        else numpy.empty(0, dtype=int)
    )
    unit = numpy.concatenate([unit_of_adult, unit_of_child])
    child = numpy.r_[numpy.zeros(adult_count, bool), numpy.ones(child_count, bool)]
    return unit, child, unit_count


def allocate(count: int, shares: dict, at_least_one: bool = False) -> numpy.ndarray:
    """`count` items split after `shares` by largest remainder (each share at least 1 if asked)."""
    names = list(shares)
    weights = numpy.array([shares[name] for name in names], dtype=float)
    exact = weights / weights.sum() * count
    counts = numpy.floor(exact).astype(int)
    if at_least_one and count >= len(names):
        counts = numpy.maximum(counts, 1)
    while counts.sum() > count:
        counts[numpy.argmax(counts)] -= 1
    remainder = exact - numpy.floor(exact)
    for index in numpy.argsort(-remainder, kind="stable")[: count - counts.sum()]:
        counts[index] += 1
    return numpy.repeat(numpy.arange(len(names)), counts)
