from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.etat_civil.enums import GroupeNationalite


class sejour_irregulier_pays_tiers_prestations_familiales(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Ressortissant d'un pays tiers (apatride compris) sans séjour régulier au sens de L.512-2 CSS à la date de la demande : ni titre recevable pour les prestations familiales en cours de validité, ni titre expiré en renouvellement, ou une décision de refus"
    reference = [
        "Code de la sécurité sociale, art. L.512-2, alinéa 2, et D.512-1",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000042947075",
    ]
    documentation = """
    La règle commune des prestations qui renvoient à L.512-2 (prestations familiales, aides au
    logement, RSA majoré), lue par chacune (motif sejour_irregulier) : ressortissant d'un pays tiers
    dont le séjour n'est pas régulier au sens de sejour_regulier_prestations_familiales. Les
    Français n'y sont pas soumis, les citoyens de l'Union justifient de leur droit au séjour.
    """

    def formula(individu, period):
        pays_tiers = individu("groupe_nationalite", period) == GroupeNationalite.pays_tiers
        return pays_tiers * ~individu("sejour_regulier_prestations_familiales", period)
