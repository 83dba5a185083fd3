from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class residence_principale_logement_famille(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Le logement de la famille est sa résidence principale au sens des aides au logement : occupé au moins huit mois dans l'année par un parent (le bénéficiaire ou son conjoint) ou par un enfant à charge"
    reference = [
        "Code de la sécurité sociale, art. D.542-1 et R.831-1 (jusqu'au 31 août 2019) : logement occupé « soit par le bénéficiaire, soit par son conjoint, soit par une des personnes à charge »",
        "Code de la construction et de l'habitation, art. R.822-23 (décret n° 2019-772 du 24 juillet 2019, depuis le 1er septembre 2019) : « le logement effectivement occupé soit par le bénéficiaire […], soit par son conjoint, soit par une des personnes à charge au sens de l'article R. 823-4, au moins huit mois par an, sauf obligation professionnelle, raison de santé ou cas de force majeure »",
    ]
    documentation = """
    Il suffit qu'un membre de la famille, parent ou enfant à charge, occupe le logement huit mois
    (residence_principale_logement) : l'allocataire absent plus de quatre mois garde l'aide quand
    son enfant y vit. Les conditions de séjour restent celles des parents. Angle mort : les autres
    personnes à charge de R.823-4 (ascendant, proche handicapé) ne comptent que déclarées enfants
    de la famille ; les exceptions du texte (obligation professionnelle, raison de santé, force
    majeure) ne sont pas modélisées, faute d'entrée qui les déclare : l'absence qu'elles
    justifient compte comme une autre.
    """

    def formula(individu, period):
        return individu.famille.any(
            individu.famille.members("residence_principale_logement", period)
        )
