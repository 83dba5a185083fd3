"""What a `RecordingSimulation` records is all a formula can read: its reads of variables go through
`calculate`, its reads of parameters through its `parameters` argument or `parameters_of`."""

import ast
from pathlib import Path

import numpy
import pytest

from openfisca_residence.simulation.dependencies import (
    ALL_DATES,
    DependencyTracer,
    RecordedParameters,
    RecordedTree,
)

ROOT = Path(__file__).parents[3]
# What would reach values without being recorded: the system (its parameters, its variables), the
# simulation, its holders and their stored values, the tracer.
UNRECORDED = {
    "simulation",
    "tax_benefit_system",
    "populations",
    "get_holder",
    "holder",
    "_holders",
    "get_array",
    "known_array",
    "permanent_value",
    "_memory_storage",
    "tracer",
    "parameter_node_at_instant",
}
# The one door to the system from a formula, which a recording simulation watches.
ALLOWED = {("openfisca_residence/rules/lookup.py", "parameters_of")}


def formula_files():
    """Every file a formula's code may run from: the variables, the reforms, their helpers. Not
    rules/inputs.py: its set_input functions run when the inputs are set, before any formula."""
    yield from (ROOT / "variables").rglob("*.py")
    yield from (ROOT / "reforms").rglob("*.py")
    rules = ROOT / "openfisca_residence" / "rules"
    yield from (path for path in rules.glob("*.py") if path.name != "inputs.py")


def unrecorded_reads(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    relative = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else path.name
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.Lambda):
            continue
        if isinstance(function, ast.FunctionDef) and (relative, function.name) in ALLOWED:
            continue
        for node in ast.walk(function):
            name = node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", None)
            if name in UNRECORDED:
                yield f"{relative}:{node.lineno} {name}"


def test_formulas_read_values_only_through_recorded_doors():
    found = [read for path in formula_files() for read in unrecorded_reads(path)]
    assert found == []


def test_the_scan_finds_an_unrecorded_read(tmp_path):
    path = tmp_path / "variable.py"
    path.write_text(
        "def formula(individu, period):\n"
        "    return individu.simulation.tax_benefit_system.parameters\n"
    )
    assert len(list(unrecorded_reads(path))) == 2


@pytest.fixture
def tracer():
    tracer = DependencyTracer()
    tracer.record_calculation_start("une_variable", "2027-01")
    return tracer


def reads(tracer):
    return tracer.parameters[("une_variable", "2027-01")]


def test_a_read_at_an_instant_is_recorded_by_name(tax_benefit_system, tracer):
    parameters = RecordedParameters(
        tax_benefit_system.get_parameters_at_instant("2027-01-01"), tracer
    )
    assert parameters.sejour.maintien_droits.duree == 6
    assert reads(tracer) == {("sejour.maintien_droits.duree", "2027-01-01")}


def test_what_is_not_a_child_is_recorded_as_the_whole_node(tax_benefit_system, tracer):
    node = RecordedParameters(tax_benefit_system.get_parameters_at_instant("2027-01-01"), tracer)
    maintien = node.sejour.maintien_droits
    assert "duree" in maintien._children  # an attribute of the node
    assert sorted(maintien) == sorted(maintien._children)  # iterated
    assert reads(tracer) == {("sejour.maintien_droits", "2027-01-01")}


def test_a_vectorial_read_is_recorded_as_the_whole_node(tax_benefit_system, tracer):
    node = RecordedParameters(tax_benefit_system.get_parameters_at_instant("2027-01-01"), tracer)
    maintien = node.sejour.maintien_droits
    values = maintien[numpy.array(["duree", "duree_apres_mesure_eloignement"])]
    assert values is not None
    assert reads(tracer) == {("sejour.maintien_droits", "2027-01-01")}


def test_a_read_of_the_tree_is_recorded_with_every_date(tax_benefit_system, tracer):
    tree = RecordedTree(tax_benefit_system.parameters, tracer)
    parameter = tree.sejour.maintien_droits.duree
    assert parameter is tax_benefit_system.parameters.sejour.maintien_droits.duree
    assert tree.sejour.renouvellement("2027-01-01").titres_concernes
    assert tree.sejour.children  # an attribute of the node: the whole node
    assert reads(tracer) == {
        ("sejour.maintien_droits.duree", ALL_DATES),
        ("sejour.renouvellement", ALL_DATES),
        ("sejour", ALL_DATES),
    }


def test_every_read_of_a_variable_is_recorded(tax_benefit_system, generated):
    simulation = _recording(tax_benefit_system, generated)
    simulation.calculate("puma_eligible", "2024-06")
    simulation.calculate("css_eligible", "2024-06")  # reads puma's conditions from the cache
    tracer = simulation.tracer
    key = next(key for key in tracer.nodes if key[0] == "css_eligible")
    assert tracer.reads[key]
    assert all(read in tracer.nodes for read in tracer.reads[key])


def _recording(tax_benefit_system, generated):
    from openfisca_residence.data.population import validate
    from openfisca_residence.simulation.chunk import build_simulation
    from openfisca_residence.simulation.dependencies import RecordingSimulation

    return build_simulation(validate(generated).table, tax_benefit_system, RecordingSimulation)


def test_a_known_value_is_answered_without_core_and_recorded(tax_benefit_system, generated):
    from openfisca_core.periods import period

    simulation = _recording(tax_benefit_system, generated)
    month = period("2024-06")
    age = simulation.calculate("age", month)
    asked = []
    core = simulation.calculate
    simulation.calculate = lambda *arguments: asked.append(arguments) or core(*arguments)
    simulation.tracer.record_calculation_start("une_variable", month)  # a formula that reads
    assert simulation.persons("age", month) is age
    assert asked == []
    assert simulation.tracer.reads[("une_variable", month)] == {("age", month)}


def test_reads_answered_without_core_are_recorded_as_core_records_them(
    tax_benefit_system, generated, monkeypatch
):
    """The same (variable, period) read, by the same formulas, and the same parameters, whether
    the population answers the values already known or Core does."""
    from openfisca_residence.system import populations

    def recorded():
        simulation = _recording(tax_benefit_system, generated)
        for variable in ("puma_eligible", "css_eligible", "rsa_motif_refus"):
            simulation.calculate(variable, "2024-06")
        tracer = simulation.tracer
        return tracer.nodes, dict(tracer.reads), dict(tracer.parameters)

    answered_here = recorded()
    monkeypatch.setattr(populations, "_known_reads_recorder", lambda simulation: None)
    assert recorded() == answered_here
    assert answered_here[1]
