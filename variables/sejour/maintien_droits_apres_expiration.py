from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.etat_civil.enums import GroupeNationalite
from openfisca_residence.variables.sejour.sejour_regulier_mineur import un_parent_majeur


class maintien_droits_apres_expiration(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "À la date de la demande, le titre a expiré mais les droits à la prise en charge des frais de santé et à la CMU-C/CSS sont maintenus (R.111-4 CSS) ; le mineur sans séjour régulier les garde avec ceux d'un parent, en ayant droit"
    reference = [
        "Code de la sécurité sociale, art. R.111-4",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000042485550",
        "Code de la sécurité sociale, art. L.160-2 (le mineur ayant droit de l'assuré)",
    ]
    documentation = """
    Le maintien de R.111-4 garde ouverts les droits à la prise en charge des frais de santé et à la
    CMU-C puis à la CSS, et eux seuls : il ne rend pas le séjour régulier (sejour_regulier), ni pour
    la personne, ni pour ses enfants (sejour_regulier_mineur). Le mineur, ayant droit de son parent
    (L.160-2), garde ces droits avec lui : le mineur ressortissant d'un pays tiers sans séjour
    régulier dont un parent majeur de la famille, ressortissant d'un pays tiers, est en maintien de
    droits (à la date de la demande du parent) l'est aussi. Seules les prestations de santé lisent
    cette variable (PUMa, CSS, AME).
    """

    def formula(individu, period):
        demande = individu("date_demande", period)
        expire = individu("date_fin_droit_au_sejour", period) < demande
        r111_4 = expire * (demande <= individu("date_fin_maintien_droits", period))
        pays_tiers = individu("groupe_nationalite", period) == GroupeNationalite.pays_tiers
        l160_2_ayant_droit = (
            individu("mineur", period)
            * individu("sejour_irregulier_pays_tiers", period)
            * un_parent_majeur(individu, period, pays_tiers * r111_4)
        )
        return r111_4 + l160_2_ayant_droit
