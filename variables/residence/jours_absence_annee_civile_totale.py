from openfisca_core.periods import MONTH
from openfisca_core.populations import ADD

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class jours_absence_annee_civile_totale(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    label = "Jours d'absence de France de toute l'année civile du mois, de janvier à décembre"
    reference = [
        "Code de l'action sociale et des familles, art. R.262-5 (RSA) : « la durée totale par année civile »",
        "Code de l'action sociale et des familles, art. R.262-2-1 (RMI) : séjour de plus de trois mois « sur une année civile »",
    ]
    documentation = """
    L'année civile entière, mois suivants compris : dès que le total de l'année dépasse trois mois,
    aucun mois comptant une absence dans l'année n'est payé, y compris ceux d'avant le dépassement
    (voir residence_permanente). Un mois futur non déclaré vaut zéro jour. Tous les jours d'absence
    comptent, études comprises (l'AAH les excepte : jours_absence_annee_civile_totale_hors_etudes).
    Les enfants (R.512-1) sont jugés sur le cumul de l'année jusqu'au mois
    (jours_absence_enfant_sejours_provisoires).
    """

    def formula(individu, period):
        return individu("jours_absence_france", period.this_year, options=[ADD])
