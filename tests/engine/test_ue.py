"""The EU domain answers for every month of the model's span, and checks its new numeric input."""

import pytest
from openfisca_core.errors import SituationParsingError
from openfisca_core.simulations import SimulationBuilder

from openfisca_residence import legal_folder

UE = legal_folder("variables") / "ue"
FORMULAS = sorted(
    p.stem
    for p in UE.glob("*.py")
    if p.name not in {"__init__.py", "communs.py", "entrees.py", "enums.py"}  # communs: functions
)
MONTHS = [f"{year}-{month:02d}" for year in range(1994, 2027) for month in range(1, 13)]


def test_every_ue_variable_computes_for_every_month_from_1994_to_2026(tax_benefit_system):
    """Before a rule existed, a documented answer (a dated parameter or no formula), never an error."""
    situation = {
        "individus": {
            "italien": {
                "nationalite": {"ETERNITY": "IT"},
                "date_naissance": {"ETERNITY": "1930-05-01"},
            },
            "polonais": {
                "nationalite": {"ETERNITY": "PL"},
                "duree_activite_anterieure_mois": {"ETERNITY": 3},
            },
            "britannique": {"nationalite": {"ETERNITY": "GB"}},
            "suisse": {
                "nationalite": {"ETERNITY": "CH"},
                "entre_en_france_pour_chercher_emploi": {"ETERNITY": True},
            },
            "conjoint": {
                "nationalite": {"ETERNITY": "MA"},
                "titre_sejour": {"ETERNITY": "carte_membre_famille_ue"},
            },
            "francais": {},
        },
        "familles": {
            "famille": {"parents": ["italien", "conjoint"], "enfants": ["francais"]},
            "f2": {"parents": ["polonais"]},
            "f3": {"parents": ["britannique"]},
            "f4": {"parents": ["suisse"]},
        },
    }
    simulation = SimulationBuilder().build_from_entities(tax_benefit_system, situation)
    for month in MONTHS:
        simulation.set_input("heures_travail", month, [151.67, 100, 20, 0, 0, 0])
    for month in MONTHS:
        for name in FORMULAS:
            assert len(simulation.calculate(name, month)) == 6, (name, month)


def test_a_negative_duration_of_former_activity_is_refused(tax_benefit_system):
    builder = SimulationBuilder()
    builder.set_default_period("2017-06")
    with pytest.raises(
        SituationParsingError, match=r"duree_activite_anterieure_mois.*individu alice = -2"
    ):
        builder.build_from_entities(
            tax_benefit_system,
            {"individus": {"alice": {"duree_activite_anterieure_mois": {"ETERNITY": -2}}}},
        )


UE_CONTRACT = {  # ../shared/PUBLIC_NAMES.md, outputs of the EU domain
    "ressortissant_ue_eee_suisse": bool,
    "travailleur_ue": bool,
    "droit_au_sejour_ue": bool,
    "droit_sejour_permanent_ue": bool,
}


@pytest.mark.parametrize("name", UE_CONTRACT)
def test_ue_public_names_keep_their_contract(tax_benefit_system, name):
    variable = tax_benefit_system.variables[name]
    assert (variable.entity.key, str(variable.definition_period), variable.value_type) == (
        "individu",
        "month",
        UE_CONTRACT[name],
    )


def test_statut_ressortissant_ue_has_exactly_the_public_values(tax_benefit_system):
    variable = tax_benefit_system.variables["statut_ressortissant_ue"]
    assert (variable.entity.key, str(variable.definition_period)) == ("individu", "month")
    assert {item.name for item in variable.possible_values} == {
        "non_concerne",
        "travailleur",
        "ancien_travailleur",
        "demandeur_emploi",
        "inactif",
        "membre_famille",
        "sejour_permanent",
    }
