import functools
from datetime import date

import numpy
from openfisca_core.periods import MONTH

from openfisca_residence.rules.dates import LONG_AGO, MODEL_START, latest, month_offset
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.sejour.enums import TitreSejour

FENETRE_MOIS = 24


@functools.lru_cache(maxsize=4096)
def mois_de_la_fenetre(period) -> tuple:
    """Le mois et les précédents, sur FENETRE_MOIS mois, sans remonter avant le début du modèle."""
    reculs = (month_offset(period, -recul) for recul in range(1, FENETRE_MOIS))
    return (period, *(mois for mois in reculs if mois.start.date >= MODEL_START))


def mois_avec_titre(individu, period) -> list:
    """Les mois de la fenêtre où une personne au moins détient un titre ou document de séjour.
    Un mois sans document n'a pas de date d'expiration à lire (« aucun » n'est recevable pour
    aucune prestation : fin_titre_recevable y vaut le 1er janvier 1900) : il n'est pas calculé, ce
    qui épargne à une demande déclarant le seul titre du mois demandé 23 mois de calculs. Les
    titres des mois de la fenêtre sont comparés à « aucun » en une fois."""
    fenetre = mois_de_la_fenetre(period)
    titres = numpy.stack([numpy.asarray(individu("titre_sejour", mois)) for mois in fenetre])
    detenu = (titres != TitreSejour.aucun.index).any(axis=1)
    return [mois for mois, oui in zip(fenetre, detenu, strict=True) if oui]


def documents_recevables(individu, period, lignes):
    """Pour les personnes `lignes`, le début et la fin de validité du document recevable de chaque
    mois de la fenêtre où une personne au moins en détient un. La fin est le 1er janvier 1900 si le
    document du mois n'est pas recevable, ou si sa validité commence après le jour de la demande :
    il n'est pas encore détenu (R.111-3, II, la régularité « appréciée au jour de la demande »)."""
    demande = individu("date_demande", period)[lignes]
    for mois in mois_avec_titre(individu, period):
        debut = individu("titre_sejour_date_debut", mois)[lignes]
        fin = individu("fin_titre_recevable", mois)[lignes]
        yield debut, numpy.where(debut <= demande, fin, numpy.datetime64(LONG_AGO))


class date_expiration_titres(Variable):
    value_type = date
    entity = Individu
    definition_period = MONTH
    label = "Date d'expiration des titres ou documents justifiant de la régularité du séjour : la plus tardive des documents recevables détenus au cours des 24 derniers mois"
    reference = [
        "Code de la sécurité sociale, art. R.111-4 (« la date d'expiration des titres ou documents justifiant de la régularité de leur séjour »)",
        "Lettre-réseau CNAM LR-DDO-124/2017, § 1.2 et 2.3 : un document transitoire qui expire avant le titre précédent n'est pas enregistré, « c'est le premier document qui fait foi » ; les périodes de validité ne se chevauchent pas (sources/cnam-lr-ddo-124-2017-regularite-sejour.txt)",
    ]
    documentation = """
    Exemple de la lettre-réseau : carte de séjour temporaire du 1er mars 2016 au 1er mars 2017, puis
    récépissé de renouvellement reçu le 1er janvier 2017 et valable jusqu'au 1er février 2017 : la
    date d'expiration reste le 1er mars 2017 et le maintien de droit commence le 2 mars 2017.
    Un document dont la validité commence après le jour de la demande (récépissé délivré le 10 du
    mois pour une demande du 1er) n'est pas encore détenu : il ne compte pas (R.111-3, II, la
    régularité « appréciée au jour de la demande »). Choix du projet : un tel document se lit dans
    le mois de la demande, où il est déclaré. Sans document recevable sur la période, la date est
    le 1er janvier 1900. Les 24 mois suffisent :
    un titre expiré depuis plus longtemps ne prolonge plus aucun droit (maintien de douze mois au
    plus, prolongation de 180 jours en 2020) ; les mois antérieurs au début du modèle (janvier 1994)
    ne sont pas lus.
    """

    def formula(individu, period):
        fins = (individu("fin_titre_recevable", mois) for mois in mois_avec_titre(individu, period))
        expiration = latest(fins, LONG_AGO, individu.count)
        # Le document du mois dont la validité commence après le jour de la demande ne justifie pas
        # encore le séjour (R.111-3, II) : pour ces personnes, les documents commencés au plus tard
        # ce jour-là seuls.
        demande = individu("date_demande", period)
        a_venir = numpy.flatnonzero(individu("titre_sejour_date_debut", period) > demande)
        if a_venir.size:
            commences = (fin for _, fin in documents_recevables(individu, period, a_venir))
            expiration[a_venir] = latest(commences, LONG_AGO, a_venir.size)
        return expiration
