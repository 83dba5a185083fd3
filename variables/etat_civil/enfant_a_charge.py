from openfisca_core.periods import ETERNITY

from openfisca_residence.rules.entities import Famille, Individu
from openfisca_residence.rules.variable import Variable


class enfant_a_charge(Variable):
    value_type = bool
    entity = Individu
    definition_period = ETERNITY
    label = "La personne est un enfant à charge de sa famille (rôle « enfant ») ; sinon, un parent"
    reference = (
        "Code de la sécurité sociale, art. L.512-1 et L.513-1 (enfants à charge, allocataire)"
    )
    documentation = (
        "Le rôle tenu dans la famille de la simulation, calculé une fois pour toutes les périodes."
    )

    def formula(individu, period):
        return individu.has_role(Famille.ENFANT)
