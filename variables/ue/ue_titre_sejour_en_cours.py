from openfisca_core.periods import MONTH

from openfisca_residence.rules.dates import period_end, period_start
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class ue_titre_sejour_en_cours(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = (
        "Le titre ou document de séjour déclaré pour le mois est valide au moins un jour du mois"
    )
    reference = [
        "Lettre d'information CNAF n° 1 du 28 février 2008, § 1 : « la simple présentation de ce document suffit à justifier de la régularité de leur séjour » (sources/cnaf-lettre-information-2008-02-28-droit-sejour-ue.txt)",
        "Note d'information DGAS/1C n° 2005-165 du 24 mars 2005, § III.2.2 : le titre constate le droit au séjour (sources/dgas-note-2005-165-rmi-ressortissants-ue.txt)",
    ]
    documentation = """
    Sert aux cartes qui constatent un droit au séjour au titre du droit de l'Union (membre de
    famille, séjour permanent, accord de retrait du Royaume-Uni). La régularité du séjour à la date
    de la demande, et le maintien des droits après l'expiration, relèvent du domaine sejour.
    """

    def formula(individu, period):
        debut = individu("titre_sejour_date_debut", period)
        fin = individu("titre_sejour_date_fin", period)
        return (debut <= period_end(period)) * (fin >= period_start(period))
