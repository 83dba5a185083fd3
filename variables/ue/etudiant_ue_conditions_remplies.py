from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.ue.enums import CouvertureMaladie


class etudiant_ue_conditions_remplies(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Citoyen de l'Union, de l'EEE ou de la Suisse inscrit dans un établissement d'enseignement, qui garantit disposer d'une assurance maladie et de ressources suffisantes"
    reference = [
        "Code de l'entrée et du séjour des étrangers et du droit d'asile, art. L.121-1, 3° (loi n° 2006-911 du 24 juillet 2006) puis L.233-1, 3° (ordonnance n° 2020-1733, depuis le 1er mai 2021) : « inscrit dans un établissement […] pour y suivre à titre principal des études ou, dans ce cadre, une formation professionnelle, et garantit disposer d'une assurance maladie ainsi que de ressources suffisantes »",
        "Directive 2004/38/CE du 29 avril 2004, art. 7, § 1, c (ressources garanties « par le biais d'une déclaration ») ; avant, directive 93/96/CEE du 29 octobre 1993 relative au droit de séjour des étudiants",
    ]
    documentation = """
    L'étudiant garantit ses ressources par une déclaration (garantit_ressources_suffisantes) : le
    montant n'est pas contrôlé, à la différence de l'inactif (inactif_ue_conditions_remplies).
    Choix : l'assurance maladie exigée est la couverture complète, comme pour l'inactif (la
    directive dit « assurance maladie complète ») ; la CMU ou la PUMa accordée au seul titre de la
    résidence ne compte pas. Le statut de l'étudiant reste inactif (statut_ressortissant_ue) : il
    n'est pas dispensé des trois mois de résidence (L.262-6 CASF) ; ses membres de famille (5° :
    conjoint et enfants à charge, l'entité famille) ont un droit dérivé (droit_au_sejour_ue_propre).
    """

    def formula(individu, period):
        ressortissant = individu("ressortissant_ue_eee_suisse", period)
        l233_1_3_inscrit = individu("inscrit_etablissement_enseignement", period)
        l233_1_3_assurance_maladie = (
            individu("couverture_maladie", period) == CouvertureMaladie.complete
        )
        l233_1_3_ressources_garanties = individu("garantit_ressources_suffisantes", period)
        return (
            ressortissant
            * l233_1_3_inscrit
            * l233_1_3_assurance_maladie
            * l233_1_3_ressources_garanties
        )
