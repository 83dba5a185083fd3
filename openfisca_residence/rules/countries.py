"""Country codes: ISO 3166-1 alpha-2, as the `nationalite` input holds them (`XX`: stateless).

`iso_3166_1_alpha_2.tsv` lists the codes with their French names; `is_country_code(codes)` tells,
code by code, whether each is one of them.
"""

from pathlib import Path

import numpy

CODES_FILE = Path(__file__).with_name("iso_3166_1_alpha_2.tsv")


def _names() -> dict[str, str]:
    names = {}
    for line in CODES_FILE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            code, _, name = line.partition("\t")
            names[code] = name.strip()
    return names


COUNTRY_NAMES = _names()  # code → name
COUNTRY_CODES = frozenset(COUNTRY_NAMES)
# A set lookup, element by element in C (frompyfunc).
_known = numpy.frompyfunc(COUNTRY_CODES.__contains__, 1, 1)


def is_country_code(codes) -> numpy.ndarray:
    """Whether each code is a country code of the list (or XX)."""
    return _known(codes).astype(bool)
