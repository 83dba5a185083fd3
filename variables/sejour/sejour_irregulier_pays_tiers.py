from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.etat_civil.enums import GroupeNationalite


class sejour_irregulier_pays_tiers(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Ressortissant d'un pays tiers (apatride compris) sans séjour régulier à la date de la demande : ni titre recevable en cours de validité, ni titre expiré en renouvellement, ou une décision de refus"
    reference = [
        "Code de la sécurité sociale, art. L.115-6 puis R.111-3 (décret n° 2017-240 du 24 février 2017) et arrêté du 10 mai 2017",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000034084529",
    ]
    documentation = """
    La règle commune des prestations qui exigent des ressortissants de pays tiers un titre de la
    liste de la sécurité sociale (sejour_regulier), lue par chacune (motif sejour_irregulier). Les
    Français n'y sont pas soumis ; les citoyens de l'Union, de l'EEE et de la Suisse justifient de
    leur séjour par leur droit au séjour (ressortissant_ue_sans_droit_au_sejour).
    """

    def formula(individu, period):
        pays_tiers = individu("groupe_nationalite", period) == GroupeNationalite.pays_tiers
        return pays_tiers * ~individu("sejour_regulier", period)
