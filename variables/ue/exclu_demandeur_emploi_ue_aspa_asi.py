from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.lookup import parameters_of
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.ue.communs import demandeur_emploi_exclu


class exclu_demandeur_emploi_ue_aspa_asi(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Citoyen de l'Union entré en France pour y chercher un emploi et qui s'y maintient à ce titre : exclu de l'ASPA et de l'ASI depuis la LFSS pour 2012"
    reference = [
        "Code de la sécurité sociale, art. L.816-1, 3° (loi n° 2011-1906 du 21 décembre 2011, art. 94) : ressortissants de l'Union « dans les conditions mentionnées à l'article L. 262-6 du code de l'action sociale et des familles »",
        "Code de l'action sociale et des familles, art. L.262-6, dernier alinéa : exclusion des ressortissants « entrés en France pour y chercher un emploi et qui s'y maintiennent à ce titre »",
    ]
    documentation = """
    Vrai pour la personne dont le statut est demandeur_emploi, pour les demandes déposées depuis le
    23 décembre 2011 (paramètre ue.demandeur_emploi.exclusion_aspa_asi). Avant, false : le
    demandeur d'emploi qui a un droit au séjour (recherche dans le délai raisonnable) remplissait
    les conditions de séjour de L.816-1.
    """

    def formula(individu, period):
        regle = parameters_of(individu).ue.demandeur_emploi.exclusion_aspa_asi
        # Loi n° 2011-1906, art. 94, II : demandes déposées postérieurement au 22 décembre 2011
        # seulement ; un droit ouvert avant n'est pas réexaminé sous la règle nouvelle.
        return demandeur_emploi_exclu(individu, period, regle, droits_en_cours=False)
