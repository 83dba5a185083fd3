"""Protection complémentaire en matière de santé : CMU complémentaire (1er janvier 2000 - 31 octobre 2019)
puis complémentaire santé solidaire (depuis le 1er novembre 2019). Conditions de résidence et de séjour."""

from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.prestations.communs import remplit
from openfisca_residence.variables.prestations.enums import MotifRefusCouvertureMaladie as Motif

REFERENCES = [
    "Code de la sécurité sociale, art. L.861-1 (CMU-C, loi n° 99-641 du 27 juillet 1999 ; complémentaire santé solidaire, loi n° 2018-1203 du 22 décembre 2018, art. 52, depuis le 1er novembre 2019)",
    "Code de la sécurité sociale, art. R.111-3 et R.111-4 (maintien de la CMU-C puis de la CSS après l'expiration du titre)",
    "Lettre-réseau CNAM LR-DDO-124/2017, § 1.4 (sources/cnam-lr-ddo-124-2017-regularite-sejour.txt)",
]


class css_condition_residence(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "CMU-C puis CSS : les conditions de résidence de la prise en charge des frais de santé (L.861-1 renvoie à L.380-1 puis L.160-1)"
    reference = [
        *REFERENCES,
        "Code de la sécurité sociale, art. L.380-1 (CMU de base, jusqu'au 31 décembre 2015) puis L.160-1 (PUMa)",
    ]

    def formula(individu, period):
        return individu("puma_condition_residence", period)


class css_condition_sejour(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "CMU-C puis CSS : les conditions de séjour de la prise en charge des frais de santé, maintien de R.111-4 compris"
    reference = REFERENCES
    documentation = """
    R.111-4 maintient la CMU-C puis la CSS comme la prise en charge des frais de santé ; l'aide à la
    complémentaire santé (ACS, jusqu'au 31 octobre 2019) n'en bénéficiait pas et n'est pas modélisée.
    Angle mort : une nouvelle demande déposée pendant le maintien exige au moins une convocation pour
    renouvellement (LR-DDO-124/2017, § 1.4) ; le modèle ne distingue pas la nouvelle demande du droit
    en cours.
    """

    def formula(individu, period):
        return individu("puma_condition_sejour", period)


class css_eligible(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "CMU-C puis CSS : conditions de résidence et de séjour remplies"
    reference = REFERENCES

    def formula(individu, period):
        return remplit(individu, period, "css")


class css_motif_refus(Variable):
    value_type = Enum
    possible_values = Motif
    default_value = Motif.aucun
    entity = Individu
    definition_period = MONTH
    label = "CMU-C puis CSS : règle qui refuse, celle de la prise en charge des frais de santé"
    reference = REFERENCES

    def formula(individu, period):
        return individu("puma_motif_refus", period)
