"""État civil déclaré : date de naissance."""

from datetime import date

from openfisca_core.periods import ETERNITY
from openfisca_core.variables import Variable

from openfisca_residence.entities import Individu


class date_naissance(Variable):
    value_type = date
    default_value = date(1970, 1, 1)
    entity = Individu
    definition_period = ETERNITY
    label = "Date de naissance"
    reference = "Code civil, art. 57 (acte de naissance)"
