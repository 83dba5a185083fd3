import numpy
from openfisca_core.periods import MONTH
from openfisca_core.populations import ADD

from openfisca_residence.rules.dates import year_to_date
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class enfant_reside_en_france(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "L'enfant réside en France : absences de l'année civile d'au plus trois mois, hors études et établissement frontalier"
    reference = [
        "Code de la sécurité sociale, art. R.512-1 (décret n° 85-1353 du 17 décembre 1985)",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006750589",
        "Circulaire DSS/2A/2B/3A n° 2008-245 du 22 juillet 2008 : les enfants restent soumis à R.512-1 (sources/controle-residence-r115-6-circulaire-2008-07-22.txt)",
    ]
    documentation = """
    L'enfant qui vit en France de façon permanente y réside ; il y est réputé résider pendant ses
    séjours provisoires hors de France s'ils ne dépassent pas trois mois (92 jours) au cours de
    l'année civile (1°), et pendant un séjour plus long nécessaire à ses études, à l'apprentissage
    d'une langue ou à sa formation professionnelle (2°), ou, quand sa famille a sa résidence
    principale dans une zone frontalière, pendant les séjours, d'au plus l'année scolaire, où il
    fréquente un établissement d'enseignement ou de soins du pays voisin proche de la frontière en
    rejoignant sa famille à intervalles rapprochés (3°, enfant_frequente_etablissement_frontalier) :
    les jours du 2° et du 3° ne sont pas comptés (jours_absence_enfant_sejours_provisoires).
    Dès que les absences de l'année dépassent la limite, l'enfant cesse de résider en France pour
    le reste de l'année civile ; le compte repart au 1er janvier, sauf pour l'enfant qui ne
    résidait plus en France à la fin de l'année précédente (ses séjours provisoires de cette
    année-là dépassaient la limite) et n'y est pas revenu depuis : absent chaque jour depuis le
    1er janvier, il n'y réside toujours pas. Un séjour de plusieurs années n'est pas « provisoire »,
    et l'enfant ne vit plus en France « jusque-là » (circulaire du 22 juillet 2008). Choix du
    projet : une absence commencée en novembre, dans la limite de son année, et finie en février
    se compte année par année (R.512-1 ne compte pas de date à date).
    """

    def formula(individu, period, parameters):
        residence_permanente = parameters(period).residence.residence_permanente
        depuis_janvier = year_to_date(period)
        sejours_provisoires = individu(
            "jours_absence_enfant_sejours_provisoires", depuis_janvier, options=[ADD]
        )
        r512_1_1_sejours_provisoires = (
            sejours_provisoires <= residence_permanente.enfant_duree_maximale_sejours_provisoires
        )
        # L'enfant absent depuis le 1er janvier : réside-t-il encore à la fin de l'année passée ?
        absent_depuis_janvier = numpy.flatnonzero(
            r512_1_1_sejours_provisoires & (sejours_provisoires == depuis_janvier.size_in_days)
        )
        if absent_depuis_janvier.size:
            annee_precedente = period.last_year
            decembre = period.this_year.last_month
            limite = parameters(
                decembre
            ).residence.residence_permanente.enfant_duree_maximale_sejours_provisoires
            sejours_annee_precedente = individu(
                "jours_absence_enfant_sejours_provisoires", annee_precedente, options=[ADD]
            )[absent_depuis_janvier]
            r512_1_1_sejours_provisoires[absent_depuis_janvier] = sejours_annee_precedente <= limite
        return r512_1_1_sejours_provisoires
