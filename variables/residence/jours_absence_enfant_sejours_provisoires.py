import numpy
from openfisca_core.model_api import where
from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class jours_absence_enfant_sejours_provisoires(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    label = "Jours d'absence de l'enfant dans le mois comptés dans ses séjours provisoires (R.512-1, 1°) : absences déclarées ou depuis un départ daté, hors séjours pour études (2°) et hors fréquentation d'un établissement frontalier (3°)"
    reference = [
        "Code de la sécurité sociale, art. R.512-1, 1° à 3° (décret n° 85-1353 du 17 décembre 1985)",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006750589",
    ]
    documentation = """
    Les jours d'absence du mois sont les jours déclarés (jours_absence_france) ou, s'ils sont plus
    nombreux, ceux de l'absence qui court depuis le dernier départ de France déclaré
    (jours_absence_depuis_depart). Choix du projet : sans départ déclaré, les jours qui précèdent la
    première arrivée de l'enfant ne sont pas des séjours provisoires hors de France (l'enfant qui
    arrive vit en France de façon permanente à compter de son arrivée), à la différence du compte
    de présence de R.115-6 (jours_presence_france_retenus).
    Les séjours du 3° durent au plus l'année scolaire : l'entrée
    enfant_frequente_etablissement_frontalier se déclare pour les mois où l'enfant fréquente
    l'établissement (choix : les vacances passées hors de France restent des séjours provisoires).
    """

    def formula(individu, period):
        r512_1_2_hors_etudes = individu("jours_absence_france_hors_etudes", period)
        r512_1_3_frontalier = individu("enfant_frequente_etablissement_frontalier", period)
        provisoires = where(r512_1_3_frontalier, 0, r512_1_2_hors_etudes)
        depuis_depart = individu("jours_absence_depuis_depart", period)
        lignes = numpy.flatnonzero(depuis_depart)
        if not lignes.size:
            return provisoires
        declarees = individu("jours_absence_france", period)[lignes]
        hors = individu("absence_pour_etudes", period)[lignes] + r512_1_3_frontalier[lignes]
        provisoires[lignes] = numpy.where(hors, 0, numpy.maximum(declarees, depuis_depart[lignes]))
        return provisoires
