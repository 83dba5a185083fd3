from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class mineur(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Mineur au premier jour du mois : moins de dix-huit ans accomplis"
    reference = "Code civil, art. 388 : « Le mineur est l'individu de l'un ou l'autre sexe qui n'a point encore l'âge de dix-huit ans accomplis »"

    def formula(individu, period):
        return individu("age", period) < 18
