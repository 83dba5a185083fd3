"""RMI (jusqu'au 31 mai 2009) puis revenu de solidarité active : conditions de résidence et de séjour.

L'allocation de parent isolé (API), prestation familiale jusqu'au 31 mai 2009, devient le RSA majoré :
avant juin 2009, `rsa_*` décrit le RMI seul (l'API relève des prestations familiales).
"""

import numpy
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Famille, Individu
from openfisca_residence.rules.refusals import all_hold, excludes, first_refusal, requires
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.etat_civil.enums import GroupeNationalite
from openfisca_residence.variables.prestations.communs import un_parent_remplit
from openfisca_residence.variables.prestations.enums import MotifRefusRsa as Motif

RMI = [
    "Loi n° 88-1088 du 1er décembre 1988 ; code de l'action sociale et des familles, art. L.262-1, L.262-9, L.262-9-1 et R.262-2-1 (RMI, jusqu'au 31 mai 2009)",
    "Note d'information DGAS/1C n° 2005-165 du 24 mars 2005 (sources/dgas-note-2005-165-rmi-ressortissants-ue.txt)",
]
RSA = [
    "Code de l'action sociale et des familles, art. L.262-2, L.262-4, 2°, L.262-6 et R.262-5 (loi n° 2008-1249 du 1er décembre 2008, RSA, depuis le 1er juin 2009)",
    "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000019861526",
]


# Les règles qui refusent, dans l'ordre de préséance (openfisca_residence/rules/refusals.py).
RESIDENCE = (
    requires(Motif.residence, "residence_permanente"),
    requires(Motif.residence_prealable_ue, "ue_condition_residence_prealable_rmi_rsa"),
)
SEJOUR = (
    excludes(Motif.decision_refus_sejour, "decision_refus_sejour_opposable"),
    excludes(Motif.demandeur_emploi_ue, "exclu_demandeur_emploi_ue"),
    excludes(Motif.droit_au_sejour_ue, "ressortissant_ue_sans_droit_au_sejour"),
    excludes(Motif.sejour_irregulier, "rsa_sejour_irregulier"),
    # L.262-5, alinéa 2 : l'enfant étranger est pris en compte s'il remplit les conditions de
    # L.512-2 (son entrée), pas les années de titres de L.262-4, 2°.
    requires(
        Motif.anteriorite_titres, "rsa_condition_anteriorite_titres", unless="enfant_a_charge"
    ),
)


def parent_isole(individu, period):
    """Le demandeur du RSA majoré : un parent d'une famille d'un seul parent (L.262-9)."""
    return individu.famille("rsa_parent_isole", period) * ~individu("enfant_a_charge", period)


class rsa_parent_isole(Variable):
    value_type = bool
    entity = Famille
    definition_period = MONTH
    label = "RSA majoré : la famille compte un seul parent, et au moins un enfant à charge ou une grossesse déclarée"
    reference = "Code de l'action sociale et des familles, art. L.262-9 (majoration pour isolement : la personne isolée qui assume la charge d'un ou plusieurs enfants, et « la femme isolée en état de grossesse, ayant effectué la déclaration de grossesse et les examens prénataux »)"
    documentation = """
    La femme enceinte isolée se déclare par grossesse_declaree ; elle relève alors, comme le parent
    isolé, de la seule régularité de L.512-2 et non des cinq ans de titres (L.262-4, 2°, b).
    """

    def formula(famille, period):
        enfant = famille("nb_enfants", period) >= 1
        grossesse = famille.any(
            famille.members("grossesse_declaree", period)
            * ~famille.members("enfant_a_charge", period)
        )
        return (famille("nb_parents", period) == 1) * (enfant + grossesse)


