import numpy
from openfisca_core.periods import MONTH

from openfisca_residence.rules.dates import add_days, add_months, month_offset, year_of
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.lookup import parameters_of, value_at_dates
from openfisca_residence.rules.variable import Variable


class periodes_assurance_attestent_titres_aspa(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "ASPA et ASI : les années de titres autorisant à travailler exigées sont attestées par les titres et, pour les années qui précèdent le premier titre, par des périodes d'assurance (L.816-1, 1°, depuis le 30 décembre 2015)"
    reference = [
        "Code de la sécurité sociale, art. L.816-1, 1° (loi n° 2015-1776 du 28 décembre 2015, art. 39) : « Le respect de cette condition peut être attesté par les périodes d'assurance mentionnées à l'article L. 351-2 »",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000025018628",
        "Circulaire CNAV du 7 mars 2018 et lettre MSA DR-2018-471 du 15 octobre 2018 : au moins un trimestre validé dans l'année",
    ]
    documentation = """
    Les années exigées (dix ans, durée en vigueur le jour de la demande) courent à rebours de la
    date de la demande. Les titres autorisant à travailler les couvrent depuis
    date_premier_titre_autorisant_travail ; chaque année civile qui a un jour de la période
    antérieure au premier titre doit compter au moins un trimestre validé (annee_avec_trimestre_valide).
    Une année sans titre ni trimestre rompt la condition. Les périodes d'assurance attestent les
    années passées, non le titre détenu : un document du mois qui n'autorise pas à travailler par
    sa nature (titre_sejour_exclut_travail : carte « retraité »...) rompt la condition, la personne
    devant être « titulaire » d'un titre autorisant à travailler à la demande. Choix documentés : l'année est l'année
    civile du relevé de carrière ; les trimestres validés à l'étranger ne sont pas comptés. Pour
    une demande reçue avant le 30 décembre 2015 : faux (la preuve n'existe pas).
    """

    def formula(individu, period):
        aspa = parameters_of(individu).sejour.anteriorite_titres.aspa
        demande = individu("date_demande", period)
        admise = value_at_dates(aspa.preuve_par_periodes_assurance, demande)
        debut = add_months(demande, -12 * value_at_dates(aspa.duree, demande))
        sans_titre_jusqu_au = numpy.minimum(
            individu("date_premier_titre_autorisant_travail", period), add_days(demande, 1)
        )
        premiere, derniere = year_of(debut), year_of(add_days(sans_titre_jusqu_au, -1))
        # Les années à couvrir sont celles de chaque demande, non celles du mois examiné : un
        # droit ouvert en 2016 et réexaminé en 2025 compte encore les années 2006 à 2015.
        a_couvrir = admise * (sans_titre_jusqu_au > debut)
        couvert = numpy.ones(individu.count, dtype=bool)
        if a_couvrir.any():
            for annee in range(premiere[a_couvrir].min(), derniere[a_couvrir].max() + 1):
                dans_l_annee = a_couvrir * (premiere <= annee) * (annee <= derniere)
                if dans_l_annee.any():
                    mois = month_offset(period, 12 * (annee - period.start.year))
                    trimestre = individu("annee_avec_trimestre_valide", mois)
                    couvert = couvert * (~dans_l_annee + trimestre)
        return admise * couvert * ~individu("titre_sejour_exclut_travail", period)
