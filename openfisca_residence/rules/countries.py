"""Country codes: ISO 3166-1 alpha-2, as the `nationalite` input holds them (`XX`: stateless).

`iso_3166_1_alpha_2.tsv` lists the codes with their French names; `is_country_code(codes)` tells,
code by code, whether each is one of them (the check at the door).

What formulas ask of a nationality, for a whole population at once:

    francais = nationality_is(individu("nationalite", period), "FR")
    etat_membre = nationality_in(individu("nationalite", period), codes_en_vigueur)

`codes` is a list (a list parameter, or the codes of a dated parameter node in force). OpenFisca
holds a text variable as an array of Python strings, slow to compare person by person; these helpers
read each array once as 16-bit numbers (the two capital letters), kept while the array lives (the
same array serves every month of an input given once), and then compare numbers. The arrays a
simulation holds are never changed in place: an array read once keeps its numbers.
"""

from __future__ import annotations

import weakref
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


def nationality_is(nationalities, code: str) -> numpy.ndarray:
    """Whether each person's nationality is `code` (`"FR"`)."""
    return _numbers(nationalities) == _number(code)


def nationality_in(nationalities, codes) -> numpy.ndarray:
    """Whether each person's nationality is one of `codes` (an empty list: nobody's).

    A code that is not a country code is a mistake in a parameter file: it raises.
    """
    codes = list(codes)
    unknown = sorted(code for code in codes if code not in COUNTRY_CODES)
    if unknown:
        raise ValueError(f"Unknown country code(s) {unknown} in a list of nationalities")
    table = numpy.zeros(2**16, dtype=bool)
    table[[_number(code) for code in codes]] = True
    return table[_numbers(nationalities)]


def _number(code: str) -> int:
    return ord(code[0]) * 256 + ord(code[1])


def _as_numbers(codes) -> numpy.ndarray:
    """Two capital letters (checked at the door) as 256 × the first + the second."""
    letters = numpy.asarray(codes, dtype="U2").reshape(-1)
    points = letters.view(numpy.uint32).reshape(-1, 2)
    return (points[:, 0] * 256 + points[:, 1]).astype(numpy.uint16)


# The numbers of each array of nationalities read, while it lives: id → (weak reference, numbers).
_read: dict[int, tuple[weakref.ref, numpy.ndarray]] = {}


def codes_taken(codes: numpy.ndarray, rows: numpy.ndarray) -> numpy.ndarray:
    """`codes[rows]`: a column of nationalities as Arrow encodes it (its few distinct codes, and
    each row's), its numbers read from the distinct codes and kept with the array it returns
    (reading 100,000 codes one by one took 3.4 ms, for each month's column)."""
    nationalities = codes[rows]
    _remember(nationalities, _as_numbers(codes)[rows])
    return nationalities


def _numbers(nationalities) -> numpy.ndarray:
    key = id(nationalities)
    kept = _read.get(key)
    if kept is not None and kept[0]() is nationalities:
        return kept[1]
    numbers = _as_numbers(nationalities)
    if isinstance(nationalities, numpy.ndarray):
        _remember(nationalities, numbers)
    return numbers


def _remember(nationalities: numpy.ndarray, numbers: numpy.ndarray) -> None:
    key = id(nationalities)
    forget = weakref.ref(nationalities, lambda _, key=key: _read.pop(key, None))
    _read[key] = (forget, numbers)
