from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class titre_sejour_en_cours_de_validite(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Le titre ou document de séjour détenu est en cours de validité à la date de la demande"
    reference = [
        "Code de la sécurité sociale, art. R.111-3, II : régularité appréciée au jour de la demande, même instruite après la fin de validité du document",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000034084529",
        "Lettre-réseau CNAM LR-DDO-124/2017, § 1.2 (sources/cnam-lr-ddo-124-2017-regularite-sejour.txt)",
    ]

    def formula(individu, period):
        demande = individu("date_demande", period)
        debute = individu("titre_sejour_date_debut", period) <= demande
        return debute * (demande <= individu("titre_sejour_fin_validite", period))
