"""Vectorial reads of parameters: by category, and at each person's own date.

OpenFisca's fancy indexing of a parameter node by an enum array loops over the persons in Python;
these helpers loop over the few categories or dates of the parameter instead, then index arrays.
"""

from __future__ import annotations

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
    return _members(categories.possible_values, names)[numpy.asarray(categories)]


def category_in_at_dates(categories: EnumArray, parameter, dates) -> numpy.ndarray:
    """Whether each person's category is in the list parameter as it stood on the person's date."""
    history = _history(parameter)
    position = _positions(parameter, history, dates)
    if position.ndim == 0:  # the same list for everyone
        return category_in(categories, history[position][1])
    # A table (value of the list × category), read at each person's (position, category).
    members = numpy.array([_members(categories.possible_values, names) for _, names in history])
    return members.reshape(-1)[position * members.shape[1] + numpy.asarray(categories)]


def value_at_dates(parameter, dates, before=None) -> numpy.ndarray:
    """The value of a dated parameter in force on each date (for instance each document's expiry).

    `parameter` is a Parameter of the tax-benefit system (not a value at an instant); dates before
    its first value get `before`, which must then be given.
    """
    history = _history(parameter)
    values = numpy.array([value for _, value in history])
    dates = as_dates(dates)
    if before is None:
        position = _positions(parameter, history, dates)
        if position.ndim == 0:
            return numpy.full(dates.shape, values[position])
        return values[position]
    return _in_force(history, values, dates, before)


def date_at_dates(parameter, dates, before=NEVER) -> numpy.ndarray:
    """`value_at_dates` of a parameter whose values are dates, as dates, `before` (never, by
    default) on the dates before its first value: each of its values read as a date once, not
    once a person (100,000 texts read as dates took 40 ms a call)."""
    history = _history(parameter)
    values = as_dates([value for _, value in history])
    return _in_force(history, values, as_dates(dates), numpy.datetime64(before, "D"))


def _in_force(history: list, values: numpy.ndarray, dates, before) -> numpy.ndarray:
    """The value of `values` (one a step of `history`) in force on each date, `before` on the
    dates before the first step."""
    position = numpy.searchsorted([start for start, _ in history], dates, side="right") - 1
    return numpy.where(position < 0, before, values[numpy.maximum(position, 0)])


def _history(parameter) -> list:
    return sorted((numpy.datetime64(at.instant_str, "D"), at.value) for at in parameter.values_list)


def _positions(parameter, history, dates) -> numpy.ndarray:
    """The index in `history` of the value in force on each date: one index (an array of no
    dimension) when every date falls in the same value's time, as the request date mostly does."""
    dates = as_dates(dates)
    starts = numpy.array([start for start, _ in history])
    if dates.size:
        bounds = numpy.array([dates.min(), dates.max()])
        if not numpy.isnat(bounds).any():
            low, high = numpy.searchsorted(starts, bounds, side="right") - 1
            if low == high >= 0:
                return numpy.asarray(low)
    position = numpy.searchsorted(starts, dates, side="right") - 1
    if (position < 0).any():
        raise ValueError(f"{parameter.name} has no value before {history[0][0]}")
    return position


def _members(enum, names) -> numpy.ndarray:
    """Whether each category of `enum` (by index) is one of `names`."""
    unknown = [name for name in names if name not in enum.__members__]
    if unknown:
        raise ValueError(
            f"Unknown {enum.__name__} item(s) {unknown} in a parameter list; known: {list(enum.__members__)}"
        )
    table = numpy.zeros(len(enum), dtype=bool)
    table[[enum[name].index for name in names]] = True
    return table
