"""Faits déclarés du séjour : titre détenu et ses dates, décisions du préfet, protection."""

from datetime import date

from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH

from openfisca_residence.rules.dates import LONG_AGO, NEVER
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.inputs import dispatch_by_period
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.sejour.enums import EntreeEnfant, StatutProtection, TitreSejour


class titre_sejour(Variable):
    value_type = Enum
    possible_values = TitreSejour
    default_value = TitreSejour.aucun
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "Titre ou document de séjour détenu dans le mois"
    reference = [
        "Code de la sécurité sociale, art. L.115-6, D.115-1 (jusqu'au 5 mai 2017), R.111-3 et arrêté du 10 mai 2017",
        "https://www.legifrance.gouv.fr/loda/id/JORFTEXT000034677457",
    ]


class titre_sejour_date_debut(Variable):
    value_type = date
    default_value = LONG_AGO
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "Date de début de validité du titre ou document de séjour"
    reference = "Lettre-réseau CNAM LR-DDO-124/2017, § 2.2 (date de début de validité ; à défaut, date de saisie) (sources/cnam-lr-ddo-124-2017-regularite-sejour.txt)"


class titre_sejour_date_fin(Variable):
    value_type = date
    default_value = NEVER
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "Date de fin de validité du titre ou document de séjour (non renseignée : sans fin, ou trois mois pour une convocation)"
    reference = "Lettre-réseau CNAM LR-DDO-124/2017, § 2.2 : « pour les convocations elle est positionnée automatiquement à 3 mois » (sources/cnam-lr-ddo-124-2017-regularite-sejour.txt)"


class decision_refus_sejour_date(Variable):
    value_type = date
    default_value = NEVER
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "Date d'une décision de refus ou de retrait de séjour, d'expulsion ou d'obligation de quitter le territoire (non renseignée : aucune)"
    reference = "Réponse ministérielle à la question écrite AN n° 2308, JO 17 juin 2025 : la décision de refus de séjour est le fait générateur de l'extinction des droits sociaux (sources/an-qe-2308-2025-fin-droits-sociaux-refus-sejour.txt)"


