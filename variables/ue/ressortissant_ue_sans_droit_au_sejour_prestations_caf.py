from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.lookup import parameters_of
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.ue.communs import en_vigueur_pour_la_demande


class ressortissant_ue_sans_droit_au_sejour_prestations_caf(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Citoyen de l'Union, de l'EEE ou de la Suisse sans droit au séjour, pour les prestations servies par les CAF (prestations familiales, aides au logement, AAH) : à partir des demandes de 2008"
    reference = [
        "Loi n° 2007-1786 du 19 décembre 2007 de financement de la sécurité sociale pour 2008, art. 95 (CSS, art. L.512-2)",
        "Lettre d'information CNAF n° 1 du 28 février 2008, introduction et « Date d'effet » : demandes déposées à compter du 1er janvier 2008 (sources/cnaf-lettre-information-2008-02-28-droit-sejour-ue.txt)",
    ]
    documentation = """
    La règle commune ressortissant_ue_sans_droit_au_sejour, en vigueur pour les prestations des
    CAF à partir du 1er janvier 2008 (paramètre ue.droit_au_sejour_verifie.prestations_caf) : avant,
    le citoyen de l'Union, dispensé de titre, les recevait sans que son droit au séjour fût vérifié.
    Elle s'applique aux mois à partir de janvier 2008, et aux mois antérieurs d'une demande reçue à
    partir du 1er janvier 2008 (« y compris si elles concernent des périodes antérieures à cette
    date ») ; les demandes antérieures « non instruites » ne se distinguent pas des autres (aucune
    entrée ne le dit) : elles gardent l'ancienne règle.
    Pour l'AAH, la lettre de la CNAF n'appliquait « pour l'instant » que la résidence de trois mois
    et l'exclusion du demandeur d'emploi ; choix du projet : l'AAH suit la loi, comme les autres
    prestations des CAF.
    """

    def formula(individu, period):
        sans_droit = individu("ressortissant_ue_sans_droit_au_sejour", period)
        regle = parameters_of(individu).ue.droit_au_sejour_verifie.prestations_caf
        return sans_droit * en_vigueur_pour_la_demande(individu, period, regle)
