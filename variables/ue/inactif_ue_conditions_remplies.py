from openfisca_core.periods import MONTH

from openfisca_residence.rules.dates import period_end, reached
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.ue.enums import CouvertureMaladie


class inactif_ue_conditions_remplies(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Citoyen de l'Union, de l'EEE ou de la Suisse disposant de ressources suffisantes et d'une assurance maladie complète, ou les ayant perdues par un accident de la vie depuis moins de six mois"
    reference = [
        "Code de l'entrée et du séjour des étrangers et du droit d'asile, art. L.121-1, 2° (loi n° 2006-911) puis L.233-1, 2° ; avant, décret n° 94-211 du 11 mars 1994 et directive 90/364/CEE",
        "Lettre d'information CNAF n° 1 du 28 février 2008, § 3 (sources/cnaf-lettre-information-2008-02-28-droit-sejour-ue.txt)",
        "Note d'information DGAS/1C n° 2005-165 du 24 mars 2005, § III.2.1 et annexe § 2 (sources/dgas-note-2005-165-rmi-ressortissants-ue.txt)",
    ]
    documentation = """
    Ressources du foyer au moins égales à ue_seuil_ressources_suffisantes et couverture maladie
    complète. Les ressources du foyer sont la plus grande des ressources mensuelles déclarées par
    les membres de la famille (chacun déclare celles du foyer : ne pas les additionner). La CMU (ou
    la PUMa accordée au seul titre de la résidence) ne compte pas. Maintien : la personne qui
    remplissait ces conditions et les a perdues par un accident de la vie (date_accident_vie)
    conserve le droit pendant la durée ue.inactif.duree_maintien_accident_vie (six mois, choix
    documenté), du mois de l'accident jusqu'à la fin de la durée, appréciée à la date de la demande
    (date_demande ; lettre CNAF, § 1 : la catégorie s'apprécie « au moment de la demande de
    prestations » ; accident le 10 mars, droit pour une demande du 9 septembre, plus le
    10 septembre) ; pas si elle bénéficie de l'AME : la lettre CNAF (§ 3) fait vérifier d'abord que
    l'inactif n'en bénéficie pas, l'AME signifiant « qu'il est en situation irrégulière ». Les
    membres de sa famille, dont le droit dérive du sien (membre_famille_ue), le perdent avec lui.
    Celle qui ne les a jamais remplies ne gagne aucun droit par le temps passé.
    Angle mort : la couverture maladie des membres de la famille n'est pas vérifiée, seule celle
    de la personne ; chacun déclare déjà la sienne (couverture_maladie), l'agrégat sur la famille
    (directive, art. 7, § 1, b) reste à écrire.
    """

    def formula(individu, period, parameters):
        duree_maintien = parameters(period).ue.inactif.duree_maintien_accident_vie
        ressortissant = individu("ressortissant_ue_eee_suisse", period)
        ressources_foyer = individu.famille.max(individu("ressources_mensuelles", period))
        couverture = individu("couverture_maladie", period)
        date_accident = individu("date_accident_vie", period)

        l233_1_2_ressources_suffisantes = ressources_foyer >= individu(
            "ue_seuil_ressources_suffisantes", period
        )
        l233_1_2_assurance_maladie = couverture == CouvertureMaladie.complete
        # L'accident survenu au plus tard dans le mois (les ressources déclarées sont celles du
        # mois), la durée n'est pas écoulée le jour de la demande.
        dgas_2005_maintien_accident_de_la_vie = (date_accident <= period_end(period)) * ~reached(
            date_accident, duree_maintien, individu("date_demande", period)
        )
        cnaf_ame_sejour_irregulier = couverture == CouvertureMaladie.ame
        return ressortissant * (
            l233_1_2_ressources_suffisantes * l233_1_2_assurance_maladie
            + dgas_2005_maintien_accident_de_la_vie * ~cnaf_ame_sejour_irregulier
        )