class rsa_sejour_irregulier(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "RMI puis RSA : ressortissant d'un pays tiers sans séjour régulier (RSA majoré : au sens de L.512-2 CSS)"
    reference = [
        *RMI,
        *RSA,
        "Code de l'action sociale et des familles, art. L.262-4, 2°, b (RSA majoré : conditions de L.512-2 du code de la sécurité sociale)",
    ]
    documentation = """
    La régularité du titre actuel est celle de la sécurité sociale (sejour_irregulier_pays_tiers) :
    le type de titre « autorisant à travailler » n'est pas une entrée. Le parent isolé (RSA majoré)
    ne remplit que la régularité de L.512-2.
    """

    def formula(individu, period):
        return individu("sejour_irregulier_pays_tiers", period)

    def formula_2009_06_01(individu, period):
        return numpy.where(
            parent_isole(individu, period),
            individu("sejour_irregulier_pays_tiers_prestations_familiales", period),
            individu("sejour_irregulier_pays_tiers", period),
        )


class rsa_condition_anteriorite_titres(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "RMI puis RSA : le ressortissant d'un pays tiers détient des titres autorisant à travailler depuis cinq ans (RMI : carte de résident, ou trois ans, cinq ans depuis 2004), sauf dispense ; sans objet pour le membre de famille d'un citoyen de l'Union et pour les autres"
    reference = [*RMI, *RSA]
    documentation = """
    RMI : anteriorite_titres_rmi. Le membre de la famille d'un citoyen de l'Union qui a un droit au
    séjour (membre_famille_ue), ressortissant d'un pays tiers, a le RMI « dans les mêmes conditions
    qu'aux personnes de nationalité française » (note DGAS 2005-165, § III) : L.262-9 ne lui est pas
    opposé ; il reste tenu de détenir un titre de séjour (§ III.2.2 : rsa_sejour_irregulier).
    RSA : anteriorite_titres_rsa (cinq ans, sauf réfugié, protection subsidiaire, apatride, carte de
    résident) ; le parent isolé (RSA majoré, L.262-4, 2°, b) et le titulaire britannique de l'accord
    de retrait (décret n° 2020-1417, art. 31) en sont dispensés, comme le membre de famille d'un
    citoyen de l'Union : la directive 2004/38/CE (art. 24, § 1) étend l'égalité de traitement avec
    les nationaux « aux membres de la famille qui n'ont pas la nationalité d'un État membre et qui
    bénéficient d'un droit de séjour », et le droit de l'Union prime L.262-4, 2°, qui ne les nomme
    pas (L.262-6 ne vise que les ressortissants des États membres). La note DGAS de 2005 l'appliquait
    au RMI ; la loi n° 2008-1249 n'a rien changé à ce droit.
    """

    def formula(individu, period):
        pays_tiers = individu("groupe_nationalite", period) == GroupeNationalite.pays_tiers
        dgas_2005_165_membre_famille_ue = individu("membre_famille_ue", period)
        return (
            ~pays_tiers
            + dgas_2005_165_membre_famille_ue
            + individu("anteriorite_titres_rmi", period)
        )

    def formula_2009_06_01(individu, period):
        pays_tiers = individu("groupe_nationalite", period) == GroupeNationalite.pays_tiers
        directive_2004_38_art_24_membre_famille_ue = individu("membre_famille_ue", period)
        return (
            ~pays_tiers
            + directive_2004_38_art_24_membre_famille_ue
            + parent_isole(individu, period)
            + individu("anteriorite_titres_rsa", period)
            + individu("beneficiaire_accord_retrait_royaume_uni", period)
        )


class rsa_condition_residence(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "RMI puis RSA : résidence permanente en France, et trois mois de résidence pour le citoyen de l'Union non actif"
    reference = [*RMI, *RSA]

    def formula(individu, period):
        return all_hold(individu, period, RESIDENCE)


class rsa_condition_sejour(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "RMI puis RSA : séjour régulier et ancienneté des titres (RSA majoré : régularité de L.512-2), ou droit au séjour du citoyen de l'Union non exclu comme demandeur d'emploi"
    reference = [
        *RMI,
        *RSA,
        "Code de l'action sociale et des familles, art. L.262-4, 2° (RSA majoré : conditions de L.512-2 du code de la sécurité sociale)",
    ]
    documentation = """
    Aucune condition pour un Français. RMI : carte de résident, ou titres autorisant à travailler
    depuis trois ans (cinq ans depuis 2004) ; citoyen de l'Union : droit au séjour. RSA : titres
    autorisant à travailler depuis cinq ans, sauf réfugié, protection subsidiaire, apatride, carte de
    résident (anteriorite_titres_rsa) et titulaire britannique de l'accord de retrait ; le parent
    isolé (RSA majoré) ne remplit que la régularité de L.512-2 ; citoyen de l'Union : droit au
    séjour, sauf entré pour chercher un emploi (L.262-6). La régularité du titre actuel est celle de
    la sécurité sociale (sejour_regulier) : le type de titre « autorisant à travailler » n'est pas une
    entrée. Une décision de refus ou d'éloignement met fin au séjour de tout étranger.
    """

    def formula(individu, period):
        return all_hold(individu, period, SEJOUR)


class rsa_eligible(Variable):
    value_type = bool
    entity = Famille
    definition_period = MONTH
    label = "RMI puis RSA : un parent au moins (le demandeur) remplit les conditions de résidence et de séjour"
    reference = [
        *RSA,
        "Code de l'action sociale et des familles, art. L.262-5 : le conjoint qui ne remplit pas la condition de titres n'est pas pris en compte dans le foyer, sans priver le demandeur de son droit",
    ]
    documentation = """
    Le foyer a droit dès qu'un parent remplit les deux conditions : le conjoint étranger qui ne les
    remplit pas n'est pas compté (L.262-5), il ne prive pas le demandeur du droit.
    """

    def formula(famille, period):
        return un_parent_remplit(famille, period, "rsa")


class rsa_motif_refus(Variable):
    value_type = Enum
    possible_values = Motif
    default_value = Motif.aucun
    entity = Individu
    definition_period = MONTH
    label = "RMI puis RSA : règle qui refuse, la première dans l'ordre de préséance"
    reference = [*RMI, *RSA]
    documentation = """
    Ordre de préséance : résidence permanente, résidence préalable du citoyen de l'Union, décision
    de refus de séjour, exclusion du demandeur d'emploi de l'Union, droit au séjour de l'Union,
    titre de séjour, ancienneté des titres (ordre de MotifRefusRsa).
    """

    def formula(individu, period):
        return first_refusal(individu, period, RESIDENCE + SEJOUR, Motif.aucun)
