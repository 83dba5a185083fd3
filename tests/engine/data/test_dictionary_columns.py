"""A dictionary column (Parquet's usual way to store texts) is checked value by value as the same
column written out: the same normalised values, the same problems at the same rows, shown with the
same values. Its distinct values are typed and checked once (`validation._input_column`)."""

import pyarrow
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openfisca_residence.data.problems import PopulationError
from openfisca_residence.data.validation import validated_table
from openfisca_residence.system.registry import tax_benefit_system

# For each column: good texts, texts of the wrong type, impossible dates, unknown items, values
# outside the domain, empty cells.
CELLS = {
    "titre_sejour@2024-01": [
        "carte_resident",
        "aucun",
        " carte_sejour_temporaire ",
        "carte_verte",
        None,
    ],
    "nationalite@2024-01": ["FR", "IT", "DZ", "XX", "fr", "ZZ", "", None],
    "date_naissance": ["1980-02-29", "1981-02-29", "2001-12-31", "3001-01-01", "hier", None],
    "jours_absence_france@2024-02": ["0", "29", "30", "-1", "2.5", "x", None],
    "foyer_permanent_france@2024-01": ["true", "non", "1", "peut-être", None],
}


@st.composite
def tables(draw):
    """A table of 1 to 12 persons, each column's cells drawn from its pool."""
    rows = draw(st.integers(1, 12))
    columns = draw(st.sets(st.sampled_from(sorted(CELLS)), min_size=1))
    table = {"person_id": [f"p{row}" for row in range(rows)], "weight": [1.0] * rows}
    for name in sorted(columns):
        table[name] = draw(st.lists(st.sampled_from(CELLS[name]), min_size=rows, max_size=rows))
    return pyarrow.table(table)


def outcome(table):
    """The normalised table, or the problems found (kind, column, rows, values shown, detail)."""
    try:
        return validated_table(table)
    except PopulationError as error:
        return [
            (p.kind, p.column, list(p.rows), p.values, p.detail, p.persons) for p in error.problems
        ]


def as_dictionaries(table):
    """The same table, each input column dictionary-encoded (as Parquet gives it back)."""
    for index, name in enumerate(table.column_names):
        if name not in ("person_id", "weight"):
            table = table.set_column(index, name, table[name].dictionary_encode())
    return table


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(tables())
def test_a_dictionary_column_is_checked_as_its_values(table):
    plain, encoded = outcome(table), outcome(as_dictionaries(table))
    if isinstance(plain, pyarrow.Table):
        assert isinstance(encoded, pyarrow.Table), encoded
        assert encoded.equals(plain)
    else:
        assert encoded == plain


def test_a_value_no_row_holds_is_not_reported():
    """A Parquet row group's dictionary may hold values of other rows: only the rows count."""
    dictionary = pyarrow.array(["carte_verte", "aucun", "carte_resident"])
    indices = pyarrow.array([1, 2, None], pyarrow.int8())
    column = pyarrow.DictionaryArray.from_arrays(indices, dictionary)
    table = pyarrow.table(
        {"person_id": list("abc"), "weight": [1.0] * 3, "titre_sejour@2024-01": column}
    )
    items = tax_benefit_system().variables["titre_sejour"].possible_values
    typed = validated_table(table)["titre_sejour@2024-01"].to_pylist()
    assert typed == [items.aucun.index, items.carte_resident.index, None]


def test_a_bad_distinct_value_is_reported_at_each_of_its_rows():
    column = pyarrow.array(["ZZ", "FR", "ZZ", None, "ZZ"]).dictionary_encode()
    table = pyarrow.table(
        {"person_id": list("abcde"), "weight": [1.0] * 5, "nationalite@2024-01": column}
    )
    with pytest.raises(PopulationError) as caught:
        validated_table(table)
    (problem,) = caught.value.problems
    assert (problem.kind, list(problem.rows), problem.values) == (
        "out_of_range",
        [0, 2, 4],
        ["ZZ", "ZZ", "ZZ"],
    )
