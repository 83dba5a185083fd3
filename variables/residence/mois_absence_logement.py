from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class mois_absence_logement(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    label = "Fraction du mois passée hors du logement : hors de France un mois où le foyer permanent est en France (le mois d'avant l'installation en France ne compte pas)"
    reference = [
        "Code de la construction et de l'habitation, art. R.822-23 : « le logement […] occupé au moins huit mois par an » (durée d'occupation exprimée en mois)",
        "Code de la sécurité sociale, art. D.542-1 et R.831-1 (jusqu'au 31 août 2019)",
    ]
    documentation = """
    L'occupation du logement se déduit de la présence en France (choix du projet), mais seulement
    pour les mois où la personne a son foyer en France (foyer_permanent_france) : les mois passés à
    l'étranger avant de s'installer en France ne sont pas des absences du logement, qu'elle
    n'occupait pas encore ; ceux d'un séjour à l'étranger de la personne installée en France le
    sont.
    """

    def formula(individu, period):
        return individu("mois_absence_france", period) * individu("foyer_permanent_france", period)
