"""Protection complémentaire en matière de santé : CMU complémentaire (1er janvier 2000 - 31 octobre 2019)
puis complémentaire santé solidaire (depuis le 1er novembre 2019). Conditions de résidence et de séjour."""

import numpy
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
    Le maintien garde le droit en cours ; une demande (première demande ou renouvellement,
    css_nouvelle_demande) déposée pendant le maintien exige au moins une convocation en préfecture
    pour renouvellement du titre, ou un autre document recevable en cours de validité le jour de la
    demande (LR-DDO-124/2017, § 1.4) : à défaut, refus (motif sejour_irregulier). Choix : la lettre
    commente R.111-4 tel qu'il est depuis 2017 ; la règle vaut dès qu'il y a maintien, sans date.
    """

    def formula(individu, period):
        return individu("puma_condition_sejour", period) * ~demande_pendant_maintien(
            individu, period
        )


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
        motif = individu("puma_motif_refus", period)
        refus = (motif == Motif.aucun) * demande_pendant_maintien(individu, period)
        return numpy.where(refus, Motif.sejour_irregulier.index, numpy.asarray(motif))


def demande_pendant_maintien(individu, period):
    """LR-DDO-124/2017, § 1.4 : une demande déposée pendant le maintien de R.111-4, sans document
    recevable en cours de validité (le maintien suppose le titre expiré à la date de la demande)."""
    return individu("css_nouvelle_demande", period) * individu(
        "maintien_droits_apres_expiration", period
    )