class decision_refus_sejour_annulee(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "La décision de refus, de retrait, d'expulsion ou d'obligation de quitter le territoire a été annulée par le juge"
    reference = [
        "Code de l'entrée et du séjour des étrangers et du droit d'asile, art. L.614-16 (ex L.512-4) : après l'annulation d'une obligation de quitter le territoire, une autorisation provisoire de séjour est délivrée jusqu'à ce que l'autorité ait à nouveau statué",
        "Conseil d'État, 24 juillet 2009, Boureghdad (avis), n° 327282 : le demandeur titulaire d'un récépissé n'est pas en situation irrégulière jusqu'à la décision prise sur sa demande",
    ]
    documentation = """
    L'annulation fait disparaître la décision depuis sa date : elle ne met plus fin au séjour
    régulier (decision_refus_sejour_anterieure, date_fin_droit_au_sejour). Non renseignée : la
    décision déclarée produit ses effets, recours compris (un recours n'est pas suspensif).
    """


class mesure_eloignement_definitive(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "La personne fait l'objet d'une mesure d'éloignement administrative devenue définitive"
    reference = [
        "Code de la sécurité sociale, art. R.111-4, 4° (décret n° 2020-1325 du 30 octobre 2020)",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000042485550",
    ]


class statut_protection(Variable):
    value_type = Enum
    possible_values = StatutProtection
    default_value = StatutProtection.aucun
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "Protection internationale : réfugié, protection subsidiaire ou apatride"
    reference = "Code de l'entrée et du séjour des étrangers et du droit d'asile, livre V (asile) et art. L.582-1 (apatridie)"


class date_premier_titre_autorisant_travail(Variable):
    value_type = date
    default_value = NEVER
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "Date de début de la détention ininterrompue de titres de séjour autorisant à travailler (non renseignée : aucun)"
    reference = [
        "Code de l'action sociale et des familles, art. L.262-4, 2° (RSA : cinq ans de titres autorisant à travailler)",
        "Code de la sécurité sociale, art. L.816-1 (ASPA : dix ans de titres autorisant à travailler)",
    ]


class demande_renouvellement_titre(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "La personne a demandé le renouvellement de son titre de séjour"
    reference = [
        "Code de l'entrée et du séjour des étrangers et du droit d'asile, art. L.433-3 (ex L.311-4)",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006335035",
    ]


class entree_enfant(Variable):
    value_type = Enum
    possible_values = EntreeEnfant
    default_value = EntreeEnfant.naissance_france
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "Mode d'entrée en France de l'enfant étranger (par défaut : né en France)"
    reference = [
        "Code de la sécurité sociale, art. L.512-2 et D.512-2 (décret n° 2006-234 du 27 février 2006)",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000042947066",
    ]


class a_combattu_pour_la_france(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = (
        "La personne a combattu pour la France (CESEDA, L.426-2 ou L.426-3, ex 4° à 7° de L.314-11)"
    )
    reference = [
        "Code de la sécurité sociale, art. L.816-1, 2° (dispense de la durée de détention de titres pour l'ASPA)",
        "Code de l'entrée et du séjour des étrangers et du droit d'asile, art. L.426-2 et L.426-3 (anciennement L.314-11, 4° à 7°)",
    ]


class convention_internationale_applicable(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "La personne relève d'une catégorie protégée par la convention ou l'accord de son pays (travailleur ou membre de sa famille)"
    reference = "Lettre DSS n° D-18-016446 du 7 août 2018, relayée par la lettre MSA DR-2018-471 du 15 octobre 2018 (« certaines catégories de ressortissants »)"


class date_debut_residence_reguliere(Variable):
    value_type = date
    default_value = NEVER
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "Date depuis laquelle la personne réside en France de façon stable et régulière, sous couvert de titres ou documents de séjour (non renseignée : aucune)"
    reference = [
        "Code de la sécurité sociale, art. L.111-2-3 (résidence stable et régulière)",
        "Loi n° 2024-42 du 26 janvier 2024, art. 19, tel que voté (censuré) ; proposition de loi adoptée par le Sénat le 18 mars 2025 (texte n° 83) : durées de résidence ou de détention de titres (reforms/)",
    ]


class titre_sejour_etudiant(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "Le titre de séjour détenu est délivré pour motif d'études"
    reference = "Code de l'entrée et du séjour des étrangers et du droit d'asile, livre IV, titre II, chapitre II (titres pour motif d'études)"


class mention_autorisant_travail(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "Le titre ou document détenu autorise à travailler par sa mention (carte « salarié », « vie privée et familiale », récépissé « autorise son titulaire à travailler »...)"
    reference = [
        "Code du travail, art. L.5221-2 et R.5221-3 (titres de séjour valant autorisation de travail)",
        "Directive 2011/98/UE du 13 décembre 2011 (permis unique), art. 3 et 12",
    ]
    documentation = """
    À déclarer pour un document dont seule la mention dit s'il autorise à travailler (carte de séjour
    temporaire ou pluriannuelle, visa de long séjour, certificat de résidence algérien, récépissé,
    autorisation provisoire de séjour) ; la carte de résident et les autres titres de
    parameters/sejour/titres_autorisant_travail.yaml autorisent à travailler sans elle. Non
    renseignée : le document n'est pas réputé autoriser à travailler.
    """


class mineur_confie_ase(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "Le mineur est confié au service de l'aide sociale à l'enfance (mineur isolé, sans parent en France)"
    reference = [
        "Code de l'action sociale et des familles, art. L.222-5 (prise en charge par le service de l'aide sociale à l'enfance) et L.111-2, 1°",
        "Code de l'entrée et du séjour des étrangers et du droit d'asile, art. L.411-1 (le mineur n'est pas tenu de détenir un document de séjour)",
    ]
    documentation = """
    Le mineur isolé pris en charge par l'aide sociale à l'enfance séjourne régulièrement sans
    document et sans parent : il est affilié à la protection maladie sur sa seule résidence
    (sejour_regulier_mineur). Sans effet à partir de dix-huit ans.
    """


class annee_avec_trimestre_valide(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "Au moins un trimestre d'assurance vieillesse a été validé en France dans l'année civile du mois (cotisé ou assimilé : chômage, maladie, maternité, invalidité)"
    reference = [
        "Code de la sécurité sociale, art. L.351-2 (trimestres validés au titre des cotisations) et L.351-3 (périodes assimilées)",
        "Code de la sécurité sociale, art. L.816-1, 1° (loi n° 2015-1776 du 28 décembre 2015, art. 39)",
    ]
    documentation = """
    Un fait de l'année civile, à déclarer pour l'année (2010: true), qui vaut alors pour chacun de
    ses mois : le relevé de carrière compte au moins un trimestre validé cette année-là. Il atteste
    l'année sans titre de séjour pour l'ASPA et l'ASI (periodes_assurance_attestent_titres_aspa).
    """
