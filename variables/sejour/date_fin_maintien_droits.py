from datetime import date

import numpy
from openfisca_core.periods import MONTH

from openfisca_residence.rules.dates import LONG_AGO, add_months
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.lookup import parameters_of, value_at_dates
from openfisca_residence.rules.variable import Variable


class date_fin_maintien_droits(Variable):
    value_type = date
    entity = Individu
    definition_period = MONTH
    label = "Dernier jour où les droits à la prise en charge des frais de santé et à la CMU-C/CSS sont maintenus après l'expiration du titre (R.111-4 CSS)"
    reference = [
        "Code de la sécurité sociale, art. R.111-4 : décret n° 2017-240 (12 mois), décret n° 2019-1468 (6 mois), décret n° 2020-1325 (2 mois après une mesure d'éloignement définitive, titres expirant à compter du 15 novembre 2020)",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000042485550",
        "Lettre-réseau CNAM LR-DDO-124/2017, § 1.2 : « maintien de droit de 12 mois à compter de la date de fin de validité du titre » (sources/cnam-lr-ddo-124-2017-regularite-sejour.txt)",
    ]
    documentation = """
    Le droit « ne peut être fermé avant la fin du douzième mois qui suit la date d'expiration ».
    Choix du projet, avec la lettre-réseau CNAM : les mois se comptent de date à date à partir de la
    date d'expiration (premier mois du 2 mars au 1er avril pour une expiration le 1er mars), si bien
    que le dernier jour de maintien est la date d'expiration plus douze mois (1er mars 2018), et non
    la fin du douzième mois civil suivant (31 mars 2018), lecture qu'aucune source ne retient. Le
    régime est celui en vigueur à la date d'expiration du document. Une décision de refus ou de
    retrait avance cette date à sa veille (date_fin_droit_au_sejour). Avant le décret n° 2017-240,
    aucun maintien : le dernier jour est la date d'expiration. Le maintien ne concerne que les
    ressortissants de pays tiers : la prestation le vérifie (variables/prestations).
    """

    def formula(individu, period):
        maintien = parameters_of(individu).sejour.maintien_droits
        expiration = individu("date_fin_droit_au_sejour", period)
        titre = expiration > numpy.datetime64(LONG_AGO)
        regime = expiration[titre]  # la durée en vigueur à la date d'expiration de chaque titre
        duree = numpy.zeros(individu.count, dtype=numpy.int64)
        duree[titre] = numpy.where(
            individu("mesure_eloignement_definitive", period)[titre],
            value_at_dates(maintien.duree_apres_mesure_eloignement, regime, before=0),
            value_at_dates(maintien.duree, regime, before=0),
        )
        return add_months(expiration, duree, where=duree > 0)
