"""Allocation de solidarité aux personnes âgées (minimum vieillesse avant le 1er janvier 2007) :
conditions de résidence et de séjour."""

from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.refusals import all_hold, excludes, first_refusal, requires
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.etat_civil.enums import GroupeNationalite
from openfisca_residence.variables.prestations.communs import nationalite_admise, remplit
from openfisca_residence.variables.prestations.enums import CasVersementAspa
from openfisca_residence.variables.prestations.enums import MotifRefusAspa as Motif

REFERENCES = [
    "Code de la sécurité sociale, art. L.815-1, L.816-1 et R.115-6 puis R.111-2 ; ordonnance n° 2004-605 du 24 juin 2004 (ASPA, depuis le 1er janvier 2007)",
    "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000025018628",
    "Circulaire DSS/2A/2B/3A n° 2008-245 du 22 juillet 2008 : ASPA d'un couple (sources/controle-residence-r115-6-circulaire-2008-07-22.txt)",
]


# Les règles qui refusent, dans l'ordre de préséance (openfisca_residence/rules/refusals.py).
# La résidence préalable de trois mois du citoyen de l'Union (L.816-1, 3°, qui renvoie à
# L.262-6 CASF), commune à l'ASPA et à l'ASI : une condition de résidence, comme au RSA et à l'AAH
# (X_condition_residence « y compris toute résidence préalable de trois mois »).
RESIDENCE_PREALABLE_UE = requires(
    Motif.residence_prealable_ue, "ue_condition_residence_prealable_aspa"
)
RESIDENCE = (
    requires(Motif.residence, "aspa_condition_residence_allocataire"),
    requires(Motif.residence_conjoint, "aspa_condition_residence_conjoint"),
    RESIDENCE_PREALABLE_UE,
)
# Les conditions de séjour de L.816-1, communes à l'ASPA et à l'ASI (dont le motif de refus a les
# mêmes valeurs).
SEJOUR_L816_1 = (
    excludes(Motif.decision_refus_sejour, "decision_refus_sejour_opposable"),
    excludes(Motif.demandeur_emploi_ue, "exclu_demandeur_emploi_ue_aspa_asi"),
    excludes(Motif.droit_au_sejour_ue, "ressortissant_ue_sans_droit_au_sejour"),
    requires(Motif.condition_nationalite, "aspa_condition_nationalite"),
    excludes(Motif.sejour_irregulier, "sejour_irregulier_pays_tiers"),
    requires(Motif.anteriorite_titres, "aspa_condition_anteriorite_titres"),
)


