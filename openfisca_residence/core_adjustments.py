"""Adjustments of OpenFisca-Core, applied when the country package is imported.

1. A value given for ETERNITY to an input defined by month. PUBLIC_NAMES.md promises it for every
   boolean, enum, date or string input defined by month, but `Holder.set_input` refuses ETERNITY
   before asking the variable. The holder now hands it to the variables whose `set_input`
   `accepts_eternity` (those made by `inputs.dispatched`), which keep it as `permanent_value` (an
   array, or a function of the month), and `Holder.get_array` reads it for any month that has no
   value of its own (`Holder.known_array` reads only the values stored for that month).
2. An unknown name in a YAML test's input. `SimulationBuilder.build_from_dict` then returns None and
   the test runner only says "Simulation should be properly initialized". It now raises
   `VariableNotFoundError` naming the unknown key and the closest existing variable; so does an
   unknown name under a person or a family (YAML test or Web API request, HTTP 404 as OpenFisca
   documents it).
3. A bad value in a YAML test written without entities (`input: {variable: value}`): OpenFisca's
   parser for that form lets the error escape as a traceback. It now becomes a situation error
   naming the variable, the period and the value, as it already is for the form with entities; so
   does a period that cannot be read.
4. Inputs that contradict each other (a document ending before it starts): OpenFisca checks each
   input alone. `inputs.check_inputs_together` now runs on every situation the builder makes.
5. A situation error located under a year ("2017"): `SituationParsingError` builds its JSON with
   dpath, which reads a numeric key as a list index and answers with a list of 2018 empty items. The
   error is now built with the path's keys as they are; its text (what `openfisca test` prints)
   is the path and the message, `individus/alice/titre_sejour/2017-02: Invalid input…`, instead of
   the repr of a dict, where quotes are escaped. An input refused for one person is located at that
   person (OpenFisca locates it at the first person who gives the variable for that period).
6. A value written by hand that is not of its variable's type. OpenFisca converts it silently
   (`"false"` or `7` to true, 2.5 days to 2, the number 12 to the date 1970-01-13, 3 to the fourth
   item of an enum), or fails with a traceback or an HTTP 500 (a list, a text such as "1/0" that
   its numeric evaluation cannot compute). `SimulationBuilder.add_variable_value` (YAML test with
   entities, Web API) and `Holder.set_input` (any value that is not a numpy array) now refuse it
   with `inputs.value_problem`'s message: the variable, the period, the person and the value.
7. A variable asked for a period it cannot be computed for: a month variable for a year, a day or
   ETERNITY, or a month outside the months the law is modelled for (MODEL_START to MODEL_END).
   OpenFisca answers with an HTTP 500 or a traceback. A Web API request (`/calculate`, `/trace`)
   now answers 400 naming the variable and the period, and so does a YAML test's output; a YAML
   test whose `period` cannot be read is a situation error instead of a traceback.
8. An empty key, or a key holding a '/', anywhere in a Web API request (an id, as in
   `{"individus": {"": {}}}`, an entity, a variable, a period): OpenFisca's handlers walk the
   request with dpath, whose paths are separated by '/' and which refuses empty keys, and answer
   with an HTTP 500. It is now an HTTP 400 naming the key and where it is.
9. A YAML test that is not written as a test: an unknown key (`inputs` for `input`), a missing
   `output`, an input or an output that is not a mapping. OpenFisca's runner stops the whole file
   at collection (no other test of the file runs) or prints a traceback. The case now fails alone,
   with a message naming the key and the value, and the other tests of the file run.
10. A date in an answer of the Web API (`date_fin_maintien_droits`): Flask writes it as an HTTP
    date ("Thu, 01 Mar 2018 00:00:00 GMT") while the API reads dates as "2018-03-01". When the Web
    API is loaded (`openfisca serve` imports Flask before the country package), its answers now
    write dates as they are read.
11. Speed of a family's max, min, all (`GroupPopulation.reduce`): OpenFisca loops over the
    positions in the largest family, with a sort for each; one `ufunc.at` over the members gives
    the same values thirty times faster.
12. An unknown variable or parameter asked by its address (`/variable/x`, `/parameter/x`): the Web
    API answers Flask's HTML page "Not Found". It now answers the same 404 with a JSON error naming
    what was asked, the closest existing name (read from the app's own `/variables` or
    `/parameters`) and where the existing names are listed.
13. A value a YAML test's `output` expects that cannot be compared. A list of the wrong length
    (3 values for 2 persons) ends in a numpy broadcast traceback, and one of length 1 for 2
    persons, or 2 for 1 family, is broadcast and passes or fails unseen; a category that does not
    exist (`pas_de_motif`) is reported as a wrong result; an impossible date, or a period key that
    cannot be read (`2022-13`), ends in a traceback. The test now fails alone, naming the variable,
    the period and the problem: the number of values given and of persons or families (a single
    value without brackets still applies to all), the closest category and those admitted (the
    message of `inputs.value_problem`, as for an input), or the unreadable period.
14. An unknown reform under a YAML test's `reforms:` (a misspelt path): OpenFisca's runner prints
    the traceback of the failed import. The test now fails alone, naming the path and the closest
    reform of the package (or listing them); a parametric reform file that cannot be applied is
    reported with its own message.
15. A YAML test file that is not valid YAML: OpenFisca's runner prints the parser's traceback and
    "Check the stack trace above". The file is now reported in one line: its path, the line and
    the column where reading stopped, and the parser's reason.

Each adjustment only acts where OpenFisca would otherwise fail, convert a value wrongly, compare
values that cannot be compared, compute outside the months the law is modelled for, answer in
another format than it reads, or take needless time; nothing else changes.
"""

