from openfisca_core.periods import MONTH

from openfisca_residence.rules.countries import nationality_is
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class sejour_regulier(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Séjour régulier à la date de la demande : Français, titre recevable en cours de validité (ou titre expiré en renouvellement), sans décision de refus antérieure, ou mineur dont la famille séjourne régulièrement"
    reference = [
        "Code de la sécurité sociale, art. L.115-6 puis R.111-3 (décret n° 2017-240 du 24 février 2017) et arrêté du 10 mai 2017",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000034084529",
        "Lettre-réseau CNAM LR-DDO-124/2017, § 1.6 : la naturalisation met fin au contrôle de la régularité (sources/cnam-lr-ddo-124-2017-regularite-sejour.txt)",
        "Réponse ministérielle à la question écrite AN n° 2308, JO 17 juin 2025 (sources/an-qe-2308-2025-fin-droits-sociaux-refus-sejour.txt)",
        "Code de l'entrée et du séjour des étrangers et du droit d'asile, art. L.411-1 (le mineur n'est pas tenu de détenir un document de séjour)",
    ]
    documentation = """
    Une personne de nationalité française n'est pas soumise au contrôle (naturalisation comprise).
    Pour les autres, le séjour est régulier par leurs propres documents (sejour_regulier_titre :
    titre recevable valide le jour de la demande, renouvellement, accord de retrait, sans décision
    de refus antérieure) ; le mineur, qui n'a besoin d'aucun document (L.411-1 CESEDA), suit la
    régularité de sa famille (sejour_regulier_mineur). Les citoyens de l'Union, de l'EEE et de la
    Suisse justifient de leur séjour par leur droit au séjour (variables/ue), non par un titre.
    """

    def formula(individu, period):
        francais = nationality_is(individu("nationalite", period), "FR")
        return (
            francais
            + individu("sejour_regulier_titre", period)
            + individu("sejour_regulier_mineur", period)
        )
