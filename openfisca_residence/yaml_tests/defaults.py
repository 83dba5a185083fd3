"""Outputs computed with default facts in a month the case gives no facts for: a warning, not a
failure.

An input not given takes its default value (present in France, French, no document...), so a case
whose facts are given for 2017 and whose output is asked for 2018-01 is computed, silently, as if
the person had done nothing in 2018-01. The rule, precisely: a case that gives facts (at least one
input) warns, for each period an output is asked for, when

- none of its inputs is given for a period that overlaps it (the month itself, its year,
  ETERNITY; a variable defined for ETERNITY, such as a date of birth, holds for every period), and
- the computation read, in that period, an input the case does not give: its default value,
  which OpenFisca keeps in the input's cache (an output that reads only the past does not warn;
  the days of presence of the previous year read the last arrival and departure of the month).

A case without any input is a case of defaults on purpose, and does not warn.
"""

from __future__ import annotations

from openfisca_core import periods

from openfisca_residence.i18n import _
from openfisca_residence.system.structure import variable_keys

ETERNITY = periods.DateUnit.ETERNITY


def given_periods(system, test) -> list:
    """The periods of the inputs of a case (`test.period` for a value given without one)."""
    found = []
    for _path, name, values in variable_keys(system, test.input or {}):
        variable = system.variables.get(name)
        if variable is not None and variable.definition_period == ETERNITY:
            found.append(periods.period(ETERNITY))
            continue
        for key in values if isinstance(values, dict) else [test.period]:
            try:
                found.append(periods.period(key))
            except ValueError:  # the builder has refused it
                continue
    return found


def defaults_used(simulation, given: list, asked) -> bool:
    """Whether the case gives facts, none for a period overlapping `asked`, and the computation
    read an input's default value in `asked`."""
    asked = periods.period(asked)
    if not given or asked.unit == ETERNITY or any(_overlap(period, asked) for period in given):
        return False
    for name, variable in simulation.tax_benefit_system.variables.items():
        if variable.formulas or variable.definition_period == ETERNITY:
            continue
        holder = simulation.get_variable_population(name).get_holder(name)
        if any(_overlap(period, asked) for period in holder.get_known_periods()):
            return True
    return False


def _overlap(period, other) -> bool:
    return period.unit == ETERNITY or (period.start <= other.stop and other.start <= period.stop)


def warning(asked: str, outputs: list[str]) -> str:
    """`reside_en_france: no fact is given for 2018-01 ...; the inputs take their default values.`"""
    return _(
        "{outputs}: no fact is given for {period} (nor for its year or ETERNITY); the inputs "
        "take their default values."
    ).format(period=asked, outputs=", ".join(outputs))