import contextlib
import dataclasses
import datetime
import difflib
import functools
import importlib
import os
import sys
from pathlib import Path

import numpy
from openfisca_core import periods, projectors
from openfisca_core.entities import CoreEntity
from openfisca_core.errors import PeriodMismatchError, SituationParsingError, VariableNotFoundError
from openfisca_core.holders import Holder
from openfisca_core.indexed_enums import Enum
from openfisca_core.populations import GroupPopulation
from openfisca_core.simulations import SimulationBuilder

from openfisca_residence.dates import MODEL_END, MODEL_START
from openfisca_residence.inputs import (
    check_inputs_together,
    check_written_values,
    shown,
    value_problem,
)

_core_set_input = Holder.set_input
_core_get_array = Holder.get_array
_core_build_from_dict = SimulationBuilder.build_from_dict
_core_build_from_entities = SimulationBuilder.build_from_entities
_core_build_from_variables = SimulationBuilder.build_from_variables
_core_add_variable_value = SimulationBuilder.add_variable_value
_core_set_default_period = SimulationBuilder.set_default_period
_core_raise_period_mismatch = SimulationBuilder.raise_period_mismatch
_core_check_variable_defined = CoreEntity.check_variable_defined_for_entity
PERIOD_WRITTEN = {
    periods.DateUnit.MONTH: "one month as YYYY-MM",
    periods.DateUnit.YEAR: "one year as YYYY",
    periods.DateUnit.ETERNITY: "ETERNITY",
}


def _set_input(self: Holder, period, array):
    period = periods.period(period)
    if not isinstance(array, numpy.ndarray):  # written by hand: a scalar or a list
        check_written_values(self, period, array)
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


