from openfisca_core.periods import MONTH

from openfisca_residence.rules.dates import period_end
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class mois_absence_logement(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    label = "Fraction du mois passée hors du logement : jours hors de France, déclarés ou depuis un départ daté, sauf un mois d'avant l'installation en France (foyer à l'étranger, avant la dernière arrivée)"
    reference = [
        "Code de la construction et de l'habitation, art. R.822-23 : « le logement […] occupé au moins huit mois par an » (durée d'occupation exprimée en mois)",
        "Code de la sécurité sociale, art. D.542-1 et R.831-1 (jusqu'au 31 août 2019)",
    ]
    documentation = """
    L'occupation du logement se déduit de la présence en France (choix du projet) : les jours
    d'absence déclarés du mois ou, s'ils sont plus nombreux, ceux de l'absence qui court depuis le
    dernier départ déclaré (mois_absence_france). Les mois passés
    à l'étranger avant de s'installer en France (le foyer permanent à l'étranger ce mois-là, et le
    mois fini avant la dernière arrivée en France, date_arrivee_france) ne sont pas des absences
    du logement, que la personne n'occupait pas encore ; ceux d'un séjour à l'étranger de la
    personne dont le foyer est en France le sont, comme le mois passé à l'étranger de celle qui n'y
    est pas revenue.
    """

    def formula(individu, period):
        avant_installation = ~individu("foyer_permanent_france", period) * (
            period_end(period) < individu("date_arrivee_france", period)
        )
        return individu("mois_absence_france", period) * ~avant_installation
