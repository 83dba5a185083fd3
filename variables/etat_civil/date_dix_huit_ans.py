from datetime import date

from openfisca_core.periods import ETERNITY

from openfisca_residence.rules.dates import add_months
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class date_dix_huit_ans(Variable):
    value_type = date
    entity = Individu
    definition_period = ETERNITY
    label = "Date des dix-huit ans accomplis : le jour où la personne devient majeure"
    reference = [
        "Code civil, art. 388 : « Le mineur est l'individu de l'un ou l'autre sexe qui n'a point encore l'âge de dix-huit ans accomplis »",
        "Code civil, art. 414 : « La majorité est fixée à dix-huit ans accomplis »",
    ]
    documentation = "Le dix-huitième anniversaire, calculé une fois pour toutes les périodes."

    def formula(individu, period):
        return add_months(individu("date_naissance", period), 12 * 18)
