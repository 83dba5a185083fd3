import numpy
from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.sejour.enums import TitreSejour
from openfisca_residence.variables.ue.enums import CouvertureMaladie, StatutRessortissantUE


class droit_au_sejour_ue(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Droit au séjour du citoyen de l'Union, de l'EEE ou de la Suisse, ou du membre de sa famille"
    reference = [
        "Code de l'entrée et du séjour des étrangers et du droit d'asile, art. L.121-1 (loi n° 2006-911) puis L.233-1 ; L.122-1 puis L.234-1 ; R.121-6 puis R.233-7",
        "Directive 2004/38/CE du 29 avril 2004, art. 7, 14 et 16",
        "CJCE, 26 février 1991, Antonissen, C-292/89, point 21 : au-delà du délai, le droit demeure si l'intéressé prouve qu'il continue à chercher un emploi et qu'il a des chances réelles d'être engagé",
        "Lettre d'information CNAF n° 1 du 28 février 2008 (sources/cnaf-lettre-information-2008-02-28-droit-sejour-ue.txt)",
        "Note d'information DGAS/1C n° 2005-165 du 24 mars 2005, § III.2 (sources/dgas-note-2005-165-rmi-ressortissants-ue.txt)",
    ]
    documentation = """
    Selon statut_ressortissant_ue : séjour permanent, travailleur, ancien travailleur et membre de
    famille ont un droit au séjour ; l'inactif s'il remplit les conditions de ressources et
    d'assurance maladie (ou en conserve le bénéfice après un accident de la vie), ou s'il est
    étudiant et garantit une assurance maladie et des ressources (L.233-1, 3°) ; le demandeur
    d'emploi s'il est inscrit comme demandeur d'emploi et arrivé en France depuis moins que le
    délai raisonnable de recherche, ou au-delà s'il prouve des chances réelles d'être engagé
    (ue_recherche_emploi_dans_le_delai) — il reste exclu de prestations
    (exclu_demandeur_emploi_ue).
    L'AME : la lettre CNAF n'en déduit le séjour irrégulier qu'au § 3, « LES INACTIFS », en
    vérifiant leur couverture maladie ; l'actif « rempli[t] automatiquement les conditions de droit
    au séjour » (§ 2), et le droit permanent (L.122-1 puis L.234-1 ; directive, art. 16) ni le
    demandeur d'emploi (§ 4) ne demandent de couverture. L'AME retire donc le droit à l'inactif,
    étudiant compris (inactif_ue_conditions_remplies, etudiant_ue_conditions_remplies : ni
    couverture complète ni maintien après un accident de la vie), pas au travailleur, à l'ancien
    travailleur, au titulaire du droit permanent ni au demandeur d'emploi. Le membre de famille
    suit le citoyen dont il tient son droit (choix du projet) : celui d'un travailleur, d'un ancien
    travailleur ou d'un titulaire du droit permanent le garde s'il bénéficie de l'AME ; celui qui ne
    le tient que d'inactifs le perd (cnaf_ame_membre_famille_d_inactifs), la couverture de
    l'inactif devant valoir « pour elle-même et pour les membres de sa famille » (§ 3), sauf s'il
    présente sa carte « membre de la famille d'un citoyen de l'Union » (§ 3 : les deux conjoints
    sont alors en situation régulière).
    Le droit au séjour existe sans titre (note DGAS, CJCE MRAX) ; un titre le constate : le citoyen
    qui présente une carte de séjour valide a un droit au séjour, quelle que soit sa catégorie
    (ue_titre_sejour_constate_droit ; lettre CNAF, § 1).
    Angle mort : le droit de séjour de trois mois au plus (L.121-4-1 puis L.232-1) n'est pas
    compté — il n'ouvre pas l'assistance sociale (directive, art. 24, § 2) : ce n'est pas une
    entrée, l'exclusion vaut déjà pour les prestations modélisées.
    """

    def formula(individu, period):
        statut = individu("statut_ressortissant_ue", period)
        if (statut == StatutRessortissantUE.non_concerne).all():  # aucun motif de séjour à lire
            return numpy.zeros(individu.count, dtype=bool)
        recherche_dans_le_delai = individu("ue_recherche_emploi_dans_le_delai", period)
        membre_famille = statut == StatutRessortissantUE.membre_famille
        return (
            (statut == StatutRessortissantUE.sejour_permanent)
            + (statut == StatutRessortissantUE.travailleur)
            + (statut == StatutRessortissantUE.ancien_travailleur)
            + membre_famille * ~cnaf_ame_membre_famille_d_inactifs(individu, period, statut)
            + (statut == StatutRessortissantUE.inactif)
            * (
                individu("inactif_ue_conditions_remplies", period)
                + individu("etudiant_ue_conditions_remplies", period)
            )
            + (statut == StatutRessortissantUE.demandeur_emploi) * recherche_dans_le_delai
            + individu("ue_titre_sejour_constate_droit", period)
        )


def cnaf_ame_membre_famille_d_inactifs(individu, period, statut):
    """Lettre CNAF, § 3 : le membre de famille qui bénéficie de l'AME, dont la famille ne compte
    comme titulaires d'un droit au séjour propre que des inactifs, sans carte « membre de la famille
    d'un citoyen de l'Union » valide dans le mois, est en situation irrégulière."""
    membre_ame = (statut == StatutRessortissantUE.membre_famille) * (
        individu("couverture_maladie", period) == CouvertureMaladie.ame
    )
    if not membre_ame.any():  # aucun membre de famille à l'AME : la famille n'est pas lue
        return membre_ame
    # Droit propre d'un citoyen qui n'est pas inactif : séjour permanent, (ancien) travailleur.
    droit_propre_actif = individu("droit_au_sejour_ue_propre", period) * (
        statut != StatutRessortissantUE.inactif
    )
    carte = (individu("titre_sejour", period) == TitreSejour.carte_membre_famille_ue) * individu(
        "ue_titre_sejour_en_cours", period
    )
    return membre_ame * ~(individu.famille.sum(droit_propre_actif) > 0) * ~carte
