"""Faits primaires de la résidence, déclarés mois par mois : les règles en déduisent la résidence."""

from datetime import date

from openfisca_core.periods import MONTH

from openfisca_residence.rules.dates import LONG_AGO
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.inputs import days_of_month, dispatch_by_period
from openfisca_residence.rules.variable import Variable


class jours_absence_france(Variable):
    value_type = int
    default_value = 0
    entity = Individu
    definition_period = MONTH
    set_input = days_of_month
    label = "Nombre de jours du mois passés hors de France métropolitaine et des départements d'outre-mer"
    reference = "Code de la sécurité sociale, art. R.115-6 (présence effective sur le territoire)"


class enfant_frequente_etablissement_frontalier(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "Les absences du mois de l'enfant : sa famille a sa résidence principale en France dans une zone frontalière, il fréquente dans le pays voisin, à proximité de la frontière, un établissement d'enseignement ou de soins et rejoint sa famille à intervalles rapprochés"
    reference = "Code de la sécurité sociale, art. R.512-1, 3° (séjours « de durée au plus égale à celle de l'année scolaire » de l'enfant d'une famille de zone frontalière)"


class foyer_permanent_france(Variable):
    value_type = bool
    default_value = True
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "Le foyer permanent (lieu où la personne habite normalement) est en France"
    reference = [
        "Code de la sécurité sociale, art. R.115-6, alinéa 2 (le foyer, lieu de la résidence habituelle à caractère permanent)",
        "Circulaire DSS/2A/2B/3A n° 2008-245 du 22 juillet 2008 : faisceau d'indices (sources/controle-residence-r115-6-circulaire-2008-07-22.txt)",
    ]


class absence_pour_etudes(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "Les absences du mois sont dues à des études, à l'apprentissage d'une langue ou à une formation professionnelle"
    reference = [
        "Code de la sécurité sociale, art. R.512-1, 2° (séjour nécessaire pour poursuivre ses études, apprendre une langue étrangère ou parfaire sa formation professionnelle)",
        "Code de la sécurité sociale, art. R.821-1 (AAH : renvoi au 2° de l'article R.512-1)",
    ]
    documentation = """
    Lue pour les enfants (R.512-1) et l'AAH (R.821-1) seulement : le RMI (R.262-2-1 CASF) et le
    RSA (R.262-5 CASF) n'exceptent pas les études.
    """


class date_arrivee_france(Variable):
    value_type = date
    default_value = LONG_AGO
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "Date de la dernière arrivée en France"
    reference = "Code de l'action sociale et des familles, art. L.251-1 (résidence ininterrompue depuis plus de trois mois)"


class retour_volontariat_international(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "La personne revient en France après avoir accompli un volontariat international à l'étranger"
    reference = "Code de la sécurité sociale, art. R.380-1, I, 4° (CMU de base) puis D.160-2, 4° (PUMa) ; code du service national, art. L.122-1 et suivants (volontariat international)"


class inscrit_etablissement_enseignement(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "La personne est inscrite dans un établissement d'enseignement, ou venue en France y effectuer un stage dans le cadre d'accords de coopération culturelle, technique et scientifique"
    reference = (
        "Code de la sécurité sociale, art. R.380-1, I, 1° (CMU de base) puis D.160-2, 1° (PUMa)"
    )
