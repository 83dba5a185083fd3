"""RMI (jusqu'au 31 mai 2009) puis revenu de solidarité active : conditions de résidence et de séjour.

L'allocation de parent isolé (API), prestation familiale jusqu'au 31 mai 2009, devient le RSA majoré :
avant juin 2009, `rsa_*` décrit le RMI seul (l'API relève des prestations familiales).
"""

import numpy
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH

from openfisca_residence.rules.dates import LONG_AGO, NEVER, add_months
from openfisca_residence.rules.entities import Famille, Individu
from openfisca_residence.rules.refusals import all_hold, excludes, first_refusal, requires
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.etat_civil.enums import GroupeNationalite
from openfisca_residence.variables.prestations.communs import (
    femme_isolee_enceinte,
    un_parent_remplit,
)
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


class rsa_parent_isole(Variable):
    value_type = bool
    entity = Famille
    definition_period = MONTH
    label = "RSA majoré : la famille compte un seul parent, et au moins un enfant à charge pris en compte (pour le parent étranger hors Union, un enfant qui remplit les conditions de L.512-2 CSS) ou une grossesse déclarée"
    reference = [
        "Code de l'action sociale et des familles, art. L.262-9 (majoration pour isolement : la personne isolée qui assume la charge d'un ou plusieurs enfants, et « la femme isolée en état de grossesse, ayant effectué la déclaration de grossesse et les examens prénataux »)",
        "Code de l'action sociale et des familles, art. L.262-5, alinéa 2 : « pour être pris en compte au titre des droits d'un bénéficiaire étranger non ressortissant d'un État membre de l'Union européenne […], les enfants étrangers doivent remplir les conditions mentionnées à l'article L. 512-2 du code de la sécurité sociale »",
    ]
    documentation = """
    La femme enceinte isolée se déclare par grossesse_declaree. L'enfant étranger d'un parent
    étranger hors Union n'est pris en compte que s'il justifie de son entrée (D.512-2) :
    enfant_entree_reguliere, la règle des prestations familiales, avec ses dates (depuis le
    1er mars 2006) et ses dispenses (parent français ou citoyen de l'Union, travailleur protégé par
    un accord, titulaire d'un titre autorisant à travailler depuis l'échéance du permis unique).
    Choix du projet : L.262-5 renvoie aux « conditions mentionnées à l'article L. 512-2 », que le
    modèle lit telles que les prestations familiales les appliquent. Le parent isolé n'a droit à la
    majoration, qui le dispense des cinq ans de titres, que pour la durée de R.262-2
    (rsa_majoration_isolement).
    """

    def formula(famille, period):
        enfant = famille.members("enfant_a_charge", period)
        l262_5_enfant_pris_en_compte = famille.any(
            enfant * famille.members("enfant_entree_reguliere", period)
        )
        isole = famille("nb_parents", period) == 1
        return isole * l262_5_enfant_pris_en_compte + femme_isolee_enceinte(famille, period)


class rsa_majoration_isolement(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "RSA majoré : le parent isolé a droit à la majoration pour isolement à la date de sa demande (enceinte, plus jeune enfant pris en compte de moins de trois ans, ou demande dans les dix-huit mois de l'isolement), qui le dispense des cinq ans de titres"
    reference = [
        "Code de l'action sociale et des familles, art. L.262-9 : montant forfaitaire « majoré, pendant une période d'une durée déterminée » ; « La durée de la période de majoration est prolongée jusqu'à ce que le dernier enfant ait atteint un âge limite »",
        "Code de l'action sociale et des familles, art. R.262-2 (décret n° 2009-404 du 15 avril 2009, puis décret n° 2017-122 du 1er février 2017)",
        "Code de l'action sociale et des familles, art. L.262-4, 2°, b : « pour les personnes ayant droit à la majoration prévue à l'article L. 262-9 », les seules conditions de L.512-2 du code de la sécurité sociale",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006906107",
    ]
    documentation = """
    Le parent isolé (rsa_parent_isole) a droit à la majoration, à la date de sa demande
    (date_demande) :
    - enceinte (grossesse_declaree) : L.262-9, 2° ; la majoration court douze mois depuis la
      déclaration de grossesse, plus que la grossesse ;
    - tant que le plus jeune enfant pris en compte (L.262-5, alinéa 2 : enfant_entree_reguliere)
      n'a pas trois ans : le jour de son troisième anniversaire, il les a atteints ;
    - ou dans les dix-huit mois qui suivent le début de l'isolement (date_debut_isolement ; non
      renseignée, l'isolement est réputé récent et la majoration due) :
      parameters/sejour/anteriorite_titres/rsa.yaml.
    Le modèle examine une demande : il ne compte pas les mois de majoration déjà perçus. Avant le
    1er juin 2009, le RMI ne connaissait pas de majoration qui dispense de la condition de titres
    (l'API, prestation familiale, n'exigeait que L.512-2 : prestations_familiales.py) : faux.
    """

    def formula_2009_06_01(individu, period, parameters):
        regle = parameters(period).sejour.anteriorite_titres.rsa.majoration_isolement
        enfant = individu("enfant_a_charge", period)
        parent_isole = individu.famille("rsa_parent_isole", period) * ~enfant
        demande = individu("date_demande", period)
        l262_9_2_grossesse = individu("grossesse_declaree", period)
        # Le troisième anniversaire du plus jeune enfant pris en compte : le plus tardif des
        # enfants de la famille, lu en jours (famille.max réduit des nombres).
        pris_en_compte = enfant * individu("enfant_entree_reguliere", period)
        anniversaire = add_months(
            individu("date_naissance", period), 12 * regle.age_plus_jeune_enfant
        )
        jours = numpy.where(pris_en_compte, anniversaire, numpy.datetime64(LONG_AGO, "D"))
        dernier_anniversaire = individu.famille.max(jours.view(numpy.int64))
        r262_2_plus_jeune_enfant = demande.view(numpy.int64) < dernier_anniversaire
        isolement = individu("date_debut_isolement", period)
        non_declare = isolement == numpy.datetime64(NEVER)  # réputé récent
        fin_periode = add_months(
            isolement, regle.delai_demande_mois + regle.duree_mois, where=~non_declare
        )
        r262_2_periode = non_declare + (demande < fin_periode)
        return parent_isole * (l262_9_2_grossesse + r262_2_plus_jeune_enfant + r262_2_periode)


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
    le type de titre « autorisant à travailler » n'est pas une entrée. Le parent isolé qui a droit
    à la majoration (rsa_majoration_isolement) ne remplit que la régularité de L.512-2.
    """

    def formula(individu, period):
        return individu("sejour_irregulier_pays_tiers", period)

    def formula_2009_06_01(individu, period):
        return numpy.where(
            individu("rsa_majoration_isolement", period),
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
    résident) ; le parent isolé qui a droit à la majoration (rsa_majoration_isolement, L.262-4, 2°,
    b) et le titulaire britannique de l'accord
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
            + individu("rsa_majoration_isolement", period)
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
    isolé qui a droit à la majoration, pour sa durée (rsa_majoration_isolement, R.262-2), ne remplit
    que la régularité de L.512-2 ; citoyen de l'Union : droit au
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
