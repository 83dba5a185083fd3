"""Situations written by hand (a YAML test, a Web API request, an `explain` case): checked once, at
the door, by `SituationBuilder`, OpenFisca-Core's `SimulationBuilder` subclassed.

Where Core's builder would answer with a traceback, a silent conversion or a wrongly located
message, this one raises a `SituationError` naming the path (entity, id, variable, period) and
what is wrong:

- an unknown name among a YAML test's inputs: Core's builder returns None and its runner only says
  "Simulation should be properly initialized"; here `UnknownNameError`, with the closest variable;
- a bad value in the form without entities (`input: {variable: value}`), which Core lets escape
  as a traceback, or a period that cannot be read;
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

from openfisca_residence.rules.inputs import check_inputs_together, shown, value_problem
from openfisca_residence.system.errors import SituationError, UnknownNameError, located
from openfisca_residence.system.linear_builder import LinearBuilder
from openfisca_residence.system.requested_periods import input_period_problem


class SituationBuilder(LinearBuilder):
    def build_from_dict(self, tax_benefit_system, input_dict):
        try:
            simulation = super().build_from_dict(tax_benefit_system, input_dict)
        except PeriodMismatchError as error:  # the form without entities lets it escape
            raise SituationError([error.variable_name, str(error.period)], error.message) from error
        except periods.PeriodError as error:
            path = _unreadable_period(input_dict) or ["period"]
            raise SituationError(path, str(error)) from error
        except SituationParsingError as error:
            raise located(error) from error
        if simulation is None:
            known = set(tax_benefit_system.variables) | {"axes"}
            for entity in tax_benefit_system.entities:
                known |= {entity.key, entity.plural}
            unknown = sorted(set(input_dict) - known)
            if unknown:
                raise UnknownNameError(unknown[0], tax_benefit_system)
        return simulation

    def build_from_entities(self, tax_benefit_system, input_dict):
        return _checked(super().build_from_entities, tax_benefit_system, input_dict)

    def build_from_variables(self, tax_benefit_system, input_dict):
        for name, values in input_dict.items():  # Core sets these inputs without add_variable_value
            for period, value in values.items() if isinstance(values, dict) else ():
                if value is not None and (problem := input_period_problem(period)):
                    raise SituationError([name, period], problem)
        return _checked(super().build_from_variables, tax_benefit_system, input_dict)

    def add_variable_value(self, entity, variable, instance_index, instance_id, period_str, value):
        if value is not None and (problem := input_period_problem(period_str)):
            raise SituationError([entity.plural, instance_id, variable.name, period_str], problem)
        if value is not None and (problem := value_problem(variable, value)):
            raise SituationError(
                [entity.plural, instance_id, variable.name, period_str],
                f'Invalid input for variable "{variable.name}", period {period_str}: '
                f"{entity.key} {instance_id} = {shown(value)}; {problem}.",
            )
        return super().add_variable_value(
            entity, variable, instance_index, instance_id, period_str, value
        )

    def set_default_period(self, period_str):
        try:
            return super().set_default_period(period_str)
        except periods.PeriodError as error:
            raise SituationError(["period"], str(error)) from error

    def raise_period_mismatch(self, entity, json, error):
        """Locate an input refused at the first person concerned (Core takes the first person
        who gives the variable for that period, who may have given a good value)."""
        person = getattr(error, "person", None)
        values = json.get(person, {}).get(error.variable_name) if isinstance(json, dict) else None
        for key in values if isinstance(values, dict) else ():
            with contextlib.suppress(ValueError):
                if periods.period(key) == error.period:
                    path = [entity.plural, person, error.variable_name, key]
                    raise SituationError(path, error.message) from error
        try:
            super().raise_period_mismatch(entity, json, error)
        except SituationParsingError as parsing_error:
            raise located(parsing_error) from error


def _checked(build, tax_benefit_system, input_dict):
    """The simulation `build` makes, its errors located, its inputs checked together."""
    try:
        simulation = build(tax_benefit_system, input_dict)
    except SituationParsingError as error:
        raise located(error) from error
    check_inputs_together(simulation)
    return simulation


def _unreadable_period(input_dict) -> list:
    """The path of the first period key that cannot be read, in the form without entities."""
    for name, values in input_dict.items():
        for key in values if isinstance(values, dict) else ():
            try:
                periods.period(key)
            except ValueError:
                return [name, key]
    return []
