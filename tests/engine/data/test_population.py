"""Population files: every problem reported at once, by kind, before any computation; no row lost."""

import numpy
import pandas
import pyarrow
import pyarrow.parquet
import pytest

from openfisca_residence.data.files import read_table, write_table
from openfisca_residence.data.population import Population
from openfisca_residence.data.problems import SHOWN, PopulationError
from openfisca_residence.data.schema import input_variables
from openfisca_residence.rules.inputs import described, domain


def frame(**columns):
    base = {"person_id": ["a", "b", "c", "d"], "weight": [1.0, 2.0, 3.0, 4.0]}
    base.update(columns)
    return pandas.DataFrame(base)


def problems_of(data, kind=None):
    with pytest.raises(PopulationError) as caught:
        Population.from_pandas(data) if isinstance(data, pandas.DataFrame) else Population.read(
            data
        )
    error = caught.value
    return (error.kinds().get(kind, []) if kind else error.kinds()), str(error)


def rows_of(problems):
    return sorted(int(row) + 1 for problem in problems for row in problem.rows)


def test_a_good_population_keeps_its_rows_in_order_and_types_its_columns():
    population = Population.from_pandas(
        frame(
            titre_sejour=["carte_resident", None, "aucun", "carte_sejour_temporaire"],
            date_naissance=["1980-02-29", "2001-12-31", None, "1950-01-01"],
            **{"jours_absence_france@2024-02": [0, 29, None, 3]},
        )
    )
    table = population.table
    assert table["person_id"].to_pylist() == ["a", "b", "c", "d"]
    assert table["weight"].to_pylist() == [1.0, 2.0, 3.0, 4.0]
    assert table["titre_sejour"].to_pylist() == [1, None, 0, 5]  # the index of the item
    assert str(table["date_naissance"][0]) == "1980-02-29"
    assert table["jours_absence_france@2024-02"].to_pylist() == [0, 29, None, 3]
    assert population.months == ["2024-02"]


def test_missing_required_columns():
    problems, message = problems_of(pandas.DataFrame({"nationalite": ["FR"]}), "missing_column")
    assert {p.column for p in problems} == {"person_id", "weight"}
    assert "missing required column: 2 columns: 'person_id', 'weight'" in message


def test_unknown_column_suggests_the_closest_variable_with_its_month():
    data = frame(**{"jours_absense_france@2024-01": [0, 0, 0, 0], "nationalit": ["FR"] * 4})
    problems, message = problems_of(data, "unknown_column")
    assert {p.column: p.detail for p in problems} == {
        "jours_absense_france@2024-01": "did you mean 'jours_absence_france@2024-01'?",
        "nationalit": "did you mean 'nationalite'?",
    }
    assert "did you mean 'jours_absence_france@2024-01'?" in message


def test_columns_that_are_no_input_or_lack_a_month():
    data = frame(
        reside_en_france=[True] * 4,  # computed
        heures_travail=[1.0] * 4,  # a number given month by month
        **{"date_naissance@2024-01": ["2000-01-01"] * 4, "titre_sejour@2024-13": ["aucun"] * 4},
    )
    problems, _ = problems_of(data, "unusable_column")
    details = {p.column: p.detail for p in problems}
    assert details["reside_en_france"] == "computed by the model, not an input"
    assert details["heures_travail"] == "given month by month: write 'heures_travail@YYYY-MM'"
    assert "write 'date_naissance'" in details["date_naissance@2024-01"]
    assert details["titre_sejour@2024-13"] == "the month is written YYYY-MM"


def test_unknown_enum_values_list_the_allowed_ones():
    data = frame(titre_sejour=["carte_resdent", "aucun", "CARTE", None])
    problems, message = problems_of(data, "unknown_enum_value")
    assert rows_of(problems) == [1, 3]
    assert "row 1 (person_id 'a'), titre_sejour = 'carte_resdent'" in message
    assert "Expected one of aucun, carte_resident," in message


def test_impossible_dates_are_bad_dates():
    data = frame(date_naissance=["2017-02-30", "2016-02-29", "2017-2-3", "hier"])
    problems, message = problems_of(data, "bad_date")
    assert rows_of(problems) == [1, 3, 4]
    assert "date_naissance = '2017-02-30'" in message


def test_text_in_a_number_column_is_a_wrong_type():
    data = frame(
        **{
            "jours_absence_france@2024-01": ["3", "trois", "2.5", "4"],
            "foyer_permanent_france": ["true", "0", "peut-être", "false"],
        }
    )
    problems, message = problems_of(data, "wrong_type")
    by_column = {p.column: [int(r) + 1 for r in p.rows] for p in problems}
    assert by_column == {"jours_absence_france@2024-01": [2, 3], "foyer_permanent_france": [3]}
    assert "Expected:" in message and "a whole number" in message


def test_days_and_hours_outside_the_month_use_the_checks_of_the_door():
    data = frame(
        **{
            "jours_absence_france@2024-02": [29, 30, -1, 0],  # 2024 is a leap year
            "jours_absence_france@2023-02": [28, 29, 0, 0],
            "heures_travail@2024-04": [720.0, 720.5, 0.0, -0.5],
            "nationalite": ["FR", "fr", "ZZ", "XX"],
        }
    )
    problems, message = problems_of(data, "out_of_range")
    by_column = {p.column: [int(r) + 1 for r in p.rows] for p in problems}
    assert by_column == {
        "jours_absence_france@2024-02": [2, 3],
        "jours_absence_france@2023-02": [2],
        "heures_travail@2024-04": [2, 4],
        "nationalite": [2, 3],
    }
    assert "a whole number of days from 0 to 29" in message
    assert "a number of hours from 0 to 24 × 30" in message


