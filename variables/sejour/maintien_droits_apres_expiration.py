from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class maintien_droits_apres_expiration(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "À la date de la demande, le titre a expiré mais les droits à la prise en charge des frais de santé et à la CMU-C/CSS sont maintenus (R.111-4 CSS)"
    reference = [
        "Code de la sécurité sociale, art. R.111-4",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000042485550",
    ]

    def formula(individu, period):
        demande = individu("date_demande", period)
        expire = individu("date_fin_droit_au_sejour", period) < demande
        return expire * (demande <= individu("date_fin_maintien_droits", period))
