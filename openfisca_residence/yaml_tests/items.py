"""OpenFisca-Core's YAML test file and item, subclassed for this model's doors and messages.

`YamlFile` reads a file safely (`loader`); `YamlItem` runs one case: its problems first
(`checks`), then its system (reforms of the package, parameters of the case), the names of its
inputs and outputs (`names`), its situation, built by `system.situations.SituationBuilder`, then
its outputs, each expected value checked before it is compared, and a difference told person by
person (`failures`). An output asked for a month whose facts the case does not give is noted
(`defaults`): the plugin prints the notes as warnings after the results.
"""

from __future__ import annotations

import functools
import os
import textwrap

from openfisca_core.errors import SituationParsingError, VariableNotFoundError
from openfisca_core.reforms.in_yaml_test_reform import InYamlTestReform
from openfisca_core.tools import test_runner

from openfisca_residence.i18n import _
from openfisca_residence.system.base import SystemBase
from openfisca_residence.system.situations import SituationBuilder
from openfisca_residence.system.yaml_files import YamlFileError
from openfisca_residence.yaml_tests import defaults
from openfisca_residence.yaml_tests.checks import (
    case_problems,
    expected_value_problem,
    reform_problem,
)
from openfisca_residence.yaml_tests.failures import difference
from openfisca_residence.yaml_tests.loader import load_tests
from openfisca_residence.yaml_tests.names import unknown_names


class YamlFile(test_runner.YamlFile):
    def collect(self):
        try:
            cases = load_tests(self.path)
        except YamlFileError as error:
            raise self.CollectError(str(error)) from None
        for case in cases:
            if not isinstance(case, dict) or not self.should_ignore(case):
                yield YamlItem.from_parent(
                    self,
                    name=str(case.get("name", "")) if isinstance(case, dict) else "",
                    baseline_tax_benefit_system=self.tax_benefit_system,
                    test=case,
                    options=self.options,
                )


class YamlItem(test_runner.YamlItem):
    def __init__(self, *, test, **kwargs) -> None:
        test, self.problem = case_problems(test)
        super().__init__(test=test, **kwargs)
        self.given_periods: list = []  # the periods of the case's inputs (`defaults`)
        self.with_defaults: dict[str, list[str]] = {}  # period → outputs computed with defaults

    def runtest(self) -> None:
        self.name = self.test.name
        if self.problem:
            raise AssertionError(f"{self.problem}.")
        reforms = self.test.reforms if isinstance(self.test.reforms, list) else [self.test.reforms]
        for path in reforms:
            if problem := reform_problem(str(path)):
                raise AssertionError(problem)
        self.tax_benefit_system = reformed(self.baseline_tax_benefit_system, tuple(reforms))
        if self.test.parameters:
            self.tax_benefit_system = ParametersOfTheCase(
                self.tax_benefit_system, self.test.parameters
            )
        if problem := unknown_names(self.tax_benefit_system, self.test):
            raise AssertionError(problem)
        builder = SituationBuilder()
        try:
            builder.set_default_period(self.test.period)
            self.simulation = builder.build_from_dict(self.tax_benefit_system, self.test.input)
        except (VariableNotFoundError, SituationParsingError, AssertionError):
            raise
        except Exception as error:
            raise ValueError(
                f"{error}\n\nUnexpected error raised while parsing {self.path}"
            ) from error
        if self.simulation is None:
            raise AssertionError(_("the input holds neither variables nor entities."))
        self.given_periods = defaults.given_periods(self.tax_benefit_system, self.test)
        if self.test.max_spiral_loops:
            self.simulation.max_spiral_loops = self.test.max_spiral_loops
        verbose = self.options.get("verbose")
        try:
            self.simulation.trace = verbose
            self.check_output()
        finally:
            if verbose:
                self.print_computation_log(
                    self.simulation.tracer,
                    self.options.get("aggregate"),
                    self.options.get("max_depth"),
                    self.options.get("ignore_default", False),
                    self.tax_benefit_system,
                )

    def check_variable(self, variable_name, expected_value, period, entity_index=None):
        if isinstance(expected_value, dict) or self.should_ignore_variable(variable_name):
            return super().check_variable(variable_name, expected_value, period, entity_index)
        variable = self.tax_benefit_system.variables[variable_name]  # its name was checked
        where = f"{variable_name}@{period}"
        if problem := expected_value_problem(
            self.simulation, variable, expected_value, period, entity_index
        ):
            raise AssertionError(_("{path}: {text}").format(path=where, text=problem))
        population = self.simulation.get_variable_population(variable_name)
        margins = (
            self.test.absolute_error_margin[variable_name],
            self.test.relative_error_margin[variable_name],
        )
        named = population.count > 1 or population.entity.plural in (self.test.input or {})
        computed = self.simulation.calculate(variable_name, period)
        if defaults.defaults_used(self.simulation, self.given_periods, period):
            self.with_defaults.setdefault(str(period), []).append(variable_name)
        if problem := difference(
            variable, population, computed, expected_value, entity_index, margins, named
        ):
            raise AssertionError(_("{path}: {text}").format(path=where, text=problem))
        return None

    def warnings(self) -> list[str]:
        """The case's warnings: the outputs asked for a month whose facts it does not give."""
        return [defaults.warning(asked, names) for asked, names in self.with_defaults.items()]

    def repr_failure(self, excinfo):
        """The file, the case, and the message alone (Core adds "Could not parse situation
        described:" before a situation's mistake, which names where it is already)."""
        error = excinfo.value
        if not isinstance(error, AssertionError | VariableNotFoundError | SituationParsingError):
            return super().repr_failure(excinfo)
        return os.linesep.join(
            [
                f"{self.path!s}:",
                f"  Test '{self.name!s}':",
                textwrap.indent(str(error.args[0]), "    "),
            ]
        )


class ParametersOfTheCase(SystemBase, InYamlTestReform):
    """The parameters a case changes (its `parameters:` key), on this model's system."""


@functools.lru_cache(maxsize=32)
def reformed(baseline, reforms: tuple[str, ...]):
    """The baseline with the reforms of a case applied, in order; built once per run."""
    system = baseline
    for path in reforms:
        system = system.apply_reform(str(path))
    return system
