"""Aide médicale de l'État (L.251-1 CASF, depuis le 1er janvier 2000) : conditions de résidence et de séjour."""

import numpy
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.refusals import all_hold, excludes, first_refusal, requires
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.prestations.communs import remplit
from openfisca_residence.variables.prestations.enums import MotifRefusAme as Motif
from openfisca_residence.variables.sejour.enums import TitreSejour

REFERENCES = [
    "Code de l'action sociale et des familles, art. L.251-1 (loi n° 99-641 du 27 juillet 1999 ; loi n° 2003-1312, art. 97 ; loi n° 2019-1479, art. 264) et R.252-1",
    "Lettre-réseau CNAM LR-DDO-124/2017, § 1.5 (sources/cnam-lr-ddo-124-2017-regularite-sejour.txt)",
    "Circulaire DSS/2A/2B/3A n° 2008-245 du 22 juillet 2008 : le contrôle de la résidence de R.115-6 ne s'applique pas à l'AME, ouverte aux étrangers « résidant en France depuis plus de 3 mois » (sources/controle-residence-r115-6-circulaire-2008-07-22.txt)",
]


# Les règles qui refusent, dans l'ordre de préséance (openfisca_residence/rules/refusals.py) : le
# séjour régulier d'abord (ame_motif_refus).
RESIDENCE = (requires(Motif.residence_ininterrompue, "residence_ininterrompue_ame"),)
SEJOUR = (excludes(Motif.sejour_regulier, "ame_sejour_regulier"),)


class ame_sejour_regulier(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "AME : la personne n'est pas en séjour irrégulier — française, citoyenne de l'Union titulaire d'un droit au séjour, étrangère en séjour régulier, dont les droits d'assuré sont maintenus après l'expiration du titre, ou titulaire d'un titre de séjour spécial du ministère des affaires étrangères en cours de validité"
    reference = REFERENCES
    documentation = """
    Le titre de séjour spécial du ministère des affaires étrangères n'est pas recevable pour la
    prise en charge des frais de santé (LR-DDO-124/2017, § 1.3, b : le personnel diplomatique et
    consulaire en est exclu par L.160-6, leur personnel privé relève d'une assurance privée), mais
    son titulaire séjourne régulièrement en France : il ne relève pas de l'AME, réservée aux
    étrangers en situation irrégulière (§ 1.5 ; choix du projet).
    Le maintien de R.111-4 est celui de l'assuré (puma_maintien_droits) : la personne jamais
    rattachée dont le titre a expiré avant sa demande n'a pas de droit à maintenir (LR-DDO-124/2017,
    § 1.2 : « Le titre doit être valide lors de la demande de rattachement ») ; en séjour irrégulier,
    elle relève de l'AME après plus de trois mois de résidence (§ 1.5).
    """

    def formula(individu, period):
        # Ni citoyen de l'Union sans droit au séjour, ni ressortissant d'un pays tiers sans titre
        # dont les droits ne sont plus maintenus (R.111-4).
        sans_droit_au_sejour_ue = individu("ressortissant_ue_sans_droit_au_sejour", period)
        sans_titre_ni_maintien = individu("sejour_irregulier_pays_tiers", period) * ~individu(
            "puma_maintien_droits", period
        )
        titre_special_mae = (
            individu("titre_sejour", period) == TitreSejour.titre_special_mae
        ) * individu("titre_sejour_en_cours_de_validite", period)
        return ~sans_droit_au_sejour_ue * ~sans_titre_ni_maintien + titre_special_mae


class ame_condition_residence(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "AME : résidence ininterrompue en France de plus de trois mois (de séjour irrégulier depuis le 30 décembre 2019), sauf pour les mineurs ; pas de contrôle de R.115-6"
    reference = REFERENCES
    documentation = """
    L'AME a sa propre condition de résidence, celle de L.251-1 (residence_ininterrompue_ame) : la
    circulaire du 22 juillet 2008 l'exclut du contrôle de R.115-6 (foyer permanent ou plus de six
    mois de présence). Une absence interrompt la résidence : le délai court de la dernière arrivée
    (date_arrivee_france). Avant le 1er janvier 2000 : faux.
    """

    def formula_2000_01_01(individu, period):
        return all_hold(individu, period, RESIDENCE)


class ame_condition_sejour(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "AME : séjour irrégulier — ni Français, ni citoyen de l'Union titulaire d'un droit au séjour, ni étranger en séjour régulier ou dont les droits sont maintenus"
    reference = REFERENCES
    documentation = """
    L'AME est réservée aux étrangers qui ne remplissent pas la condition de régularité de la prise en
    charge des frais de santé : une convocation pour une première demande laisse en séjour
    irrégulier (LR-DDO-124/2017) ; le citoyen de l'Union sans droit au séjour peut en bénéficier.
    Avant le 1er janvier 2000 : faux.
    """

    def formula_2000_01_01(individu, period):
        return all_hold(individu, period, SEJOUR)


class ame_eligible(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "AME : conditions de résidence et de séjour remplies"
    reference = REFERENCES

    def formula(individu, period):
        return remplit(individu, period, "ame")


class ame_motif_refus(Variable):
    value_type = Enum
    possible_values = Motif
    default_value = Motif.aucun
    entity = Individu
    definition_period = MONTH
    label = "AME : règle qui refuse, la première dans l'ordre de préséance"
    reference = REFERENCES
    documentation = """
    Avant le 1er janvier 2000 : prestation_inexistante. Ensuite, le séjour régulier d'abord :
    l'AME est réservée à l'étranger en situation irrégulière (L.251-1 CASF ; LR-DDO-124/2017,
    § 1.5), et la personne en séjour régulier (Française, titulaire d'un titre valide) est refusée
    pour son séjour régulier, non pour une durée de résidence ou de séjour irrégulier qui ne la
    concerne pas ; puis la résidence ininterrompue.
    """

    def formula(individu, period):
        return numpy.full(individu.count, Motif.prestation_inexistante.index)

    def formula_2000_01_01(individu, period):
        return first_refusal(individu, period, SEJOUR + RESIDENCE, Motif.aucun)
