from openfisca_core.periods import MONTH
from openfisca_core.populations import ADD

from openfisca_residence.rules.dates import year_to_date
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class jours_absence_annee_civile(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    label = "Jours d'absence de France cumulés depuis le 1er janvier jusqu'à la fin du mois"
    reference = "Code de l'action sociale et des familles, art. R.262-2-1 (RMI : séjours « au cours de l'année civile »)"
    documentation = """
    Tous les jours d'absence, études comprises : le RMI avant le décret n° 2006-1197 (voir
    residence_permanente). L'AAH excepte les études : jours_absence_annee_civile_hors_etudes.
    """

    def formula(individu, period):
        return individu("jours_absence_france", year_to_date(period), options=[ADD])
