import numpy
from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.lookup import category_in
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.sejour.date_expiration_titres import documents_recevables

# « un document transitoire (de type récépissé ou convocation) » reçu « pour le renouvellement du
# titre » (LR-DDO-124/2017, § 1.2, remarque).
DOCUMENTS_TRANSITOIRES_RENOUVELLEMENT = ("recepisse_renouvellement", "convocation_renouvellement")


class titre_precedent_fait_foi(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Le titre précédent fait foi : le document du mois est un document transitoire de renouvellement ou commence après la date de la demande, et un document recevable des 24 derniers mois est en cours de validité à cette date"
    reference = [
        "Lettre-réseau CNAM LR-DDO-124/2017, § 1.2, remarque : un document transitoire de renouvellement « dont la date de validité serait inférieure à la date du document précédent » n'est pas enregistré, « c'est le premier document qui fait foi » (sources/cnam-lr-ddo-124-2017-regularite-sejour.txt)",
        "Code de la sécurité sociale, art. R.111-3 (titre en cours de validité à la date de la demande)",
    ]
    documentation = """
    Exemple de la lettre-réseau : carte de séjour temporaire du 1er mars 2016 au 1er mars 2017, puis
    récépissé de renouvellement reçu le 1er janvier 2017 et valable jusqu'au 1er février 2017. Le
    récépissé n'est pas enregistré : la carte justifie le séjour jusqu'au 1er mars 2017, et le
    maintien de droit de R.111-4 commence le 2 mars 2017 (date_expiration_titres). Seul un mois dont
    le document est un récépissé ou une convocation de renouvellement lit les documents précédents
    (les 24 mois de date_expiration_titres) : un mois sans document, ou avec un autre titre, se juge
    sur son propre document, comme avant. Le document précédent doit être recevable
    (titre_sejour_recevable) et en cours de validité le jour de la demande : sa validité a commencé
    au plus tard ce jour-là et finit au plus tôt ce jour-là.
    """

    def formula(individu, period):
        titre = individu("titre_sejour", period)
        transitoire = category_in(titre, DOCUMENTS_TRANSITOIRES_RENOUVELLEMENT)
        demande = individu("date_demande", period)
        # R.111-3 : le document du mois qui commence après le jour de la demande n'est pas encore
        # détenu ; le précédent, encore valide ce jour-là, fait foi.
        a_venir = individu("titre_sejour_date_debut", period) > demande
        fait_foi = numpy.zeros(individu.count, dtype=bool)
        # Les documents précédents ne se lisent que pour eux.
        lignes = numpy.flatnonzero(transitoire + a_venir)
        if not lignes.size:
            return fait_foi
        demande = demande[lignes]
        # Un document qui n'a pas commencé le jour de la demande a pour fin le 1er janvier 1900
        # (documents_recevables).
        for _, fin in documents_recevables(individu, period, lignes):
            fait_foi[lignes] |= demande <= fin
        return fait_foi
