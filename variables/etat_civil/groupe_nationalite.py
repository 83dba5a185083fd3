import numpy
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH

from openfisca_residence.rules.countries import nationality_is
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.etat_civil.enums import GroupeNationalite


class groupe_nationalite(Variable):
    value_type = Enum
    possible_values = GroupeNationalite
    default_value = GroupeNationalite.francais
    entity = Individu
    definition_period = MONTH
    label = "Régime de séjour selon la nationalité du mois : français, citoyen de l'Union, de l'EEE ou de la Suisse, ressortissant d'un pays tiers"
    reference = [
        "Code de la sécurité sociale, art. L.115-6 et L.512-2 (étrangers) ; code de l'entrée et du séjour des étrangers et du droit d'asile, art. L.233-1 (citoyens de l'Union)",
        "Lettre-réseau CNAM LR-DDO-124/2017, § 1.6 : la naturalisation met fin au contrôle de la régularité (sources/cnam-lr-ddo-124-2017-regularite-sejour.txt)",
    ]
    documentation = """
    Chaque prestation applique à chaque groupe sa condition de séjour : aucune pour un Français, le
    droit au séjour (variables/ue) pour un citoyen de l'Union, de l'EEE ou de la Suisse, un titre
    de séjour (variables/sejour) pour les autres, apatrides compris.
    """

    def formula(individu, period):
        francais = nationality_is(individu("nationalite", period), "FR")
        return numpy.select(
            [francais, individu("ressortissant_ue_eee_suisse", period)],
            [GroupeNationalite.francais.index, GroupeNationalite.ue_eee_suisse.index],
            default=GroupeNationalite.pays_tiers.index,
        )
