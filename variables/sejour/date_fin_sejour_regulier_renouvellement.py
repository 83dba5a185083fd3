from datetime import date

import numpy
from openfisca_core.periods import MONTH

from openfisca_residence.rules.dates import LONG_AGO, add_months, lasts_at_least, lasts_more_than
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.lookup import (
    category_in,
    category_in_at_dates,
    parameters_of,
    value_at_dates,
)
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.sejour.enums import TitreSejour


class date_fin_sejour_regulier_renouvellement(Variable):
    value_type = date
    entity = Individu
    definition_period = MONTH
    label = "Dernier jour où le titre expiré, dont le renouvellement est demandé, justifie la régularité du séjour : trois mois après son expiration (1er janvier 1900 pour un titre que le renouvellement ne couvre pas)"
    reference = [
        "Code de l'entrée et du séjour des étrangers et du droit d'asile, art. L.433-3 (depuis le 1er mai 2021), ex L.311-4 (2005), ex art. 6-1 de l'ordonnance n° 45-2658 (loi n° 2003-1119 du 26 novembre 2003) : « dans la limite de trois mois à compter de cette date d'expiration »",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006335035",
    ]
    documentation = """
    Carte de résident ; titre prévu par une stipulation internationale « d'une durée supérieure à un
    an » (certificat de résidence algérien de plus de douze mois) ; depuis le 1er mars 2019, carte de
    séjour pluriannuelle « d'une durée de quatre ans ». Pas la carte de séjour temporaire (angle
    mort : les départements fixés par arrêté, voir parameters/sejour/renouvellement). La liste et les
    durées sont celles du jour de la demande ; la durée d'un titre se lit sur ses dates de validité
    déclarées, les deux jours compris (titre_sejour_date_debut, titre_sejour_date_fin) : un certificat
    du 15 janvier 2019 au 14 janvier 2020 dure un an, pas plus. Sans dates déclarées, le titre est
    réputé en avoir la durée (choix documenté, comportement antérieur). La date sert au séjour
    régulier du jour de la demande (sejour_regulier_renouvellement) et au début du séjour
    irrégulier que compte l'AME (date_debut_sejour_irregulier).
    """

    def formula(individu, period, parameters):
        renouvellement = parameters_of(individu).sejour.renouvellement
        demande = individu("date_demande", period)
        titre = individu("titre_sejour", period)
        titre_concerne = category_in_at_dates(titre, renouvellement.titres_concernes, demande)
        concerne = individu("demande_renouvellement_titre", period) * titre_concerne
        fin_regularite = numpy.full(individu.count, numpy.datetime64(LONG_AGO))
        lignes = numpy.flatnonzero(concerne)  # la durée du titre ne se lit que pour eux
        if not lignes.size:
            return fin_regularite
        demande, titre = demande[lignes], titre[lignes]
        fin = individu("titre_sejour_fin_validite", period)[lignes]
        debut = individu("titre_sejour_date_debut", period)[lignes]
        fin_declaree = individu("titre_sejour_date_fin", period)[lignes]
        conventionnel = category_in(titre, parameters(period).sejour.titres_conventionnels)
        l433_3_plus_d_un_an = lasts_more_than(
            debut,
            fin_declaree,
            value_at_dates(renouvellement.duree_titre_conventionnel, demande, 0),
        )
        pluriannuelle = titre == TitreSejour.carte_sejour_pluriannuelle
        l433_3_quatre_ans = lasts_at_least(
            debut,
            fin_declaree,
            value_at_dates(renouvellement.duree_carte_pluriannuelle, demande, 0),
        )
        l433_3_duree = (~conventionnel + l433_3_plus_d_un_an) * (~pluriannuelle + l433_3_quatre_ans)
        duree = value_at_dates(renouvellement.duree, demande)
        fin_regularite[lignes] = numpy.where(
            l433_3_duree, add_months(fin, duree), numpy.datetime64(LONG_AGO)
        )
        return fin_regularite
