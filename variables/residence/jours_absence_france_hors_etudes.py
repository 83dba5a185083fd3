from openfisca_core.model_api import where
from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class jours_absence_france_hors_etudes(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    label = "Jours d'absence du mois, hors séjours pour études, apprentissage d'une langue ou formation professionnelle"
    reference = [
        "Code de la sécurité sociale, art. R.512-1, 2° (séjour nécessaire aux études, à l'apprentissage d'une langue ou à la formation professionnelle)",
        "Code de la sécurité sociale, art. R.821-1 (renvoi au 2° de l'article R.512-1)",
    ]

    def formula(individu, period):
        jours_absence = individu("jours_absence_france", period)
        return where(individu("absence_pour_etudes", period), 0, jours_absence)
