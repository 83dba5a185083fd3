"""A file's families: each person's family numbered in order of first appearance
(`columns.family_numbers`), the same numbers whether the ids are whole numbers listed family by
family (counted along the rows), whole numbers whose families are apart, texts or ids with empty
cells (a null id is its own family); and each family's reference person (`chunk.reference_rows`),
its first parent, else its first member."""

import numpy
import pyarrow
from hypothesis import given, settings
from hypothesis import strategies as st

from openfisca_residence.data.columns import family_numbers
from openfisca_residence.data.schema import FAMILY_ROLE, PARENT
from openfisca_residence.simulation.chunk import reference_rows


def first_appearance(ids: list) -> tuple[list[int], int]:
    """The numbering written out one row at a time: what `family_numbers` must give."""
    seen, numbers = {}, []
    for row, family in enumerate(ids):
        key = ("null", row) if family is None else ("id", family)
        numbers.append(seen.setdefault(key, len(seen)))
    return numbers, len(seen)


def check(ids: list, type_) -> None:
    numbers, count = family_numbers(pyarrow.chunked_array([pyarrow.array(ids, type_)]))
    expected, expected_count = first_appearance(ids)
    assert numbers.dtype == numpy.int64
    assert numbers.tolist() == expected
    assert count == expected_count


IDS = st.integers(-5, 5)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(IDS, st.integers(1, 4)), max_size=30))
def test_families_listed_one_after_the_other(families):
    """Runs of rows of one id each, an id coming back later or not."""
    check([family for family, size in families for _ in range(size)], pyarrow.int64())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.none(), IDS), max_size=30))
def test_any_order_and_empty_cells(ids):
    check(ids, pyarrow.int32())
    check([None if i is None else f"f{i}" for i in ids], pyarrow.string())


def test_a_family_whose_rows_are_apart_is_one_family():
    """Counted along the rows, 7 7 3 7 would give three families; it is two."""
    check([7, 7, 3, 7], pyarrow.int64())
    check([1, 2, 3, 4], pyarrow.uint8())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(IDS, st.booleans()), max_size=30))
def test_reference_person_first_parent_else_first_member(persons):
    ids = [family for family, _ in persons]
    families, count = family_numbers(pyarrow.array(ids, pyarrow.int64()))
    roles = [0 if parent else 1 for _, parent in persons]
    table = pyarrow.table({FAMILY_ROLE: pyarrow.array(roles, pyarrow.int8())})
    expected = []
    for family in range(count):
        members = [row for row in range(len(ids)) if families[row] == family]
        parents = [row for row in members if roles[row] == PARENT]
        expected.append((parents or members)[0])
    assert reference_rows(table, families).tolist() == expected
