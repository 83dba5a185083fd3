from openfisca_core.periods import MONTH

from openfisca_residence.rules.countries import nationality_in
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.lookup import parameters_of, value_at_dates
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.sejour.enums import StatutProtection


class anteriorite_titres_aspa(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Condition de titres de l'ASPA et de l'ASI : dix ans (cinq ans avant le 23 décembre 2011) de titres autorisant à travailler, sauf réfugié, apatride, protection subsidiaire, ancien combattant, convention internationale ou membre de la famille d'un citoyen de l'Union"
    reference = [
        "Code de la sécurité sociale, art. L.816-1, 1° et 2° (loi n° 2011-1906 du 21 décembre 2011, art. 94, pour les demandes déposées après le 22 décembre 2011 ; loi n° 2015-1776 du 28 décembre 2015, art. 39 : « Le respect de cette condition peut être attesté par les périodes d'assurance mentionnées à l'article L. 351-2 »)",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000025018628",
        "Lettre DSS n° D-18-016446 du 7 août 2018, relayée par la lettre MSA DR-2018-471 (conventions internationales)",
        "Accord sur le retrait du Royaume-Uni de l'Union européenne, art. 23 (égalité de traitement) ; décret n° 2020-1417 du 19 novembre 2020, art. 30",
        "Directive 2004/38/CE du 29 avril 2004, art. 24, § 1 ; note DGAS n° 2005-165, § III (sources/dgas-note-2005-165-rmi-ressortissants-ue.txt)",
    ]
    documentation = """
    La durée exigée est celle en vigueur le jour de la demande. Depuis le 30 décembre 2015, les
    périodes d'assurance attestent les années qui précèdent le premier titre
    (periodes_assurance_attestent_titres_aspa : un trimestre validé par année civile) ; les titres
    comme les périodes d'assurance supposent que le document détenu à la demande autorise à
    travailler (pas la carte « retraité » ou « visiteur »), sauf dispense. La carte de résident ne dispense pas
    (elle n'est pas citée par L.816-1, à la différence du RSA). Condition des ressortissants de pays
    tiers : la prestation la réserve à eux. Le Britannique bénéficiaire de l'accord de retrait en
    est dispensé (choix documenté : l'accord, art. 23, lui garde l'égalité de traitement du citoyen
    de l'Union, qui relève du 3° de L.816-1 ; décret n° 2020-1417, art. 30, livre VIII du code).
    Le membre de la famille d'un citoyen de l'Union qui a un droit au séjour (membre_famille_ue),
    ressortissant d'un pays tiers, en est dispensé comme au RSA (rsa_condition_anteriorite_titres) :
    la directive 2004/38/CE (art. 24, § 1) étend l'égalité de traitement avec les nationaux « aux
    membres de la famille qui n'ont pas la nationalité d'un État membre et qui bénéficient d'un
    droit de séjour » ; la note DGAS de 2005 (§ III) servait les minima à ces membres de famille
    « quelle que soit leur nationalité, dans les mêmes conditions qu'aux personnes de nationalité
    française ».
    """

    def formula(individu, period, parameters):
        duree = value_at_dates(
            parameters_of(individu).sejour.anteriorite_titres.aspa.duree,
            individu("date_demande", period),
        )
        conventions = parameters(period).sejour.anteriorite_titres.aspa
        nationalite = individu("nationalite", period)
        l816_1_duree = individu("titres_autorisant_travail_depuis", period) >= duree
        l816_1_periodes_assurance = individu("periodes_assurance_attestent_titres_aspa", period)
        l816_1_2_protection = individu("statut_protection", period) != StatutProtection.aucun
        l816_1_2_combattant = individu("a_combattu_pour_la_france", period)
        convention_tous_ressortissants = nationality_in(
            nationalite, conventions.nationalites_dispensees
        )
        convention_certaines_categories = nationality_in(
            nationalite, conventions.nationalites_dispensees_sous_conditions
        ) * individu("convention_internationale_applicable", period)
        accord_retrait = individu("beneficiaire_accord_retrait_royaume_uni", period)
        directive_2004_38_art_24_membre_famille_ue = individu("membre_famille_ue", period)
        return (
            directive_2004_38_art_24_membre_famille_ue
            + l816_1_duree
            + l816_1_periodes_assurance
            + accord_retrait
            + l816_1_2_protection
            + l816_1_2_combattant
            + convention_tous_ressortissants
            + convention_certaines_categories
        )
