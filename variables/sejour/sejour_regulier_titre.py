from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class sejour_regulier_titre(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Séjour régulier par ses propres documents à la date de la demande : titre recevable en cours de validité, titre expiré en renouvellement ou bénéfice de l'accord de retrait, sans décision de refus antérieure"
    reference = [
        "Code de la sécurité sociale, art. L.115-6 puis R.111-3 (décret n° 2017-240 du 24 février 2017) et arrêté du 10 mai 2017",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000034084529",
        "Réponse ministérielle à la question écrite AN n° 2308, JO 17 juin 2025 (sources/an-qe-2308-2025-fin-droits-sociaux-refus-sejour.txt)",
    ]
    documentation = """
    Ce que prouvent les documents de la personne elle-même : le titre est apprécié au jour de la
    demande ; une décision de refus, de retrait, d'expulsion ou d'obligation de quitter le
    territoire prise au plus tard ce jour-là, même frappée d'un recours, met fin au séjour régulier
    si elle vise le document détenu. Le Britannique bénéficiaire de l'accord de retrait séjourne
    régulièrement sans titre tant que celui-ci n'est pas exigé, ou pendant l'examen de sa demande
    (beneficiaire_accord_retrait_royaume_uni). Le séjour du mineur, qui n'a besoin d'aucun
    document, suit celui de sa famille (sejour_regulier_mineur).
    """

    def formula(individu, period):
        titre = (
            individu("titre_sejour_valide", period)
            + individu("sejour_regulier_renouvellement", period)
            + individu("beneficiaire_accord_retrait_royaume_uni", period)
        )
        return titre * ~individu("decision_refus_sejour_anterieure", period)
