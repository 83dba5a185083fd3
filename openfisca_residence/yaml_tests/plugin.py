"""The pytest plugin that collects YAML test files with this model's `YamlFile`, and prints the
cases' warnings after the results (`items.YamlItem.warnings`)."""

from __future__ import annotations

from openfisca_residence.i18n import _
from openfisca_residence.yaml_tests.items import YamlFile, YamlItem


class YamlTestsPlugin:
    """Collects every .yaml and .yml file given to pytest as a file of cases for `system`."""

    def __init__(self, tax_benefit_system, options: dict) -> None:
        self.tax_benefit_system = tax_benefit_system
        self.options = options
        self.items: list[YamlItem] = []

    def pytest_collect_file(self, parent, file_path):
        if file_path.suffix in (".yaml", ".yml"):
            return YamlFile.from_parent(
                parent,
                path=file_path,
                tax_benefit_system=self.tax_benefit_system,
                options=self.options,
            )
        return None

    def pytest_itemcollected(self, item) -> None:
        if isinstance(item, YamlItem):
            self.items.append(item)

    def pytest_terminal_summary(self, terminalreporter) -> None:
        found = [(item, text) for item in self.items for text in item.warnings()]
        if not found:
            return
        terminalreporter.section(_("warnings"), yellow=True)
        for item, text in found:
            terminalreporter.line(f"{item.path}:")
            terminalreporter.line(f"  Test '{item.name}':")
            terminalreporter.line(f"    {text}")
