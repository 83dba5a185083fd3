from openfisca_core.periods import MONTH

from openfisca_residence.rules.countries import nationality_in
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class ue_autorisation_travail_exigee(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Ressortissant d'un État soumis aux mesures transitoires : une autorisation de travail lui est exigée pour une activité salariée"
    reference = [
        "Actes d'adhésion de 2003, 2005 et 2011, dispositions transitoires sur la libre circulation des travailleurs",
        "Code de l'entrée et du séjour des étrangers et du droit d'asile, art. L.121-1, alinéa 3 (loi n° 2003-1119), puis L.121-2 (loi n° 2006-911)",
        "Note d'information DGAS/1C n° 2005-165 du 24 mars 2005, § III.2.2 (sources/dgas-note-2005-165-rmi-ressortissants-ue.txt)",
    ]
    documentation = """
    Huit États de 2004 (hors Chypre et Malte) jusqu'au 30 juin 2008, Bulgarie et Roumanie jusqu'au
    31 décembre 2013, Croatie jusqu'au 30 juin 2015 (parameters/ue/mesures_transitoires). Effet sur
    la qualité de travailleur : voir travailleur_ue.
    """

    def formula(individu, period, parameters):
        etats = parameters(period).ue.mesures_transitoires
        codes_soumis = [code for code in etats if etats[code]]
        return nationality_in(individu("nationalite", period), codes_soumis)
