from openfisca_core.model_api import max_
from openfisca_core.periods import MONTH
from openfisca_core.populations import ADD

from openfisca_residence.rules.dates import months_before
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class jours_presence_france_retenus(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    label = "Jours de présence en France retenus pour le séjour principal : année civile précédente ou, si c'est plus favorable, 12 mois de date à date"
    reference = [
        "Code de la sécurité sociale, art. R.115-6, alinéa 3 (décret n° 2007-354 du 14 mars 2007)",
        "Circulaire DSS/2A/2B/3A n° 2008-245 du 22 juillet 2008 : année civile précédente, ou de date à date sur 12 mois continus ; présence fractionnée additionnée (sources/controle-residence-r115-6-circulaire-2008-07-22.txt)",
    ]

    def formula(individu, period, parameters):
        regle = parameters(period).residence.sejour_principal
        # Les jours de présence s'additionnent, même fractionnés (exemple de la circulaire : du
        # 1er janvier au 31 mars, puis du 17 septembre au 21 décembre).
        annee_civile_precedente = individu("jours_presence_france", period.last_year, options=[ADD])
        if not regle.appreciation_de_date_a_date:
            return annee_civile_precedente
        de_date_a_date = individu(
            "jours_presence_france",
            months_before(period, regle.duree_periode_de_date_a_date),
            options=[ADD],
        )
        return max_(annee_civile_precedente, de_date_a_date)
