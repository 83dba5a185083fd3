import numpy
from openfisca_core.periods import MONTH

from openfisca_residence.rules.dates import add_months, reached
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.sejour.enums import TitreSejour


class droit_sejour_permanent_ue(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Droit au séjour permanent : cinq ans de séjour légal et ininterrompu en France au titre du droit de l'Union, sans absence de plus de deux ans depuis"
    reference = [
        "Code de l'entrée et du séjour des étrangers et du droit d'asile, art. L.122-1 et L.122-2 (loi n° 2006-911 du 24 juillet 2006, art. 23) puis L.234-1 et L.234-2 (depuis le 1er mai 2021)",
        "Directive 2004/38/CE du 29 avril 2004, art. 16",
        "Lettre d'information CNAF n° 1 du 28 février 2008, « L'acquisition d'un droit au séjour permanent » (sources/cnaf-lettre-information-2008-02-28-droit-sejour-ue.txt)",
    ]
    documentation = """
    Vrai pour le titulaire d'une carte de séjour permanent « Directive 2004/38/CE » valide dans le
    mois (le titre constate le droit), ou pour un ressortissant de l'Union, de l'EEE ou de la
    Suisse — ou un ressortissant de pays tiers titulaire d'une carte de membre de famille — dont le
    séjour légal ininterrompu (date_debut_sejour_legal_ue) a duré cinq ans à la date de la demande
    (date_demande ; lettre CNAF, § 1 : la catégorie s'apprécie « au moment de la demande de
    prestations ») : commencé le 15 mars 2010, il les a accomplis le 15 mars 2015. Perdu si,
    depuis le début de ce séjour, une absence de France (de date_dernier_depart_france à
    date_arrivee_france, ou à la date de la demande si elle dure encore) a dépassé deux ans : un
    nouveau séjour légal doit alors être déclaré.
    Avant la loi n° 2006-911 (26 juillet 2006), le droit français ne connaissait pas ce droit : la
    variable n'a pas de formule et vaut false ; les années de séjour antérieures comptent ensuite.
    Angle mort : les acquisitions anticipées (travailleur retraité ou en incapacité permanente,
    frontalier, art. 17 de la directive, R.122-4 puis R.234-4 CESEDA) ne sont pas modélisées : les
    faits sont déclarables (motif de cessation d'activité, durées d'activité et de résidence,
    conjoint français), la règle reste à écrire.
    """

    def formula_2006_07_26(individu, period, parameters):
        p = parameters(period).ue.sejour_permanent
        demande = individu("date_demande", period)
        titre = individu("titre_sejour", period)
        titre_en_cours = individu("ue_titre_sejour_en_cours", period)
        carte_sejour_permanent = (titre == TitreSejour.carte_sejour_permanent_ue) * titre_en_cours
        carte_membre_famille = (titre == TitreSejour.carte_membre_famille_ue) * titre_en_cours
        concerne = individu("ressortissant_ue_eee_suisse", period) + carte_membre_famille

        debut_sejour = individu("date_debut_sejour_legal_ue", period)
        depart = individu("date_dernier_depart_france", period)
        arrivee = individu("date_arrivee_france", period)

        # Début + cinq ans au plus tard le jour de la demande.
        l234_1_cinq_ans_de_sejour_legal = reached(debut_sejour, 12 * p.duree_sejour_legal, demande)
        # L'absence ne compte que si le départ suit le début du séjour légal : calculée pour ces
        # seules personnes (les autres ont les dates par défaut), de façon vectorielle.
        parti_depuis = depart >= debut_sejour
        fin_absence = numpy.where(arrivee > depart, arrivee, demande)[parti_depuis]
        l234_2_absence_de_plus_de_deux_ans = numpy.zeros_like(parti_depuis)
        l234_2_absence_de_plus_de_deux_ans[parti_depuis] = fin_absence > add_months(
            depart[parti_depuis], 12 * p.duree_absence_perte
        )
        return carte_sejour_permanent + concerne * l234_1_cinq_ans_de_sejour_legal * (
            ~l234_2_absence_de_plus_de_deux_ans
        )
