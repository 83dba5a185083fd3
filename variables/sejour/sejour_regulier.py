from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.etat_civil.code_nationalite import code_pays


class sejour_regulier(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Séjour régulier à la date de la demande : titre recevable en cours de validité (ou titre expiré en renouvellement), sans décision de refus antérieure"
    reference = [
        "Code de la sécurité sociale, art. L.115-6 puis R.111-3 (décret n° 2017-240 du 24 février 2017) et arrêté du 10 mai 2017",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000034084529",
        "Lettre-réseau CNAM LR-DDO-124/2017, § 1.6 : la naturalisation met fin au contrôle de la régularité (sources/cnam-lr-ddo-124-2017-regularite-sejour.txt)",
        "Réponse ministérielle à la question écrite AN n° 2308, JO 17 juin 2025 (sources/an-qe-2308-2025-fin-droits-sociaux-refus-sejour.txt)",
    ]
    documentation = """
    Une personne de nationalité française n'est pas soumise au contrôle (naturalisation comprise).
    Pour les autres, le titre est apprécié au jour de la demande ; une décision de refus, de retrait,
    d'expulsion ou d'obligation de quitter le territoire prise au plus tard ce jour-là met fin au
    séjour régulier, même frappée d'un recours, si elle vise le document détenu. Les citoyens de
    l'Union, de l'EEE et de la Suisse justifient de leur séjour par leur droit au séjour
    (variables/ue), non par un titre. Le Britannique bénéficiaire de l'accord de retrait séjourne
    régulièrement sans titre tant que celui-ci n'est pas exigé, ou pendant l'examen de sa demande
    (accord de retrait, art. 18, § 2 et 3 : beneficiaire_accord_retrait_royaume_uni).
    """

    def formula(individu, period):
        francais = individu("code_nationalite", period) == code_pays("FR")
        titre = (
            individu("titre_sejour_valide", period)
            + individu("sejour_regulier_renouvellement", period)
            + individu("beneficiaire_accord_retrait_royaume_uni", period)
        )
        return francais + titre * ~individu("decision_refus_sejour_anterieure", period)