def requested_period_problem(variable, period) -> str | None:
    """Why `variable` cannot be computed for `period`, or None (a period that cannot be read too)."""
    try:
        parsed = periods.period(period)
    except ValueError:
        return None  # the builder reports it
    unit = variable.definition_period
    if unit == periods.DateUnit.ETERNITY:
        return None
    modelled = (
        parsed.unit != periods.DateUnit.ETERNITY and MODEL_START <= parsed.start.date <= MODEL_END
    )
    if parsed.unit != unit or parsed.size != 1:
        start = parsed.start if modelled else periods.instant(MODEL_START)
        return (
            f'Invalid period for variable "{variable.name}": {period}; it is defined by {unit}: '
            f"ask for one {unit}, such as {periods.Period((unit, start, 1))}."
        )
    if not modelled:
        return (
            f'Invalid period for variable "{variable.name}": {period}; the law is modelled from '
            f"{MODEL_START:%Y-%m} to {MODEL_END:%Y-%m}."
        )
    return None


def check_request(tax_benefit_system, input_data) -> None:
    """Refuse a Web API request's unusable ids and the computations asked for a wrong period."""
    if not isinstance(input_data, dict):
        return  # the builder reports it
    if (path := _unusable_key(input_data)) is not None:
        raise SituationParsingError(
            path,
            f"Invalid key {path[-1]!r}"
            + (f" in {'/'.join(path[:-1])}" if len(path) > 1 else "")
            + ": a key (entity, id, variable, period) is a non-empty text without '/'.",
        )
    for plural, instances in input_data.items():
        if not isinstance(instances, dict):
            continue
        for instance_id, values in instances.items():
            for name, by_period in values.items() if isinstance(values, dict) else ():
                variable = tax_benefit_system.variables.get(name)
                if variable is None or not isinstance(by_period, dict):
                    continue
                for period, value in by_period.items():
                    if value is None and (problem := requested_period_problem(variable, period)):
                        raise SituationParsingError([plural, instance_id, name, period], problem)


def _unusable_key(node, path=()) -> list | None:
    """The path to the first key OpenFisca's handlers cannot walk (dpath splits paths on '/' and
    refuses empty keys), or None."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "" or "/" in key:
                return [*path, key]
            if (found := _unusable_key(value, (*path, key))) is not None:
                return found
    return None


def _checked_handler(handler):
    def checked(tax_benefit_system, input_data):
        check_request(tax_benefit_system, input_data)
        return handler(tax_benefit_system, input_data)

    checked.__doc__ = handler.__doc__
    return checked


def expected_value_problem(simulation, variable, expected, period, entity_index=None) -> str | None:
    """What is wrong with a value a YAML test expects for `variable` at `period`, or None."""
    try:
        periods.period(period)
    except ValueError:
        unit = variable.definition_period
        written = PERIOD_WRITTEN.get(unit, f"one {unit}")
        return (
            f'Invalid period for variable "{variable.name}": {period} cannot be read; '
            f"it is defined by {unit}: write {written}."
        )
    if problem := requested_period_problem(variable, period):
        return problem
    if isinstance(expected, list | tuple):
        population = simulation.get_variable_population(variable.name)
        entity = population.entity
        if entity_index is not None and len(expected) != 1:
            who = population.ids[entity_index]
            return f"{_values(len(expected))} given for {entity.key} {who}; give a single value."
        if entity_index is None and len(expected) != population.count:
            counted = entity.key if population.count == 1 else entity.plural
            return (
                f"{_values(len(expected))} given for {population.count} {counted}; give one value "
                f"per {entity.key}, in the order of {entity.plural}, or a single value without "
                "brackets for all."
            )
    for value in expected if isinstance(expected, list | tuple) else [expected]:
        if not (problem := value_problem(variable, value)):
            continue
        if variable.value_type is not Enum:
            return f"{shown(value)} cannot be read; {problem}."
        names = variable.possible_values.__members__
        closest = difflib.get_close_matches(str(value), names, n=1)
        hint = f" (did you mean '{closest[0]}'?)" if closest else ""
        return f"{shown(value)} is not a category of {variable.name}{hint}; {problem}."
    return None


def _values(count: int) -> str:
    return f"{count} value" if count == 1 else f"{count} values"


def _check_output_variable(self, variable_name, expected_value, period, entity_index=None):
    variable = self.tax_benefit_system.variables.get(variable_name)
    if (
        variable is not None
        and not isinstance(expected_value, dict)
        and not self.should_ignore_variable(variable_name)
        and (
            problem := expected_value_problem(
                self.simulation, variable, expected_value, period, entity_index
            )
        )
    ):
        raise AssertionError(f"{variable_name}@{period}: {problem}")
    return _core_check_output_variable(self, variable_name, expected_value, period, entity_index)


@functools.lru_cache(maxsize=64)
def reform_problem(path: str) -> str | None:
    """Why a YAML test's `reforms:` entry cannot be applied (an unknown path), or None."""
    from openfisca_core.reforms import Reform

    from openfisca_residence.parametric_reforms import ParametricReformError

    module, _, name = path.rpartition(".")
    try:
        found = getattr(importlib.import_module(module), name)
    except ParametricReformError as error:  # a file of reforms/parametriques that cannot be applied
        return str(error)
    except (ImportError, AttributeError, ValueError):  # ValueError: `import_module("")`
        found = None
    known = _known_reforms()
    if (isinstance(found, type) and issubclass(found, Reform)) or path in known.values():
        return None  # a reform of the package that fails to load: OpenFisca's traceback shows why
    closest = difflib.get_close_matches(path, known.values(), n=1) or [
        known[short] for short in difflib.get_close_matches(name.partition("@")[0], known, n=1)
    ]
    hint = (
        f"did you mean '{closest[0]}'?"
        if closest
        else "the reforms are " + ", ".join(known.values()) + "."
    )
    if "@" in path:
        hint += " A YAML test takes no date of effect: write a parametric reform for another date."
    return f"Unknown reform '{path}'; {hint}"


