"""Numbers, dates and booleans read from an Arrow array's buffers (`columns.plain_values`), its
empty cells filled in numpy (`columns.with_fallback`): the same values as Arrow's own filling and
conversion, whatever the buffers hold under an empty cell, for a slice as for a whole array."""

import datetime

import numpy
import pyarrow
import pyarrow.compute as pc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openfisca_residence.data.columns import plain_values, with_fallback
from openfisca_residence.data.problems import PopulationError
from openfisca_residence.data.validation import validated_table

TYPES = {
    "bool": (pyarrow.bool_(), st.booleans()),
    "int8": (pyarrow.int8(), st.integers(-128, 127)),
    "int16": (pyarrow.int16(), st.integers(-(2**15), 2**15 - 1)),
    "int32": (pyarrow.int32(), st.integers(-(2**31), 2**31 - 1)),
    "int64": (pyarrow.int64(), st.integers(-(2**63), 2**63 - 1)),
    "float32": (pyarrow.float32(), st.floats(width=32, allow_nan=False)),
    "float64": (pyarrow.float64(), st.floats(allow_nan=False)),
    "date32": (pyarrow.date32(), st.dates(datetime.date(1800, 1, 1), datetime.date(2999, 12, 31))),
}


def with_garbage(array: pyarrow.Array, seed: int) -> pyarrow.Array:
    """The same array, random bytes written under its empty cells (Arrow leaves them undefined):
    NaN, infinities, any whole number, any bit."""
    validity, data = array.buffers()[:2]
    if validity is None or data is None:
        return array
    raw = numpy.frombuffer(data, numpy.uint8).copy()
    random = numpy.random.default_rng(seed).integers(0, 256, len(raw), dtype=numpy.uint8)
    if pyarrow.types.is_boolean(array.type):
        given = numpy.unpackbits(
            numpy.frombuffer(validity, numpy.uint8), count=len(raw) * 8, bitorder="little"
        )
        keep = numpy.packbits(given, bitorder="little")[: len(raw)]
    else:
        width = array.type.bit_width // 8
        given = numpy.unpackbits(
            numpy.frombuffer(validity, numpy.uint8), count=len(raw) // width, bitorder="little"
        )
        keep = numpy.repeat(given, width).astype(bool) * numpy.uint8(255)
    mixed = (raw & keep) | (random & ~keep)
    return pyarrow.Array.from_buffers(
        array.type, len(array), [validity, pyarrow.py_buffer(mixed.tobytes())], array.null_count
    )


@st.composite
def arrays(draw):
    """An array of one of TYPES with empty cells, garbage under them, maybe a slice of it; a
    fallback: one value, or an array of the same length."""
    kind, values = TYPES[draw(st.sampled_from(sorted(TYPES)))]
    cells = draw(st.lists(st.one_of(st.none(), values), min_size=0, max_size=40))
    array = with_garbage(pyarrow.array(cells, kind), draw(st.integers(0, 2**32)))
    start = draw(st.integers(0, len(array)))
    array = array.slice(start, draw(st.integers(0, len(array) - start)))
    if draw(st.booleans()):
        fallback = pyarrow.array(
            draw(st.lists(values, min_size=len(array), max_size=len(array))), kind
        )
    else:
        fallback = pyarrow.scalar(draw(values), kind)
    return array, fallback


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(arrays())
def test_the_filled_values_are_arrows(case):
    array, fallback = case
    expected = pc.coalesce(array, fallback).to_numpy(zero_copy_only=False)
    values, given_cells = plain_values(array)
    if given_cells is None:
        assert array.null_count == 0
        found = values
    else:
        numpy.testing.assert_array_equal(given_cells, array.is_valid().to_numpy(False))
        other = fallback.to_numpy(False) if isinstance(fallback, pyarrow.Array) else None
        if other is None:
            other = pyarrow.array([fallback.as_py()], fallback.type).to_numpy(False)[0]
        found = with_fallback(values, given_cells, other)
    assert found.dtype == expected.dtype
    numpy.testing.assert_array_equal(found, expected)


@pytest.mark.parametrize(
    "array", [pyarrow.array(["FR", None]), pyarrow.array(["a"]).dictionary_encode()]
)
def test_texts_are_not_plain_values(array):
    assert plain_values(array) is None


def test_a_date_out_of_range_is_found_among_empty_cells_whatever_lies_under_them():
    """A month's date column mostly empty (as Parquet gives it back): the date after the one that
    stands for never is reported at its row, and nothing under the empty cells is."""
    cells = [None, datetime.date(2020, 5, 1), None, datetime.date(3001, 1, 1), None]
    column = with_garbage(pyarrow.array(cells, pyarrow.date32()), seed=7)
    table = pyarrow.table(
        {
            "person_id": [1, 2, 3, 4, 5],
            "weight": [1.0] * 5,
            "titre_sejour_date_fin@2024-01": column,
        }
    )
    with pytest.raises(PopulationError) as error:
        validated_table(table)
    (problem,) = error.value.problems
    assert (problem.kind, problem.column, list(problem.rows)) == (
        "out_of_range",
        "titre_sejour_date_fin@2024-01",
        [3],
    )
    checked = validated_table(table.slice(0, 3))  # the rows before it: nothing to report
    assert checked["titre_sejour_date_fin@2024-01"].to_pylist() == cells[:3]
