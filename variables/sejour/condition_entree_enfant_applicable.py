from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Famille
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.etat_civil.enums import GroupeNationalite


class condition_entree_enfant_applicable(Variable):
    value_type = bool
    entity = Famille
    definition_period = MONTH
    label = "L'entrée régulière des enfants étrangers est à justifier (L.512-2 CSS) : aucun parent n'est français, citoyen de l'Union, de l'EEE ou de la Suisse en droit de séjourner, bénéficiaire de l'accord de retrait du Royaume-Uni, ni exempté"
    reference = [
        "Code de la sécurité sociale, art. L.512-2 (loi n° 2005-1579 du 19 décembre 2005, art. 89) : « Ces étrangers bénéficient des prestations familiales sous réserve qu'il soit justifié, pour les enfants qui sont à leur charge […] »",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000042947066",
    ]
    documentation = """
    « Ces étrangers » sont les demandeurs étrangers non ressortissants de l'Union, de l'EEE ou de la
    Suisse : l'enfant étranger d'un parent français (kafala, enfant du conjoint) ou d'un citoyen de
    l'Union n'a pas à justifier de son entrée. Choix documenté : il suffit qu'un parent de la
    famille, qui peut être l'allocataire, soit français, citoyen de l'Union, de l'EEE ou de la
    Suisse qui remplit les conditions pour résider régulièrement en France (L.512-2, alinéa 1er :
    son droit au séjour, tel que les CAF le vérifient), bénéficiaire de l'accord de retrait du
    Royaume-Uni (art. 23 : égalité de traitement ; décret n° 2020-1417, art. 30, livre V), ou
    exempté (exempte_condition_entree_enfant : travailleur protégé par un accord, dont
    les membres de famille profitent, ou titulaire d'un titre autorisant à travailler). L'enfant
    reste soumis à la condition de résidence (R.512-1).
    """

    def formula(famille, period):
        parent = ~famille.members("enfant_a_charge", period)
        groupe = famille.members("groupe_nationalite", period)
        l512_2_1_ue_en_droit = (groupe == GroupeNationalite.ue_eee_suisse) * ~famille.members(
            "ressortissant_ue_sans_droit_au_sejour_prestations_caf", period
        )
        accord_retrait = famille.members("beneficiaire_accord_retrait_royaume_uni", period)
        hors_ces_etrangers = (
            (groupe == GroupeNationalite.francais) + l512_2_1_ue_en_droit + accord_retrait
        )
        exempte = famille.members("exempte_condition_entree_enfant", period)
        return ~famille.any(parent * (hors_ces_etrangers + exempte))
