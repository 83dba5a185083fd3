from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.lookup import parameters_of
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.ue.communs import demandeur_emploi_exclu


class exclu_demandeur_emploi_ue(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Citoyen de l'Union entré en France pour y chercher un emploi et qui s'y maintient à ce titre : exclu du RMI puis du RSA, de la CMU puis de la PUMa, de l'API et de l'AAH"
    reference = [
        "Loi n° 2007-290 du 5 mars 2007, art. 63 : CASF, art. L.262-9-1 (RMI) puis L.262-6 (RSA) ; CSS, art. L.380-3 (CMU) puis L.160-6 (PUMa), art. L.524-1 (API)",
        "Lettre d'information CNAF n° 1 du 28 février 2008, introduction et § 4 (AAH) (sources/cnaf-lettre-information-2008-02-28-droit-sejour-ue.txt)",
    ]
    documentation = """
    Vrai pour la personne dont le statut est demandeur_emploi (entrée pour chercher un emploi, ni
    travailleur, ni ancien travailleur, ni inactif remplissant les conditions, ni membre de
    famille), à partir du 7 mars 2007 (paramètre ue.demandeur_emploi.exclusion_minima_sociaux),
    quelle que soit la durée de son séjour. Avant, false. L'exclusion de toutes les prestations des
    CAF est exclu_demandeur_emploi_ue_prestations_caf.
    """

    def formula(individu, period):
        # En vigueur au mois examiné ou à la date de la demande (texte entré en vigueur en cours
        # de mois : la demande reçue depuis ce jour y est soumise).
        regle = parameters_of(individu).ue.demandeur_emploi.exclusion_minima_sociaux
        return demandeur_emploi_exclu(individu, period, regle)
