from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.lookup import parameters_of
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.ue.communs import residence_prealable_remplie


class ue_condition_residence_prealable_api(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Condition de résidence préalable des citoyens de l'Union pour le bénéfice de l'allocation de parent isolé remplie : non opposable, pas encore en vigueur, ou plus de trois mois de résidence en France"
    reference = [
        "Code de la sécurité sociale, art. L.524-1 (loi n° 2007-1822 du 24 décembre 2007 de finances pour 2008, art. 122) : ressortissants « qui en font la demande et qui résident en France depuis plus de trois mois »",
        "Lettre d'information CNAF n° 1 du 28 février 2008, introduction (sources/cnaf-lettre-information-2008-02-28-droit-sejour-ue.txt)",
    ]
    documentation = """
    Condition exigée depuis la loi de finances pour 2008 (28 décembre 2007) ; l'API devient le RSA
    majoré le 1er juin 2009, soumis à la condition du RSA (paramètre ue.residence_prealable.api) :
    la personne à qui elle est opposable (ue_residence_prealable_exigee) doit, quand elle en fait
    la demande, résider en France depuis plus de trois mois : depuis la dernière arrivée, à la date
    de la demande (residence_prealable_3_mois_demande). Vraie pour toute autre personne, et avant
    la date du texte. Les prestations familiales la lisent quand l'allocataire demande l'API
    (prestations_familiales_api_demandee), sans recoder la règle.
    """

    def formula(individu, period):
        # En vigueur au mois examiné ou à la date de la demande (texte entré en vigueur en cours
        # de mois : la demande reçue depuis ce jour y est soumise).
        regle = parameters_of(individu).ue.residence_prealable.api
        return residence_prealable_remplie(individu, period, regle)
