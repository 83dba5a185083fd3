"""What `population validate` accepts, `simulate` computes; what it refuses, `simulate` refuses
with the same kind of message and no traceback (issue 18, item 7): random small files."""

import csv

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openfisca_residence import cli

WEIGHTS = ["1", "0", "2.5", "-1", "nan", "inf", "-inf", "1e308", "100000000", "100000001", "", "x"]
DAYS = ["0", "3", "28", "29", "-1", "2.5", "", "x"]
ROLES = ["parent", "enfant", "", "autre"]


@st.composite
def population_files(draw):
    """Rows of person_id, weight, family_id, family_role and one input, any of them wrong; no
    row at all now and then."""
    rows = draw(st.integers(0, 4))
    columns = draw(
        st.sets(st.sampled_from(["family_id", "family_role", "jours_absence_france@2024-01"]))
    )
    header = ["person_id", "weight", *sorted(columns)]
    values = {
        "person_id": st.sampled_from(["a", "b", "c", ""]),
        "weight": st.sampled_from(WEIGHTS),
        "family_id": st.sampled_from(["f", "g", ""]),
        "family_role": st.sampled_from(ROLES),
        "jours_absence_france@2024-01": st.sampled_from(DAYS),
    }
    return header, [[draw(values[name]) for name in header] for _ in range(rows)]


def test_validate_and_simulate_agree(tmp_path_factory, capsys):
    @settings(
        max_examples=40,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(population_files())
    def agree(file):
        folder = tmp_path_factory.mktemp("agree")
        path = folder / "population.csv"
        with path.open("w", newline="") as output:
            csv.writer(output).writerows([file[0], *file[1]])
        valid = cli.main(["population", "validate", str(path)])
        computed = cli.main(
            [
                "simulate",
                str(path),
                "--variables",
                "reside_en_france,rsa_eligible",
                "--months",
                "2024-01",
                "--output",
                str(folder / "r.parquet"),
                "--quiet",
            ]
        )
        printed = capsys.readouterr()
        assert "Traceback" not in printed.err
        assert (valid, computed) in ((0, 0), (2, 2)), (file, printed.err[-600:])
        if valid:
            assert "nothing was computed" in printed.err

    agree()


def test_no_person_and_absurd_weights_are_refused_by_validate(tmp_path, capsys):
    empty = tmp_path / "vide.csv"
    empty.write_text("person_id,weight\n")
    assert cli.main(["population", "validate", str(empty)]) == 2
    assert "- no person: the file holds no row" in capsys.readouterr().err
    heavy = tmp_path / "lourd.csv"
    heavy.write_text("person_id,weight\na,1e308\nb,1\n")
    assert cli.main(["population", "validate", str(heavy)]) == 2
    error = capsys.readouterr().err
    assert "row 1 (person_id 'a'), weight = 1e+308" in error
    assert "Expected a number from 0 to 100 000 000 (the persons a row stands for)" in error
