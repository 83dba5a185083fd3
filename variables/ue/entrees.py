"""Faits déclarés de l'activité, des ressources et de la couverture maladie, mois par mois."""

from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_residence.entities import Individu
from openfisca_residence.inputs import (
    days_of_month,
    dispatch_by_period,
    hours_of_month,
    non_negative,
)
from openfisca_residence.variables.ue.enums import CouvertureMaladie

LETTRE_CNAF_2008 = "Lettre d'information CNAF du 28 février 2008, droit au séjour des ressortissants communautaires (sources/cnaf-lettre-information-2008-02-28-droit-sejour-ue.txt)"


class heures_travail(Variable):
    value_type = float
    default_value = 0
    entity = Individu
    definition_period = MONTH
    set_input = hours_of_month
    label = "Heures de travail rémunéré dans le mois"
    reference = LETTRE_CNAF_2008


class jours_travail(Variable):
    value_type = int
    default_value = 0
    entity = Individu
    definition_period = MONTH
    set_input = days_of_month
    label = "Jours de travail rémunéré dans le mois"
    reference = LETTRE_CNAF_2008


class salaire_brut(Variable):
    value_type = float
    default_value = 0
    entity = Individu
    definition_period = MONTH
    set_input = non_negative
    label = "Rémunération brute du mois, en euros"
    reference = LETTRE_CNAF_2008


class inscrit_demandeur_emploi(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "Inscrit comme demandeur d'emploi"
    reference = "Code de l'entrée et du séjour des étrangers et du droit d'asile, art. R.233-7 (ex R.121-6) : chômage involontaire et inscription comme demandeur d'emploi"


class entre_en_france_pour_chercher_emploi(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "Entré en France pour y chercher un emploi"
    reference = [
        "Loi n° 2007-290 du 5 mars 2007, art. 63",
        LETTRE_CNAF_2008,
    ]


class ressources_mensuelles(Variable):
    value_type = float
    default_value = 0
    entity = Individu
    definition_period = MONTH
    set_input = non_negative
    label = "Ressources du foyer pour le mois, en euros"
    reference = [
        "Code de l'entrée et du séjour des étrangers et du droit d'asile, art. L.233-1, 2° (ex L.121-1) : ressources suffisantes",
        LETTRE_CNAF_2008,
    ]


class couverture_maladie(Variable):
    value_type = Enum
    possible_values = CouvertureMaladie
    default_value = CouvertureMaladie.aucune
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "Couverture maladie : aucune, complète, CMU ou PUMa au titre de la résidence, AME"
    reference = [
        "Code de l'entrée et du séjour des étrangers et du droit d'asile, art. L.233-1, 2° (ex L.121-1) : assurance maladie",
        LETTRE_CNAF_2008 + " : la CMU ne compte pas ; l'AME signifie un séjour irrégulier",
    ]
