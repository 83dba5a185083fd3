import numpy
from openfisca_core.periods import MONTH

from openfisca_residence.rules.dates import LONG_AGO, period_end
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.residence.jours_presence_france_retenus import (
    fin_de_l_absence,
    jours_entre,
)


class jours_absence_depuis_depart(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    label = "Jours du mois compris dans l'absence qui court depuis le dernier départ de France déclaré, jusqu'à la dernière arrivée si elle le suit"
    reference = [
        "Code de la sécurité sociale, art. R.512-1, 1° (séjours provisoires hors de France de l'enfant)",
        "Code de la construction et de l'habitation, art. R.822-23 : « le logement […] occupé au moins huit mois par an »",
    ]
    documentation = """
    L'absence datée commence au dernier départ de France déclaré (date_dernier_depart_france) et
    dure jusqu'à la dernière arrivée (date_arrivee_france) si celle-ci le suit, sinon jusqu'au mois
    examiné (absence en cours). Sans départ déclaré, aucun jour : les jours qui précèdent la
    première arrivée en France ne sont pas une absence (la personne n'y vivait pas encore). Les
    règles qui la lisent retiennent, pour chaque mois, le plus grand de ce nombre et des jours
    d'absence déclarés (jours_absence_france) : un jour n'est pas compté deux fois.
    """

    def formula(individu, period):
        jours = numpy.zeros(individu.count, dtype=numpy.int32)
        depart = individu("date_dernier_depart_france", period)
        lignes = numpy.flatnonzero(
            (depart > numpy.datetime64(LONG_AGO)) & (depart <= period_end(period))
        )
        if not lignes.size:
            return jours
        depart = depart[lignes]
        arrivee = individu("date_arrivee_france", period)[lignes]
        fin = fin_de_l_absence(depart, arrivee)
        jours[lignes] = jours_entre(depart.astype(numpy.int64), fin.astype(numpy.int64), period)
        return jours
