"""Prise en charge des frais de santé : CMU de base (1er janvier 2000 - 31 décembre 2015) puis protection
universelle maladie (depuis le 1er janvier 2016). Conditions de résidence et de séjour."""

import numpy
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH

from openfisca_residence.rules.dates import LONG_AGO
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.refusals import all_hold, excludes, first_refusal, requires
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.prestations.communs import remplit
from openfisca_residence.variables.prestations.enums import MotifRefusCouvertureMaladie as Motif
from openfisca_residence.variables.sejour.enums import StatutProtection, TitreSejour

REFERENCES = [
    "Code de la sécurité sociale, art. L.380-1 et R.380-1 (CMU de base, loi n° 99-641 du 27 juillet 1999), puis L.160-1, L.160-5 et D.160-2 (PUMa, loi n° 2015-1702 du 21 décembre 2015)",
    "Code de la sécurité sociale, art. R.115-6 puis R.111-2, R.111-3 et R.111-4",
    "Lettre-réseau CNAM LR-DDO-124/2017 (sources/cnam-lr-ddo-124-2017-regularite-sejour.txt)",
]


# Les règles qui refusent, dans l'ordre de préséance (openfisca_residence/rules/refusals.py).
RESIDENCE = (
    # Les ayants droit mineurs ne sont pas soumis au contrôle de R.115-6.
    requires(Motif.residence, "reside_en_france", unless="mineur"),
    requires(
        Motif.residence_prealable,
        "residence_prealable_3_mois",
        unless="puma_dispense_residence_prealable",
    ),
)
SEJOUR = (
    # Le maintien de R.111-4 court aussi après une décision de refus ou de retrait
    # (date_fin_droit_au_sejour).
    excludes(
        Motif.decision_refus_sejour,
        "decision_refus_sejour_opposable",
        unless="maintien_droits_apres_expiration",
    ),
    excludes(Motif.demandeur_emploi_ue, "exclu_demandeur_emploi_ue"),
    excludes(Motif.droit_au_sejour_ue, "ressortissant_ue_sans_droit_au_sejour"),
    excludes(Motif.titre_expire, "puma_titre_expire"),
    excludes(
        Motif.sejour_irregulier,
        "sejour_irregulier_pays_tiers",
        unless="maintien_droits_apres_expiration",
    ),
)


class puma_dispense_residence_prealable(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "CMU de base puis PUMa : dispensé des trois mois de résidence préalable (personne qui travaille, mineur, réfugié ou protection subsidiaire, demandeur d'asile jusqu'au 31 décembre 2019)"
    reference = [
        "Code de la sécurité sociale, art. R.380-1 (CMU de base) puis D.160-2 (PUMa)",
        "Décret n° 2019-1531 du 30 décembre 2019 (demandeurs d'asile majeurs soumis aux trois mois)",
    ]
    documentation = """
    La personne qui travaille est affiliée au titre de son activité. Angle mort : les étudiants, les
    volontaires internationaux et les membres de famille rejoignant un assuré, aussi dispensés, ne
    sont pas repérés par une entrée. Avant le 1er janvier 2000, pas de CMU : faux.
    """

    def formula_2000_01_01(individu, period, parameters):
        protection = individu("statut_protection", period)
        refugie = (protection == StatutProtection.refugie) + (
            protection == StatutProtection.protection_subsidiaire
        )
        titre = individu("titre_sejour", period)
        demandeur_asile = (titre == TitreSejour.attestation_demande_asile) * ~refugie
        dispense_asile = numpy.bool_(
            parameters(period).prestations.couverture_maladie.demandeurs_asile_majeurs_dispenses
        )
        actif = individu("heures_travail", period) > 0
        return actif + individu("mineur", period) + refugie + demandeur_asile * dispense_asile


class puma_titre_expire(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "CMU de base puis PUMa : ressortissant d'un pays tiers dont le titre de séjour a expiré au-delà du maintien des droits (R.111-4)"
    reference = [
        "Code de la sécurité sociale, art. R.111-4",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000042485550",
    ]
    documentation = """
    Un titre a été détenu (date_expiration_titres renseignée), le séjour n'est plus régulier et les
    droits ne sont plus maintenus. Sans titre antérieur, le motif est l'absence de titre
    (sejour_irregulier).
    """

    def formula(individu, period):
        titre_anterieur = individu("date_expiration_titres", period) > numpy.datetime64(LONG_AGO)
        return (
            individu("sejour_irregulier_pays_tiers", period)
            * ~individu("maintien_droits_apres_expiration", period)
            * titre_anterieur
        )


class puma_condition_residence(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "CMU de base puis PUMa : résidence en France (R.115-6 puis R.111-2) et, pour qui ne travaille pas, plus de trois mois de résidence ininterrompue"
    reference = REFERENCES
    documentation = """
    Les ayants droit mineurs ne sont pas soumis au contrôle de R.115-6. Trois mois de résidence
    préalable (R.380-1 puis D.160-2), sauf dispense (puma_dispense_residence_prealable).
    Avant le 1er janvier 2000, la CMU n'existe pas : la condition vaut faux.
    """

    def formula_2000_01_01(individu, period):
        return all_hold(individu, period, RESIDENCE)


class puma_condition_sejour(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "CMU de base puis PUMa : séjour régulier, ou droits maintenus après l'expiration du titre (R.111-4), ou droit au séjour du citoyen de l'Union non exclu comme demandeur d'emploi"
    reference = REFERENCES
    documentation = """
    Aucune condition pour un Français. Ressortissant d'un pays tiers : titre recevable en cours de
    validité le jour de la demande, ou maintien des droits après son expiration (R.111-4, réservé
    aux ressortissants de pays tiers), y compris après une décision de refus ou de retrait, qui
    avance la fin de validité du titre à sa veille (date_fin_droit_au_sejour). Citoyen de l'Union : droit au séjour, sauf entré pour
    chercher un emploi (loi n° 2007-290, art. 63). Avant le 1er janvier 2000 : faux.
    """

    def formula_2000_01_01(individu, period):
        return all_hold(individu, period, SEJOUR)


class puma_eligible(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "CMU de base puis PUMa : conditions de résidence et de séjour remplies"
    reference = REFERENCES

    def formula(individu, period):
        return remplit(individu, period, "puma")


class puma_motif_refus(Variable):
    value_type = Enum
    possible_values = Motif
    default_value = Motif.aucun
    entity = Individu
    definition_period = MONTH
    label = "CMU de base puis PUMa : règle qui refuse, la première dans l'ordre de préséance"
    reference = REFERENCES
    documentation = """
    Avant le 1er janvier 2000 : prestation_inexistante. Ensuite, ordre de préséance : résidence,
    résidence préalable, décision de refus de séjour, exclusion du demandeur d'emploi de l'Union,
    droit au séjour de l'Union, titre expiré au-delà du maintien, absence de titre recevable (ordre
    de MotifRefusCouvertureMaladie).
    """

    def formula(individu, period):
        return numpy.full(individu.count, Motif.prestation_inexistante.index)

    def formula_2000_01_01(individu, period):
        return first_refusal(individu, period, RESIDENCE + SEJOUR, Motif.aucun)
