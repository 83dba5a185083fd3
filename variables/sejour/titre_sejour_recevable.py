from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.lookup import category_in_at_dates, parameters_of
from openfisca_residence.rules.variable import Variable


class titre_sejour_recevable(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Le titre ou document de séjour détenu est d'un type recevable à la date de la demande (D.115-1 CSS, puis arrêté du 10 mai 2017)"
    reference = [
        "Code de la sécurité sociale, art. L.115-6 et D.115-1 (abrogé par le décret n° 2017-736 du 3 mai 2017)",
        "Arrêté du 10 mai 2017 fixant la liste des titres de séjour prévue au I de l'article R.111-3 du code de la sécurité sociale (JORF 11 mai 2017)",
        "https://www.legifrance.gouv.fr/loda/id/JORFTEXT000034677457",
        "Lettre-réseau CNAM LR-DDO-124/2017, § 1.1 et 1.3 (sources/cnam-lr-ddo-124-2017-regularite-sejour.txt)",
    ]
    documentation = """
    La liste est celle en vigueur le jour de la demande (parameters/sejour/titres_recevables/
    securite_sociale.yaml) : une convocation pour un renouvellement est recevable pour une demande
    reçue le 12 mai 2017, pas pour une demande reçue le 11 mai.
    """

    def formula(individu, period):
        liste = parameters_of(individu).sejour.titres_recevables.securite_sociale
        return category_in_at_dates(
            individu("titre_sejour", period), liste, individu("date_demande", period)
        )
