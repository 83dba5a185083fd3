from openfisca_core.periods import MONTH

from openfisca_residence.rules.dates import period_start, whole_months
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class age(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    label = "Âge en années révolues au premier jour du mois"
    reference = "Code civil, art. 388 (minorité jusqu'à dix-huit ans accomplis)"

    def formula(individu, period):
        return whole_months(individu("date_naissance", period), period_start(period)) // 12
