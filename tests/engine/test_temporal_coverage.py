"""Every variable answers for every month from 1994-01 to 2026-12, and each benefit agrees with itself.

A varied population (French, EU worker, inactive and jobseeker, third-country nationals with each
document type, refugee, undocumented, children) is computed month by month: no error, and for every
benefit `X`, `X_eligible` is both conditions on its entity and `X_motif_refus` is `aucun` exactly
where both conditions hold.
"""

import numpy
import pytest
from openfisca_core.periods import DateUnit
from openfisca_core.simulations import SimulationBuilder

from openfisca_residence.system.benefits import BENEFITS
from openfisca_residence.variables.sejour.enums import TitreSejour

MONTHS = [f"{year}-{month:02d}" for year in range(1994, 2027) for month in range(1, 13)]


def population():
    individus = {
        "francais": {"date_naissance": {"ETERNITY": "1950-03-01"}},
        "ue_travailleur": {
            "nationalite": {"ETERNITY": "PL"},
            "date_arrivee_france": {"ETERNITY": "2003-05-01"},
        },
        "ue_inactif": {
            "nationalite": {"ETERNITY": "ES"},
            "couverture_maladie": {"ETERNITY": "complete"},
            "date_arrivee_france": {"ETERNITY": "2010-09-15"},
        },
        "ue_demandeur_emploi": {
            "nationalite": {"ETERNITY": "IT"},
            "entre_en_france_pour_chercher_emploi": {"ETERNITY": True},
            "inscrit_demandeur_emploi": {"ETERNITY": True},
        },
        "britannique": {
            "nationalite": {"ETERNITY": "GB"},
            "titre_sejour": {"ETERNITY": "titre_accord_retrait_royaume_uni"},
        },
        "refugie": {
            "nationalite": {"ETERNITY": "SY"},
            "statut_protection": {"ETERNITY": "refugie"},
            "titre_sejour": {"ETERNITY": "carte_resident"},
        },
        "sans_papiers": {
            "nationalite": {"ETERNITY": "ML"},
            "date_arrivee_france": {"ETERNITY": "2012-02-01"},
        },
        "voyageur": {"foyer_permanent_france": {"ETERNITY": False}, "jours_absence_france": {}},
        "enfant": {
            "date_naissance": {"ETERNITY": "2008-06-01"},
            "nationalite": {"ETERNITY": "MA"},
            "entree_enfant": {"ETERNITY": "hors_procedure"},
        },
    }
    for index, titre in enumerate(TitreSejour):
        start = f"{1995 + index}-0{1 + index % 9}-15"
        individus[f"titre_{titre.name}"] = {
            "nationalite": {"ETERNITY": "SN"},
            "titre_sejour": {"ETERNITY": titre.name},
            "titre_sejour_date_debut": {"ETERNITY": start},
            "titre_sejour_date_fin": {"ETERNITY": f"{1997 + index}-0{1 + index % 9}-14"},
            "date_premier_titre_autorisant_travail": {"ETERNITY": start},
            "mesure_eloignement_definitive": {"ETERNITY": index % 3 == 0},
            "decision_refus_sejour_date": {
                "ETERNITY": "2022-05-10" if index % 5 == 0 else "2999-12-31"
            },
        }
    for year in range(1994, 2027):  # away most of odd years
        if year % 2:
            for month in range(1, 9):
                individus["voyageur"]["jours_absence_france"][f"{year}-{month:02d}"] = 28
    names = list(individus)
    familles = {
        "f1": {"parents": ["francais", "ue_inactif"], "enfants": ["enfant"]},
        "f2": {"parents": ["ue_demandeur_emploi"], "enfants": ["titre_aucun"]},
        "f3": {
            "parents": ["sans_papiers", "refugie"],
            "enfants": ["titre_recepisse_premiere_demande"],
        },
    }
    grouped = {
        name for famille in familles.values() for members in famille.values() for name in members
    }
    for index, name in enumerate(n for n in names if n not in grouped):
        familles[f"seul_{index}"] = {"parents": [name]}
    return {"individus": individus, "familles": familles}


@pytest.fixture(scope="module")
def simulation(tax_benefit_system):
    simulation = SimulationBuilder().build_from_entities(tax_benefit_system, population())
    count = simulation.persons.count
    for month in MONTHS:
        simulation.set_input(
            "heures_travail", month, numpy.where(numpy.arange(count) == 1, 151.67, 0)
        )
        simulation.set_input("ressources_mensuelles", month, numpy.full(count, 1500.0))
    return simulation


def test_every_variable_answers_for_every_month(tax_benefit_system, simulation):
    failures = []
    for name, variable in sorted(tax_benefit_system.variables.items()):
        periods = ["ETERNITY"] if variable.definition_period == DateUnit.ETERNITY else MONTHS
        for period in periods:
            try:
                simulation.calculate(name, period)
            except Exception as error:  # every failure is collected and reported
                failures.append(f"{name} {period}: {type(error).__name__}: {error}")
                break
    assert not failures, "\n".join(failures[:20])


@pytest.mark.parametrize("benefit", BENEFITS)
def test_eligibility_agrees_with_conditions_and_reason_every_month(simulation, benefit):
    famille = simulation.populations["famille"]
    for month in MONTHS:
        residence = simulation.calculate(f"{benefit}_condition_residence", month)
        sejour = simulation.calculate(f"{benefit}_condition_sejour", month)
        both = residence * sejour
        motif = simulation.calculate(f"{benefit}_motif_refus", month)
        eligible = simulation.calculate(f"{benefit}_eligible", month)
        assert ((motif.decode_to_str() == "aucun") == both).all() or (
            benefit in {"puma", "css", "ame"} and month < "2000-01"
        ), (benefit, month)
        if simulation.tax_benefit_system.variables[f"{benefit}_eligible"].entity.key == "famille":
            parents = famille.any(both, role=famille.entity.PARENT)
            if benefit == "prestations_familiales":  # a child, or the API's pregnancy
                grossesse = simulation.calculate("prestations_familiales_api_grossesse", month)
                parents = parents * (famille.any(both, role=famille.entity.ENFANT) + grossesse)
            assert (eligible == parents).all(), (benefit, month)
        else:
            assert (eligible == both).all(), (benefit, month)
