from datetime import date

import numpy
from openfisca_core.periods import MONTH

from openfisca_residence.rules.dates import add_days
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class date_debut_sejour_irregulier(Variable):
    value_type = date
    entity = Individu
    definition_period = MONTH
    label = "Date depuis laquelle la personne séjourne en France sans remplir la condition de régularité : arrivée, lendemain de l'expiration du dernier titre recevable, ou décision de refus"
    reference = [
        "Code de l'action sociale et des familles, art. L.251-1 (loi n° 2019-1479 du 28 décembre 2019, art. 264) : « sans remplir la condition de régularité […] depuis plus de trois mois »",
        "Lettre-réseau CNAM LR-DDO-124/2017, § 1.5 : la personne présentant une convocation de première demande est en situation irrégulière (sources/cnam-lr-ddo-124-2017-regularite-sejour.txt)",
    ]

    def formula(individu, period):
        lendemain = add_days(individu("date_fin_droit_au_sejour", period), 1)
        return numpy.maximum(individu("date_arrivee_france", period), lendemain)
