"""Faits déclarés propres à une prestation."""

from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_residence.entities import Individu
from openfisca_residence.inputs import dispatch_by_period
from openfisca_residence.variables.prestations.enums import CasVersementAspa


class aspa_cas_versement(Variable):
    value_type = Enum
    possible_values = CasVersementAspa
    default_value = CasVersementAspa.allocataire
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "ASPA d'un couple : au titre de quoi l'allocation est servie à l'allocataire (pension, majoration pour conjoint à charge, ou les deux)"
    reference = "Circulaire DSS/2A/2B/3A n° 2008-245 du 22 juillet 2008 : trois cas pour l'ASPA d'un couple (sources/controle-residence-r115-6-circulaire-2008-07-22.txt)"
