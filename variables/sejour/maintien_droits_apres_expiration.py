from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.sejour.sejour_regulier_mineur import un_parent_majeur


class maintien_droits_apres_expiration(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "À la date de la demande, le titre du ressortissant d'un pays tiers sans séjour régulier a expiré mais ses droits à la prise en charge des frais de santé et à la CMU-C/CSS sont maintenus (R.111-4 CSS) ; le mineur sans séjour régulier les garde avec ceux d'un parent, en ayant droit"
    reference = [
        "Code de la sécurité sociale, art. R.111-4",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000042485550",
        "Code de la sécurité sociale, art. L.160-2 (le mineur ayant droit de l'assuré) et R.111-3, II : la régularité du séjour « est appréciée au jour de la demande »",
        "Code de l'entrée et du séjour des étrangers et du droit d'asile, art. L.433-3 (ex L.311-4) : le titre expiré dont le renouvellement est demandé justifie trois mois la régularité du séjour, avec tous les droits sociaux",
        "Lettre-réseau CNAM LR-DDO-124/2017, § 1.2 : le maintien concerne les personnes « qui ne sont pas ressortissantes de l'Union européenne, d'un État partie à l'accord sur l'Espace économique européen ou de la Confédération suisse » (sources/cnam-lr-ddo-124-2017-regularite-sejour.txt)",
    ]
    documentation = """
    Le maintien de R.111-4 garde ouverts les droits à la prise en charge des frais de santé et à la
    CMU-C puis à la CSS, et eux seuls, des seuls ressortissants de pays tiers : le citoyen de
    l'Union, de l'EEE ou de la Suisse n'a pas de titre dont l'expiration ouvrirait un maintien (son
    séjour s'apprécie sur son droit au séjour), et le Français n'y est pas soumis. Le maintien ne
    concerne que la personne dont le séjour n'est plus régulier à la date de la demande
    (sejour_irregulier_pays_tiers) : celle dont le titre expiré justifie encore la régularité du
    séjour (renouvellement de L.433-3 CESEDA, sejour_regulier_renouvellement) garde tous ses
    droits sans y recourir, ni à la règle des demandes déposées pendant le maintien
    (LR-DDO-124/2017, § 1.4, css_condition_sejour) ; à la fin des trois mois, le maintien court
    encore, compté depuis l'expiration du titre (date_fin_maintien_droits). Il ne rend pas le
    séjour régulier (sejour_regulier), ni pour la personne, ni pour ses enfants
    (sejour_regulier_mineur). Le mineur, ayant droit de son parent (L.160-2), garde ces droits avec
    lui : le mineur ressortissant d'un pays tiers sans séjour régulier dont un parent majeur de la
    famille, ressortissant d'un pays tiers, est en maintien de droits (à la date de la demande du
    parent) l'est aussi ; sa minorité s'apprécie au jour de sa demande (mineur_a_la_demande,
    R.111-3, II) : la demande reçue le jour de ses dix-huit ans est celle d'un majeur, qui n'est
    plus l'ayant droit de son parent. Seules les prestations de santé lisent cette variable (PUMa,
    CSS, AME).
    """

    def formula(individu, period):
        demande = individu("date_demande", period)
        expire = individu("date_fin_droit_au_sejour", period) < demande
        # Ressortissant d'un pays tiers sans séjour régulier (L.433-3 CESEDA : le renouvellement
        # demandé garde le séjour régulier, sans maintien).
        irregulier = individu("sejour_irregulier_pays_tiers", period)
        r111_4 = irregulier * expire * (demande <= individu("date_fin_maintien_droits", period))
        l160_2_ayant_droit = (
            individu("mineur_a_la_demande", period)
            * irregulier
            * un_parent_majeur(individu, period, r111_4)
        )
        return r111_4 + l160_2_ayant_droit
