from datetime import date

import numpy
from openfisca_core.periods import MONTH

from openfisca_residence.rules.dates import LONG_AGO, NEVER, add_days, add_months
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
    la fin du douzième mois civil suivant (31 mars 2018), lecture qu'aucune source ne retient. Une
    décision de refus ou de retrait avance cette date à sa veille (date_fin_droit_au_sejour). Avant
    le décret n° 2017-240, aucun maintien : le dernier jour est la date d'expiration. Le maintien ne
    concerne que les ressortissants de pays tiers : la prestation le vérifie (variables/prestations).

    Le régime appliqué est le plus favorable de deux :
    - celui en vigueur à la date d'expiration du document ou, quand une décision met fin au droit
      au séjour, à la date de la décision, « fait générateur de l'extinction des droits sociaux »
      (QE AN n° 2308) : le décret n° 2020-1325 vise les titres « expirant à compter du
      15 novembre 2020 » ; une réduction du maintien (décret n° 2019-1468, réforme
      fin_droits_expiration_sejour) ne touche pas les documents expirés avant elle (choix du
      projet) ;
    - celui en vigueur à la date examinée (la date de la demande, date_demande — par défaut le
      premier jour du mois —, au plus tôt l'expiration) : le décret n° 2017-240, sans disposition
      transitoire, interdit dès le 27 février 2017 de fermer le droit avant la fin du douzième mois,
      même pour un titre expiré avant cette date (un titre expiré le 26 février 2017 garde le droit
      jusqu'au 26 février 2018 ; un titre expiré le 31 décembre 2016 le garde jusqu'au 31 décembre
      2017 pour une demande reçue depuis le 27 février 2017, non pour une demande de la veille).
      Choix du projet : la demande est le jour où la caisse examine le droit (R.111-3, II : la
      régularité « est appréciée au jour de la demande »).
    """

    def formula(individu, period):
        maintien = parameters_of(individu).sejour.maintien_droits
        fin_droit_au_sejour = individu("date_fin_droit_au_sejour", period)
        regime = regime_de_la_decision(individu, period, fin_droit_au_sejour)
        examen = date_examinee(individu("date_demande", period), fin_droit_au_sejour)
        duree = plus_favorable(maintien.duree, regime, examen)
        eloignement = individu("mesure_eloignement_definitive", period)
        if eloignement.any():
            apres_eloignement = plus_favorable(
                maintien.duree_apres_mesure_eloignement, regime, examen
            )
            duree = numpy.where(eloignement, apres_eloignement, duree)
        duree *= fin_droit_au_sejour > numpy.datetime64(LONG_AGO)  # sans titre, aucun maintien
        return add_months(fin_droit_au_sejour, duree, where=duree > 0)


def regime_de_la_decision(individu, period, expiration) -> numpy.ndarray:
    """La date qui fixe le régime de chaque titre : son expiration, ou la date de la décision qui
    met fin au droit au séjour (expiration à sa veille)."""
    decision = individu("date_decision_sejour_opposable", period)
    avec_decision = numpy.flatnonzero(decision != numpy.datetime64(NEVER))
    decision = decision[avec_decision]
    par_decision = expiration[avec_decision] == add_days(decision, -1)
    if not par_decision.any():
        return expiration
    regime = expiration.copy()
    regime[avec_decision[par_decision]] = decision[par_decision]
    return regime


def date_examinee(demande, expiration) -> numpy.ndarray:
    """La date examinée de chaque titre : la date de la demande, au plus tôt son expiration."""
    return numpy.maximum(demande, expiration)


def plus_favorable(duree, regime, examen) -> numpy.ndarray:
    """La plus longue des durées de maintien en vigueur à la date du régime et à la date
    examinée."""
    return numpy.maximum(
        value_at_dates(duree, regime, before=0), value_at_dates(duree, examen, before=0)
    )
