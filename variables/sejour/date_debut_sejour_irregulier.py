from datetime import date

import numpy
from openfisca_core.periods import MONTH

from openfisca_residence.rules.dates import add_days
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.lookup import date_at_dates, parameters_of
from openfisca_residence.rules.variable import Variable


class date_debut_sejour_irregulier(Variable):
    value_type = date
    entity = Individu
    definition_period = MONTH
    label = "Date depuis laquelle la personne séjourne en France sans remplir la condition de régularité : arrivée, lendemain de l'expiration du dernier titre recevable ou des trois mois de son renouvellement, ou décision de refus, ou dix-huit ans du jeune dont un parent est en séjour régulier"
    reference = [
        "Code de l'action sociale et des familles, art. L.251-1 (loi n° 2019-1479 du 28 décembre 2019, art. 264) : « sans remplir la condition de régularité […] depuis plus de trois mois »",
        "Lettre-réseau CNAM LR-DDO-124/2017, § 1.5 : la personne présentant une convocation de première demande est en situation irrégulière (sources/cnam-lr-ddo-124-2017-regularite-sejour.txt)",
        "Code de l'entrée et du séjour des étrangers et du droit d'asile, art. L.433-3 : le titre expiré dont le renouvellement est demandé justifie la régularité du séjour « dans la limite de trois mois à compter de cette date d'expiration »",
        "Accord sur le retrait du Royaume-Uni de l'Union européenne, art. 18, § 2 et 3 ; décret n° 2021-1236 du 27 septembre 2021 (titre exigé à partir du 1er janvier 2022)",
        "Code de l'entrée et du séjour des étrangers et du droit d'asile, art. L.411-1 (ordonnance n° 2020-1733 ; auparavant L.311-1) : seul l'étranger « âgé de plus de dix-huit ans » doit détenir un document de séjour",
    ]
    documentation = """
    La plus tardive de ces dates : l'arrivée en France ; le lendemain du dernier jour où les titres
    justifient le séjour (date_fin_droit_au_sejour), ou, si le renouvellement du titre expiré est
    demandé, le justifie encore (date_fin_sejour_regulier_renouvellement, L.433-3 CESEDA : trois
    mois, sauf décision de refus avant) ; pour le Britannique qui résidait en France à la fin de
    2020 (britannique_residant_fin_transition), la date où le titre de l'accord de retrait est
    exigé (1er janvier 2022) ou, sa demande déposée dans le délai, la décision qui la rejette ; et, pour la personne dont un parent majeur de
    sa famille est en séjour régulier (parent_majeur_sejour_regulier), le jour de ses dix-huit ans :
    mineur, elle séjournait régulièrement sans document (L.411-1, sejour_regulier_mineur). Choix du
    projet : le jour anniversaire, premier jour où un document est exigé (Code civil, art. 388 :
    dix-huit ans accomplis) ; le séjour du parent est lu dans le mois de la demande, le modèle ne
    gardant pas l'histoire de la famille. L'enfant de parents sans titre séjournait déjà
    irrégulièrement : le délai court de son arrivée. Angles morts : le jeune majeur déclaré hors de
    la famille de ses parents, l'ancien mineur confié à l'aide sociale à l'enfance, et le citoyen de
    l'Union dont le droit au séjour a pris fin (la date de cette fin, qui dépend de l'histoire de sa
    catégorie, n'est pas calculée) : le délai court de l'arrivée ou de la fin du dernier titre.
    """

    def formula(individu, period):
        # L.433-3 CESEDA : le titre expiré dont le renouvellement est demandé justifie encore le
        # séjour trois mois, sauf décision qui le refuse avant.
        decision = individu("date_decision_sejour_opposable", period)
        renouvellement = numpy.minimum(
            individu("date_fin_sejour_regulier_renouvellement", period), add_days(decision, -1)
        )
        fin = numpy.maximum(individu("date_fin_droit_au_sejour", period), renouvellement)
        lendemain = add_days(fin, 1)
        debut = numpy.maximum(individu("date_arrivee_france", period), lendemain)
        britannique = individu("britannique_residant_fin_transition", period)
        if britannique.any():
            # Accord de retrait, art. 18, § 2 et 3 : protégé sans titre jusqu'à la date où le
            # titre est exigé ou, sa demande déposée dans le délai, jusqu'à la décision qui la
            # rejette.
            accord = parameters_of(individu).ue.accord_retrait
            demande = individu("date_demande", period)
            depot = individu("date_demande_titre_accord_retrait", period)
            dans_le_delai = depot <= date_at_dates(accord.date_limite_demande, demande)
            fin_protection = numpy.where(
                dans_le_delai, decision, date_at_dates(accord.date_titre_obligatoire, demande)
            )
            debut = numpy.where(britannique, numpy.maximum(debut, fin_protection), debut)
        dix_huit_ans = individu("date_dix_huit_ans", period)
        if not (dix_huit_ans > debut).any():  # tous majeurs avant l'arrivée ou la fin du titre
            return debut
        l411_1_mineur_regulier = individu("parent_majeur_sejour_regulier", period)
        return numpy.where(l411_1_mineur_regulier, numpy.maximum(debut, dix_huit_ans), debut)
