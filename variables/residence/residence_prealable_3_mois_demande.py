from openfisca_core.periods import MONTH

from openfisca_residence.rules.dates import passed
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class residence_prealable_3_mois_demande(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Réside en France depuis plus de trois mois à la date de la demande (depuis la dernière arrivée)"
    reference = [
        "Code de l'action sociale et des familles, art. L.262-9-1 (RMI, loi n° 2006-339 du 23 mars 2006, art. 9) puis L.262-6 (RSA) : « avoir résidé en France durant les trois mois précédant la demande »",
        "Code de la sécurité sociale, art. L.524-1 (API) et L.821-1 (AAH), loi n° 2007-1822 du 24 décembre 2007, art. 122 : ressortissants « qui en font la demande et qui résident en France depuis plus de trois mois »",
        "Code de la sécurité sociale, art. R.380-1 (CMU de base, 2000-2015) puis D.160-2 (PUMa) : résidence ininterrompue en France « depuis plus de trois mois », justifiée à la demande de prise en charge ; L.861-1 (CMU-C puis CSS)",
        "Code de la sécurité sociale, art. R.111-3, II : « La condition de régularité du séjour des personnes est appréciée au jour de la demande »",
    ]
    documentation = """
    La durée de résidence préalable que ces textes exigent s'apprécie à la date de la demande
    (date_demande, par défaut le premier jour du mois calculé), comme la régularité du séjour
    (R.111-3, II) et les trois mois de l'AME (residence_ininterrompue_ame) : plus de trois mois
    depuis la dernière arrivée, la date d'arrivée plus trois mois civils (le jour rapporté à la fin
    du mois le plus court) étant antérieure à la demande. Arrivé le 10 février, une personne qui
    demande le 10 mai a exactement trois mois de résidence ; le 11 mai, plus de trois mois.
    Sans date de demande déclarée, la valeur est celle de residence_prealable_3_mois (au premier
    jour du mois).
    Choix du projet : « durant les trois mois précédant la demande » (RMI, RSA) se lit, comme « plus
    de trois mois » (lettre CNAF du 28 février 2008 : « durée de résidence supérieure à trois
    mois »), sur la même durée.
    """

    def formula(individu, period, parameters):
        duree = parameters(period).residence.residence_prealable.duree_minimale
        return passed(
            individu("date_arrivee_france", period), duree, individu("date_demande", period)
        )
