from openfisca_core.periods import MONTH

from openfisca_residence.rules.countries import nationality_is
from openfisca_residence.rules.dates import add_months
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.lookup import category_in_at_dates, parameters_of, value_at_dates
from openfisca_residence.rules.variable import Variable


class enfant_entree_reguliere(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "L'entrée de l'enfant satisfait L.512-2 CSS : il est français ou citoyen de l'Union, de l'EEE ou de la Suisse, ou entré par l'une des voies de D.512-2, ou majeur titulaire d'un titre de D.512-1 en cours de validité, ou la condition n'est pas opposable aux parents (français, citoyen de l'Union, exemptés)"
    reference = [
        "Code de la sécurité sociale, art. L.512-2, alinéas 3 et suivants (loi n° 2005-1579 du 19 décembre 2005, art. 89) et D.512-2 (décret n° 2006-234 du 27 février 2006)",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000042947066",
    ]
    documentation = """
    Né en France, entré par le regroupement familial (certificat OFII), membre de la famille d'un
    réfugié, enfant d'un scientifique ou d'un « passeport talent », entré avec son parent titulaire
    d'une carte « vie privée et familiale », ou titulaire d'un titre entre 16 et 18 ans. L'enfant
    de seize ans (6°) ou majeur (dernier alinéa) justifie aussi son entrée par l'un des titres de
    D.512-1, quelle qu'ait été son entrée : titre recevable pour les prestations familiales
    (titre_sejour_recevable_prestations_familiales) en cours de validité
    (titre_sejour_en_cours_de_validite). Comme l'entrée et le titre, l'âge (seize ans accomplis :
    parameters/sejour/prestations_familiales/age_titre_sejour_enfant) est apprécié à la date de la
    demande, non au premier jour du mois : la demande reçue le jour du seizième anniversaire est
    celle d'un enfant de seize ans. Le modèle ne borne
    pas l'âge des enfants à charge (vingt ou vingt et un ans selon la prestation) : l'enfant de la
    famille est réputé ouvrir droit. Avant le 1er mars 2006 (décret n° 2006-234, JORF 28 février 2006), aucun justificatif d'entrée n'était exigé
    de l'enfant. La condition ne lie que « ces étrangers », les parents étrangers hors Union, et ni le
    travailleur protégé par un accord d'égalité de traitement ni le titulaire d'un titre autorisant
    à travailler (permis unique) : condition_entree_enfant_applicable. L'enfant citoyen de l'Union,
    de l'EEE ou de la Suisse n'y est pas soumis : sa libre circulation ne fait pas de son entrée une
    entrée irrégulière. La liste des voies d'entrée est celle en vigueur pour le mois dû
    (date_regle_mois_du) : un mois antérieur au 1er mars 2006, demandé après, n'exige aucun
    justificatif d'entrée (Cass. ass. plén., 3 juin 2011).
    """

    def formula(individu, period):
        francais = nationality_is(individu("nationalite", period), "FR")
        # Le citoyen de l'Union, de l'EEE ou de la Suisse circule librement : son entrée n'est pas
        # « ces étrangers » de L.512-2 (choix du projet, le droit de l'Union primant).
        citoyen_ue = individu("ressortissant_ue_eee_suisse", period)
        entrees_regulieres = parameters_of(
            individu
        ).sejour.prestations_familiales.entrees_enfant_regulieres
        d512_2 = category_in_at_dates(
            individu("entree_enfant", period),
            entrees_regulieres,
            individu("date_regle_mois_du", period),
        )
        # D.512-2, 6° (seize à dix-huit ans) et dernier alinéa (majeur) : un titre de D.512-1.
        demande = individu("date_demande", period)
        age = parameters_of(individu).sejour.prestations_familiales.age_titre_sejour_enfant
        seize_ans = add_months(
            individu("date_naissance", period), 12 * value_at_dates(age, demande, before=99)
        )
        d512_2_titre_d512_1 = (
            (seize_ans <= demande)
            * individu("titre_sejour_recevable_prestations_familiales", period)
            * individu("titre_sejour_en_cours_de_validite", period)
        )
        l512_2_ces_etrangers = individu.famille("condition_entree_enfant_applicable", period)
        return francais + citoyen_ue + d512_2 + d512_2_titre_d512_1 + ~l512_2_ces_etrangers
