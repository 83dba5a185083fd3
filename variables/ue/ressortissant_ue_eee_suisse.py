from openfisca_core.periods import MONTH

from openfisca_residence.rules.countries import nationality_in
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class ressortissant_ue_eee_suisse(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Ressortissant d'un État membre de l'Union européenne, d'un autre État partie à l'accord sur l'EEE ou de la Suisse, hors France"
    reference = [
        "Code de l'entrée et du séjour des étrangers et du droit d'asile, art. L.121-1 (loi n° 2006-911) puis L.233-1 : citoyens de l'Union, ressortissants des autres États parties à l'accord sur l'Espace économique européen et de la Confédération suisse",
        "Note d'information DGAS/1C n° 2005-165 du 24 mars 2005, § II (sources/dgas-note-2005-165-rmi-ressortissants-ue.txt)",
        "Accord sur le retrait du Royaume-Uni de l'Union européenne, art. 126 et 127 (fin de la période de transition le 31 décembre 2020)",
    ]
    documentation = """
    Vrai si la nationalité du mois est celle d'un État dont le paramètre
    ue.etats_membres.<code ISO> vaut true à la date du mois : adhésions et retrait datés par
    traité (un fichier par État). Les Français n'y sont pas : ces règles ne les concernent pas. Un
    Britannique l'est jusqu'en décembre 2020 ; à partir de janvier 2021, il est ressortissant d'un
    pays tiers (voir beneficiaire_accord_retrait_royaume_uni).
    Angle mort : une seule nationalité par personne ; un binational franco-européen se déclare
    français ; une entrée de seconde nationalité reste à ajouter (le citoyen de l'Union binational
    d'un pays tiers peut invoquer sa citoyenneté, CJCE, 7 juillet 1992, Micheletti, C-369/90).
    """

    def formula(individu, period, parameters):
        etats = parameters(period).ue.etats_membres
        codes_en_vigueur = [code for code in etats if etats[code]]
        return nationality_in(individu("nationalite", period), codes_en_vigueur)
