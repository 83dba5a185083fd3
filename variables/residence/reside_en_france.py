from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class reside_en_france(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Réside en France : foyer permanent ou lieu du séjour principal en France"
    reference = [
        "Code de la sécurité sociale, art. R.115-6, alinéa 1 (décret n° 2007-354 du 14 mars 2007) puis art. R.111-2",
        "Circulaire DSS/2A/2B/3A n° 2008-245 du 22 juillet 2008 : « si la première notion n'est pas constatée, il appartient aux organismes de vérifier la seconde » (sources/controle-residence-r115-6-circulaire-2008-07-22.txt)",
    ]

    def formula(individu, period):
        r115_6_foyer = individu("foyer_permanent_france", period)
        r115_6_sejour_principal = individu("sejour_principal_france", period)
        return r115_6_foyer + r115_6_sejour_principal
