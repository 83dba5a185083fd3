"""The names of ../shared/PUBLIC_NAMES.md that this system already provides keep their contract."""

from datetime import date

import pytest
from openfisca_core.periods import DateUnit

CONTRACT = {
    # name: (entity, period, value type)
    "date_naissance": ("individu", DateUnit.ETERNITY, date),
    "jours_absence_france": ("individu", DateUnit.MONTH, int),
    "foyer_permanent_france": ("individu", DateUnit.MONTH, bool),
    "absence_pour_etudes": ("individu", DateUnit.MONTH, bool),
    "date_arrivee_france": ("individu", DateUnit.MONTH, date),
    "sejour_principal_france": ("individu", DateUnit.MONTH, bool),
    "reside_en_france": ("individu", DateUnit.MONTH, bool),
    "enfant_reside_en_france": ("individu", DateUnit.MONTH, bool),
    "residence_prealable_3_mois": ("individu", DateUnit.MONTH, bool),
}
DEFAULTS = {
    "date_naissance": "1970-01-01",
    "jours_absence_france": 0,
    "foyer_permanent_france": True,
    "absence_pour_etudes": False,
    "date_arrivee_france": "1900-01-01",
}


@pytest.mark.parametrize("name", CONTRACT)
def test_public_name_entity_period_and_type(tax_benefit_system, name):
    variable = tax_benefit_system.variables[name]
    entity, period, value_type = CONTRACT[name]
    assert (variable.entity.key, variable.definition_period, variable.value_type) == (
        entity,
        period,
        value_type,
    )


@pytest.mark.parametrize("name", DEFAULTS)
def test_public_input_default(tax_benefit_system, name):
    assert str(tax_benefit_system.variables[name].default_value) == str(DEFAULTS[name])


def test_entities_and_roles(tax_benefit_system):
    entities = {entity.key: entity for entity in tax_benefit_system.entities}
    individu, famille = entities["individu"], entities["famille"]
    assert (individu.plural, famille.plural) == ("individus", "familles")
    roles = {role.plural: role.max for role in famille.roles}
    assert roles == {"parents": 2, "enfants": None}
