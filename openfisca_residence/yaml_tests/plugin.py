"""The pytest plugin that collects YAML test files with this model's `YamlFile`."""

from __future__ import annotations

from openfisca_residence.yaml_tests.items import YamlFile


class YamlTestsPlugin:
    """Collects every .yaml and .yml file given to pytest as a file of cases for `system`."""

    def __init__(self, tax_benefit_system, options: dict) -> None:
        self.tax_benefit_system = tax_benefit_system
        self.options = options

    def pytest_collect_file(self, parent, file_path):
        if file_path.suffix in (".yaml", ".yml"):
            return YamlFile.from_parent(
                parent,
                path=file_path,
                tax_benefit_system=self.tax_benefit_system,
                options=self.options,
            )
        return None
