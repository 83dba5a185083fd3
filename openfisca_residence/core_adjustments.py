"""Seven adjustments of OpenFisca-Core, applied when the country package is imported.

1. A value given for ETERNITY to an input defined by month. PUBLIC_NAMES.md promises it for every
   boolean, enum, date or string input defined by month, but `Holder.set_input` refuses ETERNITY
   before asking the variable. The holder now hands it to the variables whose `set_input`
   `accepts_eternity` (those made by `inputs.dispatched`), which keep it as `permanent_value` (an
   array, or a function of the month), and `Holder.get_array` reads it for any month that has no
   value of its own (`Holder.known_array` reads only the values stored for that month).
2. An unknown name in a YAML test's input. `SimulationBuilder.build_from_dict` then returns None and
   the test runner only says "Simulation should be properly initialized". It now raises
   `VariableNotFoundError` naming the unknown key and the closest existing variable.
3. A bad value in a YAML test written without entities (`input: {variable: value}`): OpenFisca's
   parser for that form lets the error escape as a traceback. It now becomes a situation error
   naming the variable, the period and the value, as it already is for the form with entities.
4. Inputs that contradict each other (a document ending before it starts): OpenFisca checks each
   input alone. `inputs.check_inputs_together` now runs on every situation the builder makes.
5. A situation error located under a year ("2017"): `SituationParsingError` builds its JSON with
   dpath, which reads a numeric key as a list index and answers with a list of 2018 empty items. The
   error is now built with the path's keys as they are.
6. A date in an answer of the Web API (`date_fin_maintien_droits`): Flask writes it as an HTTP date
   ("Thu, 01 Mar 2018 00:00:00 GMT") while the API reads dates as "2018-03-01". When the Web API is
   loaded (`openfisca serve` imports Flask before the country package), its answers now write dates
   as they are read.
7. Speed of a family's max, min, all (`GroupPopulation.reduce`): OpenFisca loops over the
   positions in the largest family, with a sort for each; one `ufunc.at` over the members gives the
   same values thirty times faster.

Each adjustment only acts where OpenFisca would otherwise fail, answer in another format than it
reads, or take needless time; nothing else changes.
"""

import datetime
import difflib
import os
import sys

import numpy
from openfisca_core import periods, projectors
from openfisca_core.errors import SituationParsingError, VariableNotFoundError
from openfisca_core.holders import Holder
from openfisca_core.populations import GroupPopulation
from openfisca_core.simulations import SimulationBuilder

from openfisca_residence.inputs import InvalidInputError, check_inputs_together

_core_set_input = Holder.set_input
_core_get_array = Holder.get_array
_core_build_from_dict = SimulationBuilder.build_from_dict
_core_build_from_entities = SimulationBuilder.build_from_entities
_core_build_from_variables = SimulationBuilder.build_from_variables


def _set_input(self: Holder, period, array):
    period = periods.period(period)
    if (
        period.unit == periods.DateUnit.ETERNITY
        and not self._eternal
        and getattr(self.variable.set_input, "accepts_eternity", False)
    ):
        return self.variable.set_input(self, period, array)
    return _core_set_input(self, period, array)


def _get_array(self: Holder, period):
    array = _core_get_array(self, period)
    if array is not None:
        return array
    permanent = getattr(self, "permanent_value", None)
    # A permanent value may depend on the month (inputs.dispatched's fill_unset).
    return permanent(periods.period(period)) if callable(permanent) else permanent


class UnknownNameError(VariableNotFoundError):
    def __init__(self, name: str, tax_benefit_system) -> None:
        super().__init__(name, tax_benefit_system)
        closest = difflib.get_close_matches(name, tax_benefit_system.variables, n=1)
        if closest:
            self.message = f"{self.message}\nDid you mean '{closest[0]}'?"
            self.args = (self.message,)


def _build_from_dict(self: SimulationBuilder, tax_benefit_system, input_dict):
    try:
        simulation = _core_build_from_dict(self, tax_benefit_system, input_dict)
    except InvalidInputError as error:  # the form without entities lets it escape
        raise SituationParsingError(
            [error.variable_name, str(error.period)], error.message
        ) from error
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


def _situation_error(self: SituationParsingError, path, message, code=None) -> None:
    error = {}
    node = error
    keys = [str(key) for key in path]
    for key in keys[:-1]:
        node = node.setdefault(key, {})
    node[keys[-1]] = str(message).strip(os.linesep).replace(os.linesep, " ")
    self.error = error
    self.code = code
    Exception.__init__(self, str(self.error))


def _write_web_api_dates_as_read() -> None:
    provider = sys.modules.get("flask.json.provider")
    if provider is None:
        return
    flask_default = provider.DefaultJSONProvider.default

    def default(value):
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value.isoformat()
        return flask_default(value)

    provider.DefaultJSONProvider.default = staticmethod(default)


@projectors.projectable
def _reduce(self: GroupPopulation, array, reducer, neutral_element, role=None):
    self.members.check_array_compatible_with_entity(array)
    self.entity.check_role_validity(role)
    if role is not None:
        array = numpy.where(self.members.has_role(role), array, neutral_element)
    result = self.filled_array(neutral_element)
    reducer.at(result, self.members_entity_id, array)
    return result


Holder.set_input = _set_input
Holder.get_array = _get_array
Holder.known_array = _core_get_array
SimulationBuilder.build_from_dict = _build_from_dict
SimulationBuilder.build_from_entities = _build_from_entities
SimulationBuilder.build_from_variables = _build_from_variables
SituationParsingError.__init__ = _situation_error
GroupPopulation.reduce = _reduce
_write_web_api_dates_as_read()
