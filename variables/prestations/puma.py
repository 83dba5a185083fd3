"""Prise en charge des frais de santé : CMU de base (1er janvier 2000 - 31 décembre 2015) puis protection
universelle maladie (depuis le 1er janvier 2016). Conditions de résidence et de séjour."""

import numpy
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH

from openfisca_residence.rules.dates import LONG_AGO
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.inputs import LATEST_DATE
from openfisca_residence.rules.lookup import item_in_at_dates, parameters_of, value_at_dates
from openfisca_residence.rules.refusals import all_hold, excludes, first_refusal, requires
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.prestations.communs import remplit
from openfisca_residence.variables.prestations.enums import MotifRefusCouvertureMaladie as Motif
from openfisca_residence.variables.sejour.enums import StatutProtection, TitreSejour

JAMAIS = LATEST_DATE.view(numpy.int64)  # le jour d'une arrivée qui n'a pas eu lieu

REFERENCES = [
    "Code de la sécurité sociale, art. L.380-1 et R.380-1 (CMU de base, loi n° 99-641 du 27 juillet 1999), puis L.160-1, L.160-5 et D.160-2 (PUMa, loi n° 2015-1702 du 21 décembre 2015)",
    "Code de la sécurité sociale, art. R.115-6 puis R.111-2, R.111-3 et R.111-4",
    "Lettre-réseau CNAM LR-DDO-124/2017 (sources/cnam-lr-ddo-124-2017-regularite-sejour.txt)",
]


# Les règles qui refusent, dans l'ordre de préséance (openfisca_residence/rules/refusals.py).
RESIDENCE_PREALABLE = requires(
    Motif.residence_prealable,
    "residence_prealable_3_mois_demande",
    unless="puma_dispense_residence_prealable",
)
CONTROLE_RESIDENCE = requires(
    Motif.residence, "reside_en_france", unless="puma_dispense_controle_residence"
)
RESIDENCE = (CONTROLE_RESIDENCE, RESIDENCE_PREALABLE)
# Les conditions de résidence de la personne elle-même, sans la dispense du membre de famille qui
# rejoint un assuré (puma_conditions_propres : qui est cet assuré).
RESIDENCE_PROPRE = (
    CONTROLE_RESIDENCE,
    requires(
        Motif.residence_prealable,
        "residence_prealable_3_mois_demande",
        unless="puma_dispense_residence_prealable_propre",
    ),
)
SEJOUR = (
    # Le maintien de R.111-4 court aussi après une décision de refus ou de retrait
    # (date_fin_droit_au_sejour).
    excludes(
        Motif.decision_refus_sejour,
        "decision_refus_sejour_opposable",
        unless="puma_maintien_droits",
    ),
    excludes(Motif.demandeur_emploi_ue, "exclu_demandeur_emploi_ue"),
    excludes(Motif.droit_au_sejour_ue, "ressortissant_ue_sans_droit_au_sejour"),
    excludes(Motif.titre_expire, "puma_titre_expire"),
    excludes(
        Motif.sejour_irregulier,
        "sejour_irregulier_pays_tiers",
        unless="puma_maintien_droits",
    ),
)


# Le fait déclaré qui établit chaque catégorie de
# parameters/prestations/couverture_maladie/dispenses_residence_prealable.yaml ; la catégorie
# membres_famille, sans fait déclaré, se lit sur la famille (puma_membre_famille_rejoignant_assure).
FAITS = {
    "etudiant": ("inscrit_etablissement_enseignement", "titre_sejour_etudiant"),
    "prestations_familiales": ("percoit_prestations_familiales",),
    "personnes_agees": ("percoit_aspa", "percoit_asi"),
    "aide_logement": ("percoit_aide_logement",),
    "aide_sociale_casf": ("percoit_rsa",),
    "aah": ("percoit_aah",),
    "volontariat_international": ("retour_volontariat_international",),
}


