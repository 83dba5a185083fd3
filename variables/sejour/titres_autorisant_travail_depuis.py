import numpy
from openfisca_core.periods import MONTH

from openfisca_residence.rules.dates import whole_months
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class titres_autorisant_travail_depuis(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    label = "Nombre d'années révolues de détention ininterrompue de titres de séjour autorisant à travailler, à la date de la demande"
    reference = [
        "Code de l'action sociale et des familles, art. L.262-4, 2° (RSA) et L.262-9 (RMI)",
        "Code de la sécurité sociale, art. L.816-1 (ASPA, ASI)",
    ]
    documentation = """
    Années révolues entre date_premier_titre_autorisant_travail et la date de la demande (0 sans
    titre déclaré). Une interruption limitée au temps d'instruction d'un renouvellement ne rompt pas
    la continuité (CE, 22 octobre 2018, n° 413592) : c'est à la déclaration de la date d'en tenir
    compte.
    """

    def formula(individu, period):
        debut = individu("date_premier_titre_autorisant_travail", period)
        demande = individu("date_demande", period)
        return numpy.where(debut <= demande, whole_months(debut, demande) // 12, 0)
