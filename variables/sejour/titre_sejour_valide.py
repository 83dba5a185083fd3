from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class titre_sejour_valide(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Un titre ou document recevable (assurance maladie, ASPA, ASI, CMU-C/CSS) est en cours de validité à la date de la demande ; pendant un renouvellement, le titre précédent qui fait foi"
    reference = [
        "Code de la sécurité sociale, art. R.111-3 et arrêté du 10 mai 2017",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000034084529",
        "Lettre-réseau CNAM LR-DDO-124/2017, § 1.2, remarque (sources/cnam-lr-ddo-124-2017-regularite-sejour.txt)",
    ]

    def formula(individu, period):
        document_du_mois = individu("titre_sejour_recevable", period) * individu(
            "titre_sejour_en_cours_de_validite", period
        )
        return document_du_mois + individu("titre_precedent_fait_foi", period)
