from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
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
    Le jour de la demande suit l'expiration du titre et ne dépasse pas le dernier jour où le
    renouvellement le couvre (date_fin_sejour_regulier_renouvellement : les titres concernés et
    leurs durées).
    """

    def formula(individu, period):
        demande = individu("date_demande", period)
        fin = individu("titre_sejour_fin_validite", period)
        fin_regularite = individu("date_fin_sejour_regulier_renouvellement", period)
        return (fin < demande) * (demande <= fin_regularite)
