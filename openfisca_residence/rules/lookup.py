"""Vectorial reads of parameters: by category, and at each person's own date.

OpenFisca's fancy indexing of a parameter node by an enum array loops over the persons in Python;
these helpers loop over the few categories or dates of the parameter instead, then index arrays.
"""

from __future__ import annotations

import numpy
from openfisca_core.indexed_enums import EnumArray

from openfisca_residence.rules.dates import as_dates


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
    enum = categories.possible_values
    unknown = [name for name in names if name not in enum.__members__]
    if unknown:
        raise ValueError(
            f"Unknown {enum.__name__} item(s) {unknown} in a parameter list; known: {list(enum.__members__)}"
        )
    # A table of the few categories, indexed by each person's category: no sort, unlike isin.
    table = numpy.zeros(len(enum), dtype=bool)
    table[[enum[name].index for name in names]] = True
    return table[numpy.asarray(categories)]


def category_in_at_dates(categories: EnumArray, parameter, dates) -> numpy.ndarray:
    """Whether each person's category is in the list parameter as it stood on the person's date."""
    history = _history(parameter)
    members = numpy.array([category_in(categories, names) for _, names in history])
    position = _positions(parameter, history, dates)
    return members[position, numpy.arange(len(position))]


def value_at_dates(parameter, dates, before=None) -> numpy.ndarray:
    """The value of a dated parameter in force on each date (for instance each document's expiry).

    `parameter` is a Parameter of the tax-benefit system (not a value at an instant); dates before
    its first value get `before`, which must then be given.
    """
    history = _history(parameter)
    values = numpy.array([value for _, value in history])
    if before is None:
        return values[_positions(parameter, history, dates)]
    position = (
        numpy.searchsorted([start for start, _ in history], as_dates(dates), side="right") - 1
    )
    return numpy.where(position < 0, before, values[numpy.maximum(position, 0)])


def _history(parameter) -> list:
    return sorted((numpy.datetime64(at.instant_str, "D"), at.value) for at in parameter.values_list)


def _positions(parameter, history, dates) -> numpy.ndarray:
    position = (
        numpy.searchsorted([start for start, _ in history], as_dates(dates), side="right") - 1
    )
    if (position < 0).any():
        raise ValueError(f"{parameter.name} has no value before {history[0][0]}")
    return position
