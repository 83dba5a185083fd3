import numpy
from openfisca_core.periods import MONTH

from openfisca_residence.rules.dates import days_in
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class mois_absence_france(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    label = "Fraction du mois passée hors de France : jours d'absence déclarés ou, s'ils sont plus nombreux, jours de l'absence qui court depuis le dernier départ déclaré, rapportés aux jours du mois civil"
    reference = "Code de la construction et de l'habitation, art. R.822-23 (durée d'occupation exprimée en mois)"

    def formula(individu, period):
        jours = numpy.maximum(
            individu("jours_absence_france", period),
            individu("jours_absence_depuis_depart", period),
        )
        return jours / days_in(period)
