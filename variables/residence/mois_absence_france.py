from openfisca_core.periods import MONTH

from openfisca_residence.rules.dates import days_in
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class mois_absence_france(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    label = (
        "Fraction du mois passée hors de France (jours d'absence rapportés aux jours du mois civil)"
    )
    reference = "Code de la construction et de l'habitation, art. R.822-23 (durée d'occupation exprimée en mois)"

    def formula(individu, period):
        return individu("jours_absence_france", period) / days_in(period)
