"""Allocation supplémentaire d'invalidité (L.815-24 CSS) : conditions de résidence et de séjour."""

from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.refusals import all_hold, first_refusal, requires
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.prestations.aspa import RESIDENCE_PREALABLE_UE, SEJOUR_L816_1
from openfisca_residence.variables.prestations.communs import remplit
from openfisca_residence.variables.prestations.enums import MotifRefusAsi as Motif

REFERENCES = [
    "Code de la sécurité sociale, art. L.815-24, L.816-1 (commun à l'ASPA et à l'ASI) et R.115-6 puis R.111-2",
    "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000025018628",
]


# Les règles qui refusent, dans l'ordre de préséance (openfisca_residence/rules/refusals.py).
RESIDENCE = (requires(Motif.residence, "reside_en_france"), RESIDENCE_PREALABLE_UE)


class asi_condition_residence(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "ASI : résidence en France (foyer permanent, ou plus de six mois de présence dans l'année) ; et, depuis le 23 décembre 2011, trois mois de résidence préalable du citoyen de l'Union non actif"
    reference = REFERENCES
    documentation = """
    Le seuil de neuf mois de R.111-2 (2023) ne vise que l'ASPA et le minimum vieillesse, pas l'ASI
    (L.815-24). Le citoyen de l'Union non actif doit avoir résidé en France les trois mois précédant
    la demande (L.816-1, 3°, depuis le 23 décembre 2011), comme pour l'ASPA.
    """

    def formula(individu, period):
        return all_hold(individu, period, RESIDENCE)


class asi_condition_sejour(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "ASI : conditions de séjour de l'article L.816-1, les mêmes que pour l'ASPA"
    reference = REFERENCES

    def formula(individu, period):
        return all_hold(individu, period, SEJOUR_L816_1)


class asi_eligible(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "ASI : conditions de résidence et de séjour remplies"
    reference = REFERENCES

    def formula(individu, period):
        return remplit(individu, period, "asi")


class asi_motif_refus(Variable):
    value_type = Enum
    possible_values = Motif
    default_value = Motif.aucun
    entity = Individu
    definition_period = MONTH
    label = "ASI : règle qui refuse, la première dans l'ordre de préséance"
    reference = REFERENCES
    documentation = "Ordre de préséance : résidence, résidence préalable du citoyen de l'Union, puis celui de l'ASPA pour le séjour."

    def formula(individu, period):
        return first_refusal(individu, period, RESIDENCE + SEJOUR_L816_1, Motif.aucun)
