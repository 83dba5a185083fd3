from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.lookup import category_in
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.sejour.enums import StatutProtection


class anteriorite_titres_rsa(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Condition de titres du RSA : titulaire depuis au moins cinq ans d'un titre autorisant à travailler, sauf réfugié, protection subsidiaire, apatride ou carte de résident"
    reference = [
        "Code de l'action sociale et des familles, art. L.262-4, 2° (loi n° 2008-1249 du 1er décembre 2008)",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000019861526",
    ]
    documentation = """
    Condition des ressortissants de pays tiers (la prestation la réserve à eux ; le RSA majoré,
    L.262-4, 2°, b, n'exige que la régularité de L.512-2, ce que la prestation applique aussi). Avant
    le 1er juin 2009, le RSA n'existe pas : la variable vaut faux (voir anteriorite_titres_rmi).
    """

    def formula_2009_06_01(individu, period, parameters):
        regle = parameters(period).sejour.anteriorite_titres.rsa
        protection = individu("statut_protection", period)
        l262_4_2_a_protection = protection != StatutProtection.aucun
        l262_4_2_a_carte_resident = category_in(
            individu("titre_sejour", period), regle.titres_dispensant
        )
        l262_4_2_cinq_ans = individu("titres_autorisant_travail_depuis", period) >= regle.duree
        return l262_4_2_a_protection + l262_4_2_a_carte_resident + l262_4_2_cinq_ans