def _known_reforms() -> dict[str, str]:
    """The reforms a YAML test can name: their short name and their full path."""
    from openfisca_residence.microsimulation import REFORMS_PACKAGE, package_reforms

    parametric = importlib.import_module(f"{REFORMS_PACKAGE}.parametriques")
    known = {name: f"{REFORMS_PACKAGE}.{name}.{name}" for name in package_reforms()}
    for path in sorted(Path(parametric.__file__).parent.glob("*.yaml")):
        known[path.stem] = f"{REFORMS_PACKAGE}.parametriques.{path.stem}"
    return known


def _tax_benefit_system_for_test(baseline, reforms, extensions):
    for path in reforms if isinstance(reforms, list) else [reforms]:
        if problem := reform_problem(str(path)):
            raise AssertionError(problem)
    return _core_tax_benefit_system_for_test(baseline, reforms, extensions)


def _collect_yaml_file(self):
    """The tests of a YAML file; a file that is not valid YAML is named with the line and column."""
    import yaml

    try:
        yield from _core_collect_yaml_file(self)
    except (ValueError, yaml.YAMLError) as error:
        cause = error if isinstance(error, yaml.YAMLError) else error.__context__
        mark = getattr(cause, "problem_mark", None)
        if mark is None:
            raise
        raise self.CollectError(
            f"{self.path}, line {mark.line + 1}, column {mark.column + 1}: "
            f"not a valid YAML file ({cause.problem})."
        ) from None


def _build_test(params):
    """A YAML test as OpenFisca's runner builds it, holding `problem`: what is wrong, or None."""
    fields = {field.name for field in dataclasses.fields(_test_runner.Test)}
    if not isinstance(params, dict):
        test = _core_build_test({})
        test.problem = f"a test is a mapping of keys ({', '.join(sorted(fields))}), not {params!r}"
        return test
    problems = []
    for key in sorted(set(params) - fields, key=str):
        closest = difflib.get_close_matches(str(key), fields, n=1)
        hint = f" (did you mean '{closest[0]}'?)" if closest else ""
        problems.append(f"unknown key '{key}'{hint}; the keys are {', '.join(sorted(fields))}")
    try:
        test = _core_build_test({key: value for key, value in params.items() if key in fields})
    except (TypeError, ValueError) as error:  # an error margin that is not a number
        test = _core_build_test({"name": str(params.get("name", ""))})
        problems.append(str(error))
    if test.output is None:
        problems.append("missing key 'output': the variables to check and their expected values")
    elif not isinstance(test.output, dict):
        problems.append(f"output: expected variables and their values, not {test.output!r}")
    if test.input is not None and not isinstance(test.input, dict):
        problems.append(
            f"input: expected variables or entities and their values, not {test.input!r}"
        )
    test.problem = "; ".join(problems) or None
    return test


