from openfisca_core.periods import MONTH

from openfisca_residence.rules.dates import reached
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable

R121_6 = "Code de l'entrée et du séjour des étrangers et du droit d'asile, art. R.121-6 (décret n° 2007-371 du 21 mars 2007) puis R.233-7 (décret n° 2020-1734, depuis le 1er mai 2021) — https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000042808052"


class ancien_travailleur_ue(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Citoyen de l'Union, de l'EEE ou de la Suisse qui ne travaille plus et conserve la qualité de travailleur (incapacité temporaire, chômage involontaire, formation professionnelle)"
    reference = [
        R121_6,
        "Directive 68/360/CEE du 15 octobre 1968, art. 7, § 1 (avant le décret n° 2007-371)",
        "Directive 2004/38/CE du 29 avril 2004, art. 7, § 3",
        "Conseil d'État, 18 février 2019, n° 417021 (durée d'activité : pas seulement le dernier contrat)",
    ]
    documentation = """
    A travaillé en France (duree_activite_anterieure_mois > 0), n'est pas travailleur dans le mois,
    et : 1° est en incapacité de travail temporaire (maladie ou accident) ; 2° est au chômage
    involontaire, inscrit comme demandeur d'emploi, après plus d'un an d'activité (douze mois
    accomplis) — sans limite de durée ; 3° suit une formation professionnelle liée à l'activité
    antérieure, ou quelconque s'il est au chômage involontaire ; ou, privé involontairement
    d'emploi dans ses douze premiers mois d'activité et inscrit, pendant six mois à compter de la
    perte d'emploi, appréciés à la date de la demande (date_demande ; lettre CNAF du 28 février
    2008, § 1 : la catégorie s'apprécie « au moment de la demande de prestations ») : privé
    d'emploi le 10 janvier, il garde la qualité pour une demande du 9 juillet, plus le 10 juillet.
    Avant le décret n° 2007-371 (JORF 22 mars 2007, en vigueur le 23 mars 2007), la directive 68/360/CEE (art. 7, § 1) maintenait le
    droit du travailleur en incapacité temporaire ou au chômage involontaire dûment constaté, sans
    durée d'activité minimale ; la formation professionnelle suit la jurisprudence (CJCE,
    21 juin 1988, Lair, 39/86).
    Angle mort : le maintien au titre d'une activité exercée sans l'autorisation exigée pendant les
    mesures transitoires n'est pas distingué : duree_activite_anterieure_mois ne dit pas si les
    périodes passées étaient autorisées ; une entrée reste à ajouter (CJUE, 13 septembre 2018,
    Prefeta, C-618/16).
    """

    def formula(individu, period):
        ressortissant = individu("ressortissant_ue_eee_suisse", period)
        ne_travaille_plus = ~individu("travailleur_ue", period)
        a_travaille_en_france = individu("duree_activite_anterieure_mois", period) > 0
        chomage = individu("chomage_involontaire", period)
        d68_360_7_incapacite = individu("incapacite_temporaire_travail", period)
        d68_360_7_chomage_involontaire = chomage * individu("inscrit_demandeur_emploi", period)
        lair_formation = individu("formation_professionnelle", period) * (
            individu("formation_liee_activite_anterieure", period) + chomage
        )
        return (
            ressortissant
            * ne_travaille_plus
            * a_travaille_en_france
            * (d68_360_7_incapacite + d68_360_7_chomage_involontaire + lair_formation)
        )

    def formula_2007_03_23(individu, period, parameters):
        p = parameters(period).ue.ancien_travailleur
        ressortissant = individu("ressortissant_ue_eee_suisse", period)
        ne_travaille_plus = ~individu("travailleur_ue", period)
        duree_activite = individu("duree_activite_anterieure_mois", period)
        a_travaille_en_france = duree_activite > 0
        plus_d_un_an = duree_activite >= p.duree_activite_maintien_sans_limite
        chomage = individu("chomage_involontaire", period)
        chomeur_inscrit = chomage * individu("inscrit_demandeur_emploi", period)
        # Les six mois depuis la perte d'emploi ne sont pas écoulés le jour de la demande.
        perte_d_emploi_recente = ~reached(
            individu("date_perte_emploi", period),
            p.duree_maintien_chomage_premiere_annee,
            individu("date_demande", period),
        )

        r233_7_1_incapacite = individu("incapacite_temporaire_travail", period)
        r233_7_2_chomage_apres_un_an = chomeur_inscrit * plus_d_un_an
        r233_7_3_formation = individu("formation_professionnelle", period) * (
            individu("formation_liee_activite_anterieure", period) + chomage
        )
        r233_7_chomage_premiere_annee_six_mois = (
            chomeur_inscrit * ~plus_d_un_an * perte_d_emploi_recente
        )
        return (
            ressortissant
            * ne_travaille_plus
            * a_travaille_en_france
            * (
                r233_7_1_incapacite
                + r233_7_2_chomage_apres_un_an
                + r233_7_3_formation
                + r233_7_chomage_premiere_annee_six_mois
            )
        )
