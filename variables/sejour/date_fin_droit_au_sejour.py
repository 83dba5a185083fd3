from datetime import date

import numpy
from openfisca_core.periods import MONTH

from openfisca_residence.rules.dates import add_days
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class date_fin_droit_au_sejour(Variable):
    value_type = date
    entity = Individu
    definition_period = MONTH
    label = "Dernier jour où les titres justifient la régularité du séjour : expiration du dernier titre recevable, ou veille d'une décision de refus, de retrait, d'expulsion ou d'obligation de quitter le territoire"
    reference = [
        "Code de la sécurité sociale, art. R.111-4 (« la date d'expiration des titres ou documents justifiant de la régularité de leur séjour »)",
        "Réponse ministérielle à la question écrite AN n° 2308, JO 17 juin 2025 : la décision de refus de séjour est le fait générateur de l'extinction des droits sociaux (sources/an-qe-2308-2025-fin-droits-sociaux-refus-sejour.txt)",
    ]
    documentation = """
    Un titre retiré, ou dont le renouvellement est refusé, cesse de justifier le séjour le jour de
    la décision : le séjour régulier finit la veille. Le maintien des droits de R.111-4 court à
    compter de cette date (choix du projet : l'article vise la fin de validité des titres, que la
    décision avance), si bien qu'une mesure d'éloignement devenue définitive laisse encore deux mois
    de prise en charge des frais de santé (R.111-4, 4°).
    """

    def formula(individu, period):
        veille_decision = add_days(individu("decision_refus_sejour_date", period), -1)
        return numpy.minimum(individu("date_expiration_titres", period), veille_decision)
