from openfisca_core.periods import MONTH

from openfisca_residence.rules.dates import lasts_at_least
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.lookup import category_in
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.sejour.enums import StatutProtection


def titre_dispensant(individu, period, parameters, titres_dispensant):
    """Carte de résident, ou titre prévu par un accord international « conférant des droits
    équivalents » : le certificat de résidence algérien de dix ans, non celui d'un an."""
    sejour = parameters(period).sejour
    titre = individu("titre_sejour", period)
    conventionnel = category_in(titre, sejour.titres_conventionnels)
    droits_equivalents = lasts_at_least(
        individu("titre_sejour_date_debut", period),
        individu("titre_sejour_date_fin", period),
        12 * sejour.anteriorite_titres.duree_titre_conventionnel_equivalent,
    )
    return category_in(titre, titres_dispensant) * (~conventionnel + droits_equivalents)


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
    Seul le certificat de résidence algérien de dix ans confère des droits équivalents à la carte de
    résident (circulaire CNAF n° 2009-013 du 15 juillet 2009) ; le certificat d'un an est un titre
    autorisant à travailler (selon sa mention), qui compte dans les cinq ans. Le document détenu à
    la demande doit autoriser à travailler (titres_autorisant_travail_depuis) : la carte « visiteur »
    ou « retraité » interrompt la détention, sauf dispense. La durée se lit sur les dates de validité
    déclarées ; sans elles, le certificat est réputé de dix ans (choix documenté, comportement
    antérieur).
    """

    def formula_2009_06_01(individu, period, parameters):
        regle = parameters(period).sejour.anteriorite_titres.rsa
        protection = individu("statut_protection", period)
        l262_4_2_a_protection = protection != StatutProtection.aucun
        l262_4_2_a_carte_resident = titre_dispensant(
            individu, period, parameters, regle.titres_dispensant
        )
        l262_4_2_cinq_ans = individu("titres_autorisant_travail_depuis", period) >= regle.duree
        return l262_4_2_a_protection + l262_4_2_a_carte_resident + l262_4_2_cinq_ans
