"""Prestations familiales (L.512-1 et L.512-2 CSS) : conditions de résidence et de séjour du parent et
de chaque enfant. L'allocation de parent isolé (jusqu'au 31 mai 2009) en est une."""

from openfisca_core.indexed_enums import Enum
from openfisca_core.model_api import where
from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Famille, Individu
from openfisca_residence.rules.refusals import all_hold, excludes, first_refusal, requires
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.prestations.communs import (
    demandeur_emploi_caf,
    femme_isolee_enceinte,
    grossesse_parent,
    remplit,
    sejour_allocataire_caf,
)
from openfisca_residence.variables.prestations.enums import (
    MotifRefusPrestationsFamiliales as Motif,
)
from openfisca_residence.variables.prestations.enums import PrestationFamiliale

REFERENCES = [
    "Code de la sécurité sociale, art. L.512-1, L.512-2, R.512-1, D.512-1 et D.512-2 ; art. R.115-6 puis R.111-2",
    "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000042947066",
    "Lettre d'information CNAF du 28 février 2008 (sources/cnaf-lettre-information-2008-02-28-droit-sejour-ue.txt)",
]


# Les règles qui refusent, dans l'ordre de préséance (openfisca_residence/rules/refusals.py).
# Le parent (l'allocataire) et chaque enfant ont chacun leurs conditions : un enfant n'est pas soumis
# aux conditions de séjour de son parent (L.512-2, alinéa 1er), mais à celles de son entrée.
RESIDENCE = (
    requires(
        Motif.residence, "prestations_familiales_residence_allocataire", unless="enfant_a_charge"
    ),
    requires(
        Motif.arrivee_dans_le_mois_ue,
        "ue_prestations_familiales_mois_suivant_arrivee",
        unless="enfant_a_charge",
    ),
    requires(
        Motif.residence_prealable_ue,
        "ue_condition_residence_prealable_api",
        among="prestations_familiales_api_demandee",
        unless="enfant_a_charge",
    ),
    demandeur_emploi_caf(Motif),
    requires(Motif.enfant_residence, "enfant_reside_en_france", among="enfant_a_charge"),
)
SEJOUR = (
    *sejour_allocataire_caf(
        Motif,
        excludes(
            Motif.demandeur_emploi_ue,
            "exclu_demandeur_emploi_ue",
            among="prestations_familiales_api_demandee",
            unless="enfant_a_charge",
        ),
    ),
    requires(Motif.enfant_entree_irreguliere, "enfant_entree_reguliere", among="enfant_a_charge"),
)


