"""OpenFisca-Core's YAML test file and item, subclassed for this model's doors and messages.

`YamlFile` reads a file safely (`loader`); `YamlItem` runs one case: its problems first
(`checks`), then its system (reforms of the package, parameters of the case) and its situation,
built by `system.situations.SituationBuilder`, then its outputs, each expected value checked
before it is compared.
"""

from __future__ import annotations

import functools

from openfisca_core.errors import SituationParsingError, VariableNotFoundError
from openfisca_core.reforms.in_yaml_test_reform import InYamlTestReform
from openfisca_core.tools import test_runner

from openfisca_residence.system.base import SystemBase
from openfisca_residence.system.situations import SituationBuilder
from openfisca_residence.yaml_tests.checks import (
    case_problems,
    expected_value_problem,
    reform_problem,
)
from openfisca_residence.yaml_tests.loader import TestFileError, load_tests


class YamlFile(test_runner.YamlFile):
    def collect(self):
        try:
            cases = load_tests(self.path)
        except TestFileError as error:
            raise self.CollectError(str(error)) from None
        for case in cases:
            if not isinstance(case, dict) or not self.should_ignore(case):
                yield YamlItem.from_parent(
                    self,
                    name="",
                    baseline_tax_benefit_system=self.tax_benefit_system,
                    test=case,
                    options=self.options,
                )


class YamlItem(test_runner.YamlItem):
    def __init__(self, *, test, **kwargs) -> None:
        test, self.problem = case_problems(test)
        super().__init__(test=test, **kwargs)

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
            raise AssertionError("the input holds neither variables nor entities.")
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
        return super().check_variable(variable_name, expected_value, period, entity_index)


class ParametersOfTheCase(SystemBase, InYamlTestReform):
    """The parameters a case changes (its `parameters:` key), on this model's system."""


@functools.lru_cache(maxsize=32)
def reformed(baseline, reforms: tuple[str, ...]):
    """The baseline with the reforms of a case applied, in order; built once per run."""
    system = baseline
    for path in reforms:
        system = system.apply_reform(str(path))
    return system
