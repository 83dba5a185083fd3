from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.lookup import parameters_of
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.ue.communs import residence_prealable_remplie


class ue_condition_residence_prealable_aspa(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Condition de résidence préalable des citoyens de l'Union pour l'ASPA et l'ASI remplie : non opposable, pas encore en vigueur, ou plus de trois mois de résidence en France à la date de la demande"
    reference = [
        "Code de la sécurité sociale, art. L.816-1, 3° (loi n° 2011-1906 du 21 décembre 2011, art. 94) : ressortissants de l'Union, de l'EEE et de la Suisse « dans les conditions mentionnées à l'article L. 262-6 du code de l'action sociale et des familles »",
        "Code de l'action sociale et des familles, art. L.262-6 : « avoir résidé en France durant les trois mois précédant la demande », sauf activité professionnelle déclarée, ancien travailleur et membres de leur famille",
    ]
    documentation = """
    Exigée des demandes déposées depuis le 23 décembre 2011 (paramètre
    ue.residence_prealable.aspa), pour l'ASPA et l'ASI, que L.816-1 régit ensemble. La personne à
    qui la condition est opposable (ue_residence_prealable_exigee, les exemptions de L.262-6) doit
    résider en France depuis plus de trois mois à la date de la demande
    (residence_prealable_3_mois_demande). Vraie pour toute autre personne, et avant la date du
    texte.
    """

    def formula(individu, period):
        regle = parameters_of(individu).ue.residence_prealable.aspa
        # Loi n° 2011-1906, art. 94, II : demandes déposées postérieurement au 22 décembre 2011
        # seulement ; un droit ouvert avant n'est pas réexaminé sous la règle nouvelle.
        return residence_prealable_remplie(individu, period, regle, droits_en_cours=False)
