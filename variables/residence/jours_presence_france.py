from openfisca_core.periods import MONTH

from openfisca_residence.rules.dates import days_in
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class jours_presence_france(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    label = "Nombre de jours du mois passés en France (jours du mois civil moins jours d'absence)"
    reference = "Code de la sécurité sociale, art. R.115-6, alinéa 3 (présence personnelle et effective sur le territoire)"

    def formula(individu, period):
        # Jours du mois civil exact : 28, 29 (années bissextiles), 30 ou 31.
        return days_in(period) - individu("jours_absence_france", period)
