from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class ue_activite_professionnelle_declaree(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Exerce dans le mois une activité professionnelle déclarée : travail salarié (heures, jours ou rémunération du mois), autorisé pendant les mesures transitoires, ou activité non salariée"
    reference = [
        "Code de l'action sociale et des familles, art. L.262-9-1, 1° (RMI, loi n° 2006-339 du 23 mars 2006, art. 9) puis L.262-6, 1° (RSA) : aucune condition de durée de résidence n'est opposable « à la personne qui exerce une activité professionnelle déclarée conformément à la législation en vigueur »",
        "Code de la sécurité sociale, art. L.524-1 (API) et L.821-1 (AAH), loi n° 2007-1822 du 24 décembre 2007, art. 122 : « aux personnes qui exercent une activité professionnelle déclarée conformément à la législation en vigueur »",
    ]
    documentation = """
    Le texte ne fixe aucun seuil : toute activité du mois suffit (travail_salarie : heures, jours
    ou rémunération du mois ; ou activite_non_salariee). Les seuils de la lettre CNAF du 28 février
    2008 (18 jours ou 120 heures dans le mois...) définissent la qualité de travailleur
    (travailleur_ue), qui fonde le droit au séjour, non cette exemption. Choix du projet : le
    travail déclaré dans ces entrées est réputé déclaré conformément à la législation ; le
    travail salarié d'un ressortissant soumis aux mesures transitoires sans l'autorisation exigée
    ne l'est pas (ue_travail_salarie_autorise), comme pour travailleur_ue. La nationalité de la
    personne n'est pas une condition : le membre de la famille d'une personne qui travaille est
    exempté, quelle que soit la nationalité de celle-ci (« ascendants, descendants et conjoints
    des personnes mentionnées aux 1° et 2° »), comme pour l'ancien travailleur du 2°.
    """

    def formula(individu, period):
        autorise = individu("ue_travail_salarie_autorise", period)
        salarie_autorise = individu("travail_salarie", period) * autorise
        return salarie_autorise + individu("activite_non_salariee", period)
