from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class sejour_regulier_mineur(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Mineur dont le séjour est régulier sans document (L.411-1 CESEDA) : un parent majeur de sa famille est français, citoyen de l'Union titulaire d'un droit au séjour ou en séjour régulier par ses documents ; ou mineur confié à l'aide sociale à l'enfance"
    reference = [
        "Code de l'entrée et du séjour des étrangers et du droit d'asile, art. L.411-1 (ordonnance n° 2020-1733, depuis le 1er mai 2021 ; auparavant L.311-1, et l'art. 9 de l'ordonnance n° 45-2658) : seul l'étranger « âgé de plus de dix-huit ans » doit détenir un document de séjour",
        "Code de la sécurité sociale, art. L.160-2 (le mineur ayant droit de l'assuré) et R.115-6 puis R.111-2 (pas de contrôle des ayants droit mineurs)",
        "Code de l'action sociale et des familles, art. L.251-1 : l'AME est due à l'étranger en situation irrégulière « pour lui-même et pour les personnes à sa charge »",
        "Code de la sécurité sociale, art. R.111-4 : le maintien des droits après l'expiration du titre ne vaut que pour la prise en charge des frais de santé et la CMU-C puis la CSS",
    ]
    documentation = """
    Un mineur n'est jamais tenu de détenir un titre de séjour : ses propres documents ne disent rien
    de la régularité de son séjour, qui suit celle de sa famille. Il séjourne régulièrement lorsqu'un
    parent majeur de sa famille est français, citoyen de l'Union, de l'EEE ou de la Suisse titulaire
    d'un droit au séjour, ou en séjour régulier par ses documents (parent_majeur_sejour_regulier).
    À dix-huit ans, sans titre, son séjour devient irrégulier (date_debut_sejour_irregulier). Choix
    documentés : un seul parent régulier suffit ; le mineur confié à l'aide sociale à l'enfance
    (mineur isolé) séjourne régulièrement, sans parent (mineur_confie_ase) ; le mineur sans parent
    majeur dans sa famille ni prise en charge suit ses seuls documents ; l'âge est celui du jour de
    la demande (mineur_a_la_demande), où la régularité s'apprécie (R.111-3, II CSS). L'enfant de
    parents sans titre reste avec eux en séjour irrégulier, donc dans l'AME (L.251-1 CASF), sans
    les trois mois (residence_ininterrompue_ame).
    Le parent dont le titre a expiré mais dont les droits à la prise en charge des frais de santé
    sont maintenus (R.111-4) n'est pas en séjour régulier : l'enfant non plus. Le maintien ne couvre
    que la santé, pour le parent et pour l'enfant, son ayant droit (L.160-2) :
    maintien_droits_apres_expiration le lui étend. Il ne rend pas l'enfant régulier pour l'AAH, le
    RSA, l'ASPA, l'ASI ou les prestations familiales, que son parent n'aurait pas non plus.
    La même règle vaut pour toutes les prestations qui lisent le séjour d'un mineur : PUMa et
    complémentaire santé (ayant droit), AME, AAH de 16 à 18 ans et RSA d'un parent mineur
    (« en situation régulière » : le mineur l'est sans document), prestations familiales et aides
    au logement (le séjour des enfants n'y est pas contrôlé, seule leur entrée : L.512-2).
    """

    def formula(individu, period):
        mineur = individu("mineur_a_la_demande", period)
        if not mineur.any():
            return mineur  # aucun mineur : la famille n'est pas lue
        return mineur * (
            individu("parent_majeur_sejour_regulier", period)
            + individu("mineur_confie_ase", period)
        )


def un_parent_majeur(individu, period, condition):
    """Pour chaque personne : un parent majeur de sa famille (ni enfant à charge ni mineur) remplit
    `condition`, un tableau des personnes."""
    parent_majeur = ~individu("enfant_a_charge", period) * ~individu("mineur", period)
    return individu.famille.any(parent_majeur * condition)
