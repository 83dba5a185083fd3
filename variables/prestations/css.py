"""Protection complémentaire en matière de santé : CMU complémentaire (1er janvier 2000 - 31 octobre 2019)
puis complémentaire santé solidaire (depuis le 1er novembre 2019). Conditions de résidence et de séjour."""

import numpy
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.refusals import all_hold, requires
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.prestations.communs import remplit
from openfisca_residence.variables.prestations.enums import MotifRefusCouvertureMaladie as Motif
from openfisca_residence.variables.prestations.puma import RESIDENCE_PREALABLE

REFERENCES = [
    "Code de la sécurité sociale, art. L.861-1 (CMU-C, loi n° 99-641 du 27 juillet 1999 ; complémentaire santé solidaire, loi n° 2018-1203 du 22 décembre 2018, art. 52, depuis le 1er novembre 2019)",
    "Code de la sécurité sociale, art. R.111-3 et R.111-4 (maintien de la CMU-C puis de la CSS après l'expiration du titre)",
    "Lettre-réseau CNAM LR-DDO-124/2017, § 1.4 (sources/cnam-lr-ddo-124-2017-regularite-sejour.txt)",
]


# Les règles qui refusent, dans l'ordre de préséance : celles de la prise en charge des frais de
# santé, mais la résidence de R.115-6 est contrôlée même pour qui travaille (les ayants droit
# mineurs exceptés).
RESIDENCE = (
    requires(Motif.residence, "reside_en_france", unless="mineur_a_la_demande"),
    RESIDENCE_PREALABLE,
)


class css_condition_residence(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "CMU-C puis CSS : résidence en France (R.115-6 puis R.111-2), même pour qui travaille, et les trois mois de résidence préalable de la prise en charge des frais de santé"
    reference = [
        *REFERENCES,
        "Code de la sécurité sociale, art. L.380-1 (CMU de base, jusqu'au 31 décembre 2015) puis L.160-1 (PUMa)",
        "Circulaire DSS/2A/2B/3A n° 2008-245 du 22 juillet 2008 : la CMU complémentaire est soumise au contrôle de la résidence (sources/controle-residence-r115-6-circulaire-2008-07-22.txt) ; R.111-2 vise L.861-1",
    ]
    documentation = """
    La prise en charge des frais de santé de la personne qui travaille ne dépend pas de sa résidence
    (puma_dispense_controle_residence) ; la CMU-C puis la CSS, prestations sous condition de
    ressources, la contrôlent. Les ayants droit mineurs n'y sont pas soumis, la minorité appréciée
    au jour de la demande (mineur_a_la_demande, R.111-3, II). Les trois mois de
    résidence préalable, à la date de la demande, et leurs dispenses sont ceux de la prise en
    charge des frais de santé (puma_dispense_residence_prealable). Avant le 1er janvier 2000 : faux.
    """

    def formula_2000_01_01(individu, period):
        return all_hold(individu, period, RESIDENCE)


class css_condition_sejour(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "CMU-C puis CSS : les conditions de séjour de la prise en charge des frais de santé, maintien de R.111-4 compris"
    reference = [
        *REFERENCES,
        "Code de l'entrée et du séjour des étrangers et du droit d'asile, art. L.433-3 (ex L.311-4) : le titre expiré dont le renouvellement est demandé justifie trois mois la régularité du séjour",
    ]
    documentation = """
    R.111-4 maintient la CMU-C puis la CSS comme la prise en charge des frais de santé ; l'aide à la
    complémentaire santé (ACS, jusqu'au 31 octobre 2019) n'en bénéficiait pas et n'est pas modélisée.
    Le maintien garde le droit en cours ; une demande (première demande ou renouvellement,
    css_nouvelle_demande) déposée pendant le maintien exige au moins une convocation en préfecture
    pour renouvellement du titre, ou un autre document recevable en cours de validité le jour de la
    demande (LR-DDO-124/2017, § 1.4) : à défaut, refus (motif sejour_irregulier). Choix : la lettre
    commente R.111-4 tel qu'il est depuis 2017 ; la règle vaut dès qu'il y a maintien, sans date.
    Elle ne vise que la personne qui s'en remet au maintien : celle dont le titre expiré justifie
    encore la régularité du séjour (renouvellement de L.433-3 CESEDA) n'est pas en maintien
    (maintien_droits_apres_expiration) et garde tous ses droits.
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
    label = "CMU-C puis CSS : règle qui refuse, dans l'ordre de préséance de la prise en charge des frais de santé, avec sa propre condition de résidence"
    reference = REFERENCES
    documentation = """
    Avant le 1er janvier 2000 : prestation_inexistante. Ensuite, les règles de puma_motif_refus, la
    résidence de R.115-6 contrôlée même pour qui travaille (css_condition_residence), puis le refus
    d'une demande déposée pendant le maintien sans document en cours de validité (sejour_irregulier).
    """

    def formula(individu, period):
        return numpy.full(individu.count, Motif.prestation_inexistante.index)

    def formula_2000_01_01(individu, period):
        # Les règles sont celles de la PUMa, dans le même ordre, hormis la première : la résidence,
        # qui refuse aussi qui travaille. Là où elle refuse, c'est le motif ; ailleurs la règle de
        # la PUMa, plus étroite, ne refuse pas non plus, et le motif de la PUMa est le premier des
        # suivants.
        residence = RESIDENCE[0].refuses(individu, period)
        motif = numpy.where(
            residence, Motif.residence.index, numpy.asarray(individu("puma_motif_refus", period))
        )
        refus = (motif == Motif.aucun.index) * demande_pendant_maintien(individu, period)
        return numpy.where(refus, Motif.sejour_irregulier.index, motif)


def demande_pendant_maintien(individu, period):
    """LR-DDO-124/2017, § 1.4 : une demande déposée pendant le maintien de R.111-4, sans document
    recevable en cours de validité (le maintien suppose le titre expiré et le séjour irrégulier à la
    date de la demande)."""
    return individu("css_nouvelle_demande", period) * individu(
        "maintien_droits_apres_expiration", period
    )
