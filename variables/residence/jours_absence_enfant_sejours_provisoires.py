from openfisca_core.model_api import where
from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class jours_absence_enfant_sejours_provisoires(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    label = "Jours d'absence de l'enfant dans le mois comptés dans ses séjours provisoires (R.512-1, 1°) : hors séjours pour études (2°) et hors fréquentation d'un établissement frontalier (3°)"
    reference = [
        "Code de la sécurité sociale, art. R.512-1, 1° à 3° (décret n° 85-1353 du 17 décembre 1985)",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006750589",
    ]
    documentation = """
    Les séjours du 3° durent au plus l'année scolaire : l'entrée
    enfant_frequente_etablissement_frontalier se déclare pour les mois où l'enfant fréquente
    l'établissement (choix : les vacances passées hors de France restent des séjours provisoires).
    """

    def formula(individu, period):
        jours_absence = individu("jours_absence_france_hors_etudes", period)
        r512_1_3_frontalier = individu("enfant_frequente_etablissement_frontalier", period)
        return where(r512_1_3_frontalier, 0, jours_absence)
