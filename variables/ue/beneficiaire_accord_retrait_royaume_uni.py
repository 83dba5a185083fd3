from openfisca_core.periods import MONTH

from openfisca_residence.rules.countries import nationality_is
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.sejour.enums import TitreSejour


class beneficiaire_accord_retrait_royaume_uni(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Ressortissant britannique titulaire d'un titre de séjour « Article 50 TUE - Accord sur le retrait du Royaume-Uni de l'UE », à partir du 1er janvier 2021"
    reference = [
        "Accord sur le retrait du Royaume-Uni de l'Union européenne, art. 13 et 18 (droits de séjour des résidents d'avant la fin de la période de transition)",
        "Décret n° 2020-1417 du 19 novembre 2020, art. 2 et 31 (titres de séjour ; RSA sans condition de cinq ans de titres)",
    ]
    documentation = """
    Depuis le 1er janvier 2021, un Britannique n'est plus ressortissant d'un État de l'Union
    (ressortissant_ue_eee_suisse) ; installé en France avant cette date, il garde des droits de
    séjour constatés par ce titre, qui atteste la régularité de son séjour (domaine sejour). Les
    prestations lisent cette variable pour les règles propres à l'accord de retrait. Avant 2021,
    false (le droit de l'Union s'applique).
    Angle mort : le simple récépissé de demande de ce titre n'est pas distingué.
    """

    def formula_2021_01_01(individu, period):
        britannique = nationality_is(individu("nationalite", period), "GB")
        titre = individu("titre_sejour", period) == TitreSejour.titre_accord_retrait_royaume_uni
        return britannique * titre * individu("ue_titre_sejour_en_cours", period)
