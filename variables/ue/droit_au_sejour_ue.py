import numpy
from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable
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
    Le bénéficiaire de l'AME est en séjour irrégulier (lettre CNAF) : aucun droit.
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
        cnaf_ame_sejour_irregulier = individu("couverture_maladie", period) == CouvertureMaladie.ame
        droit = (
            (statut == StatutRessortissantUE.sejour_permanent)
            + (statut == StatutRessortissantUE.travailleur)
            + (statut == StatutRessortissantUE.ancien_travailleur)
            + (statut == StatutRessortissantUE.membre_famille)
            + (statut == StatutRessortissantUE.inactif)
            * (
                individu("inactif_ue_conditions_remplies", period)
                + individu("etudiant_ue_conditions_remplies", period)
            )
            + (statut == StatutRessortissantUE.demandeur_emploi) * recherche_dans_le_delai
            + individu("ue_titre_sejour_constate_droit", period)
        )
        return droit * ~cnaf_ame_sejour_irregulier
