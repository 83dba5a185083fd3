from openfisca_core.periods import MONTH
from openfisca_core.populations import ADD

from openfisca_residence.rules.dates import month_offset, months_before
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class ue_activite_reelle_et_effective(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Activité salariée réelle et effective selon les critères de la lettre CNAF du 28 février 2008 (heures, jours ou rémunération)"
    reference = [
        "Lettre d'information CNAF n° 1 du 28 février 2008, § 2 et note 1 (sources/cnaf-lettre-information-2008-02-28-droit-sejour-ue.txt)",
        "CJCE, 23 mars 1982, Levin, 53/81 (activité réelle et effective)",
    ]
    documentation = """
    Un seul des critères suffit : 18 jours ou 120 heures dans le mois ; 200 heures sur trois mois
    ou 600 heures sur six mois, mois compris ; une rémunération brute d'au moins 173,33 SMIC
    horaires dans le mois, 520 sur trois mois ou 1 040 sur six mois, mois compris, le SMIC étant
    celui du premier jour de la période (premier jour du mois, du premier des trois ou des six
    mois). Les critères sur plusieurs mois et de rémunération exigent au moins une heure de travail
    salarié dans le mois. Seuils atteints inclus (« 120 h » : 120 heures suffisent).
    Les mêmes critères sont appliqués avant 2008 (voir parameters/ue/travailleur).
    L'activité non salariée (affiliation au RSI) que cite la lettre est un fait déclaré
    (activite_non_salariee, lu par travailleur_ue) ; la situation assimilée des indemnités
    journalières est l'incapacité temporaire de l'ancien travailleur (ancien_travailleur_ue).
    """

    def formula(individu, period, parameters):
        p = parameters(period).ue.travailleur
        smic_mois = p.smic_horaire_brut
        smic_3_mois = parameters(month_offset(period, -2)).ue.travailleur.smic_horaire_brut
        smic_6_mois = parameters(month_offset(period, -5)).ue.travailleur.smic_horaire_brut

        heures = individu("heures_travail", period)
        heures_3_mois = heures + individu("heures_travail", months_before(period, 2), options=[ADD])
        heures_6_mois = heures + individu("heures_travail", months_before(period, 5), options=[ADD])
        salaire = individu("salaire_brut", period)
        salaire_3_mois = salaire + individu("salaire_brut", months_before(period, 2), options=[ADD])
        salaire_6_mois = salaire + individu("salaire_brut", months_before(period, 5), options=[ADD])

        cnaf_une_heure_dans_le_mois = heures >= p.heures_minimum_mois
        cnaf_18_jours_ou_120_heures = (individu("jours_travail", period) >= p.jours_mois) + (
            heures >= p.heures_mois
        )
        cnaf_200_heures_3_mois = heures_3_mois >= p.heures_3_mois
        cnaf_600_heures_6_mois = heures_6_mois >= p.heures_6_mois
        cnaf_173_smic_mois = salaire >= p.nombre_smic_mois * smic_mois
        cnaf_520_smic_3_mois = salaire_3_mois >= p.nombre_smic_3_mois * smic_3_mois
        cnaf_1040_smic_6_mois = salaire_6_mois >= p.nombre_smic_6_mois * smic_6_mois
        return cnaf_18_jours_ou_120_heures + cnaf_une_heure_dans_le_mois * (
            cnaf_200_heures_3_mois
            + cnaf_600_heures_6_mois
            + cnaf_173_smic_mois
            + cnaf_520_smic_3_mois
            + cnaf_1040_smic_6_mois
        )
