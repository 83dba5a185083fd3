"""`openfisca-residence test FILE...`: the legal experts' YAML tests, as `openfisca test` runs
them, with this model's runner (`items`): safe loading, and a clear message for each mistake."""

from __future__ import annotations

import sys

import pytest

from openfisca_residence.system.registry import tax_benefit_system
from openfisca_residence.yaml_tests.plugin import YamlTestsPlugin


def run(paths, options: dict | None = None, reform: str | None = None) -> int:
    """Run the YAML tests of `paths` (files or folders) on today's law (or under `reform`, named
    as `system.registry` names reforms); pytest's exit code."""
    options = {
        "aggregate": False,
        "max_depth": sys.maxsize,
        "ignore_default": False,
        **{key: value for key, value in (options or {}).items() if value is not None},
    }
    arguments = ["-p", "no:cacheprovider", "--no-header"]
    if options.get("verbose"):
        arguments.append("--verbose")
    if options.get("pdb"):
        arguments.append("--pdb")
    plugin = YamlTestsPlugin(tax_benefit_system(reform), options)
    return int(pytest.main([*arguments, *map(str, paths)], plugins=[plugin]))
