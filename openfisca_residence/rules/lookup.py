"""Vectorial reads of parameters: by category, and at each person's own date.

OpenFisca's fancy indexing of a parameter node by an enum array loops over the persons in Python;
these helpers loop over the few categories or dates of the parameter instead, then index arrays.
"""

from __future__ import annotations

import functools
import weakref

import numpy
from openfisca_core.indexed_enums import EnumArray

from openfisca_residence.rules.dates import NEVER, as_dates


def parameters_of(population):
    """The parameter tree of the system a population is simulated with (a reform's, if any).

    A simulation that records what its formulas read gives its own view of the tree
    (`parameter_tree`: `simulation.dependencies.RecordingSimulation`)."""
    simulation = population.simulation
    tree = getattr(simulation, "parameter_tree", None)
    return simulation.tax_benefit_system.parameters if tree is None else tree()


def category_in(categories: EnumArray, names) -> numpy.ndarray:
    """Whether each person's category is one of `names` (a list parameter of enum item names).

    An unknown name is a mistake in the parameter file, not an empty match: it raises.
    """
    # A table of the few categories, indexed by each person's category: no sort, unlike isin.
    return _members(categories.possible_values, tuple(names))[numpy.asarray(categories)]


def category_in_at_dates(categories: EnumArray, parameter, dates) -> numpy.ndarray:
    """Whether each person's category is in the list parameter as it stood on the person's date."""
    history = _history(parameter)
    position = history.positions(dates)
    members = history.members(categories.possible_values)  # (value of the list × category)
    if position.ndim == 0:  # the same list for everyone
        return members[position][numpy.asarray(categories)]
    return members.reshape(-1)[position * members.shape[1] + numpy.asarray(categories)]


def item_in_at_dates(parameter, item: str, dates) -> numpy.ndarray:
    """Whether `item` is in the list parameter as it stood on each date (false before its first
    value): a category of persons in force on each person's date."""
    history = _history(parameter)
    listed = numpy.array([item in names for names in history.raw])
    return history.in_force(listed, as_dates(dates), False)


def value_at_dates(parameter, dates, before=None) -> numpy.ndarray:
    """The value of a dated parameter in force on each date (for instance each document's expiry).

    `parameter` is a Parameter of the tax-benefit system (not a value at an instant); dates before
    its first value get `before`, which must then be given.
    """
    history = _history(parameter)
    dates = as_dates(dates)
    if before is None:
        position = history.positions(dates)
        if position.ndim == 0:
            return numpy.full(dates.shape, history.values[position])
        return history.values[position]
    return history.in_force(history.values, dates, before)


def date_at_dates(parameter, dates, before=NEVER) -> numpy.ndarray:
    """`value_at_dates` of a parameter whose values are dates, as dates, `before` (never, by
    default) on the dates before its first value."""
    history = _history(parameter)
    return history.in_force(history.dates, as_dates(dates), numpy.datetime64(before, "D"))


def date_bounds(parameter) -> tuple[numpy.datetime64, numpy.datetime64]:
    """The earliest and the latest of a date parameter's values, whatever their dates of effect:
    a date outside them is outside every version of a window the parameter bounds."""
    dates = _history(parameter).dates
    return dates.min(), dates.max()


FEW_VALUES = 12  # dated values up to which `_History.started` compares rather than searches
NAT_DAY = numpy.datetime64("NaT", "D").view(numpy.int64)


