from openfisca_core.periods import MONTH
from openfisca_core.populations import ADD

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class jours_absence_annee_civile_totale_hors_etudes(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    label = "Jours d'absence de France de toute l'année civile du mois, de janvier à décembre, hors séjours pour études, apprentissage d'une langue ou formation professionnelle (AAH)"
    reference = "Code de la sécurité sociale, art. R.821-1 : séjour de plus de trois mois « sur une année civile » ; renvoi au 2° de l'article R.512-1 (études, langue, formation professionnelle)"
    documentation = """
    Le total de jours_absence_annee_civile_totale, sans les mois d'absence pour études,
    apprentissage d'une langue ou formation professionnelle (jours_absence_france_hors_etudes).
    """

    def formula(individu, period):
        return individu("jours_absence_france_hors_etudes", period.this_year, options=[ADD])
