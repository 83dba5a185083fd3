import numpy
from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class ue_residence_prealable_exigee(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Citoyen de l'Union à qui la résidence préalable de plus de trois mois est opposable : sans activité professionnelle déclarée dans le mois, ni ancien travailleur en incapacité, en formation ou inscrit comme demandeur d'emploi, ni membre de la famille de l'un d'eux"
    reference = [
        "Code de l'action sociale et des familles, art. L.262-9-1 (loi n° 2006-339, art. 9) puis L.262-6 (RSA)",
        "Code de la sécurité sociale, art. L.524-1 (API) et L.821-1 (AAH), loi de finances pour 2008, art. 122",
        "Lettre d'information CNAF n° 1 du 28 février 2008, introduction et § 3 « Précisions sur le droit au Rmi, à l'Api et à l'Aah pour les inactifs » (sources/cnaf-lettre-information-2008-02-28-droit-sejour-ue.txt)",
    ]
    documentation = """
    Catégorie des personnes à qui la condition s'applique, quelle que soit la date ; la date à
    laquelle chaque prestation l'exige est dans parameters/ue/residence_prealable et les variables
    ue_condition_residence_prealable_rmi_rsa, _api et _aah. Exemptés (« aucune condition de durée
    de résidence n'est opposable ») : 1° la personne qui exerce dans le mois une activité
    professionnelle déclarée (ue_activite_professionnelle_declaree : toute activité, le texte ne
    fixant aucun seuil ; ceux de la lettre CNAF font le travailleur, travailleur_ue, non cette
    exemption) ; 2° la personne qui a exercé une activité professionnelle en France
    (duree_activite_anterieure_mois > 0) et est en incapacité temporaire de travail, en formation
    professionnelle ou inscrite comme demandeur d'emploi — sans la limite de six mois du maintien de
    la qualité de travailleur ; 3° les membres de leur famille (« ascendants, descendants, conjoints
    et concubins » : entité famille) ; et, choix du projet, le titulaire du droit au séjour
    permanent, dont les trois premiers mois de séjour sont passés (directive 2004/38/CE, art. 24,
    § 2).
    """

    def formula(individu, period):
        ressortissant = individu("ressortissant_ue_eee_suisse", period)
        if not ressortissant.any():  # aucun citoyen de l'Union : aucune exemption à lire
            return numpy.zeros(individu.count, dtype=bool)
        a_travaille_en_france = individu("duree_activite_anterieure_mois", period) > 0
        l262_6_1_activite_declaree = individu("ue_activite_professionnelle_declaree", period)
        l262_6_2_ancien_travailleur = a_travaille_en_france * (
            individu("incapacite_temporaire_travail", period)
            + individu("formation_professionnelle", period)
            + individu("inscrit_demandeur_emploi", period)
        )
        exempte = l262_6_1_activite_declaree + l262_6_2_ancien_travailleur
        l262_6_3_famille_d_un_exempte = (individu.famille.sum(exempte) - exempte) > 0
        sejour_permanent = individu("droit_sejour_permanent_ue", period)
        return ressortissant * ~(exempte + l262_6_3_famille_d_un_exempte + sejour_permanent)
