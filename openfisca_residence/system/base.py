"""What this model's tax-benefit systems add to OpenFisca-Core's, by subclassing.

`SystemBase` is mixed into the country's system (`CountryTaxBenefitSystem`) and into the base of
its reforms (`system.reform.Reform`), so that a reformed system behaves as the baseline does:

- its simulations' populations are `system.populations`'s (a value for ETERNITY given to an
  input defined by month, fast family reductions);
- an unknown variable is named with the closest existing one (`UnknownNameError`);
- `apply_reform(path)` (what `openfisca test` and `openfisca serve --reforms` call) gives a reform
  that keeps these behaviours, even when it was written on Core's `Reform`.
"""

from __future__ import annotations

from openfisca_core.errors import VariableNotFoundError

from openfisca_residence.system.errors import UnknownNameError
from openfisca_residence.system.populations import GroupPopulation, Population


class SystemBase:
    def instantiate_entities(self):
        members = Population(self.person_entity)
        populations = {members.entity.key: members}
        for entity in self.group_entities:
            populations[entity.key] = GroupPopulation(entity, members)
        return populations

    def get_variable(self, variable_name, check_existence=False):
        variable = self.variables.get(variable_name)  # Core's answer, without its checks' cost
        if variable is not None:
            return variable
        try:
            return super().get_variable(variable_name, check_existence)
        except UnknownNameError:
            raise
        except VariableNotFoundError:
            raise UnknownNameError(variable_name, self) from None

    def apply_reform(self, reform_path: str):
        return with_model_behaviours(super().apply_reform(reform_path))


def with_model_behaviours(reformed):
    """A reformed system that behaves as this model's systems do. A reform written on Core's
    `Reform` (a user's, a third party's) is applied again as a subclass that mixes `SystemBase`
    in: the same reform, with this model's populations and messages."""
    if isinstance(reformed, SystemBase) or getattr(reformed, "baseline", None) is None:
        return reformed
    reform = type(reformed)
    mixed = type(reform.__name__, (SystemBase, reform), {"__module__": reform.__module__})
    return mixed(reformed.baseline)