class puma_dispense_residence_prealable(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "CMU de base puis PUMa : la condition de plus de trois mois de résidence est remplie sans délai (activité, minorité, protection, asile, études, prestations perçues, volontariat international, membre de la famille qui rejoint un assuré)"
    reference = [
        "Code de la sécurité sociale, art. R.380-1, I (CMU de base, 1er janvier 2000 - 31 décembre 2015), puis D.160-2 (PUMa, décret n° 2015-1865 ; décret n° 2017-240 depuis le 27 février 2017 ; décret n° 2017-736 depuis le 6 mai 2017, qui la divise en I et II sans changer les catégories modélisées ; décret n° 2019-1531 depuis le 1er janvier 2020)",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000031805896",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000039810099",
    ]
    documentation = """
    Les dispenses qui tiennent à la personne (puma_dispense_residence_prealable_propre) et, depuis
    le décret n° 2017-240, celle du membre de la famille qui rejoint ou accompagne un assuré
    (puma_membre_famille_rejoignant_assure).
    """

    def formula_2000_01_01(individu, period):
        return individu("puma_dispense_residence_prealable_propre", period) + individu(
            "puma_membre_famille_rejoignant_assure", period
        )


class puma_dispense_residence_prealable_propre(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "CMU de base puis PUMa : la personne elle-même remplit sans délai la condition de plus de trois mois de résidence (activité, minorité, protection, asile, études, prestations perçues, volontariat international)"
    reference = [
        "Code de la sécurité sociale, art. R.380-1, I (CMU de base, 1er janvier 2000 - 31 décembre 2015), puis D.160-2 (PUMa, décret n° 2015-1865 ; décret n° 2019-1531 depuis le 1er janvier 2020)",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000031805896",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000039810099",
        "Code de la sécurité sociale, art. R.111-3, II : la régularité du séjour « est appréciée au jour de la demande »",
    ]
    documentation = """
    La personne qui travaille, salariée ou indépendante (activite_professionnelle), est affiliée au
    titre de son activité ; le mineur est ayant droit de
    l'assuré (L.160-2) ; le réfugié et le bénéficiaire de la protection subsidiaire, le demandeur
    d'asile (tous jusqu'au 31 décembre 2019, les seuls mineurs depuis le décret n° 2019-1531) ne
    l'attendent pas. Les catégories de R.380-1, I, puis de D.160-2 — étudiants, bénéficiaires de
    prestations versées sous condition de résidence, volontaires internationaux de retour — se
    lisent sur les faits déclarés (FAITS) : percoit_X est le fait « perçoit X », que D.160-2
    accepte comme justificatif. Choix documenté : un titre de séjour pour motif d'études prouve
    l'inscription dans un établissement d'enseignement.
    Comme les trois mois qu'elles dispensent (residence_prealable_3_mois_demande), les dispenses
    sont appréciées au jour de la demande : la minorité (mineur_a_la_demande ; la demande reçue le
    jour du dix-huitième anniversaire est celle d'un majeur), les catégories et la dispense des
    demandeurs d'asile majeurs en vigueur ce jour-là.
    """

    def formula_2000_01_01(individu, period):
        couverture_maladie = parameters_of(individu).prestations.couverture_maladie
        demande = individu("date_demande", period)
        protection = individu("statut_protection", period)
        refugie = (protection == StatutProtection.refugie) + (
            protection == StatutProtection.protection_subsidiaire
        )
        demandeur_asile = (
            individu("titre_sejour", period) == TitreSejour.attestation_demande_asile
        ) * ~refugie
        asile_majeur_dispense = value_at_dates(
            couverture_maladie.demandeurs_asile_majeurs_dispenses, demande, before=False
        ).astype(bool)
        dispense = (
            individu("activite_professionnelle", period)
            + individu("mineur_a_la_demande", period)
            + refugie
            + demandeur_asile * asile_majeur_dispense
        )
        categories = couverture_maladie.dispenses_residence_prealable
        for categorie, noms in FAITS.items():
            en_vigueur = item_in_at_dates(categories, categorie, demande)
            if not en_vigueur.any():
                continue
            for fait in noms:
                dispense = dispense + en_vigueur * individu(fait, period)
        return dispense


class puma_conditions_propres(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "CMU de base puis PUMa : la personne remplit par elle-même les conditions de la prise en charge des frais de santé (L.160-1 : activité, ou résidence stable et régulière), sans la dispense du membre de la famille qui rejoint un assuré"
    reference = [
        "Code de la sécurité sociale, art. L.160-1 : « Toute personne travaillant ou, lorsqu'elle n'exerce pas d'activité professionnelle, résidant en France de manière stable et régulière »",
        "Code de la sécurité sociale, art. D.160-2 (décret n° 2017-240) : l'assuré « y séjournant dans les conditions prévues à l'article L. 160-1 »",
    ]
    documentation = """
    L'assuré que rejoint ou qu'accompagne un membre de sa famille (D.160-2 ;
    puma_membre_famille_rejoignant_assure) : ses propres conditions de résidence (contrôle de la
    résidence et trois mois, avec ses seules dispenses, puma_dispense_residence_prealable_propre)
    et de séjour (puma_condition_sejour, maintien de R.111-4 compris) sont remplies. Choix du
    projet : la personne qui travaille est assurée au titre de son activité si son séjour est
    régulier, comme pour sa propre prise en charge ; la dispense des membres de famille n'est pas
    lue, qui ferait dépendre l'assuré de sa propre famille.
    """

    def formula_2000_01_01(individu, period):
        return all_hold(individu, period, RESIDENCE_PROPRE) * individu(
            "puma_condition_sejour", period
        )


class puma_membre_famille_rejoignant_assure(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "PUMa : membre de la famille qui rejoint ou accompagne pour s'installer en France un assuré — conjoint ou enfant d'un parent assuré de sa famille, arrivé en France au plus tôt le même jour que lui (D.160-2, à confirmer)"
    reference = [
        "Code de la sécurité sociale, art. D.160-2, 5° (décret n° 2017-240 du 24 février 2017, art. 5), puis D.160-2, II, 3° (décret n° 2017-736 du 3 mai 2017, art. 6, 1° d, en vigueur le 6 mai 2017) : « Membres de la famille au sens de l'article L. 161-1 qui rejoignent ou accompagnent pour s'installer en France un assuré y séjournant dans les conditions prévues à l'article L. 160-1 » (rédaction citée par la question écrite n° 0110S de M. Richard Yung, JO Sénat du 9 novembre 2017 ; texte officiel non lu)",
        "Code de la sécurité sociale, art. L.161-1 (membre de la famille : conjoint, concubin ou partenaire de PACS, enfants)",
    ]
    documentation = """
    Les trois mois de résidence ne sont pas opposables au membre de la famille qui rejoint ou
    accompagne un assuré, depuis que la catégorie membres_famille figure dans
    parameters/prestations/couverture_maladie/dispenses_residence_prealable.yaml (décret
    n° 2017-240, à confirmer), en vigueur au jour de la demande. Sans entrée propre, la catégorie se
    lit sur la famille : la personne a dans sa famille un parent (pour un parent, son conjoint,
    concubin ou partenaire ; pour un enfant, son père ou sa mère) qui remplit par lui-même les
    conditions de la prise en charge des frais de santé (puma_conditions_propres), et elle est
    arrivée en France (date_arrivee_france) le même jour que lui (elle l'accompagne) ou après lui
    (elle le rejoint) ; l'assuré est un autre qu'elle-même. Choix du projet : l'installation en France est présumée ; la personne
    arrivée avant l'assuré ne le rejoint pas ; le parent qui rejoint son enfant assuré n'est pas
    un membre de la famille de l'enfant (L.161-1). Avant le décret n° 2017-240, le conjoint sans
    emploi d'un assuré attendait les trois mois (la PUMa de 2016 a supprimé l'ayant droit majeur).
    """

    def formula_2000_01_01(individu, period):
        categories = parameters_of(individu).prestations.couverture_maladie
        en_vigueur = item_in_at_dates(
            categories.dispenses_residence_prealable,
            "membres_famille",
            individu("date_demande", period),
        )
        if not en_vigueur.any():
            return en_vigueur
        arrivee = individu("date_arrivee_france", period).view(numpy.int64)
        assure = individu("puma_conditions_propres", period) * ~individu("enfant_a_charge", period)
        # L'assuré rejoint est un autre que la personne. La première arrivée, en jours, des parents
        # assurés de la famille (aucun : JAMAIS) : l'enfant ou le parent non assuré arrivé ce
        # jour-là ou après rejoint un assuré. Un parent assuré (deux parents au plus) rejoint
        # l'autre s'il est arrivé après cette première arrivée, ou le même jour que l'autre.
        premiere = individu.famille.reduce(
            numpy.where(assure, arrivee, JAMAIS), numpy.minimum, JAMAIS
        )
        arrives_premiers = individu.famille.sum(assure * (arrivee == premiere))
        rejoint = numpy.where(
            assure, (arrivee > premiere) | (arrives_premiers > 1), arrivee >= premiere
        )
        return en_vigueur * rejoint


class puma_dispense_controle_residence(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "CMU de base puis PUMa : pas de contrôle de la résidence (R.115-6 puis R.111-2) pour la personne qui travaille, prise en charge au titre de son activité, ni pour l'ayant droit mineur"
    reference = [
        "Code de la sécurité sociale, art. L.160-1 (loi n° 2015-1702 du 21 décembre 2015) : « Toute personne travaillant ou, lorsqu'elle n'exerce pas d'activité professionnelle, résidant en France de manière stable et régulière » ; avant 2016, L.380-1 : la CMU de base est pour qui « n'a droit à aucun autre titre aux prestations en nature »",
        "Circulaire DSS/2A/2B/3A n° 2008-245 du 22 juillet 2008 : « Les prestations non soumises au contrôle sont celles qui ne peuvent être servies que sur le fondement d'une activité professionnelle » ; les enfants mineurs ne sont pas soumis au contrôle (sources/controle-residence-r115-6-circulaire-2008-07-22.txt)",
    ]
    documentation = """
    La personne qui travaille en France, salariée ou indépendante (activite_professionnelle), est
    prise en charge au titre de son activité, sans condition de résidence stable ; seule celle qui n'exerce pas d'activité
    professionnelle doit résider en France. La CMU complémentaire puis la complémentaire santé
    solidaire restent soumises au contrôle, même pour la personne qui travaille
    (css_condition_residence). L'ayant droit mineur n'est pas contrôlé (R.115-6 ; circulaire du 22
    juillet 2008). Choix du projet : R.111-2, qui a repris R.115-6, limite cette dispense « aux cas
    prévus par les conventions internationales et les règlements européens » ; faute d'entrée qui
    dise ces cas et d'avoir lu la date de cette rédaction, le modèle garde la dispense des sources.
    La minorité est appréciée au jour de la demande (mineur_a_la_demande, R.111-3, II).
    """

    def formula(individu, period):
        return individu("activite_professionnelle", period) + individu(
            "mineur_a_la_demande", period
        )


class puma_maintien_droits(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "CMU de base puis PUMa : les droits de l'assuré sont maintenus après l'expiration de son titre (R.111-4) ; pas pour une demande de premier rattachement, qui exige un titre valide"
    reference = [
        "Code de la sécurité sociale, art. R.111-4",
        "Lettre-réseau CNAM LR-DDO-124/2017, § 1.2 : « Le titre doit être valide lors de la demande de rattachement » ; le maintien de droit est celui de « l'assuré » (sources/cnam-lr-ddo-124-2017-regularite-sejour.txt)",
    ]
    documentation = """
    Le maintien de R.111-4 garde ouvert le droit de la personne déjà rattachée
    (maintien_droits_apres_expiration) ; une demande de premier rattachement déposée après
    l'expiration du titre (puma_premier_rattachement) n'en bénéficie pas : le titre doit être
    valide le jour de la demande. Non renseigné, le droit examiné est celui de l'assuré.
    """

    def formula(individu, period):
        maintien = individu("maintien_droits_apres_expiration", period)
        return maintien * ~individu("puma_premier_rattachement", period)


class puma_titre_expire(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "CMU de base puis PUMa : ressortissant d'un pays tiers dont le titre de séjour a expiré au-delà du maintien des droits (R.111-4)"
    reference = [
        "Code de la sécurité sociale, art. R.111-4, créé par le décret n° 2017-240 du 24 février 2017",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000042485550",
        "Lettre-réseau CNAM LR-DDO-124/2017, § 1.2 : R.111-4 « issu du Décret n°2017-240 du 24 février 2017 » (sources/cnam-lr-ddo-124-2017-regularite-sejour.txt)",
    ]
    documentation = """
    Un titre a été détenu (date_expiration_titres renseignée), le séjour n'est plus régulier et les
    droits ne sont plus maintenus. Sans titre antérieur, le motif est l'absence de titre
    (sejour_irregulier). Avant le décret n° 2017-240 (27 février 2017), R.111-4 n'existe pas et
    aucun droit n'est maintenu : le titre expiré laisse un séjour irrégulier, refusé comme tel
    (sejour_irregulier, L.380-1 puis L.861-1 et D.115-1) ; le motif vaut pour les mois qui
    commencent sous le décret (le refus d'une demande de février 2017 reste sejour_irregulier,
    celle du 27 février gardant, elle, les droits d'un titre expiré depuis moins de douze mois).
    """

    def formula_2017_02_27(individu, period):
        titre_anterieur = individu("date_expiration_titres", period) > numpy.datetime64(LONG_AGO)
        return (
            individu("sejour_irregulier_pays_tiers", period)
            * ~individu("puma_maintien_droits", period)
            * titre_anterieur
        )


class puma_condition_residence(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "CMU de base puis PUMa : pour qui ne travaille pas, résidence en France (R.115-6 puis R.111-2) et plus de trois mois de résidence ininterrompue"
    reference = REFERENCES
    documentation = """
    La personne qui travaille et les ayants droit mineurs ne sont pas soumis au contrôle de R.115-6
    (puma_dispense_controle_residence). Plus de trois mois de résidence
    préalable à la date de la demande (R.380-1 puis D.160-2 : residence_prealable_3_mois_demande),
    sauf dispense (puma_dispense_residence_prealable) : personne
    qui travaille, mineur, réfugié ou bénéficiaire de la protection subsidiaire, demandeur d'asile
    (tous jusqu'au 31 décembre 2019, les seuls mineurs depuis le décret n° 2019-1531), étudiant,
    bénéficiaire d'une prestation versée sous condition de résidence, volontaire international,
    membre de la famille qui rejoint un assuré (depuis le décret n° 2017-240).
    Avant le 1er janvier 2000, la CMU n'existe pas : la condition vaut faux.
    """

    def formula_2000_01_01(individu, period):
        return all_hold(individu, period, RESIDENCE)


class puma_condition_sejour(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "CMU de base puis PUMa : séjour régulier, ou droits maintenus après l'expiration du titre (R.111-4), ou droit au séjour du citoyen de l'Union non exclu comme demandeur d'emploi"
    reference = REFERENCES
    documentation = """
    Aucune condition pour un Français. Ressortissant d'un pays tiers : titre recevable en cours de
    validité le jour de la demande, ou maintien des droits après son expiration (R.111-4, réservé
    aux ressortissants de pays tiers), y compris après une décision de refus ou de retrait, qui
    avance la fin de validité du titre à sa veille (date_fin_droit_au_sejour). Citoyen de l'Union : droit au séjour, sauf entré pour
    chercher un emploi (loi n° 2007-290, art. 63). Avant le 1er janvier 2000 : faux.
    """

    def formula_2000_01_01(individu, period):
        return all_hold(individu, period, SEJOUR)


class puma_eligible(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "CMU de base puis PUMa : conditions de résidence et de séjour remplies"
    reference = REFERENCES

    def formula(individu, period):
        return remplit(individu, period, "puma")


class puma_motif_refus(Variable):
    value_type = Enum
    possible_values = Motif
    default_value = Motif.aucun
    entity = Individu
    definition_period = MONTH
    label = "CMU de base puis PUMa : règle qui refuse, la première dans l'ordre de préséance"
    reference = REFERENCES
    documentation = """
    Avant le 1er janvier 2000 : prestation_inexistante. Ensuite, ordre de préséance : résidence,
    résidence préalable, décision de refus de séjour, exclusion du demandeur d'emploi de l'Union,
    droit au séjour de l'Union, titre expiré au-delà du maintien, absence de titre recevable (ordre
    de MotifRefusCouvertureMaladie).
    """

    def formula(individu, period):
        return numpy.full(individu.count, Motif.prestation_inexistante.index)

    def formula_2000_01_01(individu, period):
        return first_refusal(individu, period, RESIDENCE + SEJOUR, Motif.aucun)
