from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class activite_professionnelle(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Exerce dans le mois une activité professionnelle en France : travail salarié ou activité non salariée"
    reference = [
        "Code de la sécurité sociale, art. L.160-1 (loi n° 2015-1702 du 21 décembre 2015) : « Toute personne travaillant ou, lorsqu'elle n'exerce pas d'activité professionnelle, résidant en France de manière stable et régulière »",
        "Code de la sécurité sociale, art. L.311-2 (salariés) et L.613-1 (travailleurs indépendants) : affiliation au titre de l'activité",
    ]
    documentation = """
    Le travail salarié du mois (travail_salarie) ou l'activité non salariée
    (activite_non_salariee). La personne qui exerce une activité professionnelle est prise en
    charge au titre de cette activité : ni les trois mois de résidence préalable
    (puma_dispense_residence_prealable) ni le contrôle de la résidence
    (puma_dispense_controle_residence) ne lui sont opposés, qu'elle soit salariée ou
    indépendante. Choix du projet : l'activité déclarée dans ces entrées est réputée exercée en
    France.
    """

    def formula(individu, period):
        return individu("travail_salarie", period) + individu("activite_non_salariee", period)
