import numpy
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_residence.dates import add_months, period_start
from openfisca_residence.entities import Individu


class age(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    label = "Âge en années révolues au premier jour du mois"
    reference = "Code civil, art. 388 (minorité jusqu'à dix-huit ans accomplis)"

    def formula(individu, period):
        naissance = individu("date_naissance", period)
        debut = period_start(period)
        annees = debut.astype("datetime64[Y]").astype(int) - naissance.astype(
            "datetime64[Y]"
        ).astype(int)
        anniversaire_a_venir = add_months(naissance, 12 * annees) > debut
        return annees - numpy.where(anniversaire_a_venir, 1, 0)
