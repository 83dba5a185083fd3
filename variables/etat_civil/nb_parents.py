"""Nombre de parents de la famille, compté une fois : la composition de la famille est celle de la
simulation, la même à toutes les périodes (ETERNITY)."""

from openfisca_core.periods import ETERNITY

from openfisca_residence.rules.entities import Famille
from openfisca_residence.rules.variable import Variable


class nb_parents(Variable):
    value_type = int
    entity = Famille
    definition_period = ETERNITY
    label = "Nombre de parents de la famille (l'allocataire et son conjoint)"
    reference = "Code de l'action sociale et des familles, art. R.262-1 (composition du foyer)"

    def formula(famille, period):
        return famille.nb_persons(Famille.PARENT)
