"""Situations written by hand (a YAML test, a Web API request, an `explain` case): checked once, at
the door, by `SituationBuilder`, OpenFisca-Core's `SimulationBuilder` subclassed.

Where Core's builder would answer with a traceback, a silent conversion, a page of advice or a
wrongly located message, this one raises a `SituationError` naming the path (entity, id,
variable, period) and what is wrong, in the language of the messages (`i18n`):

- the situation's shape, before Core reads it (`structure.check_structure`): unknown entities,
  variables (with the closest name) and roles, persons missing from a family, periods that cannot
  be read (with the forms accepted); an unknown variable in the form without entities is an
  `UnknownNameError`;
- an input for a period outside the months the law is modelled for (`requested_periods`): Core
  answers `9999-12` with a traceback, and fills every month of `year:1000:8999`;
- a value that is not of its variable's type (`rules.inputs.value_problem`): Core converts it
  silently or fails with a traceback;
- inputs that contradict each other (a document ending before it starts,
  `rules.inputs.check_inputs_together`), checked once the simulation is built;
- an input refused for one person, located at that person (Core locates it at the first person
  who gives the variable for that period);
- every error located with the path's keys as they are (`errors.SituationError`);
- each person and family found in a dictionary, not a list (`linear_builder`): a situation's time
  grows with its persons, not with their square.
"""

from __future__ import annotations

import contextlib

from openfisca_core import periods
from openfisca_core.errors import PeriodMismatchError, SituationParsingError

from openfisca_residence.i18n import _
from openfisca_residence.rules.inputs import check_inputs_together, shown, value_problem
from openfisca_residence.system.errors import SituationError, located
from openfisca_residence.system.linear_builder import LinearBuilder
from openfisca_residence.system.requested_periods import (
    MONTH_FORM,
    input_period_problem,
    unreadable_period,
)
from openfisca_residence.system.structure import check_structure


class SituationBuilder(LinearBuilder):
    def build_from_dict(self, tax_benefit_system, input_dict):
        if isinstance(input_dict, dict) and not _entities_form(tax_benefit_system, input_dict):
            check_structure(tax_benefit_system, input_dict, self.default_period)
        try:
            return super().build_from_dict(tax_benefit_system, input_dict)
        except PeriodMismatchError as error:  # the form without entities lets it escape
            path = [error.variable_name, str(error.period)]
            raise SituationError(path, _text(error, path)) from error
        except SituationParsingError as error:
            raise located(error) from error

    def build_from_entities(self, tax_benefit_system, input_dict):
        check_structure(tax_benefit_system, input_dict, self.default_period)
        return _checked(super().build_from_entities, tax_benefit_system, input_dict)

    def build_from_variables(self, tax_benefit_system, input_dict):
        for name, values in input_dict.items():  # Core sets these inputs without add_variable_value
            for period, value in values.items() if isinstance(values, dict) else ():
                if value is not None and (problem := input_period_problem(period)):
                    raise SituationError([name, period], problem)
        return _checked(super().build_from_variables, tax_benefit_system, input_dict)

    def column_values(self, column):
        """The column's values, its period checked first (located at its first holder)."""
        if problem := input_period_problem(column.period):
            raise SituationError(column.path(column.ids[0]), problem)
        return super().column_values(column)

    def checked(self, column, id_, value):
        """A value not of its variable's type refused with what is wrong (`value_problem`)."""
        if problem := value_problem(column.variable, value):
            raise SituationError(
                column.path(id_),
                _("{values}; {problem}.").format(
                    values=f"{column.entity.key} {id_} = {shown(value)}", problem=problem
                ),
            )
        return super().checked(column, id_, value)

    def set_default_period(self, period_str):
        try:
            return super().set_default_period(period_str)
        except periods.PeriodError as error:
            raise SituationError(["period"], unreadable_period(period_str, MONTH_FORM)) from error

    def raise_period_mismatch(self, entity, json, error):
        """Locate an input refused at the first person concerned (Core takes the first person
        who gives the variable for that period, who may have given a good value)."""
        person = getattr(error, "person", None)
        values = json.get(person, {}).get(error.variable_name) if isinstance(json, dict) else None
        if values is not None and not isinstance(values, dict):  # a value for the default period
            values = {self.default_period: values}
        for key in values or ():
            with contextlib.suppress(ValueError):
                if periods.period(key) == error.period:
                    path = [entity.plural, person, error.variable_name, key]
                    raise SituationError(path, _text(error, path)) from error
        try:
            super().raise_period_mismatch(entity, json, error)
        except SituationParsingError as parsing_error:
            path = located(parsing_error).path
            raise SituationError(path, _text(error, path)) from error


def _entities_form(system, situation: dict) -> bool:
    """Whether Core builds `situation` from its entities (`build_from_entities` then checks its
    structure): all its keys are entities' plurals, or one is an entity's singular."""
    plurals = set(system.entities_plural())
    singulars = {entity.key for entity in system.entities}
    return bool(situation) and (
        all(key in plurals or key == "axes" for key in situation)
        or bool(singulars.intersection(situation))
    )


def _text(error: PeriodMismatchError, path) -> str:
    """What is wrong, without the variable and the period when the path names them."""
    detail = getattr(error, "detail", None)
    return detail if detail and error.variable_name in path else error.message


def _checked(build, tax_benefit_system, input_dict):
    """The simulation `build` makes, its errors located, its inputs checked together."""
    try:
        simulation = build(tax_benefit_system, input_dict)
    except SituationParsingError as error:
        raise located(error) from error
    check_inputs_together(simulation)
    return simulation