class _History:
    """A dated parameter's values in date order, read once for every call: their dates of effect,
    the values as an array, as dates, and (for a list of enum items) as a table of the enum's
    categories. Read again each time took 50 µs a call, most of a one-person request's lookups."""

    def __init__(self, parameter) -> None:
        self.name = parameter.name
        self.values_list = parameter.values_list  # Parameter.update replaces it: read again then
        steps = sorted(
            (numpy.datetime64(at.instant_str, "D"), index, at.value)
            for index, at in enumerate(parameter.values_list)
        )
        self.starts = numpy.array([start for start, _, _ in steps])
        self.raw = [value for _, _, value in steps]
        self._tables = {}

    @functools.cached_property
    def values(self) -> numpy.ndarray:
        return numpy.array(self.raw)

    @functools.cached_property
    def dates(self) -> numpy.ndarray:
        # Each value read as a date once, not once a person (100,000 texts read as dates: 40 ms).
        return as_dates(self.raw)

    def members(self, enum) -> numpy.ndarray:
        """For each value (a list of `enum`'s item names), whether each category is in it."""
        table = self._tables.get(enum)
        if table is None:
            table = numpy.array([_members(enum, tuple(names)) for names in self.raw])
            table.flags.writeable = False
            self._tables[enum] = table
        return table

    def positions(self, dates) -> numpy.ndarray:
        """The index of the value in force on each date: one index (an array of no dimension)
        when every date falls in the same value's time, as the request date mostly does."""
        dates = as_dates(dates)
        starts = self.starts
        if dates.size:
            bounds = numpy.array([dates.min(), dates.max()])
            if not numpy.isnat(bounds).any():
                low, high = numpy.searchsorted(starts, bounds, side="right") - 1
                if low == high >= 0:
                    return numpy.asarray(low)
        position = self.started(dates) - 1
        if (position < 0).any():
            raise ValueError(f"{self.name} has no value before {starts[0]}")
        return position

    def in_force(self, values: numpy.ndarray, dates, before) -> numpy.ndarray:
        """The value of `values` in force on each date, `before` on the dates before the first."""
        dtype = numpy.result_type(values, before)  # numpy.where's type for the two
        first = numpy.full((1, *values.shape[1:]), before, dtype=dtype)
        with_before = numpy.concatenate([first, values.astype(dtype, copy=False)])
        return with_before.take(self.started(dates), axis=0)

    def started(self, dates: numpy.ndarray) -> numpy.ndarray:
        """For each date (datetime64[D]), how many values have started on it: the position of the
        value in force, plus one (0: before the first). With few values, one comparison a value
        on the dates' day numbers: searching each of 100,000 dates among five starts took 0.8 ms,
        the five comparisons 0.18 ms. A date NaT, which numpy sorts after every date, gets the
        last value, as a search would give it."""
        if len(self.starts) > FEW_VALUES or dates.dtype != self.starts.dtype:
            return numpy.searchsorted(self.starts, dates, side="right")
        days = dates.view(numpy.int64)
        count = numpy.zeros(days.shape, numpy.intp)
        for start in self.starts.view(numpy.int64):
            numpy.add(count, days >= start, out=count, casting="unsafe")
        if days.size and days.min() == NAT_DAY:
            count[days == NAT_DAY] = len(self.starts)
        return count


_HISTORIES: dict[int, _History] = {}


def _history(parameter) -> _History:
    """The parameter's `_History`, kept by the parameter's identity (a Parameter defines `__eq__`
    and is not hashable) as long as its values are the same list, and dropped with the parameter
    (a sweep of reforms builds a parameter tree for each)."""
    key = id(parameter)
    history = _HISTORIES.get(key)
    if history is None:
        weakref.finalize(parameter, _HISTORIES.pop, key, None)
    if history is None or history.values_list is not parameter.values_list:
        history = _HISTORIES[key] = _History(parameter)
    return history


@functools.cache
def _members(enum, names: tuple) -> numpy.ndarray:
    """Whether each category of `enum` (by index) is one of `names`."""
    unknown = [name for name in names if name not in enum.__members__]
    if unknown:
        raise ValueError(
            f"Unknown {enum.__name__} item(s) {unknown} in a parameter list; known: {list(enum.__members__)}"
        )
    table = numpy.zeros(len(enum), dtype=bool)
    table[[enum[name].index for name in names]] = True
    table.flags.writeable = False  # shared by every call
    return table