def test_the_domain_checks_are_those_of_the_inputs_module(tax_benefit_system):
    check, expected = domain(tax_benefit_system.variables["jours_absence_france"])
    assert expected == "a whole number of days from 0 to {days}"
    assert domain(tax_benefit_system.variables["titre_sejour"]) == (None, "")
    check, expected = domain(tax_benefit_system.variables["date_naissance"])
    dates = numpy.array(["2999-12-31", "3000-01-01"], dtype="datetime64[D]")
    assert check(dates, None).tolist() == [True, False]
    assert "2999-12-31" in described(expected, None)
    check, _ = domain(tax_benefit_system.variables["nationalite"])
    assert check(pandas.Series(["FR", "ZZ"]).to_numpy(dtype=object), None).tolist() == [True, False]


def test_every_number_given_month_by_month_has_its_domain(tax_benefit_system):
    """The file is held to the check of the door: none may be lost on the way."""
    unchecked = [
        name
        for name, variable in input_variables(tax_benefit_system).items()
        if variable.value_type in (int, float) and domain(variable)[0] is None
    ]
    assert not unchecked


def test_ids_weights_and_families():
    data = pandas.DataFrame(
        {
            "person_id": ["a", "b", "a", None, "e", "f", "g", "h", "i"],
            "weight": [1.0, -2.0, 1.0, 1.0, None, 1.0, 1.0, 1.0, 1.0],
            "family_id": ["f1", "f1", "f2", "f2", "f3", "f3", "f3", None, "f4"],
            "family_role": [
                "enfant",
                "enfant",
                "parent",
                "parent",
                "parent",
                "parent",
                "parent",
                "enfant",
                "pere",
            ],
        }
    )
    kinds, message = problems_of(data)
    assert rows_of(kinds["duplicate_person_id"]) == [1, 3]
    assert rows_of(kinds["missing_value"]) == [4, 5]  # person_id, weight
    assert rows_of(kinds["out_of_range"]) == [2]  # negative weight
    assert rows_of(kinds["family_without_parent"]) == [1, 2]  # f1: two children
    assert rows_of(kinds["too_many_parents"]) == [5, 6, 7]
    assert rows_of(kinds["bad_family_role"]) == [8, 9]  # a child without family; 'pere'
    assert "family_id listed with no parent" in message
    assert "family with more than 2 parents" in message


def test_many_problems_show_the_first_rows_and_count_the_others():
    count = 40
    data = pandas.DataFrame(
        {
            "person_id": [f"p{i}" for i in range(count)],
            "weight": [1.0] * count,
            "titre_sejour": ["inconnu"] * count,
            "jours_absence_france@2024-01": [99] * count,
            "date_arrivee_france": ["2024-02-30"] * count,
            "colonne": [1] * count,
        }
    )
    kinds, message = problems_of(data)
    assert set(kinds) == {"unknown_column", "unknown_enum_value", "out_of_range", "bad_date"}
    line = next(line for line in message.splitlines() if line.startswith("- unknown enum value"))
    assert line.startswith("- unknown enum value: 40 cells in 40 rows and 1 column:")
    assert line.count("titre_sejour = 'inconnu'") == SHOWN
    assert "row 5 (person_id 'p4')" in line and "row 6 " not in line
    assert f"and {count - SHOWN} more" in line
    assert message.splitlines()[0].startswith("DataFrame: 4 kinds of problem, nothing was computed")


def test_csv_and_parquet_give_the_same_population(tmp_path):
    data = frame(
        family_id=["f", "f", None, "g"],
        family_role=["parent", "enfant", None, "parent"],
        titre_sejour=["carte_resident", None, "aucun", "carte_sejour_temporaire"],
        date_arrivee_france=["2020-01-31", None, "2024-02-29", "1999-12-31"],
        nationalite=["DZ", "DZ", "FR", "IT"],
        **{"heures_travail@2024-01": [151.67, 0.0, None, 20.5]},
    )
    table = pyarrow.Table.from_pandas(data, preserve_index=False)
    write_table(table, tmp_path / "p.csv")
    write_table(table, tmp_path / "p.parquet")
    from_csv = Population.read(tmp_path / "p.csv").table
    from_parquet = Population.read(tmp_path / "p.parquet").table
    assert from_csv.column_names == from_parquet.column_names
    for name in from_csv.column_names:
        assert from_csv[name].to_pylist() == from_parquet[name].to_pylist(), name


def test_csv_ids_that_are_whole_numbers_are_read_as_numbers(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("person_id,weight,family_id,family_role\n1,1,10,parent\n2,1,,\n", "utf-8")
    table = Population.read(path).table
    assert table["person_id"].to_pylist() == [1, 2]
    assert table["family_id"].to_pylist() == [10, None]
    path.write_text("person_id,weight\n007,1\n8,1\n", "utf-8")  # leading zeros: texts
    assert Population.read(path).table["person_id"].to_pylist() == ["007", "8"]


def test_a_file_that_cannot_be_read(tmp_path):
    kinds, message = problems_of(tmp_path / "absent.parquet")
    assert list(kinds) == ["unreadable_file"]
    (tmp_path / "bad.parquet").write_text("not parquet", "utf-8")
    kinds, message = problems_of(tmp_path / "bad.parquet")
    assert list(kinds) == ["unreadable_file"] and "bad.parquet" in message
    with pytest.raises(PopulationError, match=r"\.csv or \.parquet"):
        read_table(tmp_path / "p.xlsx")
