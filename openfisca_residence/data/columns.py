"""Typing one column of a population file: the normalised values, and the masks of the bad cells.

Texts (a CSV's cells) and Arrow columns of any type are normalised to the Arrow type of their
variable (`schema.ARROW_TYPES`); a cell that cannot be is null in the values and marked in a mask
(wrong type, impossible date, unknown enum item), so that every bad cell is reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy
import pyarrow
import pyarrow.compute as pc
from openfisca_core.indexed_enums import Enum

from openfisca_residence.data.schema import (
    ARROW_TYPES,
    DATE_TEXT,
    FALSE_TEXTS,
    INT32,
    INTEGER_TEXT,
    NUMBER_TEXT,
    TRUE_TEXTS,
)


def single_array(column) -> pyarrow.Array:
    """A column as one array (one buffer), its type kept."""
    if isinstance(column, pyarrow.ChunkedArray):
        return column.combine_chunks() if column.num_chunks != 1 else column.chunk(0)
    return column


def as_array(column) -> pyarrow.Array:
    """A column as one array of plain values: a dictionary's decoded, large texts as texts."""
    column = single_array(column)
    if pyarrow.types.is_dictionary(column.type):
        column = column.cast(column.type.value_type)
    if pyarrow.types.is_large_string(column.type):
        column = column.cast(pyarrow.string())
    return column


def as_mask(array) -> numpy.ndarray:
    """A boolean Arrow array as numpy, null counting as False."""
    return numpy.asarray(pc.fill_null(array, False).to_numpy(zero_copy_only=False), dtype=bool)


