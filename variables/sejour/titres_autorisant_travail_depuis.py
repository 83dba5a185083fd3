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
        "Code de l'action sociale et des familles, art. L.262-4, 2° (RSA) : « titulaire, depuis au moins cinq ans, d'un titre de séjour autorisant à travailler » ; L.262-9 (RMI) : « sous couvert de l'un des titres de séjour autorisant à travailler »",
        "Code de la sécurité sociale, art. L.816-1, 1° (ASPA, ASI) : « Être titulaire depuis au moins dix ans d'un titre de séjour autorisant à travailler »",
    ]
    documentation = """
    Années révolues entre date_premier_titre_autorisant_travail et la date de la demande (0 sans
    titre déclaré). Les textes exigent d'être titulaire, à la demande, d'un titre autorisant à
    travailler : un document qui, par sa nature, n'y autorise pas (titre_sejour_exclut_travail :
    carte « retraité »...) interrompt la détention et la variable vaut 0. Choix du projet : pour un
    document dont seule la mention le dit (carte de séjour temporaire, récépissé...), la détention
    est celle que déclare date_premier_titre_autorisant_travail. Une interruption
    limitée au temps d'instruction d'un renouvellement ne rompt pas la continuité (CE, 22 octobre
    2018, n° 413592) : c'est à la déclaration de la date d'en tenir compte. Les dispenses (réfugié,
    carte de résident, convention...) sont lues par chaque prestation.
    """

    def formula(individu, period):
        debut = individu("date_premier_titre_autorisant_travail", period)
        demande = individu("date_demande", period)
        titulaire = (debut <= demande) * ~individu("titre_sejour_exclut_travail", period)
        return numpy.where(titulaire, whole_months(debut, demande) // 12, 0)
