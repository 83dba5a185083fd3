from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class enfant_reside_en_france(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "L'enfant réside en France : absences de l'année civile d'au plus trois mois, ou pour études"
    reference = [
        "Code de la sécurité sociale, art. R.512-1 (décret n° 85-1353 du 17 décembre 1985)",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006750589",
        "Circulaire DSS/2A/2B/3A n° 2008-245 du 22 juillet 2008 : les enfants restent soumis à R.512-1 (sources/controle-residence-r115-6-circulaire-2008-07-22.txt)",
    ]
    documentation = """
    L'enfant qui vit en France de façon permanente y réside ; il y est réputé résider pendant ses
    séjours provisoires hors de France s'ils ne dépassent pas trois mois (92 jours) au cours de
    l'année civile (1°), et pendant un séjour plus long nécessaire à ses études, à l'apprentissage
    d'une langue ou à sa formation professionnelle (2°), dont les jours ne sont pas comptés.
    Dès que les absences de l'année dépassent la limite, l'enfant cesse de résider en France pour
    le reste de l'année civile ; le compte repart au 1er janvier.
    Angle mort : le 3° (enfant d'une famille de zone frontalière scolarisé ou soigné dans le pays
    voisin) n'est pas codé, faute d'entrée décrivant la zone frontalière.
    """

    def formula(individu, period, parameters):
        limite = parameters(
            period
        ).residence.residence_permanente.enfant_duree_maximale_sejours_provisoires
        r512_1_1_sejours_provisoires = individu("jours_absence_annee_civile", period) <= limite
        return r512_1_1_sejours_provisoires