def _run_yaml_test(self) -> None:
    if problem := getattr(self.test, "problem", None):
        self.name = self.test.name
        raise AssertionError(f"{problem}.")
    return _core_run_yaml_test(self)


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


def _json_abort(flask_abort):
    def abort(status, *args, **kwargs):
        from flask import current_app, jsonify, make_response, request

        if status != 404 or args or kwargs or not request.view_args:
            return flask_abort(status, *args, **kwargs)
        kind = request.url_rule.endpoint.removeprefix("get_")
        (name,) = request.view_args.values()
        # The names the app lists (its own /variables or /parameters), in the form asked for.
        names = current_app.view_functions[f"get_{kind}s"]().get_json()
        if "/" in name:
            names = [known.replace(".", "/") for known in names]
        closest = difflib.get_close_matches(name, names, n=1)
        hint = f" did you mean {closest[0]!r}?" if closest else ""
        error = f"No {kind} {name!r} in this tax and benefit system;{hint} /{kind}s lists them."
        return flask_abort(make_response(jsonify({"error": error}), 404))

    return abort


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
    # ufunc.at is fast only when the values have the result's type (float32 resources: 20 times).
    reducer.at(result, self.members_entity_id, numpy.asarray(array, dtype=result.dtype))
    return result


Holder.set_input = _set_input
Holder.get_array = _get_array
Holder.known_array = _core_get_array
CoreEntity.check_variable_defined_for_entity = _check_variable_defined
SimulationBuilder.build_from_dict = _build_from_dict
SimulationBuilder.build_from_entities = _build_from_entities
SimulationBuilder.build_from_variables = _build_from_variables
SimulationBuilder.add_variable_value = _add_variable_value
SimulationBuilder.set_default_period = _set_default_period
SimulationBuilder.raise_period_mismatch = _raise_period_mismatch
SituationParsingError.__init__ = _situation_error
GroupPopulation.reduce = _reduce

try:  # the Web API (openfisca-core[web-api]); its app calls handlers.calculate and handlers.trace
    from openfisca_web_api import handlers

    handlers.calculate = _checked_handler(handlers.calculate)
    handlers.trace = _checked_handler(handlers.trace)
    web_api = sys.modules.get("openfisca_web_api.app")
    if web_api is not None:  # `openfisca serve` imports Flask, then the country package
        web_api.abort = _json_abort(web_api.abort)
except ImportError:  # pragma: no cover - installed with openfisca-core[web-api]
    pass

# `openfisca test` imports its runner before it loads the country package; the runner needs pytest,
# which other uses of the package should not have to import.
_test_runner = sys.modules.get("openfisca_core.tools.test_runner")
if _test_runner is not None:
    _core_check_output_variable = _test_runner.YamlItem.check_variable
    _core_tax_benefit_system_for_test = _test_runner._get_tax_benefit_system
    _core_collect_yaml_file = _test_runner.YamlFile.collect
    _core_build_test = _test_runner.build_test
    _core_run_yaml_test = _test_runner.YamlItem.runtest
    _test_runner.YamlItem.check_variable = _check_output_variable
    _test_runner.build_test = _build_test
    _test_runner.YamlItem.runtest = _run_yaml_test
    _test_runner._get_tax_benefit_system = _tax_benefit_system_for_test
    _test_runner.YamlFile.collect = _collect_yaml_file

_write_web_api_dates_as_read()
