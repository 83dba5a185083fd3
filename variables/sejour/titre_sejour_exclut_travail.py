from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.lookup import category_in
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.sejour.enums import TitreSejour


class titre_sejour_exclut_travail(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "La personne ne détient aucun titre ou document de séjour, ou un document qui n'autorise pas à travailler par sa nature (carte « retraité », titre spécial du ministère des affaires étrangères)"
    reference = [
        "Code de l'action sociale et des familles, art. L.262-4, 2° (RSA) : « titulaire, depuis au moins cinq ans, d'un titre de séjour autorisant à travailler »",
        "Code de la sécurité sociale, art. L.816-1, 1° (ASPA, ASI) : « Être titulaire depuis au moins dix ans d'un titre de séjour autorisant à travailler »",
        "Code de l'entrée et du séjour des étrangers et du droit d'asile, art. L.317-1 puis L.426-8 (carte « retraité »)",
    ]
    documentation = """
    Le titulaire d'un tel document, à la demande, n'est plus « titulaire d'un titre de séjour
    autorisant à travailler » : sa détention ininterrompue est rompue, quelle que soit la date que
    déclare date_premier_titre_autorisant_travail (titres_autorisant_travail_depuis, et les
    périodes d'assurance de l'ASPA, qui attestent les années passées, non le titre détenu).
    Sans document du tout, la personne n'est titulaire d'aucun titre. Liste des documents :
    parameters/sejour/titres_excluant_travail.yaml.
    """

    def formula(individu, period, parameters):
        titre = individu("titre_sejour", period)
        sans_document = titre == TitreSejour.aucun
        return sans_document + category_in(titre, parameters(period).sejour.titres_excluant_travail)
