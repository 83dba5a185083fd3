"""Today's law and a reform computed together (`compute_scenarios`) give, for every variable and
month the comparison reads, the values of two separate computations (`compute_chunk`)."""

from pathlib import Path

import numpy
import pytest

from openfisca_residence.analysis.comparison import compared_variables
from openfisca_residence.data.population import validate
from openfisca_residence.simulation.chunk import build_simulation, calculated, compute_chunk
from openfisca_residence.simulation.dependencies import RecordingSimulation, unchanged
from openfisca_residence.simulation.scenarios import compute_scenarios
from openfisca_residence.synthetic import generate
from openfisca_residence.system.benefits import BENEFITS
from openfisca_residence.system.registry import package_reforms, tax_benefit_system

# Around the date of effect of the reforms of 2027 (fin_droits_expiration_sejour, the Senate's
# bill, the parametric reform); the law of 2024 applies to every month.
MONTHS = ["2026-11", "2026-12", "2027-01", "2027-02", "2027-03"]
PARAMETRIC = str(
    Path(__file__).parents[3] / "reforms" / "parametriques" / "maintien_droits_trois_mois.yaml"
)
# A parameter read at the formula's instant (`parameters(period)`), changed from 2027.
AT_INSTANT = """nom: autorisation_provisoire_six_mois
description: Autorisation provisoire de séjour recevable au-delà de six mois (réforme de test).
date_effet: 2027-01-01
parametres:
  sejour.titres_recevables.duree_minimale_autorisation_provisoire: 6
"""


@pytest.fixture(scope="module")
def table():
    return validate(generate(3_000, 2026, "2025-11", MONTHS[-1])).table


@pytest.fixture(scope="module")
def at_instant(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("reforms") / "autorisation_provisoire.yaml"
    path.write_text(AT_INSTANT, encoding="utf-8")
    return str(path)


def assert_same(shared, separate, scenario):
    for kind in ("persons", "families"):
        expected, found = getattr(separate, kind), getattr(shared, kind)
        assert found.keys() == expected.keys()
        for key, values in expected.items():
            assert numpy.array_equal(found[key], values), (scenario, key)


@pytest.mark.parametrize("reform", [*package_reforms(), PARAMETRIC, "at_instant"])
def test_shared_computation_equals_separate_ones(table, reform, request):
    if reform == "at_instant":
        reform = request.getfixturevalue("at_instant")
    today, reformed = compared_variables(BENEFITS)
    shared = compute_scenarios(table, today, reformed, MONTHS, [reform])
    assert_same(shared[None], compute_chunk(table, today, MONTHS, None), "today")
    assert_same(shared[reform], compute_chunk(table, reformed, MONTHS, reform), reform)


def changed(table, reform) -> set:
    """The (variable, month) computed for the comparison that `reform` may change."""
    baseline, system = tax_benefit_system(None), tax_benefit_system(reform)
    simulation = build_simulation(table, baseline, RecordingSimulation)
    calculated(simulation, compared_variables(BENEFITS)[0], MONTHS)
    kept = unchanged(simulation.tracer, baseline, system)
    assert len(kept) > len(simulation.tracer.nodes) / 2  # most of the work is shared
    return {(name, str(period)) for name, period in simulation.tracer.nodes - kept}


def test_a_parameter_read_with_its_history_is_a_dependency(table):
    """date_fin_maintien_droits reads the durations of R.111-4 at each document's expiry date
    (`parameters_of`), not at the month computed: the reform that changes them changes it."""
    found = changed(table, "fin_droits_expiration_sejour")
    assert ("date_fin_maintien_droits", "2027-02") in found
    assert ("puma_eligible", "2027-02") in found
    # a minor keeps his health rights with a parent's (L.160-2 CSS, R.111-4 CSS) ...
    assert ("maintien_droits_apres_expiration", "2027-02") in found
    # ... but the keeping is no regular stay: only the health benefits read it
    health = ("puma", "css", "ame")
    for name in ["sejour_regulier", *(f"{b}_eligible" for b in BENEFITS if b not in health)]:
        assert (name, "2027-02") not in found, name
    # the residence conditions do not read the stay: computed once, shared
    assert not any(
        name.startswith(("reside", "residence", "sejour_principal")) for name, _ in found
    )


def test_a_parameter_read_at_an_instant_is_a_dependency_at_that_instant(table, at_instant):
    found = changed(table, at_instant)
    assert ("titre_sejour_recevable_prestations_familiales", "2027-02") in found
    assert ("titre_sejour_recevable_prestations_familiales", "2026-12") not in found
    assert ("prestations_familiales_eligible", "2027-02") in found
    assert not any(name.startswith("puma_") for name, _ in found)
