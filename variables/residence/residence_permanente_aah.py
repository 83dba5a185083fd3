from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.residence.residence_permanente import (
    residence_annee_a_date,
    residence_de_date_a_date,
)


class residence_permanente_aah(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Résidence permanente en France pour l'AAH : séjours hors de France d'au plus trois mois de date à date et sur l'année civile ; au-delà, seuls les mois civils complets de présence"
    reference = [
        "Code de la sécurité sociale, art. R.821-1, alinéas ajoutés par le décret n° 2005-724 du 29 juin 2005 (JORF 30 juin 2005, en vigueur le 1er juillet 2005) : « En cas de séjour de plus de trois mois hors de ces territoires, soit de date à date, soit sur une année civile, l'AAH n'est versée […] que pour les seuls mois civils complets de présence »",
        "Code de la sécurité sociale, art. R.821-1 : renvoi au 2° de l'article R.512-1 (séjour nécessaire pour poursuivre ses études, apprendre une langue étrangère ou parfaire sa formation professionnelle)",
        "Circulaire DSS/2A/2B/3A n° 2008-245 du 22 juillet 2008 : l'AAH relève de sa propre condition de résidence permanente (sources/controle-residence-r115-6-circulaire-2008-07-22.txt)",
    ]
    documentation = """
    Même règle que le RMI et le RSA (residence_permanente), à compter du 1er juillet 2005 : chaque
    séjour compté de date à date et le total de l'année civile entière n'excèdent pas trois mois ;
    sinon, seuls les mois civils complets de présence. Propre à l'AAH (renvoi au 2° de R.512-1) :
    les séjours pour études, l'apprentissage d'une langue ou une formation professionnelle ne sont
    pas décomptés, et le mois d'un tel séjour est payé. Avant le décret, choix du projet : la même
    durée, appréciée sur l'année civile jusqu'au mois.
    """

    def formula(individu, period, parameters):
        sur_l_annee = residence_annee_a_date(
            individu, period, parameters, "jours_absence_annee_civile_hors_etudes"
        )
        return sur_l_annee + individu("absence_pour_etudes", period)  # renvoi au 2° de R.512-1

    def formula_2005_07_01(individu, period, parameters):
        de_date_a_date = residence_de_date_a_date(
            individu,
            period,
            parameters,
            "duree_sejour_continu_etranger_hors_etudes",
            "jours_absence_annee_civile_totale_hors_etudes",
        )
        return de_date_a_date + individu("absence_pour_etudes", period)  # renvoi au 2° de R.512-1
