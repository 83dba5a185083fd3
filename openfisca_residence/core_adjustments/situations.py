"""Adjustments 2 to 6: the situations OpenFisca's builder reads (YAML test, Web API request):
unknown names, values of the wrong type, inputs that contradict each other, errors located and
written as the path and the message (see the package's docstring)."""

import contextlib
import difflib
import os

from openfisca_core import periods
from openfisca_core.entities import CoreEntity
from openfisca_core.errors import PeriodMismatchError, SituationParsingError, VariableNotFoundError
from openfisca_core.simulations import SimulationBuilder

from openfisca_residence.rules.inputs import check_inputs_together, shown, value_problem

_core_build_from_dict = SimulationBuilder.build_from_dict
_core_build_from_entities = SimulationBuilder.build_from_entities
_core_build_from_variables = SimulationBuilder.build_from_variables
_core_add_variable_value = SimulationBuilder.add_variable_value
_core_set_default_period = SimulationBuilder.set_default_period
_core_raise_period_mismatch = SimulationBuilder.raise_period_mismatch
_core_check_variable_defined = CoreEntity.check_variable_defined_for_entity


class UnknownNameError(VariableNotFoundError):
    def __init__(self, name: str, tax_benefit_system) -> None:
        super().__init__(name, tax_benefit_system)
        closest = difflib.get_close_matches(name, tax_benefit_system.variables, n=1)
        if closest:
            self.message = f"{self.message}\nDid you mean '{closest[0]}'?"
            self.args = (self.message,)


def _check_variable_defined(self: CoreEntity, variable_name):
    try:
        return _core_check_variable_defined(self, variable_name)
    except UnknownNameError:
        raise
    except VariableNotFoundError:
        raise UnknownNameError(variable_name, self._tax_benefit_system) from None


def _unreadable_period(input_dict) -> list:
    """The path of the first period key that cannot be read, in the form without entities."""
    for name, values in input_dict.items():
        for key in values if isinstance(values, dict) else ():
            try:
                periods.period(key)
            except ValueError:
                return [name, key]
    return []


def _build_from_dict(self: SimulationBuilder, tax_benefit_system, input_dict):
    try:
        simulation = _core_build_from_dict(self, tax_benefit_system, input_dict)
    except PeriodMismatchError as error:  # the form without entities lets it escape
        raise SituationParsingError(
            [error.variable_name, str(error.period)], error.message
        ) from error
    except periods.PeriodError as error:
        path = _unreadable_period(input_dict) or ["period"]
        raise SituationParsingError(path, str(error)) from error
    if simulation is None:
        known = set(tax_benefit_system.variables) | {"axes"}
        for entity in tax_benefit_system.entities:
            known |= {entity.key, entity.plural}
        unknown = sorted(set(input_dict) - known)
        if unknown:
            raise UnknownNameError(unknown[0], tax_benefit_system)
    return simulation


def _build_from_entities(self: SimulationBuilder, tax_benefit_system, input_dict):
    simulation = _core_build_from_entities(self, tax_benefit_system, input_dict)
    check_inputs_together(simulation)
    return simulation


def _build_from_variables(self: SimulationBuilder, tax_benefit_system, input_dict):
    simulation = _core_build_from_variables(self, tax_benefit_system, input_dict)
    check_inputs_together(simulation)
    return simulation


def _add_variable_value(
    self: SimulationBuilder, entity, variable, instance_index, instance_id, period_str, value
):
    if value is not None and (problem := value_problem(variable, value)):
        raise SituationParsingError(
            [entity.plural, instance_id, variable.name, period_str],
            f'Invalid input for variable "{variable.name}", period {period_str}: '
            f"{entity.key} {instance_id} = {shown(value)}; {problem}.",
        )
    return _core_add_variable_value(
        self, entity, variable, instance_index, instance_id, period_str, value
    )


def _raise_period_mismatch(self: SimulationBuilder, entity, json, error):
    """Locate an input refused at the first person concerned (OpenFisca takes the first person
    who gives the variable for that period, who may have given a good value)."""
    person = getattr(error, "person", None)
    values = json.get(person, {}).get(error.variable_name) if isinstance(json, dict) else None
    for key in values if isinstance(values, dict) else ():
        with contextlib.suppress(ValueError):
            if periods.period(key) == error.period:
                path = [entity.plural, person, error.variable_name, key]
                raise SituationParsingError(path, error.message) from error
    return _core_raise_period_mismatch(self, entity, json, error)


def _set_default_period(self: SimulationBuilder, period_str):
    try:
        return _core_set_default_period(self, period_str)
    except periods.PeriodError as error:
        raise SituationParsingError(["period"], str(error)) from error


def _situation_error(self: SituationParsingError, path, message, code=None) -> None:
    error = {}
    node = error
    keys = [str(key) for key in path]
    for key in keys[:-1]:
        node = node.setdefault(key, {})
    node[keys[-1]] = str(message).strip(os.linesep).replace(os.linesep, " ")
    self.error = error
    self.code = code
    Exception.__init__(self, f"{'/'.join(keys)}: {node[keys[-1]]}")


CoreEntity.check_variable_defined_for_entity = _check_variable_defined
SimulationBuilder.build_from_dict = _build_from_dict
SimulationBuilder.build_from_entities = _build_from_entities
SimulationBuilder.build_from_variables = _build_from_variables
SimulationBuilder.add_variable_value = _add_variable_value
SimulationBuilder.set_default_period = _set_default_period
SimulationBuilder.raise_period_mismatch = _raise_period_mismatch
SituationParsingError.__init__ = _situation_error
