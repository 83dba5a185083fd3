from datetime import date

import numpy
from openfisca_core.periods import MONTH

from openfisca_residence.rules.dates import LONG_AGO
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class fin_titre_recevable(Variable):
    value_type = date
    default_value = LONG_AGO
    entity = Individu
    definition_period = MONTH
    label = "Fin de validité du titre détenu dans le mois, s'il est recevable (sinon le 1er janvier 1900)"
    reference = "Code de la sécurité sociale, art. R.111-4 (« titres ou documents justifiant de la régularité de leur séjour »)"

    def formula(individu, period):
        recevable = individu("titre_sejour_recevable", period)
        return numpy.where(
            recevable, individu("titre_sejour_fin_validite", period), numpy.datetime64(LONG_AGO)
        )
