from openfisca_core.periods import MONTH

from openfisca_residence.rules.countries import nationality_is
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.lookup import category_in_at_dates, parameters_of
from openfisca_residence.rules.variable import Variable


class enfant_entree_reguliere(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "L'entrée de l'enfant satisfait L.512-2 CSS : il est français, ou entré par l'une des voies de D.512-2, ou la condition n'est pas opposable aux parents (français, citoyen de l'Union, exemptés)"
    reference = [
        "Code de la sécurité sociale, art. L.512-2, alinéas 3 et suivants (loi n° 2005-1579 du 19 décembre 2005, art. 89) et D.512-2 (décret n° 2006-234 du 27 février 2006)",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000042947066",
    ]
    documentation = """
    Né en France, entré par le regroupement familial (certificat OFII), membre de la famille d'un
    réfugié, enfant d'un scientifique ou d'un « passeport talent », entré avec son parent titulaire
    d'une carte « vie privée et familiale », ou titulaire d'un titre entre 16 et 18 ans. Avant le 1er
    mars 2006 (décret n° 2006-234, JORF 28 février 2006), aucun justificatif d'entrée n'était exigé
    de l'enfant. La condition ne lie que « ces étrangers », les parents étrangers hors Union, et ni le
    travailleur protégé par un accord d'égalité de traitement ni le titulaire d'un titre autorisant
    à travailler (permis unique) : condition_entree_enfant_applicable.
    """

    def formula(individu, period):
        francais = nationality_is(individu("nationalite", period), "FR")
        entrees_regulieres = parameters_of(
            individu
        ).sejour.prestations_familiales.entrees_enfant_regulieres
        d512_2 = category_in_at_dates(
            individu("entree_enfant", period), entrees_regulieres, individu("date_demande", period)
        )
        l512_2_ces_etrangers = individu.famille("condition_entree_enfant_applicable", period)
        return francais + d512_2 + ~l512_2_ces_etrangers
