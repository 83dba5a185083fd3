import numpy
from openfisca_core.periods import MONTH

from openfisca_residence.rules.dates import period_start
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class decision_refus_sejour_anterieure(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Une décision de refus ou de retrait de séjour, d'expulsion ou d'obligation de quitter le territoire, prise au plus tard le jour de la demande (ou le premier jour d'un mois postérieur à la demande), vise le document détenu (en vigueur le jour de la décision)"
    reference = [
        "Réponse ministérielle à la question écrite AN n° 2308 (JO 17 juin 2025) : « la décision qui constate le refus de séjour est le fait générateur de l'extinction des droits sociaux, et […] cette dernière n'est pas assortie d'un recours suspensif » (sources/an-qe-2308-2025-fin-droits-sociaux-refus-sejour.txt)",
        "Circulaires du ministre de l'intérieur du 5 février 2024 et du 28 octobre 2024 (INTK2428339J)",
        "Conseil d'État, 24 juillet 2009, Boureghdad (avis), n° 327282 : le récépissé justifie le séjour « jusqu'à l'intervention de la décision prise sur sa demande »",
    ]
    documentation = """
    La décision produit effet dès sa date, recours compris ; elle éteint aussi le droit ouvert par
    une demande antérieure, pour les mois qui la suivent (prise au plus tard le premier jour du
    mois examiné) : un recours n'est pas une entrée du
    modèle, faute d'effet suspensif ; une annulation par le juge en est une
    (decision_refus_sejour_annulee). Elle met fin au droit que donne le document qu'elle refuse ou
    retire, et aux documents délivrés pour la demande qu'elle rejette (récépissé, convocation) : à
    tout document dont la validité a commencé au plus tard le jour de la décision. Un document
    délivré après elle (carte de séjour accordée en 2018 après un refus de 2015, nouveau récépissé
    d'une nouvelle demande) est une décision nouvelle qui justifie le séjour. Choix documenté : un
    document qui commence le jour même de la décision est réputé visé par elle. Sans date de début
    déclarée (1er janvier 1900), le document est réputé antérieur : la décision l'atteint.
    """

    def formula(individu, period):
        decision = individu("date_decision_sejour_opposable", period)
        # Prise au plus tard le jour de la demande, ou, pour le droit en cours d'un mois postérieur
        # à la demande, au plus tard le premier jour du mois : elle éteint les droits depuis sa date.
        prise = decision <= numpy.maximum(individu("date_demande", period), period_start(period))
        vise_le_document = individu("titre_sejour_date_debut", period) <= decision
        return prise * vise_le_document
