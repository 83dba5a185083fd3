from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class residence_permanente(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Résidence permanente en France (AAH, RMI, RSA) : absences d'au plus trois mois dans l'année civile ; au-delà, seuls les mois civils complets de présence"
    reference = [
        "Code de la sécurité sociale, art. R.821-1, alinéas ajoutés par le décret n° 2005-724 du 29 juin 2005 (AAH)",
        "Code de l'action sociale et des familles, art. R.262-2-1 (RMI, décret n° 2006-1197 du 29 septembre 2006), puis R.262-5 (RSA, décret n° 2009-404 du 15 avril 2009)",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000020526206",
        "Circulaire DSS/2A/2B/3A n° 2008-245 du 22 juillet 2008 : l'AAH et le RMI relèvent de leur propre condition de résidence permanente (sources/controle-residence-r115-6-circulaire-2008-07-22.txt)",
    ]
    documentation = """
    Est réputée résider en France de façon permanente la personne dont les séjours hors de France ne
    dépassent pas trois mois (92 jours) au cours de l'année civile. Au-delà, la prestation n'est
    versée que pour les mois civils complets de présence : le mois compte s'il n'a aucun jour
    d'absence. Les séjours pour études, une langue ou une formation professionnelle ne sont pas
    décomptés (R.821-1, renvoi au 2° de R.512-1 ; pour le RSA, R.262-5 exclut de même les séjours
    accomplis dans le cadre du parcours d'insertion, auxquels la formation est assimilée : choix
    documenté).
    Angle mort : un séjour de plus de trois mois « de date à date » à cheval sur deux années civiles
    n'est pas repéré, les absences étant déclarées en jours par mois.
    """

    def formula(individu, period, parameters):
        limite = parameters(period).residence.residence_permanente.duree_maximale_absences
        sejours_de_trois_mois_au_plus = individu("jours_absence_annee_civile", period) <= limite
        sejour_pour_etudes = individu("absence_pour_etudes", period)
        mois_civil_complet_de_presence = individu("jours_absence_france", period) == 0
        return sejours_de_trois_mois_au_plus + sejour_pour_etudes + mois_civil_complet_de_presence
