"""A computed value that differs from the value a case expects, told person by person.

Core's runner prints the arrays (`[1. 0.] differs from [1. 1.] with an absolute margin [0. 1.] > 0`):
who differs, and what a `1.` stands for, is left to the reader. `difference` names each person or
family whose value differs, with the value computed and the value expected as a legal expert
writes them (`true`, `titre_expire`, `2018-03-01`, `186`), and the margin when the case gives one:

    sejour_regulier@2018-02: individu bob: computed false, expected true.

Values are compared as Core compares them: categories by name, dates exactly, texts exactly,
numbers and booleans as float32 within the case's absolute or relative margin (none: equal).
"""

from __future__ import annotations

import datetime

import numpy
from openfisca_core.indexed_enums import Enum, EnumArray

from openfisca_residence.i18n import _, listed
from openfisca_residence.rules.inputs import SHOWN, written_number


def difference(
    variable, population, computed, expected, entity_index, margins, named: bool
) -> str | None:
    """What differs between `computed` (the values of `population`'s persons or families; only
    the one at `entity_index` when it is given) and `expected` (one value, or one per person or
    family), or None. `margins` is (absolute, relative), each None when the case gives none;
    `named`: whether to name the persons or families."""
    if isinstance(computed, EnumArray):
        computed = numpy.asarray(computed.decode_to_str(), dtype=object)
    actual, ids = numpy.asarray(computed), list(population.ids)
    if entity_index is not None:
        actual, ids = actual[entity_index : entity_index + 1], [ids[entity_index]]
    expected_each = expected if isinstance(expected, list | tuple) else [expected] * len(actual)
    differs = _differing(variable, actual, list(expected_each), *margins)
    if not differs.any():
        return None
    texts = []
    for index in numpy.flatnonzero(differs)[:SHOWN]:
        values = {
            "actual": written(actual[index]),
            "expected": written(expected_each[index]) + _margin(*margins),
        }
        if named:
            who = f"{population.entity.key} {ids[index]}"
            texts.append(
                _("{who}: computed {actual}, expected {expected}").format(who=who, **values)
            )
        else:
            texts.append(_("computed {actual}, expected {expected}").format(**values))
    text = listed(texts)
    if differs.sum() > SHOWN:
        text += _(" and {count} more").format(count=int(differs.sum()) - SHOWN)
    return text + "."


def written(value) -> str:
    """A value as a YAML test writes it: true, 186, 2018-03-01, titre_expire."""
    value = value.item() if isinstance(value, numpy.generic) else value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float):
        value = float(str(numpy.float32(value)))  # 186.0 and 0.1 as written, not 0.100000001
        return str(int(value)) if value.is_integer() else str(value)
    return str(value)


def _differing(variable, actual, expected: list, absolute, relative) -> numpy.ndarray:
    if variable.value_type in (Enum, str):
        return numpy.asarray(actual, dtype=str) != numpy.asarray(expected, dtype=str)
    if numpy.issubdtype(actual.dtype, numpy.datetime64):
        return actual != numpy.array(expected, dtype=actual.dtype)
    target = numpy.array(
        [float(value) if isinstance(value, bool) else written_number(value) for value in expected],
        dtype=numpy.float32,
    )
    gap = numpy.abs(target - actual.astype(numpy.float32))
    differs = numpy.zeros(len(actual), dtype=bool)
    if absolute is not None or relative is None:
        differs |= gap > (absolute or 0)
    if relative is not None:
        differs |= gap > numpy.abs(relative * target)
    return differs


def _margin(absolute, relative) -> str:
    if relative:
        return f" ± {written(float(relative) * 100)} %"
    return f" ± {written(float(absolute))}" if absolute else ""
