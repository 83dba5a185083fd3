from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class decision_refus_sejour_anterieure(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Une décision de refus ou de retrait de séjour, d'expulsion ou d'obligation de quitter le territoire a été prise au plus tard le jour de la demande"
    reference = [
        "Réponse ministérielle à la question écrite AN n° 2308 (JO 17 juin 2025) : « la décision qui constate le refus de séjour est le fait générateur de l'extinction des droits sociaux, et […] cette dernière n'est pas assortie d'un recours suspensif » (sources/an-qe-2308-2025-fin-droits-sociaux-refus-sejour.txt)",
        "Circulaires du ministre de l'intérieur du 5 février 2024 et du 28 octobre 2024 (INTK2428339J)",
    ]
    documentation = """
    La décision produit effet dès sa date, recours compris : un recours n'est pas une entrée du
    modèle, faute d'effet suspensif.
    """

    def formula(individu, period):
        return individu("decision_refus_sejour_date", period) <= individu("date_demande", period)
