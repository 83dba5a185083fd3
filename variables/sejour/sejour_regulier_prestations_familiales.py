from openfisca_core.periods import MONTH

from openfisca_residence.rules.countries import nationality_is
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class sejour_regulier_prestations_familiales(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Séjour régulier au sens de L.512-2 CSS : titre recevable pour les prestations familiales en cours de validité à la date de la demande, sans décision de refus antérieure"
    reference = [
        "Code de la sécurité sociale, art. L.512-2, alinéa 2, et D.512-1",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000042947075",
        "Réponse ministérielle à la question écrite AN n° 2308, JO 17 juin 2025 (sources/an-qe-2308-2025-fin-droits-sociaux-refus-sejour.txt)",
    ]
    documentation = """
    La condition de séjour régulier de L.512-2, définie une fois, que lisent les prestations
    familiales, les aides au logement et le RSA majoré. Une personne de nationalité française n'y est
    pas soumise ; le titre expiré en cours de renouvellement (L.433-3 CESEDA : « l'intégralité de ses
    droits sociaux ») la satisfait, comme le bénéfice de l'accord de retrait du Royaume-Uni, titre
    ou demande en cours (beneficiaire_accord_retrait_royaume_uni ; décret n° 2020-1417, art. 30).
    Le mineur, qui n'a besoin d'aucun document (L.411-1 CESEDA), suit sa famille
    (sejour_regulier_mineur).
    """

    def formula(individu, period):
        francais = nationality_is(individu("nationalite", period), "FR")
        titre = (
            individu("titre_sejour_recevable_prestations_familiales", period)
            * individu("titre_sejour_en_cours_de_validite", period)
            + individu("sejour_regulier_renouvellement", period)
            + individu("beneficiaire_accord_retrait_royaume_uni", period)
        )
        mineur = individu("sejour_regulier_mineur", period)
        return francais + titre * ~individu("decision_refus_sejour_anterieure", period) + mineur
