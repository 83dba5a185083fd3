import numpy
from openfisca_core import periods
from openfisca_core.periods import MONTH

from openfisca_residence.rules.countries import nationality_is
from openfisca_residence.rules.dates import add_months
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable

FIN_DE_LA_TRANSITION = periods.period("2020-12")  # accord de retrait, art. 126


class britannique_residant_fin_transition(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Britannique qui résidait en France conformément au droit de l'Union à la fin de la période de transition (31 décembre 2020) : droit au séjour de l'Union en décembre 2020, ou arrivé depuis trois mois au plus"
    reference = [
        "Accord sur le retrait du Royaume-Uni de l'Union européenne, art. 10, § 1, b (ressortissants du Royaume-Uni « qui ont exercé leur droit de résider dans un État membre conformément au droit de l'Union avant la fin de la période de transition et qui continuent à y résider par la suite »), art. 13, § 1, et art. 126",
        "Directive 2004/38/CE, art. 6, § 1 (séjour jusqu'à trois mois sans autre condition) et art. 7",
    ]
    documentation = """
    Depuis le 1er janvier 2021 : le Britannique arrivé en France au plus tard le 31 décembre 2020
    qui avait en décembre 2020 un droit au séjour de l'Union (droit_au_sejour_ue), ou dont le
    séjour relevait encore du droit de séjour jusqu'à trois mois sans condition (arrivé depuis le
    1er octobre 2020 : art. 6, § 1, de la directive). Il bénéficie de l'accord de retrait
    (beneficiaire_accord_retrait_royaume_uni) sans titre jusqu'à la date où le titre est exigé, ou
    pendant l'examen de sa demande ; son séjour irrégulier ne commence qu'ensuite
    (date_debut_sejour_irregulier). Avant 2021, false : le droit de l'Union s'applique.
    """

    def formula_2021_01_01(individu, period):
        britannique = nationality_is(individu("nationalite", period), "GB")
        if not britannique.any():
            # Sans Britannique, le droit au séjour de l'Union de décembre 2020 n'est pas calculé.
            return britannique
        fin_transition = numpy.datetime64(FIN_DE_LA_TRANSITION.stop.date)
        arrivee = individu("date_arrivee_france", period)
        art_6_1_trois_premiers_mois = arrivee > add_months(fin_transition, -3)
        art_10_residence_avant_2021 = (arrivee <= fin_transition) * (
            individu("droit_au_sejour_ue", FIN_DE_LA_TRANSITION) + art_6_1_trois_premiers_mois
        )
        return britannique * art_10_residence_avant_2021
