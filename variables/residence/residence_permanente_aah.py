from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_residence.entities import Individu


class residence_permanente_aah(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Résidence permanente en France pour l'AAH : absences d'au plus trois mois dans l'année civile ; au-delà, seuls les mois civils complets de présence"
    reference = [
        "Code de la sécurité sociale, art. R.821-1, alinéas ajoutés par le décret n° 2005-724 du 29 juin 2005",
        "Circulaire DSS/2A/2B/3A n° 2008-245 du 22 juillet 2008 : l'AAH relève de sa propre condition de résidence permanente (sources/controle-residence-r115-6-circulaire-2008-07-22.txt)",
    ]
    documentation = """
    Est réputée résider en France la personne handicapée dont les séjours hors de France ne
    dépassent pas trois mois (92 jours) au cours de l'année civile, ou qui séjourne à l'étranger
    pour ses études, une langue ou sa formation professionnelle. Au-delà de trois mois, l'AAH n'est
    versée que pour les mois civils complets de présence : le mois compte s'il n'a aucun jour
    d'absence.
    Angle mort : R.821-1 compte aussi un séjour de plus de trois mois « de date à date » ; avec des
    absences déclarées en jours par mois, la continuité d'un séjour à cheval sur deux années n'est
    pas connue : seule l'année civile est appréciée.
    """

    def formula(individu, period, parameters):
        limite = parameters(period).residence.residence_permanente.aah_duree_maximale_absences
        r821_1_sejours_de_trois_mois_au_plus = (
            individu("jours_absence_annee_civile", period) <= limite
        )
        r821_1_sejour_pour_etudes = individu("absence_pour_etudes", period)
        r821_1_mois_civil_complet_de_presence = individu("jours_absence_france", period) == 0
        return (
            r821_1_sejours_de_trois_mois_au_plus
            + r821_1_sejour_pour_etudes
            + r821_1_mois_civil_complet_de_presence
        )
