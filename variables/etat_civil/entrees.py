"""État civil déclaré : date de naissance, nationalité."""

from datetime import date

from openfisca_core.periods import ETERNITY, MONTH

from openfisca_residence.i18n import N_
from openfisca_residence.rules.countries import is_country_code
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.inputs import dispatch_by_period, dispatched
from openfisca_residence.rules.variable import Variable


class date_naissance(Variable):
    value_type = date
    default_value = date(1970, 1, 1)
    entity = Individu
    definition_period = ETERNITY
    set_input = dispatch_by_period
    label = "Date de naissance"
    reference = "Code civil, art. 57 (acte de naissance)"


class nationalite(Variable):
    value_type = str
    default_value = "FR"
    entity = Individu
    definition_period = MONTH
    set_input = dispatched(
        is_country_code,
        N_(
            "an ISO 3166-1 alpha-2 country code in capitals (FR, IT, GB...), or XX for a stateless "
            "person"
        ),
    )
    label = (
        "Nationalité (code pays ISO 3166-1 alpha-2 ; GB pour le Royaume-Uni, XX pour un apatride)"
    )
    reference = "Code civil, art. 17 et suivants (nationalité française) ; ISO 3166-1"
