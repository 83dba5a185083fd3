from datetime import date

import numpy
from openfisca_core.periods import MONTH

from openfisca_residence.rules.dates import period_end, period_start
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class date_regle_mois_du(Variable):
    value_type = date
    entity = Individu
    definition_period = MONTH
    label = "Date à laquelle se lit la règle des prestations familiales pour le mois dû : la date de la demande reçue dans le mois ; le dernier jour du mois dû pour une demande reçue après lui, le premier pour une demande reçue avant"
    reference = [
        "Cour de cassation, assemblée plénière, 3 juin 2011, n° 09-71.352 : « jusqu'à l'entrée en vigueur de la loi du 19 décembre 2005, le bénéfice des prestations familiales ne pouvait être subordonné à la production d'un certificat » (la loi en vigueur pour la période due)",
        "Code de la sécurité sociale, art. L.512-2 et D.512-2 (décret n° 2006-234 du 27 février 2006, en vigueur le 1er mars 2006)",
    ]
    documentation = """
    Les prestations d'un mois sont dues selon la loi en vigueur pour ce mois : la demande reçue
    après lui (un rappel) ne lui applique pas une règle entrée en vigueur depuis, et le droit ouvert
    par une demande reçue avant lui suit, pour ce mois, la règle entrée en vigueur depuis la
    demande. Dans le mois, la règle se lit au jour de la demande, comme la régularité du séjour
    (R.111-3, II ; date_demande). Lue pour les listes de D.512-1 et D.512-2.
    """

    def formula(individu, period):
        return numpy.clip(
            individu("date_demande", period), period_start(period), period_end(period)
        )
