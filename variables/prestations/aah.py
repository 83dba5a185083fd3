"""Allocation aux adultes handicapés (L.821-1 CSS) : conditions de résidence et de séjour."""

from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.refusals import all_hold, excludes, first_refusal, requires
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.prestations.communs import nationalite_admise, remplit
from openfisca_residence.variables.prestations.enums import MotifRefusAah as Motif

# Les règles qui refusent, dans l'ordre de préséance (openfisca_residence/rules/refusals.py).
RESIDENCE = (
    requires(Motif.residence, "residence_permanente_aah"),
    requires(Motif.residence_prealable_ue, "ue_condition_residence_prealable_aah"),
)
SEJOUR = (
    excludes(Motif.decision_refus_sejour, "decision_refus_sejour_opposable"),
    excludes(Motif.demandeur_emploi_ue, "exclu_demandeur_emploi_ue"),
    excludes(Motif.droit_au_sejour_ue, "ressortissant_ue_sans_droit_au_sejour_prestations_caf"),
    requires(Motif.condition_nationalite, "aah_condition_nationalite"),
    excludes(Motif.sejour_irregulier, "sejour_irregulier_pays_tiers"),
)


class aah_condition_residence(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "AAH : résidence permanente en France, et trois mois de résidence pour le citoyen de l'Union non actif"
    reference = [
        "Code de la sécurité sociale, art. L.821-1 et R.821-1",
        "Loi n° 2007-1822 du 24 décembre 2007 de finances pour 2008, art. 122 (citoyens de l'Union)",
        "Lettre d'information CNAF du 28 février 2008 (sources/cnaf-lettre-information-2008-02-28-droit-sejour-ue.txt)",
    ]

    def formula(individu, period):
        return all_hold(individu, period, RESIDENCE)


class aah_condition_nationalite(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "AAH : condition de nationalité remplie — Français, ressortissant de l'Union, réfugié ou apatride, ou depuis la loi n° 98-349 du 11 mai 1998, ressortissant d'un pays tiers"
    reference = [
        "Code de la sécurité sociale, art. L.821-1 ancien : « toute personne de nationalité française ou ressortissant d'un pays ayant conclu une convention de réciprocité en matière d'attribution d'allocations aux handicapés adultes »",
        "Convention de Genève du 28 juillet 1951 relative au statut des réfugiés, art. 23 ; convention de New York du 28 septembre 1954 relative au statut des apatrides, art. 23",
        "Loi n° 98-349 du 11 mai 1998, art. 42 (art. L.821-9 CSS : suppression de la condition de nationalité)",
    ]
    documentation = """
    Avant le 13 mai 1998, le ressortissant d'un pays tiers qui n'est ni réfugié ni apatride est
    refusé : les conventions de réciprocité ne sont pas listées (choix documenté, comme pour
    l'allocation supplémentaire ; parameters/prestations/aah/condition_nationalite.yaml). Le
    ressortissant de l'Union (de l'EEE) est assimilé au national par le droit communautaire ; les
    réfugiés et les apatrides reçoivent le traitement des nationaux en matière d'assistance publique
    (art. 23 des conventions de 1951 et 1954). Le paramètre est lu au premier jour du mois : mai
    1998 est encore refusé, juin 1998 ouvert. Angle mort : la Cour de cassation (2002) et la CEDH
    (2003) ont jugé ce refus discriminatoire ; le projet code la loi telle que les caisses
    l'appliquaient (Cass. soc., 31 janvier 2002, n° 00-18.365 ; CEDH, 30 septembre 2003, Koua Poirrez
    c. France, n° 40892/98).
    """

    def formula(individu, period, parameters):
        reservee = parameters(period).prestations.aah.condition_nationalite
        return nationalite_admise(individu, period, reservee)


class aah_condition_sejour(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "AAH : séjour régulier (titre recevable ou récépissé de renouvellement), ou droit au séjour du citoyen de l'Union non exclu comme demandeur d'emploi ; avant le 13 mai 1998, condition de nationalité"
    reference = [
        "Code de la sécurité sociale, art. L.821-1 : « en situation régulière au regard de la législation sur le séjour ou titulaires d'un récépissé de demande de renouvellement de titre de séjour »",
        "Loi n° 2007-290 du 5 mars 2007, art. 63 (citoyens de l'Union entrés pour chercher un emploi)",
    ]
    documentation = """
    Aucune condition pour un Français. La liste des titres de l'AAH est celle de la sécurité sociale
    (D.115-1 puis arrêté du 10 mai 2017, variable sejour_regulier) : choix documenté, le décret
    propre à l'AAH n'ayant pas été lu. Une décision de refus, de retrait ou d'éloignement met fin au
    séjour de tout étranger, citoyen de l'Union compris. Jusqu'à la loi n° 98-349 du 11 mai 1998,
    le ressortissant d'un pays tiers ni réfugié ni apatride est refusé pour sa nationalité
    (aah_condition_nationalite).
    """

    def formula(individu, period):
        return all_hold(individu, period, SEJOUR)


class aah_eligible(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "AAH : conditions de résidence et de séjour remplies"
    reference = "Code de la sécurité sociale, art. L.821-1 et R.821-1"

    def formula(individu, period):
        return remplit(individu, period, "aah")


class aah_motif_refus(Variable):
    value_type = Enum
    possible_values = Motif
    default_value = Motif.aucun
    entity = Individu
    definition_period = MONTH
    label = "AAH : règle qui refuse, la première dans l'ordre de préséance"
    reference = "Code de la sécurité sociale, art. L.821-1 et R.821-1"
    documentation = """
    Ordre de préséance : résidence permanente, résidence préalable du citoyen de l'Union, décision
    de refus de séjour, exclusion du demandeur d'emploi de l'Union, droit au séjour de l'Union,
    condition de nationalité (avant le 13 mai 1998), titre de séjour (ordre de MotifRefusAah).
    """

    def formula(individu, period):
        return first_refusal(individu, period, RESIDENCE + SEJOUR, Motif.aucun)
