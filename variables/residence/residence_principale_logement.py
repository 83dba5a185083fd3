import numpy
from openfisca_core.periods import MONTH
from openfisca_core.populations import ADD

from openfisca_residence.rules.dates import year_to_date
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class residence_principale_logement(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "La personne occupe le logement au moins huit mois dans l'année (résidence principale au sens des aides au logement)"
    reference = [
        "Code de la sécurité sociale, art. D.542-1 et R.831-1 (jusqu'au 31 août 2019)",
        "Code de la construction et de l'habitation, art. R.822-23 (décret n° 2019-772 du 24 juillet 2019, depuis le 1er septembre 2019)",
        "Circulaire DSS/2A/2B/3A n° 2008-245 du 22 juillet 2008 : condition propre aux aides au logement, distincte de R.115-6 (sources/controle-residence-r115-6-circulaire-2008-07-22.txt)",
    ]
    documentation = """
    Le logement occupé au moins huit mois par an est celui dont l'occupant ne s'absente pas plus de
    quatre mois (douze moins huit) dans l'année civile. Au mois donné, les absences de France depuis
    le 1er janvier sont additionnées en mois, chaque mois comptant au prorata de ses jours
    d'absence : dès qu'elles dépassent quatre mois, le logement ne peut plus être occupé huit mois
    cette année-là. L'occupation est déduite de la présence en France, faute d'entrée propre au
    logement (choix du projet) ; les mois passés à l'étranger avant de s'installer en France ne
    comptent pas (mois_absence_logement) : celle qui s'installe en juillet après des années à
    l'étranger n'a pas quitté son logement de janvier à juin. Le foyer au sens de R.115-6 n'est
    pas lu pour le mois examiné : les aides au logement n'y sont pas soumises (circulaire du 22
    juillet 2008). Le logement de la famille est sa résidence principale dès qu'un
    parent ou un enfant à charge l'occupe ainsi (residence_principale_logement_famille).
    """

    def formula(individu, period, parameters):
        duree_minimale = parameters(period).residence.logement.duree_minimale_occupation
        mois_absence = individu("mois_absence_logement", year_to_date(period), options=[ADD])
        # Somme de fractions de mois : arrondie pour que des fractions complémentaires (10/30 puis
        # 20/30) fassent exactement un mois.
        return numpy.round(mois_absence, 6) <= 12 - duree_minimale