def bits(buffer: pyarrow.Buffer, offset: int, length: int) -> numpy.ndarray:
    """`length` bits of an Arrow bitmap (a boolean array's values, or an array's validity) from bit
    `offset`, as numpy booleans, unpacked from those rows' own bytes (a chunk is a slice of its
    population's buffers)."""
    skip = offset % 8
    packed = numpy.frombuffer(buffer, numpy.uint8, (skip + length + 7) // 8, offset // 8)
    return numpy.unpackbits(packed, count=skip + length, bitorder="little")[skip:].view(bool)


# Arrow types numpy reads from an array's values buffer as they are (a date: days since 1970).
_PLAIN = {
    pyarrow.int8(): numpy.int8,
    pyarrow.int16(): numpy.int16,
    pyarrow.int32(): numpy.int32,
    pyarrow.int64(): numpy.int64,
    pyarrow.float32(): numpy.float32,
    pyarrow.float64(): numpy.float64,
    pyarrow.date32(): numpy.int32,
}


def plain_values(array: pyarrow.Array) -> tuple[numpy.ndarray, numpy.ndarray | None] | None:
    """A boolean, number or date Arrow array as numpy, read from its buffers: its values (anything
    in an empty cell; a date as datetime64[D]) and the mask of its given cells (None when none is
    empty); None for another type. Arrow's own conversion of an array with empty cells took ten
    times as long (0.4 ms for 100,000 dates), for the many month columns mostly empty."""
    array = single_array(array)
    kind, length, offset = array.type, len(array), array.offset
    if kind not in _PLAIN and not pyarrow.types.is_boolean(kind):
        return None
    if not length:  # no buffer to read
        return numpy.asarray(array.to_numpy(zero_copy_only=False)), None
    validity, data = array.buffers()[:2]
    if kind in _PLAIN:
        dtype = numpy.dtype(_PLAIN[kind])
        values = numpy.frombuffer(data, dtype, length, offset * dtype.itemsize)
        if kind == pyarrow.date32():
            values = values.astype("datetime64[D]")
    else:
        values = bits(data, offset, length)
    return values, (bits(validity, offset, length) if array.null_count else None)


def with_fallback(values: numpy.ndarray, given: numpy.ndarray, fallback) -> numpy.ndarray:
    """`values` where `given`, `fallback` (an array or one value) elsewhere, whatever `values` holds
    there. Whole numbers, dates and booleans are blended by arithmetic: numpy's `where` on a mask
    of mixed rows took three to four times as long (0.3 ms for 100,000 rows). A difference that
    wraps around is multiplied by 0, or added back whole."""
    fallback = numpy.asarray(fallback, dtype=values.dtype)
    if values.dtype == bool:
        return (values & given) | (fallback & ~given)
    if values.dtype.kind in "iuM":
        whole = numpy.int64 if values.dtype.kind == "M" else values.dtype
        default = fallback.view(whole)
        blended = values.view(whole) - default  # one new array, then worked in place
        blended *= given
        blended += default
        return blended.view(values.dtype)
    return numpy.where(given, values, fallback)


@dataclass
class Typed:
    values: pyarrow.Array  # normalised type; null where not given or bad
    wrong_type: numpy.ndarray | None = None
    bad_date: numpy.ndarray | None = None
    unknown: numpy.ndarray | None = None
    outside: numpy.ndarray | None = None  # values outside the variable's domain

    def taken(self, indices: pyarrow.Array) -> Typed:
        """The typing of a dictionary's rows, `indices` into the values typed here (its
        dictionary): each row's value and masks are its distinct value's, a null index null."""
        given = None if not indices.null_count else ~as_mask(pc.is_null(indices))
        rows = pc.fill_null(indices, 0).to_numpy(zero_copy_only=False)

        def rows_of(mask):
            if mask is None or not mask.any():
                return None
            mask = mask[rows] if given is None else mask[rows] & given
            return mask if mask.any() else None

        return Typed(
            self.values.take(indices),
            rows_of(self.wrong_type),
            rows_of(self.bad_date),
            rows_of(self.unknown),
            rows_of(self.outside),
        )


def typed_column(column: pyarrow.Array, value_type, possible_values=None, wide=False) -> Typed:
    """`column` in the normalised Arrow type of `value_type`, with the masks of the bad cells."""
    target = ARROW_TYPES[value_type]
    kind = column.type
    given = ~as_mask(pc.is_null(column))
    if pyarrow.types.is_null(kind):
        return Typed(pyarrow.nulls(len(column), target))
    if pyarrow.types.is_string(kind):
        text = pc.utf8_trim_whitespace(column)
        if target == pyarrow.float32() and wide:
            target = pyarrow.float64()
        return _typed_text(text, value_type, target, possible_values, given)
    if value_type is bool:
        if pyarrow.types.is_boolean(kind):
            return Typed(column)
        if pyarrow.types.is_integer(kind):
            ok = as_mask(pc.is_in(column, pyarrow.array([0, 1], kind)))
            return _with_bad(pc.not_equal(column, 0), given & ~ok, target)
    elif value_type is int:
        if pyarrow.types.is_integer(kind) and kind.bit_width < 32:  # kept narrow: less memory
            return Typed(column)
        if pyarrow.types.is_integer(kind) or pyarrow.types.is_floating(kind):
            numbers = column.cast(pyarrow.float64())
            values = numbers.to_numpy(zero_copy_only=False)
            with numpy.errstate(invalid="ignore"):
                ok = (numpy.floor(values) == values) & (values >= INT32.min) & (values <= INT32.max)
            wrong = given & ~ok
            safe = pc.if_else(
                pyarrow.array(wrong), pyarrow.scalar(None, pyarrow.float64()), numbers
            )
            return _with_bad(safe.cast(target), wrong, target)
    elif (
        value_type is float and (pyarrow.types.is_integer(kind) or pyarrow.types.is_floating(kind))
    ) or (value_type is date and (pyarrow.types.is_date(kind) or pyarrow.types.is_timestamp(kind))):
        return Typed(column.cast(target))
    wrong = given
    return Typed(pyarrow.nulls(len(column), target), wrong_type=wrong)


def _enum_type(possible_values) -> pyarrow.DataType:
    """The index of an enum's item: int8 when it has fewer than 128 items (less memory)."""
    return pyarrow.int8() if len(possible_values) < 128 else pyarrow.int16()


def _with_bad(values, wrong: numpy.ndarray, target) -> Typed:
    values = pc.if_else(pyarrow.array(wrong), pyarrow.scalar(None, target), values.cast(target))
    return Typed(values, wrong_type=wrong if wrong.any() else None)


def _typed_text(text, value_type, target, possible_values, given) -> Typed:
    null = pyarrow.scalar(None, target)
    if value_type is str:
        return Typed(text)
    if value_type is Enum:
        names = pyarrow.array([item.name for item in possible_values])
        index = pc.index_in(text, value_set=names)
        unknown = given & as_mask(pc.is_null(index))
        return Typed(
            index.cast(_enum_type(possible_values)), unknown=unknown if unknown.any() else None
        )
    if value_type is bool:
        lower = pc.utf8_lower(text)
        true = as_mask(pc.is_in(lower, pyarrow.array(TRUE_TEXTS)))
        false = as_mask(pc.is_in(lower, pyarrow.array(FALSE_TEXTS)))
        wrong = given & ~true & ~false
        values = pc.if_else(pyarrow.array(true | false), pyarrow.array(true), null)
        return Typed(values, wrong_type=wrong if wrong.any() else None)
    if value_type in (int, float):
        pattern = INTEGER_TEXT if value_type is int else NUMBER_TEXT
        ok = as_mask(pc.match_substring_regex(text, pattern))
        numbers = pc.if_else(pyarrow.array(ok), text, pyarrow.scalar(None, pyarrow.string()))
        numbers = numbers.cast(pyarrow.float64())
        if value_type is int:
            values = numbers.to_numpy(zero_copy_only=False)
            with numpy.errstate(invalid="ignore"):
                ok &= ~((values < INT32.min) | (values > INT32.max))
            numbers = pc.if_else(
                pyarrow.array(ok), numbers, pyarrow.scalar(None, pyarrow.float64())
            )
        wrong = given & ~ok
        return Typed(numbers.cast(target), wrong_type=wrong if wrong.any() else None)
    if value_type is date:
        shaped = as_mask(pc.match_substring_regex(text, DATE_TEXT))
        candidates = pc.if_else(pyarrow.array(shaped), text, pyarrow.scalar(None, pyarrow.string()))
        parsed = pc.strptime(candidates, format="%Y-%m-%d", unit="s", error_is_null=True)
        # strptime carries an impossible day into the next month (2017-02-30 → 2017-03-02):
        # a date is good only when written back the same.
        same = as_mask(pc.equal(pc.strftime(parsed, format="%Y-%m-%d"), candidates))
        bad = given & ~same
        values = pc.if_else(pyarrow.array(same), parsed.cast(pyarrow.date32()), null)
        return Typed(values, bad_date=bad if bad.any() else None)
    raise TypeError(value_type)


def identifiers(column: pyarrow.Array) -> pyarrow.Array:
    """Ids as given; texts that are all whole numbers (a CSV's) as int64, floats as int64."""
    if pyarrow.types.is_floating(column.type):
        return typed_column(column, int).values.cast(pyarrow.int64())
    if pyarrow.types.is_string(column.type) and len(column) > column.null_count:
        whole = pc.match_substring_regex(column, r"^-?(0|[1-9][0-9]{0,17})$")
        if pc.all(pc.or_kleene(whole, pc.is_null(column))).as_py():
            return column.cast(pyarrow.int64())
    return column


def family_numbers(family_id) -> tuple[numpy.ndarray, int]:
    """Each row's family, numbered from 0 in order of first appearance; a null id is its own family."""
    family_id = as_array(family_id)
    count = len(family_id)
    if count and not family_id.null_count and pyarrow.types.is_integer(family_id.type):
        numbered = _runs_numbered(family_id.to_numpy())
        if numbered is not None:
            return numbered
    nulls = as_mask(pc.is_null(family_id))
    if nulls.all():
        return numpy.arange(count, dtype=numpy.int64), count
    encoded = pc.dictionary_encode(family_id)
    indices = encoded.indices.to_numpy(zero_copy_only=False)
    key = numpy.where(nulls, len(encoded.dictionary) + numpy.arange(count), indices)
    key = numpy.asarray(key, dtype=numpy.int64)
    unique, first, inverse = numpy.unique(key, return_index=True, return_inverse=True)
    rank = numpy.empty(len(unique), dtype=numpy.int64)
    rank[numpy.argsort(first, kind="stable")] = numpy.arange(len(unique))
    return rank[inverse], len(unique)


def _runs_numbered(ids: numpy.ndarray) -> tuple[numpy.ndarray, int] | None:
    """`family_numbers` of whole-number ids whose families each hold consecutive rows (as a file
    lists them), counted along the rows without hashing them; None when a family's rows are apart.
    At 1M persons, 0.03 s against 0.1 to 0.3 s for the dictionary and sort of the general case."""
    new = numpy.empty(len(ids), dtype=bool)
    new[0] = True
    numpy.not_equal(ids[1:], ids[:-1], out=new[1:])
    heads = numpy.sort(ids[new])
    if (heads[1:] == heads[:-1]).any():
        return None
    numbers = numpy.cumsum(new, dtype=numpy.int64)
    numbers -= 1
    return numbers, len(heads)
