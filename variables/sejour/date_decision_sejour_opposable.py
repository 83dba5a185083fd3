from datetime import date

import numpy
from openfisca_core.periods import MONTH

from openfisca_residence.rules.dates import NEVER
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class date_decision_sejour_opposable(Variable):
    value_type = date
    entity = Individu
    definition_period = MONTH
    label = "Date de la décision de refus, de retrait, d'expulsion ou d'obligation de quitter le territoire qui produit ses effets (aucune si le juge l'a annulée)"
    reference = [
        "Réponse ministérielle à la question écrite AN n° 2308, JO 17 juin 2025 : la décision de refus de séjour est le fait générateur de l'extinction des droits sociaux, sans recours suspensif (sources/an-qe-2308-2025-fin-droits-sociaux-refus-sejour.txt)",
        "Code de l'entrée et du séjour des étrangers et du droit d'asile, art. L.614-16 (ex L.512-4) : effets de l'annulation",
    ]

    def formula(individu, period):
        return numpy.where(
            individu("decision_refus_sejour_annulee", period),
            numpy.datetime64(NEVER),
            individu("decision_refus_sejour_date", period),
        )
