import numpy
from openfisca_core.periods import MONTH

from openfisca_residence.rules.dates import passed
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.lookup import parameters_of, value_at_dates
from openfisca_residence.rules.variable import Variable


class residence_ininterrompue_ame(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Condition de durée de l'AME : résidence ininterrompue en France depuis plus de trois mois (de séjour irrégulier depuis le 30 décembre 2019), sauf pour les mineurs"
    reference = [
        "Code de l'action sociale et des familles, art. L.251-1 (loi n° 2003-1312 du 30 décembre 2003, art. 97 ; loi n° 2019-1479 du 28 décembre 2019, art. 264)",
        "Conseil d'État, 7 juin 2006, n° 285576 ; circulaire DSS/2A/DGAS/DHOS n° 2008-04 du 7 janvier 2008 (mineurs)",
        "Lettre-réseau CNAM LR-DDO-124/2017, § 1.5 (sources/cnam-lr-ddo-124-2017-regularite-sejour.txt)",
    ]
    documentation = """
    Appréciée à la date de la demande, selon la règle en vigueur ce jour-là : pour une demande reçue
    jusqu'au 29 décembre 2019, trois mois de résidence depuis la dernière arrivée ; depuis le 30
    décembre 2019, trois mois sans remplir la condition de régularité
    (date_debut_sejour_irregulier). Aucune durée avant la loi n° 2003-1312 (en vigueur le 1er
    janvier 2004). Les mineurs en sont dispensés dès cette date : la convention internationale des
    droits de l'enfant (art. 3-1) l'écartait pour eux, ce que dit la décision du Conseil d'État du
    7 juin 2006 (choix du projet : le droit applicable, non la date de la pratique des caisses).
    La minorité est, elle aussi, appréciée au jour de la demande (mineur_a_la_demande) : la demande
    reçue le jour du dix-huitième anniversaire est celle d'un majeur, tenu à la durée.
    """

    def formula(individu, period):
        ame = parameters_of(individu).sejour.ame
        demande = individu("date_demande", period)
        # Les règles en vigueur au jour de la demande de chacun.
        sejour_irregulier = value_at_dates(ame.duree_de_sejour_irregulier, demande, before=False)
        debut = individu("date_arrivee_france", period)
        if sejour_irregulier.any():
            debut = numpy.where(
                sejour_irregulier, individu("date_debut_sejour_irregulier", period), debut
            )
        duree = value_at_dates(ame.duree_residence, demande, before=0)
        if duree.size and duree.min() == duree.max():
            duree = duree[0]  # la même pour tous : passed compare à une seule date (le 1er du mois)
        l251_1_duree = passed(debut, duree, demande)
        mineurs_dispenses = value_at_dates(ame.mineurs_dispenses, demande, before=False)
        mineur_dispense = individu("mineur_a_la_demande", period) * mineurs_dispenses
        return l251_1_duree + mineur_dispense
