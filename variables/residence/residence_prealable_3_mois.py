from openfisca_core.periods import MONTH

from openfisca_residence.rules.dates import passed, period_start
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class residence_prealable_3_mois(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Réside en France depuis plus de trois mois au premier jour du mois (depuis la dernière arrivée)"
    reference = [
        "Code de la sécurité sociale, art. L.380-1 et R.380-1 (CMU de base, 2000-2015), puis D.160-2 (PUMa)",
        "Code de l'action sociale et des familles, art. L.251-1 (AME : résidence ininterrompue depuis plus de trois mois)",
        "Lettre d'information CNAF du 28 février 2008 : durée de résidence minimale de trois mois (sources/cnaf-lettre-information-2008-02-28-droit-sejour-ue.txt)",
    ]
    documentation = """
    Plus de trois mois : la date d'arrivée plus trois mois civils (le jour rapporté à la fin du
    mois le plus court) est antérieure au premier jour du mois. Arrivé le 1er janvier, une personne
    a exactement trois mois de résidence le 1er avril et plus de trois mois le 1er mai.
    Les prestations apprécient leur condition à la date de la demande
    (residence_prealable_3_mois_demande), qui est ce premier jour du mois quand elle n'est pas
    déclarée.
    """

    def formula(individu, period, parameters):
        duree = parameters(period).residence.residence_prealable.duree_minimale
        # Arrivée + trois mois < 1er du mois : une seule date calculée pour toute la population.
        return passed(individu("date_arrivee_france", period), duree, period_start(period))
