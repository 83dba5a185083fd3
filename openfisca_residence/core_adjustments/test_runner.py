"""Adjustments 7, 9, 13, 14 and 15: the runner of `openfisca test` (see the package's docstring).

`openfisca test` imports its runner before it loads the country package; the runner needs pytest,
which other uses of the package should not have to import: nothing is done when it is not loaded."""

import dataclasses
import difflib
import functools
import importlib
import sys
from pathlib import Path

from openfisca_core import periods
from openfisca_core.indexed_enums import Enum

from openfisca_residence.core_adjustments.requested_periods import (
    PERIOD_WRITTEN,
    requested_period_problem,
)
from openfisca_residence.rules.inputs import shown, value_problem


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

    from openfisca_residence.system.parametric_reforms import ParametricReformError

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
    from openfisca_residence.system.registry import REFORMS_PACKAGE, package_reforms

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
