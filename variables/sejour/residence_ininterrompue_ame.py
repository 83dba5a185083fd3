import numpy
from openfisca_core.periods import MONTH

from openfisca_residence.rules.dates import passed
from openfisca_residence.rules.entities import Individu
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
    Appréciée à la date de la demande. Jusqu'au 29 décembre 2019, trois mois de résidence depuis la
    dernière arrivée ; depuis, trois mois sans remplir la condition de régularité
    (date_debut_sejour_irregulier). Aucune durée avant la loi n° 2003-1312 (en vigueur le 1er
    janvier 2004). Les mineurs en sont dispensés dès cette date : la convention internationale des
    droits de l'enfant (art. 3-1) l'écartait pour eux, ce que dit la décision du Conseil d'État du
    7 juin 2006 (choix du projet : le droit applicable, non la date de la pratique des caisses).
    La minorité est, elle aussi, appréciée au jour de la demande (mineur_a_la_demande) : la demande
    reçue le jour du dix-huitième anniversaire est celle d'un majeur, tenu à la durée.
    """

    def formula(individu, period, parameters):
        ame = parameters(period).sejour.ame
        if ame.duree_de_sejour_irregulier:
            debut = individu("date_debut_sejour_irregulier", period)
        else:
            debut = individu("date_arrivee_france", period)
        l251_1_duree = passed(debut, ame.duree_residence, individu("date_demande", period))
        mineur_dispense = individu("mineur_a_la_demande", period) * numpy.bool_(
            ame.mineurs_dispenses
        )
        return l251_1_duree + mineur_dispense
