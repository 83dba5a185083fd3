import numpy
from openfisca_core.periods import MONTH

from openfisca_residence.rules.dates import days_in, month_offset
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable

MOIS_LUS = 6  # de part et d'autre du mois : un séjour plus long dépasse de toute façon trois mois


class duree_sejour_continu_etranger(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    label = "Durée, en jours, du séjour continu hors de France qui comprend les absences du mois, comptée de date à date, même à cheval sur deux années civiles"
    reference = [
        "Code de l'action sociale et des familles, art. R.262-5 (RSA) et R.262-2-1 (RMI) : durée des séjours « de date à date »",
        "Conseil d'État, 30 avril 2014, Département de Loir-et-Cher, n° 357900",
    ]
    documentation = """
    Zéro pour un mois sans absence. Les absences sont déclarées en jours par mois
    (jours_absence_france) ; le séjour se reconstitue ainsi :
    - un mois entièrement passé hors de France continue le séjour des mois qui le touchent ;
    - les jours d'un mois en partie à l'étranger qui touche un mois entier sont ceux du départ (mois
      d'avant) ou du retour (mois d'après) : ils comptent dans ce séjour, et le séjour s'arrête à ce
      mois partiel ;
    - un mois partiel entre deux suites de mois entiers (retour et nouveau départ dans le même mois,
      que les jours déclarés ne distinguent pas) compte dans l'un et l'autre séjour ; sa propre durée
      est celle du plus long des deux ;
    - deux mois partiels qui se suivent sont deux séjours.
    Ces choix n'allongent un séjour que d'un mois partiel au plus, et gardent la règle monotone :
    moins de jours d'absence ne retire jamais la résidence. Un séjour de plus de trois mois (92
    jours) compte au moins deux mois civils entiers (un seul mois entier et les deux mois partiels
    qui l'encadrent font au plus 90 jours) : seul le rattachement des mois partiels est une
    hypothèse. Les mois suivants sont lus : un séjour se juge sur sa durée entière (R.262-5 :
    « séjours dont la durée […] n'excède pas »), un mois futur non déclaré valant zéro jour. Tous
    les jours d'absence comptent, ceux d'un séjour pour études compris : ni R.262-2-1 ni R.262-5
    n'exceptent les études (l'AAH les excepte : duree_sejour_continu_etranger_hors_etudes). Le
    séjour se lit sur six mois de part et d'autre du mois : un séjour plus long est compté sur ces
    treize mois, ce qui dépasse de toute façon trois mois.
    """

    def formula(individu, period):
        return duree_du_sejour(individu, period, "jours_absence_france")


def duree_du_sejour(individu, period, jours_absence, parmi=None):
    """Le séjour reconstitué des jours d'absence de chaque mois lus dans la variable jours_absence
    (tous les jours, ou hors études pour l'AAH), pour les lignes `parmi` (toutes par défaut ; zéro
    pour les autres)."""
    jours_du_mois = individu(jours_absence, period)
    duree = numpy.zeros(individu.count, dtype=jours_du_mois.dtype)  # zéro sans absence du mois
    absents = numpy.flatnonzero(jours_du_mois > 0)  # le séjour ne se reconstitue que pour eux
    if parmi is not None:
        absents = numpy.intersect1d(absents, parmi, assume_unique=True)
    if not absents.size:
        return duree  # les mois voisins ne sont pas lus
    mois = {k: month_offset(period, k) for k in range(-MOIS_LUS, MOIS_LUS + 1)}
    jours = {k: individu(jours_absence, m)[absents] for k, m in mois.items()}
    entier = {k: jours[k] == days_in(m) for k, m in mois.items()}
    avant = numpy.zeros(absents.size, dtype=duree.dtype)
    apres = numpy.zeros(absents.size, dtype=duree.dtype)
    suite_avant = numpy.ones(absents.size, dtype=bool)
    suite_apres = numpy.ones(absents.size, dtype=bool)
    for k in range(1, MOIS_LUS + 1):
        # Le séjour passe au mois suivant (ou précédent) depuis un mois entier, ou, depuis le
        # mois calculé lui-même, vers un mois entier.
        premier = k == 1
        suite_avant = suite_avant * (jours[-k] > 0) * (entier[1 - k] + premier * entier[-k])
        suite_apres = suite_apres * (jours[k] > 0) * (entier[k - 1] + premier * entier[k])
        avant += numpy.where(suite_avant, jours[-k], 0)
        apres += numpy.where(suite_apres, jours[k], 0)
    mois_entier = jours[0] + avant + apres
    mois_partiel = jours[0] + numpy.maximum(avant, apres)
    duree[absents] = numpy.where(entier[0], mois_entier, mois_partiel)
    return duree
