"""Law first, and a tree a newcomer can walk: checks on the model itself."""

import ast
import re
from pathlib import Path

import pytest
import yaml
from conftest import PARAMETERS, parameter_files, parameters_in
from openfisca_core.parameters import ParameterNode
from openfisca_core.periods import DateUnit

from openfisca_residence import legal_folder
from openfisca_residence.rules import inputs

ROOT = Path(__file__).parents[2]
VARIABLES = legal_folder("variables")
TESTS = ROOT / "tests"
INPUT_FILES = {"entrees.py"}  # inputs of a domain sharing one file (STYLE.md, habit 1)
ENUM_FILES = {"enums.py"}  # categories of a domain, imported by its inputs and formulas
HELPER_FILES = {"communs.py"}  # rules shared by the benefits' formulas (functions, not variables)


def variables(tax_benefit_system):
    return list(tax_benefit_system.variables.values())


def test_every_variable_has_a_label_and_a_reference(tax_benefit_system):
    assert not [v.name for v in variables(tax_benefit_system) if not v.label]
    assert not [v.name for v in variables(tax_benefit_system) if not v.reference]


def test_every_month_input_goes_through_a_set_input_of_the_door(tax_benefit_system):
    """Inputs are checked at the door and accept a year (and ETERNITY where promised)."""
    unchecked = [
        v.name
        for v in variables(tax_benefit_system)
        if not v.formulas
        and v.definition_period == DateUnit.MONTH
        and getattr(v.set_input, "__module__", None) != inputs.__name__
    ]
    assert not unchecked


def classes_of(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [node.name for node in tree.body if isinstance(node, ast.ClassDef)]


def variable_files():
    return sorted(
        p
        for p in VARIABLES.rglob("*.py")
        if p.name not in {"__init__.py", *ENUM_FILES, *HELPER_FILES}
    )


def test_inputs_files_hold_only_inputs(tax_benefit_system):
    with_formula = [
        f"{path.relative_to(VARIABLES)}: {name}"
        for path in variable_files()
        if path.name in INPUT_FILES
        for name in classes_of(path)
        if tax_benefit_system.variables[name].formulas
    ]
    assert not with_formula


def test_one_file_per_variable_named_after_it():
    """A variable with a formula lives in `<domain>/<name>.py`; inputs may share `entrees.py`; a
    benefit's conditions, eligibility and reason of refusal share `prestations/<benefit>.py`."""
    wrong = []
    for path in variable_files():
        classes = classes_of(path)
        if path.name in INPUT_FILES:
            continue
        if path.parent.name == "prestations":
            if not classes or any(not name.startswith(f"{path.stem}_") for name in classes):
                wrong.append(f"{path.relative_to(VARIABLES)} defines {classes}")
        elif classes != [path.stem]:
            wrong.append(f"{path.relative_to(VARIABLES)} defines {classes}")
    assert not wrong


def test_tests_mirror_variables_file_for_file():
    variables = {p.relative_to(VARIABLES).with_suffix("") for p in variable_files()}
    test_files = {
        p.relative_to(TESTS).with_suffix("")
        for p in TESTS.rglob("*.yaml")
        if "engine" not in p.parts and "reforms" not in p.parts
    }
    assert not sorted(map(str, variables - test_files)), "variables without their YAML test file"
    assert not sorted(map(str, test_files - variables)), "YAML tests without their variable file"


def test_every_yaml_test_case_has_a_name_and_an_output():
    unnamed = []
    for path in TESTS.rglob("*.yaml"):
        for index, case in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")) or []):
            if not case.get("name") or "output" not in case:
                unnamed.append(f"{path.relative_to(TESTS)}#{index}")
    assert not unnamed


@pytest.mark.parametrize("path", parameter_files(), ids=lambda p: str(p.relative_to(PARAMETERS)))
def test_every_parameter_value_has_a_date_and_a_reference_under_metadata(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data.get("description"), "a description"
    found = list(parameters_in(data, path.stem))
    assert found, "a parameter, or a node of parameters"
    for name, parameter in found:
        # OpenFisca drops `reference` and `unit` written beside `values`: they belong under `metadata`.
        assert not {"reference", "unit"} & set(parameter), (
            f"{name}: reference and unit go under metadata"
        )
        assert parameter.get("description"), f"{name}: a description"
        for date, value in parameter["values"].items():
            assert isinstance(value, dict) and "value" in value, f"{name} {date}: a value"
            assert value.get("metadata", {}).get("reference"), f"{name} {date}: a reference"


def test_every_parameter_folder_says_what_it_holds():
    for folder in [PARAMETERS, *(p for p in PARAMETERS.rglob("*") if p.is_dir())]:
        assert (folder / "index.yaml").exists(), f"{folder} has no index.yaml"


def test_every_parameter_is_loaded(tax_benefit_system):
    def leaves(node):
        for child in node.children.values():
            yield from leaves(child) if isinstance(child, ParameterNode) else [child]

    in_files = [
        name
        for path in parameter_files()
        for name, _ in parameters_in(yaml.safe_load(path.read_text(encoding="utf-8")), path.stem)
    ]
    assert len(list(leaves(tax_benefit_system.parameters))) == len(in_files)


def test_every_source_file_cited_is_in_the_repository(tax_benefit_system):
    """A reference to `sources/<name>.txt` points at the text itself, shipped in `sources/`."""
    cited = set()
    for folder in (VARIABLES, PARAMETERS, ROOT / "reforms"):
        for path in folder.rglob("*"):
            if path.suffix in (".py", ".yaml"):
                cited |= set(re.findall(r"sources/[\w.-]+?\.txt", path.read_text(encoding="utf-8")))
    assert cited, "no source file cited: the pattern no longer matches"
    assert sorted(name for name in cited if not (ROOT / name).is_file()) == []
