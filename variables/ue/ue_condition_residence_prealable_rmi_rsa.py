from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.lookup import parameters_of
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.ue.communs import residence_prealable_remplie


class ue_condition_residence_prealable_rmi_rsa(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Condition de résidence préalable des citoyens de l'Union pour le bénéfice du RMI puis du RSA remplie : non opposable, pas encore en vigueur, ou plus de trois mois de résidence en France"
    reference = [
        "Code de l'action sociale et des familles, art. L.262-9-1 (loi n° 2006-339 du 23 mars 2006, art. 9) puis L.262-6 (RSA, depuis le 1er juin 2009) : « avoir résidé en France durant les trois mois précédant la demande »",
        "Lettre d'information CNAF n° 1 du 28 février 2008, introduction (sources/cnaf-lettre-information-2008-02-28-droit-sejour-ue.txt)",
    ]
    documentation = """
    Condition exigée depuis la loi n° 2006-339 (25 mars 2006), puis pour le RSA par L.262-6
    (paramètre ue.residence_prealable.rmi_rsa) : la personne à qui elle est opposable
    (ue_residence_prealable_exigee) doit avoir résidé en France « durant les trois mois précédant la
    demande » : plus de trois mois depuis la dernière arrivée, à la date de la demande
    (residence_prealable_3_mois_demande). Vraie pour toute autre personne, et avant la date du
    texte. La prestation lit cette variable, sans recoder la règle.
    """

    def formula(individu, period):
        # En vigueur au mois examiné ou à la date de la demande (texte entré en vigueur en cours
        # de mois : la demande reçue depuis ce jour y est soumise).
        regle = parameters_of(individu).ue.residence_prealable.rmi_rsa
        return residence_prealable_remplie(individu, period, regle)
