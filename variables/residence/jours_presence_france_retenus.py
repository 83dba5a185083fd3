import numpy
from openfisca_core.model_api import max_
from openfisca_core.periods import MONTH
from openfisca_core.populations import ADD

from openfisca_residence.rules.dates import NEVER, months_before, period_start
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class jours_presence_france_retenus(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    label = "Jours de présence en France retenus pour le séjour principal : année civile précédente ou, si c'est plus favorable, 12 mois de date à date"
    reference = [
        "Code de la sécurité sociale, art. R.115-6, alinéa 3 (décret n° 2007-354 du 14 mars 2007)",
        "Circulaire DSS/2A/2B/3A n° 2008-245 du 22 juillet 2008 : année civile précédente, ou de date à date sur 12 mois continus ; présence fractionnée additionnée (sources/controle-residence-r115-6-circulaire-2008-07-22.txt)",
    ]
    documentation = """
    Les jours de présence d'un mois sont ses jours moins ses jours d'absence déclarés
    (jours_presence_france). Les jours passés hors de France avant la dernière arrivée s'en
    déduisent aussi : l'absence va du dernier départ (date_dernier_depart_france ; non renseigné,
    ancien) à la dernière arrivée (date_arrivee_france), ou dure encore si le départ est postérieur
    à l'arrivée, dates lues au mois examiné. Ainsi la personne arrivée en France le 1er octobre 2009
    n'y a passé que 92 jours en 2009, même sans absence déclarée. Un jour compté à la fois dans
    cette absence et dans les absences déclarées du mois ne l'est qu'une fois (le plus grand des
    deux nombres de jours d'absence du mois).
    """

    def formula(individu, period, parameters):
        regle = parameters(period).residence.sejour_principal
        absence = absence_avant_arrivee(individu, period)
        # Les jours de présence s'additionnent, même fractionnés (exemple de la circulaire : du
        # 1er janvier au 31 mars, puis du 17 septembre au 21 décembre).
        annee_civile_precedente = jours_de_presence(individu, period.last_year, absence)
        if not regle.appreciation_de_date_a_date:
            return annee_civile_precedente
        douze_mois = months_before(period, regle.duree_periode_de_date_a_date)
        return max_(annee_civile_precedente, jours_de_presence(individu, douze_mois, absence))


def absence_avant_arrivee(individu, period) -> tuple:
    """Les personnes dont une absence est datée, et son premier et son lendemain de dernier jour
    (en jours depuis le 1er janvier 1970) : du dernier départ à la dernière arrivée, ou jamais
    finie si le départ suit l'arrivée."""
    arrivee = individu("date_arrivee_france", period)
    depart = individu("date_dernier_depart_france", period)
    fin = fin_de_l_absence(depart, arrivee)
    # Les mêmes dates (non renseignées) : aucune absence ; une absence finie avant l'année
    # civile précédente, ou commencée après le mois, ne touche aucune des deux périodes.
    lignes = numpy.flatnonzero(
        (arrivee != depart)
        & (fin > period_start(period.last_year))
        & (depart < period_start(period))
    )
    return lignes, depart[lignes].astype(numpy.int64), fin[lignes].astype(numpy.int64)


def fin_de_l_absence(depart, arrivee) -> numpy.ndarray:
    """Le lendemain du dernier jour de l'absence datée qui commence au dernier départ : la dernière
    arrivée si elle le suit, sinon jamais (absence en cours)."""
    return numpy.where(arrivee > depart, arrivee, numpy.datetime64(NEVER))


def jours_de_presence(individu, periode, absence) -> numpy.ndarray:
    """Les jours de présence des mois de `periode`, moins, pour les personnes d'une absence datée,
    ses jours de chaque mois au-delà des absences déclarées de ce mois."""
    presence = individu("jours_presence_france", periode, options=[ADD])
    lignes, debut, fin = absence
    jours = jours_entre(debut, fin, periode)
    # Seules les absences qui touchent la période comptent (une arrivée ancienne ne change rien à
    # l'année passée) ; sans absence déclarée sur la période, tous leurs jours s'en déduisent.
    touchent = jours > 0
    lignes, debut, fin, jours = lignes[touchent], debut[touchent], fin[touchent], jours[touchent]
    sans_absence_declaree = presence[lignes] == periode.size_in_days
    presence[lignes[sans_absence_declaree]] -= jours[sans_absence_declaree].astype(presence.dtype)
    autres = ~sans_absence_declaree
    if not autres.any():
        return presence
    lignes, debut, fin = lignes[autres], debut[autres], fin[autres]
    en_plus = numpy.zeros(lignes.size, dtype=numpy.int64)
    for mois in periode.get_subperiods(MONTH):
        declares = individu("jours_absence_france", mois)[lignes]
        en_plus += numpy.maximum(jours_entre(debut, fin, mois) - declares, 0)
    presence[lignes] -= en_plus.astype(presence.dtype)
    return presence


def jours_entre(debut, fin, periode) -> numpy.ndarray:
    """Les jours de [debut, fin) (en jours depuis le 1er janvier 1970) compris dans `periode`."""
    premier = int(period_start(periode).astype(numpy.int64))
    dans = numpy.minimum(fin, premier + periode.size_in_days) - numpy.maximum(debut, premier)
    return numpy.maximum(dans, 0)
