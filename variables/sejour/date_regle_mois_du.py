from datetime import date

import numpy
from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class date_regle_mois_du(Variable):
    value_type = date
    entity = Individu
    definition_period = MONTH
    label = "Date à laquelle se lit la règle des prestations familiales pour le mois dû : la date de la demande, ou le dernier jour du mois dû quand la demande est reçue après lui"
    reference = [
        "Cour de cassation, assemblée plénière, 3 juin 2011, n° 09-71.352 : « jusqu'à l'entrée en vigueur de la loi du 19 décembre 2005, le bénéfice des prestations familiales ne pouvait être subordonné à la production d'un certificat » (la loi en vigueur pour la période due)",
        "Code de la sécurité sociale, art. L.512-2 et D.512-2 (décret n° 2006-234 du 27 février 2006, en vigueur le 1er mars 2006)",
    ]
    documentation = """
    Les prestations d'un mois sont dues selon la loi en vigueur pour ce mois : la demande reçue
    après lui (un rappel) ne lui applique pas une règle entrée en vigueur depuis. Dans le mois, et
    pour une demande reçue avant lui, la règle se lit au jour de la demande, comme la régularité
    du séjour (R.111-3, II ; date_demande). Lue pour les listes de D.512-1 et D.512-2.
    """

    def formula(individu, period):
        dernier_jour = numpy.datetime64(period.stop.date)
        return numpy.minimum(individu("date_demande", period), dernier_jour)
