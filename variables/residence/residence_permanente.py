from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


def residence_annee_a_date(individu, period, parameters, jours_absence_annee_civile):
    """Avant les décrets (choix du projet) : absences de l'année civile jusqu'au mois
    (jours_absence_annee_civile, ou sa variante hors études) d'au plus trois mois, ou mois sans
    absence."""
    present = mois_civil_complet_de_presence(individu, period)
    if present.all():
        return present  # un mois sans absence compte : l'année n'est pas lue
    limite = parameters(period).residence.residence_permanente.duree_maximale_absences
    sejours_de_trois_mois_au_plus = individu(jours_absence_annee_civile, period) <= limite
    return sejours_de_trois_mois_au_plus + present


def residence_de_date_a_date(individu, period, parameters, duree_sejour, jours_absence_annee):
    """R.262-2-1 et R.262-5 CASF, R.821-1 CSS : le séjour continu qui comprend le mois (« de date à
    date », duree_sejour) et le total de l'année civile entière (jours_absence_annee) n'excèdent pas
    trois mois ; sinon, seuls les mois civils complets de présence."""
    present = mois_civil_complet_de_presence(individu, period)
    if present.all():
        return present  # un mois sans absence compte : les séjours ne sont pas lus
    limite = parameters(period).residence.residence_permanente.duree_maximale_absences
    de_date_a_date = individu(duree_sejour, period) <= limite
    sur_l_annee_civile = individu(jours_absence_annee, period) <= limite
    return de_date_a_date * sur_l_annee_civile + present


def mois_civil_complet_de_presence(individu, period):
    return individu("jours_absence_france", period) == 0


class residence_permanente(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Résidence permanente en France (RMI, RSA) : séjours hors de France d'au plus trois mois de date à date et sur l'année civile ; au-delà, seuls les mois civils complets de présence"
    reference = [
        "Code de l'action sociale et des familles, art. R.262-2-1 (RMI, décret n° 2006-1197 du 29 septembre 2006, en vigueur le 1er octobre 2006), puis R.262-5 (RSA, décret n° 2009-404 du 15 avril 2009) : séjours dont la durée « de date à date ou la durée totale par année civile » n'excède pas trois mois",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000020526206",
        "Code de l'action sociale et des familles, art. R.262-5 (version du 1er juin 2009) : seuls « les séjours hors de France qui résultent des contrats mentionnés aux articles L. 262-34 ou L. 262-35 ou du projet personnalisé d'accès à l'emploi » ne sont pas pris en compte ; R.262-2-1 (RMI) n'excepte aucun séjour",
        "Conseil d'État, 30 avril 2014, Département de Loir-et-Cher, n° 357900 ; Conseil d'État, 20 octobre 2017, n° 405572",
        "Circulaire DSS/2A/2B/3A n° 2008-245 du 22 juillet 2008 : le RMI relève de sa propre condition de résidence permanente (sources/controle-residence-r115-6-circulaire-2008-07-22.txt)",
    ]
    documentation = """
    Depuis le 1er octobre 2006 (RMI, R.262-2-1) puis le 1er juin 2009 (RSA, R.262-5), est réputée
    résider en France la personne dont chaque séjour hors de France, compté de date à date même à
    cheval sur deux années civiles (duree_sejour_continu_etranger), et le total des séjours de
    l'année civile entière (jours_absence_annee_civile_totale) n'excèdent pas trois mois (92
    jours). Au-delà, l'allocation n'est versée que pour les mois civils complets de présence : le
    mois compte s'il n'a aucun jour d'absence, et aucun mois comptant une absence de l'année ou du
    séjour n'est payé, y compris ceux d'avant le dépassement (CE, 30 avril 2014, n° 357900 : droit
    final, non provisoire). Tous les jours hors de France comptent : ni R.262-2-1 ni R.262-5
    n'exceptent les séjours pour études, l'apprentissage d'une langue ou une formation
    professionnelle (exception propre à l'AAH, R.821-1 CSS, et aux enfants, R.512-1 CSS) ;
    absence_pour_etudes n'est pas lue. Angle mort : R.262-5 ne prend pas en compte les séjours
    hors de France qui résultent des contrats mentionnés aux articles L.262-34 ou L.262-35 ou du
    projet personnalisé d'accès à l'emploi ; aucune entrée ne les déclare, ils sont comptés.
    Avant le décret n° 2006-1197, aucun texte valide ne fixait de durée pour le RMI (la circulaire
    de 1993 émanait d'une autorité incompétente : CE, Ayadi, n° 205010) ; choix du projet : la
    même durée de trois mois, appréciée sur l'année civile jusqu'au mois, sans exception pour les
    études, comme R.262-2-1.
    L'AAH (R.821-1 CSS, décret n° 2005-724 en vigueur le 1er juillet 2005) suit la même règle à sa
    propre date, sans compter les séjours pour études : residence_permanente_aah.
    """

    def formula(individu, period, parameters):
        return residence_annee_a_date(individu, period, parameters, "jours_absence_annee_civile")

    def formula_2006_10_01(individu, period, parameters):
        return residence_de_date_a_date(
            individu,
            period,
            parameters,
            "duree_sejour_continu_etranger",
            "jours_absence_annee_civile_totale",
        )
