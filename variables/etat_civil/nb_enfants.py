"""Nombre d'enfants à charge de la famille, compté une fois : la composition de la famille est celle
de la simulation, la même à toutes les périodes (ETERNITY)."""

from openfisca_core.periods import ETERNITY

from openfisca_residence.rules.entities import Famille
from openfisca_residence.rules.variable import Variable


class nb_enfants(Variable):
    value_type = int
    entity = Famille
    definition_period = ETERNITY
    label = "Nombre d'enfants à charge de la famille"
    reference = "Code de la sécurité sociale, art. L.512-1 et L.513-1 (enfants à charge)"

    def formula(famille, period):
        return famille.nb_persons(Famille.ENFANT)
