from openfisca_core.periods import MONTH

from openfisca_residence.rules.dates import lasts_more_than
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.lookup import category_in_at_dates, parameters_of
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.sejour.enums import TitreSejour


class titre_sejour_recevable_prestations_familiales(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Le titre ou document de séjour détenu est recevable pour les prestations familiales (D.511-1, puis D.512-1 CSS)"
    reference = [
        "Code de la sécurité sociale, art. L.512-2 et D.512-1 (décret n° 2006-234 du 27 février 2006), auparavant D.511-1",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000042947075",
    ]
    documentation = """
    Liste propre aux prestations familiales, plus étroite que celle de l'assurance maladie : ni
    récépissé de première demande, ni attestation de demande d'asile, ni convocation ; une
    autorisation provisoire de séjour seulement si sa validité dépasse trois mois. Elle vaut aussi
    pour les aides au logement (R.823-2 CCH) et le RSA majoré (L.262-4, 2°, b CASF). La liste est
    celle en vigueur pour le mois dû (date_regle_mois_du).
    """

    def formula(individu, period, parameters):
        titres = parameters_of(individu).sejour.titres_recevables
        titre = individu("titre_sejour", period)
        d512_1_liste = category_in_at_dates(
            titre, titres.prestations_familiales, individu("date_regle_mois_du", period)
        )
        duree_minimale = parameters(
            period
        ).sejour.titres_recevables.duree_minimale_autorisation_provisoire
        autorisation_provisoire = titre == TitreSejour.autorisation_provisoire_sejour
        # Les jours de début et de fin compris : du 1er janvier au 1er avril, plus de trois mois.
        d512_1_7_autorisation_de_plus_de_trois_mois = lasts_more_than(
            individu("titre_sejour_date_debut", period),
            individu("titre_sejour_fin_validite", period),
            duree_minimale,
            where=autorisation_provisoire,
        )
        return d512_1_liste * (
            ~autorisation_provisoire + d512_1_7_autorisation_de_plus_de_trois_mois
        )
