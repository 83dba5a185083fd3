"""La nationalité sous forme de nombre, pour comparer les codes de toute une population à la fois.

Les deux lettres du code ISO 3166-1 alpha-2 (majuscules ASCII) donnent 256 × la première + la
seconde : « FR » vaut 70 × 256 + 82. Convertir les textes une fois par mois, puis comparer des
entiers, évite de comparer des textes personne par personne dans chaque formule.
"""

import numpy
from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


def code_pays(codes):
    """Le nombre d'un code de deux lettres (`"FR"`), ou d'un tableau de codes."""
    lettres = numpy.asarray(codes, dtype="U2")
    points = lettres.reshape(-1).view(numpy.uint32).reshape(-1, 2).astype(numpy.int32)
    nombres = points[:, 0] * 256 + points[:, 1]
    return nombres[0] if lettres.ndim == 0 else nombres.reshape(lettres.shape)


def nationalite_parmi(codes, liste) -> numpy.ndarray:
    """Si le code de chaque personne (`code_nationalite`) est l'un des codes de `liste`."""
    table = numpy.zeros(256 * 256, dtype=bool)
    table[code_pays(list(liste)) if len(liste) else []] = True
    return table[codes]


class code_nationalite(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    label = "Nationalité du mois codée en nombre (256 × première lettre + seconde lettre du code ISO 3166-1)"
    reference = "Code civil, art. 17 et suivants (nationalité française) ; ISO 3166-1"

    def formula(individu, period):
        return code_pays(individu("nationalite", period))
