import numpy
from openfisca_core.periods import MONTH

from openfisca_residence.rules.dates import period_start
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.ue.enums import StatutRessortissantUE


class ue_prestations_familiales_mois_suivant_arrivee(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Prestations familiales de l'inactif citoyen de l'Union, et du membre de sa famille qui ne tient son droit au séjour que d'inactifs : le mois est postérieur au mois de son arrivée en France"
    reference = [
        "Lettre d'information CNAF n° 1 du 28 février 2008, § 3 « Précisions sur les prestations familiales pour les inactifs » : « le droit peut être ouvert à compter du mois suivant l'arrivée en France » (sources/cnaf-lettre-information-2008-02-28-droit-sejour-ue.txt)",
        "Code de la sécurité sociale, art. L.552-1 (prestations dues à partir du mois civil suivant celui où les conditions sont réunies)",
    ]
    documentation = """
    Faux pour l'inactif (statut inactif) le mois de sa dernière arrivée en France (et avant) ; vrai
    ensuite et pour toute autre personne : aucune résidence préalable de trois mois n'est exigée de
    l'inactif pour les prestations familiales, seulement ses conditions de droit au séjour
    (droit_au_sejour_ue). Le membre de famille (statut membre_famille, par exemple le conjoint
    ressortissant d'un pays tiers titulaire de la carte « membre de la famille d'un citoyen de
    l'Union ») dont la famille ne compte, comme titulaires d'un droit au séjour propre, que des
    inactifs y est soumis aussi, à compter de sa propre arrivée : sinon le foyer arrivé le 10 mars
    aurait ses prestations dès mars par lui (choix du projet). La règle de L.552-1 vaut à toute
    date : la variable n'a pas de date d'effet.
    """

    def formula(individu, period):
        statut = individu("statut_ressortissant_ue", period)
        inactif = statut == StatutRessortissantUE.inactif
        # Arrivée un mois antérieur <=> arrivée avant le premier jour du mois.
        arrive_avant_le_mois = individu("date_arrivee_france", period) < period_start(period)
        remplie = ~inactif + arrive_avant_le_mois
        # La famille n'est lue que pour les membres de famille arrivés dans le mois ou après.
        membre_arrive = (statut == StatutRessortissantUE.membre_famille) * ~arrive_avant_le_mois
        if not membre_arrive.any():
            return remplie
        # Les droits au séjour propres de la famille, comptés en une somme : 1 pour celui d'un
        # inactif, AUTRES pour un autre ; le membre de famille n'en a pas lui-même.
        droit_propre = individu("droit_au_sejour_ue_propre", period)
        poids = numpy.where(droit_propre, numpy.where(inactif, 1, AUTRES), 0)
        droits = individu.famille.sum(poids)
        membre_famille_d_inactifs = membre_arrive * (droits > 0) * (droits < AUTRES)
        return remplie * ~membre_famille_d_inactifs


AUTRES = 1_000_000  # plus que les membres d'une famille
