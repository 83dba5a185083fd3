from openfisca_core.periods import MONTH

from openfisca_residence.rules.dates import add_months
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.lookup import category_in_at_dates, parameters_of, value_at_dates
from openfisca_residence.rules.variable import Variable


class sejour_regulier_renouvellement(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Le titre expiré depuis moins de trois mois, dont le renouvellement est demandé, justifie la régularité du séjour"
    reference = [
        "Code de l'entrée et du séjour des étrangers et du droit d'asile, art. L.433-3 (depuis le 1er mai 2021), ex L.311-4 (2005), ex art. 6-1 de l'ordonnance n° 45-2658 (loi n° 2003-1119 du 26 novembre 2003)",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006335035",
    ]
    documentation = """
    Carte de résident, titre de plus d'un an prévu par un accord international, carte de séjour
    pluriannuelle depuis le 1er mars 2019 ; pas la carte de séjour temporaire (angle mort : les
    départements fixés par arrêté, voir parameters/sejour/renouvellement). La liste et la durée sont
    celles du jour de la demande.
    """

    def formula(individu, period):
        renouvellement = parameters_of(individu).sejour.renouvellement
        demande = individu("date_demande", period)
        fin = individu("titre_sejour_fin_validite", period)
        titre_concerne = category_in_at_dates(
            individu("titre_sejour", period), renouvellement.titres_concernes, demande
        )
        concerne = (
            individu("demande_renouvellement_titre", period) * titre_concerne * (fin < demande)
        )
        duree = value_at_dates(renouvellement.duree, demande)
        return concerne * (demande <= add_months(fin, duree, where=concerne))
