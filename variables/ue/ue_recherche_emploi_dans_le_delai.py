from openfisca_core.periods import MONTH

from openfisca_residence.rules.dates import reached
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class ue_recherche_emploi_dans_le_delai(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Le citoyen de l'Union inscrit comme demandeur d'emploi cherche depuis moins que le délai raisonnable (six mois depuis son arrivée), ou prouve des chances réelles d'être engagé"
    reference = [
        "CJCE, 26 février 1991, Antonissen, C-292/89, point 21 : au-delà du délai, le droit demeure si l'intéressé prouve qu'il continue à chercher un emploi et qu'il a des chances réelles d'être engagé",
        "Directive 2004/38/CE du 29 avril 2004, art. 14, § 4, b",
        "Lettre d'information CNAF n° 1 du 28 février 2008, § 4 : « délai raisonnable […] généralement de 6 mois » (sources/cnaf-lettre-information-2008-02-28-droit-sejour-ue.txt)",
    ]
    documentation = """
    Le délai court de l'arrivée en France (date_arrivee_france ; choix documenté : la lettre CNAF
    parle de « six mois d'inscription », la jurisprudence du délai laissé à l'arrivant), et se juge
    à la date de la demande (date_demande ; lettre CNAF, § 1 : la catégorie s'apprécie « au moment
    de la demande de prestations ») : arrivé le 15 février, il est dans le délai pour une demande du
    14 août, plus le 15 août.
    """

    def formula(individu, period, parameters):
        duree_recherche = parameters(period).ue.demandeur_emploi.duree_raisonnable_recherche
        # Le délai depuis l'arrivée n'est pas écoulé le jour de la demande.
        arrive_dans_le_delai = ~reached(
            individu("date_arrivee_france", period),
            duree_recherche,
            individu("date_demande", period),
        )
        return individu("inscrit_demandeur_emploi", period) * (
            arrive_dans_le_delai + individu("chances_reelles_embauche", period)
        )