class aspa_condition_residence_allocataire(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "ASPA : l'allocataire réside en France, sauf ASPA servie uniquement en complément de la majoration pour conjoint à charge"
    reference = REFERENCES

    def formula(individu, period):
        cas = individu("aspa_cas_versement", period)
        exigee = cas != CasVersementAspa.majoration_conjoint_a_charge
        return ~exigee + individu("reside_en_france_aspa", period)


class aspa_condition_residence_conjoint(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "ASPA : le conjoint à charge réside en France, quand l'ASPA est servie en complément de la majoration pour conjoint à charge"
    reference = REFERENCES
    documentation = "Le conjoint est l'autre parent de la famille."

    def formula(individu, period):
        exigee = individu("aspa_cas_versement", period) != CasVersementAspa.allocataire
        reside = individu("reside_en_france_aspa", period) * ~individu("enfant_a_charge", period)
        conjoint_reside = (individu.famille.sum(reside) - reside) > 0
        return ~exigee + conjoint_reside


class aspa_condition_nationalite(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "ASPA et ASI : condition de nationalité remplie — Français, ressortissant de l'Union, réfugié ou apatride, ou depuis la loi n° 98-349 du 11 mai 1998, ressortissant d'un pays tiers"
    reference = [
        "Code de la sécurité sociale, art. L.815-2 et L.815-3 anciens (« toute personne de nationalité française »), L.815-5 ancien (étrangers : conventions internationales de réciprocité)",
        "Convention de Genève du 28 juillet 1951 relative au statut des réfugiés, art. 23 ; convention de New York du 28 septembre 1954 relative au statut des apatrides, art. 23",
        "Loi n° 98-349 du 11 mai 1998, art. 42 (art. L.816-1 CSS : suppression de la condition de nationalité)",
    ]
    documentation = """
    Avant le 13 mai 1998, le ressortissant d'un pays tiers qui n'est ni réfugié ni apatride est
    refusé : les conventions de réciprocité ne sont pas listées (choix documenté, voir
    parameters/prestations/aspa/condition_nationalite.yaml, qui dit aussi pourquoi la condition
    n'a pas pris fin en 1990). Les réfugiés et les apatrides reçoivent le traitement des nationaux
    en matière d'assistance publique (art. 23 des conventions de 1951 et 1954).
    """

    def formula(individu, period, parameters):
        reservee = parameters(period).prestations.aspa.condition_nationalite
        return nationalite_admise(individu, period, reservee)


class aspa_condition_anteriorite_titres(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "ASPA et ASI : le ressortissant d'un pays tiers remplit la condition d'ancienneté des titres autorisant à travailler (L.816-1, 1°) ; sans objet pour les autres"
    reference = REFERENCES

    def formula(individu, period):
        pays_tiers = individu("groupe_nationalite", period) == GroupeNationalite.pays_tiers
        return ~pays_tiers + individu("anteriorite_titres_aspa", period)


class aspa_condition_residence(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "ASPA : résidence en France (plus de neuf mois de présence depuis le 1er septembre 2023) de l'allocataire, de son conjoint à charge, ou des deux, selon le cas de versement ; et, depuis le 23 décembre 2011, trois mois de résidence préalable du citoyen de l'Union non actif"
    reference = REFERENCES
    documentation = """
    Trois cas pour un couple (circulaire du 22 juillet 2008) : l'ASPA servie en complément de la
    pension de l'allocataire exige sa seule résidence ; servie uniquement en complément de la
    majoration pour conjoint à charge, celle du conjoint ; servie au titre des deux, celle des deux
    (entrée aspa_cas_versement ; le conjoint est l'autre parent de la famille). Le citoyen de
    l'Union non actif doit en outre avoir résidé en France les trois mois précédant la demande
    (L.816-1, 3°, qui renvoie à L.262-6 CASF : ue_condition_residence_prealable_aspa), condition
    de résidence comme au RSA et à l'AAH.
    """

    def formula(individu, period):
        return all_hold(individu, period, RESIDENCE)


class aspa_condition_sejour(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "ASPA : séjour régulier et dix ans de titres autorisant à travailler (sauf dispenses), ou droit au séjour du citoyen de l'Union"
    reference = REFERENCES
    documentation = """
    Aucune condition pour un Français. Jusqu'à la loi n° 98-349 du 11 mai 1998, l'allocation
    supplémentaire était refusée aux ressortissants de pays tiers ni réfugiés ni apatrides
    (condition de nationalité, aspa_condition_nationalite) ;
    depuis, séjour régulier, puis ancienneté des titres (anteriorite_titres_aspa : cinq ans, dix ans
    pour les demandes déposées depuis le 23 décembre 2011, sauf réfugiés, apatrides, protection
    subsidiaire, anciens combattants, conventions internationales).
    """

    def formula(individu, period):
        return all_hold(individu, period, SEJOUR_L816_1)


class aspa_eligible(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "ASPA : conditions de résidence et de séjour remplies"
    reference = REFERENCES

    def formula(individu, period):
        return remplit(individu, period, "aspa")


class aspa_motif_refus(Variable):
    value_type = Enum
    possible_values = Motif
    default_value = Motif.aucun
    entity = Individu
    definition_period = MONTH
    label = "ASPA : règle qui refuse, la première dans l'ordre de préséance"
    reference = REFERENCES
    documentation = """
    Ordre de préséance, celui du RSA et de l'AAH : résidence de l'allocataire, résidence du
    conjoint, résidence préalable du citoyen de l'Union (depuis le 23 décembre 2011), décision de
    refus de séjour, demandeur d'emploi de l'Union (depuis le 23 décembre 2011), droit au séjour de
    l'Union, condition de nationalité (avant 1998), titre de séjour, ancienneté des titres.
    """

    def formula(individu, period):
        return first_refusal(individu, period, RESIDENCE + SEJOUR_L816_1, Motif.aucun)
