from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.lookup import category_in
from openfisca_residence.rules.variable import Variable


class titre_sejour_autorise_travail(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Le titre ou document de séjour détenu autorise à travailler : par sa nature (carte de résident...) ou par sa mention déclarée"
    reference = [
        "Code du travail, art. L.5221-2 et R.5221-3 (titres de séjour valant autorisation de travail)",
        "Directive 2011/98/UE du 13 décembre 2011 (permis unique), art. 3",
    ]
    documentation = """
    Vrai pour un titre de parameters/sejour/titres_autorisant_travail.yaml, ou pour tout autre
    document déclaré avec une mention autorisant à travailler (mention_autorisant_travail). La
    validité du document à la date de la demande relève des conditions de séjour (sejour_regulier).
    """

    def formula(individu, period, parameters):
        par_nature = category_in(
            individu("titre_sejour", period), parameters(period).sejour.titres_autorisant_travail
        )
        return par_nature + individu("mention_autorisant_travail", period)