class prestations_familiales_residence_allocataire(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Prestations familiales : l'allocataire réside en France (R.115-6 puis R.111-2) ; pour l'allocation de logement familiale, le logement est occupé au moins huit mois dans l'année par lui, son conjoint ou un enfant à charge"
    reference = [
        "Code de la sécurité sociale, art. R.115-6 puis R.111-2",
        "Code de la sécurité sociale, art. D.542-1 (allocation de logement familiale, jusqu'au 31 août 2019), puis code de la construction et de l'habitation, art. R.822-23",
        "Circulaire DSS/2A/2B/3A n° 2008-245 du 22 juillet 2008 : le contrôle de R.115-6 ne s'applique pas aux aides personnelles au logement, dont l'allocation de logement familiale, soumises à une condition d'occupation du logement de huit mois (sources/controle-residence-r115-6-circulaire-2008-07-22.txt)",
    ]
    documentation = """
    L'allocation de logement familiale est une prestation familiale (L.511-1, 4°), mais sa condition
    de résidence est celle des aides personnelles au logement : le logement occupé au moins huit
    mois dans l'année par l'allocataire, son conjoint ou un enfant à charge
    (residence_principale_logement_famille), que les caisses « doivent donc continuer à
    contrôler de manière spécifique », et non le séjour principal de R.115-6. Elle s'applique quand
    l'allocation demandée est l'allocation de logement familiale (prestation_familiale_demandee) ;
    les enfants restent soumis à R.512-1 (enfant_reside_en_france).
    """

    def formula(individu, period):
        demandee = individu("prestation_familiale_demandee", period)
        logement = demandee == PrestationFamiliale.allocation_logement_familiale
        return where(
            logement,
            individu("residence_principale_logement_famille", period),
            individu("reside_en_france_prestations_familiales", period),
        )


class prestations_familiales_api_demandee(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    end = "2009-05-31"
    label = "Prestations familiales : l'allocataire demande l'allocation de parent isolé, qui a ses propres conditions pour le citoyen de l'Union (L.524-1 CSS, jusqu'au 31 mai 2009)"
    reference = [
        "Code de la sécurité sociale, art. L.524-1 : loi n° 2007-290 du 5 mars 2007, art. 63 (citoyen de l'Union entré pour chercher un emploi), loi n° 2007-1822 du 24 décembre 2007, art. 122 (plus de trois mois de résidence)",
        "Lettre d'information CNAF n° 1 du 28 février 2008, introduction (sources/cnaf-lettre-information-2008-02-28-droit-sejour-ue.txt)",
        "Circulaire DSS/2A/2B/3A n° 2008-245 du 22 juillet 2008 : la condition de résidence stable de trois mois pour l'ouverture du droit à l'API des ressortissants communautaires (sources/controle-residence-r115-6-circulaire-2008-07-22.txt)",
    ]
    documentation = """
    L'API, prestation familiale jusqu'au 31 mai 2009 (puis RSA majoré, rsa.py), exige en outre du
    citoyen de l'Union qu'il ne soit pas entré pour chercher un emploi (à partir du 7 mars 2007 :
    exclu_demandeur_emploi_ue, avant l'exclusion de toutes les prestations des CAF le 1er janvier
    2008) et, non actif, qu'il réside en France depuis plus de trois mois (à partir du 28 décembre
    2007 : ue_condition_residence_prealable_api). Ces deux règles ne s'appliquent que si
    l'allocataire demande l'API (prestation_familiale_demandee) : non précisée, la demande est
    réputée porter sur une autre prestation familiale. Après le 31 mai 2009, l'API n'existe plus :
    une demande déclarée ne la vise plus (faux), et ses deux règles ne s'appliquent pas aux autres
    prestations familiales.
    """

    def formula(individu, period):
        demandee = individu("prestation_familiale_demandee", period)
        return demandee == PrestationFamiliale.allocation_parent_isole


class prestations_familiales_api_grossesse(Variable):
    value_type = bool
    entity = Famille
    definition_period = MONTH
    end = "2009-05-31"
    label = "Allocation de parent isolé : l'allocataire qui la demande est une femme isolée en état de grossesse, ayant effectué la déclaration de grossesse et les examens prénataux ; la grossesse ouvre droit sans enfant (L.524-1 et L.524-2 CSS, jusqu'au 31 mai 2009)"
    reference = [
        "Code de la sécurité sociale, art. L.524-1 et L.524-2 (abrogés le 1er juin 2009) : sont parents isolés « les personnes veuves, divorcées, séparées, abandonnées ou célibataires qui assument seules la charge effective et permanente d'un ou plusieurs enfants résidant en France, ainsi que les femmes seules en état de grossesse ayant effectué la déclaration de grossesse et les examens prénataux prévus par la loi »",
        "Code de la sécurité sociale, art. R.524-2, puis R.524-17 à compter du 1er octobre 2006 (décret n° 2006-1197 du 29 septembre 2006) : le droit est ouvert, « pour les femmes enceintes, à la date de la déclaration de grossesse »",
        "Loi n° 2008-1249 du 1er décembre 2008 : l'API devient le RSA majoré le 1er juin 2009 (rsa_parent_isole)",
    ]
    documentation = """
    Pour l'API, la femme isolée enceinte n'a pas besoin d'enfant né : ses propres conditions de
    résidence et de séjour suffisent (prestations_familiales_eligible). Le modèle ne contrôle
    l'isolement que par la composition de la famille (un seul parent), comme pour le RSA majoré.
    Après le 31 mai 2009, l'API n'existe plus : la variable vaut faux (le RSA majoré lit la
    grossesse, rsa_parent_isole), et les autres prestations familiales exigent un enfant.
    """

    def formula(famille, period):
        parent = ~famille.members("enfant_a_charge", period)
        api_demandee = famille.any(
            famille.members("prestations_familiales_api_demandee", period) * parent
        )
        return femme_isolee_enceinte(famille, period) * api_demandee


class prestations_familiales_paje_grossesse(Variable):
    value_type = bool
    entity = Famille
    definition_period = MONTH
    label = "Prestation d'accueil du jeune enfant : un parent qui la demande attend un enfant (grossesse déclarée) ; la prime à la naissance est versée avant la naissance, sans enfant né (L.531-2 CSS, depuis le 1er janvier 2004)"
    reference = [
        "Code de la sécurité sociale, art. L.531-1 et L.531-2, créés par la loi n° 2003-1199 du 18 décembre 2003 de financement de la sécurité sociale pour 2004, art. 60 : la prime à la naissance est versée « avant la naissance de l'enfant », pour chaque enfant à naître",
    ]
    documentation = """
    La prestation d'accueil du jeune enfant (PAJE), pour les enfants nés depuis le 1er janvier
    2004, ouvre sa prime à la naissance pendant la grossesse déclarée : le parent qui la demande
    (prestation_familiale_demandee) n'a pas besoin d'enfant né qui remplisse les conditions ; les
    siennes suffisent (prestations_familiales_eligible), l'enfant à naître n'ayant pas d'entrée à
    justifier (L.512-2). Avant 2004, l'allocation pour jeune enfant qui la précédait n'est pas une
    valeur de prestation_familiale_demandee : la variable vaut faux.
    """

    def formula_2004_01_01(famille, period):
        parent = ~famille.members("enfant_a_charge", period)
        demandee = famille.members("prestation_familiale_demandee", period)
        paje = famille.any((demandee == PrestationFamiliale.paje) * parent)
        return paje * grossesse_parent(famille, period)


class prestations_familiales_condition_residence(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Prestations familiales : résidence en France du parent (R.115-6 puis R.111-2) ou de l'enfant (R.512-1) ; le citoyen de l'Union entré pour chercher un emploi ne la remplit pas (lettre CNAF du 28 février 2008)"
    reference = REFERENCES
    documentation = """
    Le parent réside en France (foyer permanent, ou plus de six mois de présence, neuf mois depuis le
    1er janvier 2025 ; pour l'allocation de logement familiale, le logement occupé huit mois :
    prestations_familiales_residence_allocataire) ; pour l'allocation de parent isolé, le citoyen
    de l'Union non actif y réside depuis plus de trois mois (prestations_familiales_api_demandee) ;
    le citoyen de l'Union inactif, et le membre de sa famille qui ne tient son droit que de lui, ont
    droit à compter du mois suivant leur arrivée. Le citoyen de l'Union entré en France pour y
    chercher un emploi ne remplit pas la condition de résidence des prestations des CAF, « sa
    résidence n'étant pas réputée durable » (lettre CNAF du 28 février 2008, § 4 :
    exclu_demandeur_emploi_ue_prestations_caf).
    L'enfant réside en France au sens de R.512-1 (séjours provisoires de trois mois au plus dans
    l'année civile, ou études).
    """

    def formula(individu, period):
        return all_hold(individu, period, RESIDENCE)


class prestations_familiales_condition_sejour(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Prestations familiales : séjour régulier du parent (L.512-2 et D.512-1) ou droit au séjour de l'Union ; entrée régulière de l'enfant étranger (D.512-2)"
    reference = REFERENCES
    documentation = """
    Aucune condition pour un parent français. Le citoyen de l'Union doit avoir un droit au séjour et
    n'être pas entré pour chercher un emploi (position de la CNAF pour toutes ses prestations, à
    compter du 1er janvier 2008). L'enfant étranger doit être entré par l'une des voies de D.512-2
    (depuis le 1er mars 2006) ; un enfant français ou citoyen de l'Union n'y est pas soumis.
    """

    def formula(individu, period):
        return all_hold(individu, period, SEJOUR)


class prestations_familiales_eligible(Variable):
    value_type = bool
    entity = Famille
    definition_period = MONTH
    label = "Prestations familiales : un parent et au moins un enfant remplissent leurs conditions de résidence et de séjour (pour l'API, jusqu'au 31 mai 2009, la grossesse de la femme isolée tient lieu d'enfant ; pour la PAJE, depuis 2004, la grossesse déclarée)"
    reference = [
        *REFERENCES,
        "Code de la sécurité sociale, art. L.524-1 et L.524-2 (allocation de parent isolé de la femme isolée en état de grossesse, jusqu'au 31 mai 2009)",
    ]
    documentation = """
    Le droit est ouvert quand un parent au moins (l'allocataire) remplit ses conditions, et qu'au
    moins un enfant remplit les siennes ; un enfant qui ne les remplit pas n'ouvre pas droit.
    L'allocation de parent isolé est aussi ouverte à la femme isolée enceinte qui la demande, sans
    enfant qui ouvre droit (prestations_familiales_api_grossesse), et la prime à la naissance de
    la PAJE au parent qui la demande pendant la grossesse (prestations_familiales_paje_grossesse).
    """

    def formula(famille, period):
        remplies = remplit(famille.members, period, "prestations_familiales")
        enfant = famille.members("enfant_a_charge", period)
        l524_2_grossesse = famille("prestations_familiales_api_grossesse", period)
        l531_2_enfant_a_naitre = famille("prestations_familiales_paje_grossesse", period)
        return famille.any(remplies * ~enfant) * (
            famille.any(remplies * enfant) + l524_2_grossesse + l531_2_enfant_a_naitre
        )


class prestations_familiales_motif_refus(Variable):
    value_type = Enum
    possible_values = Motif
    default_value = Motif.aucun
    entity = Individu
    definition_period = MONTH
    label = "Prestations familiales : règle qui refuse, pour le parent ou pour l'enfant, la première dans l'ordre de préséance"
    reference = REFERENCES
    documentation = """
    Ordre de préséance : résidence du parent, mois d'arrivée du citoyen de l'Union inactif, trois
    mois de résidence du citoyen de l'Union non actif pour l'API, exclusion du demandeur d'emploi
    de l'Union (une condition de résidence pour la CNAF, lettre du 28 février 2008, § 4), résidence
    de l'enfant, décision de refus de séjour, droit au séjour de l'Union, titre du parent, entrée
    de l'enfant (ordre de MotifRefusPrestationsFamiliales). Pour l'API, l'exclusion des minima
    sociaux (L.524-1) est lue avec le séjour, après la décision de refus.
    """

    def formula(individu, period):
        return first_refusal(individu, period, RESIDENCE + SEJOUR, Motif.aucun)
