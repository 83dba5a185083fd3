from openfisca_core.periods import MONTH
from openfisca_core.populations import ADD

from openfisca_residence.rules.dates import year_to_date
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class jours_absence_annee_civile_hors_etudes(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    label = "Jours d'absence de France cumulés depuis le 1er janvier jusqu'à la fin du mois, hors séjours pour études, apprentissage d'une langue ou formation professionnelle (AAH)"
    reference = "Code de la sécurité sociale, art. R.821-1 (séjours « au cours de l'année civile » ; renvoi au 2° de l'article R.512-1 : études, langue, formation professionnelle)"
    documentation = """
    L'AAH avant le décret n° 2005-724 (voir residence_permanente_aah).
    """

    def formula(individu, period):
        return individu("jours_absence_france_hors_etudes", year_to_date(period), options=[ADD])
