"""The variables of this model: OpenFisca-Core's `Variable`, which checks a value written by hand.

OpenFisca converts a value written in a YAML test or a Web API request silently (`"false"` or `7`
to true, 2.5 days to 2, the number 12 to the date 1970-01-13, 3 to the fourth item of an enum), or
fails with a traceback. `check_set_value`, which Core's situation builder calls on each value,
refuses it with what was expected (`rules.inputs.value_problem`); the builder then locates the
error at the variable, the period and the person.
"""

from openfisca_core import variables

from openfisca_residence.i18n import _
from openfisca_residence.rules.inputs import shown, value_problem


class Variable(variables.Variable):
    def check_set_value(self, value):
        if value is not None and (problem := value_problem(self, value)):
            raise ValueError(
                _("Invalid input for {variable}: {value}; {problem}.").format(
                    variable=self.name, value=shown(value), problem=problem
                )
            )
        return super().check_set_value(value)
