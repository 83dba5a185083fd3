"""État civil déclaré : date de naissance, nationalité."""

from datetime import date
from pathlib import Path

import numpy
from openfisca_core.periods import ETERNITY, MONTH
from openfisca_core.variables import Variable

import openfisca_residence
from openfisca_residence.entities import Individu
from openfisca_residence.inputs import dispatch_by_period, dispatched

CODES_PAYS = frozenset(
    line.split("\t")[0]
    for line in (Path(openfisca_residence.__file__).parent / "data" / "iso_3166_1_alpha_2.tsv")
    .read_text(encoding="utf-8")
    .splitlines()
    if line and not line.startswith("#")
)
# Un code est-il connu ? Recherche dans un ensemble, élément par élément en C (frompyfunc).
code_connu = numpy.frompyfunc(CODES_PAYS.__contains__, 1, 1)


class date_naissance(Variable):
    value_type = date
    default_value = date(1970, 1, 1)
    entity = Individu
    definition_period = ETERNITY
    set_input = dispatch_by_period
    label = "Date de naissance"
    reference = "Code civil, art. 57 (acte de naissance)"


class nationalite(Variable):
    value_type = str
    default_value = "FR"
    entity = Individu
    definition_period = MONTH
    set_input = dispatched(
        lambda codes: code_connu(codes).astype(bool),
        "an ISO 3166-1 alpha-2 country code in capitals (FR, IT, GB...), or XX for a stateless person",
    )
    label = (
        "Nationalité (code pays ISO 3166-1 alpha-2 ; GB pour le Royaume-Uni, XX pour un apatride)"
    )
    reference = "Code civil, art. 17 et suivants (nationalité française) ; ISO 3166-1"
