"""A benefit's conditions and reason of refusal from its ordered rules, and a reform's added rule
(`openfisca_residence.rules.refusals`)."""

import pytest
from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.refusals import (
    add_condition,
    all_hold,
    excludes,
    first_refusal,
    requires,
)
from openfisca_residence.rules.variable import Variable
from openfisca_residence.system.reform import Reform
from openfisca_residence.system.situations import SituationBuilder
from openfisca_residence.variables.prestations.enums import MotifRefusAah as Motif

MONTH_ = "2018-02"
# A French person (no rule of stay), an Italian jobseeker (excluded, and without a right of
# residence), a Moroccan without a document, a Moroccan child without a document.
PERSONS = {
    "francaise": {},
    "italien": {
        "nationalite": "IT",
        "entre_en_france_pour_chercher_emploi": True,
        "date_arrivee_france": "2017-06-06",
    },
    "marocain": {"nationalite": "MA"},
    "enfant": {"nationalite": "MA", "date_naissance": "2012-01-01"},
}


def simulation(system, persons=PERSONS):
    builder = SituationBuilder()
    builder.set_default_period(MONTH_)
    families = {
        "f1": {"parents": ["francaise"]},
        "f2": {"parents": ["italien"]},
        "f3": {"parents": ["marocain"], "enfants": ["enfant"]},
    }
    return builder.build_from_dict(system, {"individus": persons, "familles": families})


RULES = (
    excludes(Motif.demandeur_emploi_ue, "exclu_demandeur_emploi_ue"),
    excludes(Motif.droit_au_sejour_ue, "ressortissant_ue_sans_droit_au_sejour"),
    excludes(Motif.sejour_irregulier, "sejour_irregulier_pays_tiers", unless="enfant_a_charge"),
)


def test_the_first_rule_that_refuses_gives_the_motif_and_aucun_is_when_all_hold(
    tax_benefit_system,
):
    persons = simulation(tax_benefit_system).persons
    refused = first_refusal(persons, MONTH_, RULES, Motif.aucun)
    assert [Motif._member_names_[i] for i in refused] == [
        "aucun",
        "demandeur_emploi_ue",  # also without a right of residence: the first rule wins
        "sejour_irregulier",
        "aucun",  # the child is not concerned (unless)
    ]
    assert all_hold(persons, MONTH_, RULES).tolist() == [True, False, False, True]


def test_requires_refuses_where_false_excludes_where_true_among_restricts(tax_benefit_system):
    persons = simulation(tax_benefit_system).persons
    child = requires(Motif.residence, "enfant_a_charge")
    among = requires(Motif.residence, "mineur", among="enfant_a_charge")
    assert child.refuses(persons, MONTH_).tolist() == [True, True, True, False]
    assert excludes(Motif.residence, "enfant_a_charge").refuses(persons, MONTH_).tolist() == [
        False,
        False,
        False,
        True,
    ]
    assert not among.refuses(persons, MONTH_).any()  # the only child is a minor


def test_a_rule_naming_an_item_the_enum_lacks_is_refused(tax_benefit_system):
    persons = simulation(tax_benefit_system).persons
    with pytest.raises(ValueError, match=r"MotifRefusAah has no item \['inconnu'\]"):
        first_refusal(persons, MONTH_, [requires("inconnu", "mineur")], Motif.aucun)


class aah_non_mineur(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Réforme d'essai : l'AAH exige la majorité"
    reference = "Essai"

    def formula(individu, period):
        return ~individu("mineur", period)


class majorite_exigee(Reform):
    def apply(self):
        self.add_variable(aah_non_mineur)
        add_condition(self, "aah", requires("mineur", "aah_non_mineur"), "Mineur (essai)")


def test_a_reform_adds_a_rule_after_all_of_the_benefit_s_and_its_item_last(tax_benefit_system):
    reformed = majorite_exigee(tax_benefit_system)
    motif = reformed.variables["aah_motif_refus"].possible_values
    assert list(motif.__members__)[:-1] == list(Motif.__members__)
    assert motif.mineur.value == "Mineur (essai)"
    assert "Mineur (essai)" in reformed.variables["aah_motif_refus"].reference
    assert tax_benefit_system.variables["aah_motif_refus"].possible_values is Motif

    today = simulation(tax_benefit_system)
    reform = simulation(reformed)
    assert today.calculate("aah_motif_refus", MONTH_).decode_to_str().tolist() == [
        "aucun",
        "demandeur_emploi_ue",
        "sejour_irregulier",
        "sejour_irregulier",
    ]
    assert reform.calculate("aah_motif_refus", MONTH_).decode_to_str().tolist() == [
        "aucun",
        "demandeur_emploi_ue",  # refused by the benefit's own rule first
        "sejour_irregulier",
        "sejour_irregulier",
    ]
    assert reform.calculate("aah_condition_sejour", MONTH_).tolist() == [True, False, False, False]
    assert reform.calculate("aah_eligible", MONTH_).tolist() == [True, False, False, False]


def test_the_added_rule_refuses_where_the_benefit_s_own_rules_do_not_and_a_trace_shows_it(
    tax_benefit_system,
):
    persons = {"adulte": {}, "mineure": {"date_naissance": "2005-01-01"}}
    builder = SituationBuilder()
    builder.set_default_period(MONTH_)
    reform = builder.build_from_dict(majorite_exigee(tax_benefit_system), {"individus": persons})
    reform.trace = True
    assert reform.calculate("aah_motif_refus", MONTH_).decode_to_str().tolist() == [
        "aucun",
        "mineur",
    ]
    assert reform.calculate("aah_eligible", MONTH_).tolist() == [True, False]
    assert reform.calculate("aah_condition_sejour", MONTH_).tolist() == [True, False]
    read = {node.name for tree in reform.tracer.trees for node in _nodes(tree)}
    assert {"aah_non_mineur", "exclu_demandeur_emploi_ue", "residence_permanente_aah"} <= read


def test_before_the_benefit_s_first_formula_the_added_rule_keeps_its_defaults(
    tax_benefit_system,
):
    class puma_majorite(Reform):
        def apply(self):
            self.add_variable(aah_non_mineur)
            add_condition(self, "puma", requires("mineur", "aah_non_mineur"), "Mineur (essai)")

    builder = SituationBuilder()
    builder.set_default_period("1999-06")
    reform = builder.build_from_dict(puma_majorite(tax_benefit_system), {"individus": {"a": {}}})
    assert reform.calculate("puma_motif_refus", "1999-06").decode_to_str().tolist() == [
        "prestation_inexistante"
    ]
    assert reform.calculate("puma_condition_sejour", "1999-06").tolist() == [False]


def test_an_item_the_benefit_already_has_is_refused(tax_benefit_system):
    class doublon(Reform):
        def apply(self):
            add_condition(self, "aah", requires("residence", "mineur"), "Déjà là")

    with pytest.raises(ValueError, match="aah_motif_refus already has the item 'residence'"):
        doublon(tax_benefit_system)


def _nodes(node):
    yield node
    for child in node.children:
        yield from _nodes(child)
