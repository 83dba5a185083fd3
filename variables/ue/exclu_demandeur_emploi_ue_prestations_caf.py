from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.ue.enums import StatutRessortissantUE


class exclu_demandeur_emploi_ue_prestations_caf(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Citoyen de l'Union entré en France pour y chercher un emploi : exclu de toutes les prestations servies par les CAF (prestations familiales, aides au logement, minima)"
    reference = "Lettre d'information CNAF n° 1 du 28 février 2008, § 4 et « Date d'effet » : « l'accès au bénéfice de toutes les prestations servies par les Caf est interdit aux ressortissants communautaires entrés en France pour y chercher un emploi » (sources/cnaf-lettre-information-2008-02-28-droit-sejour-ue.txt)"
    documentation = """
    Position de la CNAF, non écrite dans la loi (LEGAL_MAP.md § 3), pour les demandes déposées à
    compter du 1er janvier 2008 (paramètre ue.demandeur_emploi.exclusion_prestations_caf) : les
    prestations familiales ne peuvent être servies au demandeur d'emploi qu'une fois qu'il a trouvé
    un emploi ou remplit les conditions de l'inactif (statut_ressortissant_ue).
    """

    def formula(individu, period, parameters):
        en_vigueur = parameters(period).ue.demandeur_emploi.exclusion_prestations_caf
        statut = individu("statut_ressortissant_ue", period)
        return (statut == StatutRessortissantUE.demandeur_emploi) * en_vigueur
