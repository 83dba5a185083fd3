from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class reside_en_france_prestations_familiales(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Réside en France au sens des prestations familiales : foyer permanent, ou présence de plus de six mois (plus de neuf mois depuis le 1er janvier 2025) dans l'année"
    reference = [
        "Code de la sécurité sociale, art. R.115-6 puis R.111-2 (décret n° 2024-361 du 19 avril 2024 : « plus de neuf mois » pour l'article L.512-1)",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000049451865",
    ]

    def formula(individu, period, parameters):
        duree_minimale = parameters(
            period
        ).residence.sejour_principal.duree_presence_minimale_prestations_familiales
        r111_2_foyer = individu("foyer_permanent_france", period)
        r111_2_sejour_principal = individu("jours_presence_france_retenus", period) > duree_minimale
        return r111_2_foyer + r111_2_sejour_principal
