import numpy
from openfisca_core.periods import MONTH

from openfisca_residence.rules.dates import month_offset
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.residence.duree_sejour_continu_etranger import (
    MOIS_LUS,
    duree_du_sejour,
)


class duree_sejour_continu_etranger_hors_etudes(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    label = "Durée, en jours, du séjour continu hors de France qui comprend les absences du mois, comptée de date à date, hors séjours pour études, apprentissage d'une langue ou formation professionnelle (AAH)"
    reference = [
        "Code de la sécurité sociale, art. R.821-1 (AAH) : séjour de plus de trois mois « soit de date à date, soit sur une année civile » ; renvoi au 2° de l'article R.512-1 (séjour nécessaire aux études, à l'apprentissage d'une langue ou à la formation professionnelle)",
        "Conseil d'État, 30 avril 2014, Département de Loir-et-Cher, n° 357900",
    ]
    documentation = """
    Le séjour reconstitué comme duree_sejour_continu_etranger, sans les jours des mois d'absence
    pour études, apprentissage d'une langue ou formation professionnelle
    (jours_absence_france_hors_etudes) : l'AAH seule les excepte.
    """

    def formula(individu, period):
        # Sans mois d'études parmi les mois lus, le séjour est celui de tous les jours : seules les
        # lignes qui en ont un sont reconstituées hors études.
        duree = individu("duree_sejour_continu_etranger", period)
        etudes = numpy.zeros(individu.count, dtype=bool)
        for k in range(-MOIS_LUS, MOIS_LUS + 1):
            etudes |= individu("absence_pour_etudes", month_offset(period, k))
        lignes = numpy.flatnonzero(etudes & (duree > 0))
        if not lignes.size:
            return duree
        hors_etudes = duree_du_sejour(individu, period, "jours_absence_france_hors_etudes", lignes)
        return numpy.where(etudes, hors_etudes, duree)
