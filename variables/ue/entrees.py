"""Faits déclarés de l'activité, des ressources et de la couverture maladie, mois par mois.

Les faits propres au maintien de la qualité de travailleur (R.121-6 puis R.233-7 CESEDA), aux
mesures transitoires, à l'accident de la vie et au séjour permanent suivent : chacun est un fait
que la personne déclare et que la caisse vérifie ; les règles en déduisent le droit au séjour.
"""

from datetime import date

from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH

from openfisca_residence.i18n import N_
from openfisca_residence.rules.dates import LONG_AGO, NEVER
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.inputs import (
    days_of_month,
    dispatch_by_period,
    dispatched,
    hours_of_month,
    non_negative,
)
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.ue.enums import CouvertureMaladie

R233_7 = "Code de l'entrée et du séjour des étrangers et du droit d'asile, art. R.121-6 (décret n° 2007-371 du 21 mars 2007) puis R.233-7 (depuis le 1er mai 2021)"
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


class activite_non_salariee(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "La personne exerce dans le mois une activité non salariée réelle et effective, affiliée comme travailleur indépendant (RSI puis sécurité sociale des indépendants)"
    reference = [
        "Code de l'entrée et du séjour des étrangers et du droit d'asile, art. L.121-1, 1° (loi n° 2006-911) puis L.233-1, 1° : « Ils exercent une activité professionnelle en France »",
        "Directive 2004/38/CE du 29 avril 2004, art. 7, § 1, a (« travailleur salarié ou non salarié »)",
        LETTRE_CNAF_2008 + ", § 2 : affiliation vérifiée auprès de la CPAM ou du RSI",
    ]


class inscrit_demandeur_emploi(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "Inscrit comme demandeur d'emploi"
    reference = "Code de l'entrée et du séjour des étrangers et du droit d'asile, art. R.233-7 (ex R.121-6) : chômage involontaire et inscription comme demandeur d'emploi"


class chances_reelles_embauche(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "Le citoyen de l'Union entré pour chercher un emploi prouve qu'il continue d'en chercher et qu'il a des chances réelles d'être engagé"
    reference = [
        "CJCE, 26 février 1991, Antonissen, C-292/89, point 21",
        "Directive 2004/38/CE du 29 avril 2004, art. 14, § 4, b",
    ]


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
        LETTRE_CNAF_2008
        + " : la CMU ne compte pas ; l'AME de l'inactif signifie un séjour irrégulier (§ 3)",
    ]


class garantit_ressources_suffisantes(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "Le citoyen de l'Union qui fait des études garantit, par une déclaration, disposer de ressources suffisantes pour lui et les membres de sa famille"
    reference = [
        "Code de l'entrée et du séjour des étrangers et du droit d'asile, art. L.121-1, 3° (loi n° 2006-911) puis L.233-1, 3° : « garantit disposer […] de ressources suffisantes pour lui et pour les membres de sa famille »",
        "Directive 2004/38/CE du 29 avril 2004, art. 7, § 1, c (« par le biais d'une déclaration ou par tout autre moyen équivalent de son choix »)",
    ]


class incapacite_temporaire_travail(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "Frappé d'une incapacité de travail temporaire résultant d'une maladie ou d'un accident"
    reference = R233_7 + ", 1°"


class chomage_involontaire(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "Privé involontairement de son emploi (chômage involontaire dûment constaté)"
    reference = R233_7 + ", 2° et dernier alinéa"


class date_perte_emploi(Variable):
    value_type = date
    default_value = LONG_AGO
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "Date de la perte involontaire du dernier emploi (non renseignée : ancienne)"
    reference = R233_7 + ", dernier alinéa (maintien pendant six mois)"
    documentation = """
    Point de départ des six mois pendant lesquels le travailleur privé d'emploi dans ses douze
    premiers mois d'activité conserve cette qualité. Non renseignée, elle vaut 1900-01-01 : les six
    mois sont écoulés (la preuve incombe au demandeur, lettre CNAF du 28 février 2008).
    """


class duree_activite_anterieure_mois(Variable):
    value_type = int
    default_value = 0
    entity = Individu
    definition_period = MONTH
    set_input = dispatched(lambda values: values >= 0, N_("a whole number of months of 0 or more"))
    label = "Durée totale, en mois, de l'activité professionnelle exercée en France avant la fin de la dernière activité"
    reference = [
        R233_7 + ", 2° (« après avoir exercé leur activité professionnelle pendant plus d'un an »)",
        "Conseil d'État, 18 février 2019, n° 417021 : la durée d'activité ne se limite pas au dernier contrat",
        "Code de l'action sociale et des familles, art. L.262-9-1 puis L.262-6 (personnes « qui ont exercé une telle activité en France »)",
    ]
    documentation = """
    Toute l'activité salariée ou non salariée exercée en France, pas seulement le dernier contrat
    (CE n° 417021). Zéro : la personne n'a jamais travaillé en France, elle n'est pas ancien
    travailleur. Fait stable : se déclare pour ETERNITY ou pour une année.
    """


class formation_professionnelle(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "Suit une formation professionnelle"
    reference = R233_7 + ", 3°"


class formation_liee_activite_anterieure(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = (
        "La formation professionnelle suivie est en lien avec l'activité professionnelle antérieure"
    )
    reference = (
        R233_7
        + ", 3° (« en lien avec l'activité professionnelle antérieure à moins d'avoir été mis involontairement au chômage »)"
    )


class autorisation_travail_mesures_transitoires(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "Détient l'autorisation de travail (et le titre de séjour) exigés des ressortissants d'un État soumis aux mesures transitoires"
    reference = [
        "Code de l'entrée et du séjour des étrangers et du droit d'asile, art. L.121-1, alinéa 3 (loi n° 2003-1119), puis L.121-2 (loi n° 2006-911) : titre de séjour exigé pour exercer une activité professionnelle pendant les mesures transitoires",
        "Note d'information DGAS/1C n° 2005-165 du 24 mars 2005, § III.2.2 (sources/dgas-note-2005-165-rmi-ressortissants-ue.txt)",
    ]
    documentation = """
    Sans objet hors des mesures transitoires (parameters/ue/mesures_transitoires) : seuls les
    ressortissants d'un État qui y est soumis dans le mois doivent la détenir pour être travailleurs.
    """


class date_accident_vie(Variable):
    value_type = date
    default_value = NEVER
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "Date de l'accident de la vie (perte d'emploi, séparation) qui a fait perdre les ressources suffisantes ou la couverture maladie à une personne qui remplissait auparavant les conditions du droit au séjour (non renseignée : aucun)"
    reference = [
        "Note d'information DGAS/1C n° 2005-165 du 24 mars 2005, annexe, § 2 (sources/dgas-note-2005-165-rmi-ressortissants-ue.txt)",
        LETTRE_CNAF_2008 + " : « accident de la vie »",
    ]
    documentation = """
    À ne renseigner que pour une personne qui disposait auparavant de ressources suffisantes et
    d'une assurance maladie complète : la note DGAS distingue cette personne de celle qui n'en a
    jamais disposé, et qui n'acquiert pas de droit au séjour « par le seul effet du temps qui passe ».
    """


class date_debut_sejour_legal_ue(Variable):
    value_type = date
    default_value = NEVER
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "Date de début du séjour légal et ininterrompu en France au titre du droit de l'Union (non renseignée : aucun)"
    reference = [
        "Code de l'entrée et du séjour des étrangers et du droit d'asile, art. L.122-1 (loi n° 2006-911) puis L.234-1 (depuis le 1er mai 2021)",
        "Directive 2004/38/CE du 29 avril 2004, art. 16 et 21",
    ]
    documentation = """
    Début de la période de séjour légal (avec un droit au séjour au titre du droit de l'Union) qui
    dure encore. La continuité est un fait déclaré : des absences de moins de six mois par an, ou
    une absence de douze mois consécutifs au plus pour un motif important, ne l'interrompent pas
    (art. 16, § 3 de la directive ; R.234-3 CESEDA) ; une absence plus longue fait déclarer une
    nouvelle date. Des séjours antérieurs au 30 avril 2006 comptent (CJUE, 7 octobre 2010, Lassal,
    C-162/09).
    """


class date_dernier_depart_france(Variable):
    value_type = date
    default_value = LONG_AGO
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "Date du dernier départ de France, avant la dernière arrivée ou pour une absence en cours (non renseignée : ancienne)"
    reference = "Code de l'entrée et du séjour des étrangers et du droit d'asile, art. L.122-2 puis L.234-2 : perte du droit au séjour permanent après une absence de plus de deux années consécutives"
    documentation = """
    L'absence dure de cette date à la dernière arrivée en France (date_arrivee_france) si celle-ci
    est postérieure, sinon jusqu'au mois examiné (absence en cours).
    """


class date_demande_titre_accord_retrait(Variable):
    value_type = date
    default_value = NEVER
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "Date du dépôt de la demande du titre de séjour « Article 50 TUE - Accord sur le retrait du Royaume-Uni de l'UE » (non renseignée : aucune demande)"
    reference = [
        "Accord sur le retrait du Royaume-Uni de l'Union européenne, art. 18, § 1, b et d, et § 3 : dans l'attente d'une décision définitive sur la demande, tous les droits de la deuxième partie sont réputés s'appliquer au demandeur",
        "Décret n° 2020-1417 du 19 novembre 2020, chapitre IV (demandes déposées avant le 1er juillet 2021)",
    ]
    documentation = """
    Une demande déposée dans le délai (parameters/ue/accord_retrait/date_limite_demande) justifie le
    séjour du Britannique résidant en France avant 2021 jusqu'à la décision qui la rejette
    (decision_refus_sejour_date). Non renseignée, aucune demande : sans titre, le séjour n'est plus
    justifié à partir de la date où le titre est exigé.
    """
