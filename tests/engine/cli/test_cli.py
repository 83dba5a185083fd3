"""The openfisca-residence command, end to end on a small generated population."""

import subprocess
import sys
from pathlib import Path

import pandas
import pytest

from openfisca_residence import cli
from openfisca_residence.data.population import Population
from openfisca_residence.simulation.microsimulation import Microsimulation
from openfisca_residence.system.months import parse_months

VARIABLES = ["reside_en_france", "enfant_reside_en_france", "titre_sejour"]


@pytest.fixture(scope="module")
def population_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "population.parquet"
    assert (
        cli.main(
            ["population", "generate", "--persons", "300", "--seed", "5", "--output", str(path)]
        )
        == 0
    )
    return path


def test_generate_validate_simulate_and_the_numbers_match_the_api(
    population_file, tmp_path, capsys
):
    assert cli.main(["population", "validate", str(population_file)]) == 0
    assert "valid. 300 persons in" in capsys.readouterr().out
    output = tmp_path / "results.csv"
    code = cli.main(
        [
            "simulate",
            str(population_file),
            "--variables",
            ",".join(VARIABLES),
            "--months",
            "2024-01..2024-03",
            "--output",
            str(output),
            "--chunk-size",
            "40",
        ]
    )
    assert code == 0
    printed = capsys.readouterr()
    assert "300 persons × 3 months in" in printed.out
    assert "simulate" in printed.err  # the progress bar
    results = pandas.read_csv(output)
    expected = (
        Microsimulation(Population.read(population_file))
        .calculate_many(VARIABLES, ["2024-01", "2024-02", "2024-03"])
        .persons
    )
    assert results["person_id"].tolist() == expected["person_id"].tolist()
    for column in expected.columns[3:]:
        assert results[column].astype(str).tolist() == expected[column].astype(str).tolist()
    weighted = (results["weight"] * results["reside_en_france@2024-02"]).sum()
    line = next(
        line
        for line in printed.out.splitlines()
        if line.startswith("reside_en_france ") and "2024-02" in line
    )
    assert line.split("|")[3].strip() == f"{weighted:,.0f}".replace(",", " ")


def test_months_after_the_files_last_month_are_computed_with_a_note(
    population_file, tmp_path, capsys
):
    arguments = ["--variables", "reside_en_france", "--output", str(tmp_path / "out.csv")]
    arguments.append("--overwrite")  # the same output, twice
    assert cli.main(["simulate", str(population_file), "--months", "2024-12", *arguments]) == 0
    assert "note:" not in capsys.readouterr().err
    assert (
        cli.main(["simulate", str(population_file), "--months", "2025-06..2025-07", *arguments])
        == 0
    )
    assert (
        f"note: {population_file} gives month-by-month inputs up to 2024-12; 2025-06..2025-07 are "
        "computed without them" in capsys.readouterr().err
    )


def test_the_console_script_is_installed(population_file, tmp_path):
    script = Path(sys.executable).parent / "openfisca-residence"  # setup.py's entry point
    assert script.exists()
    run = subprocess.run(
        [
            str(script),
            "simulate",
            str(population_file),
            "--variables",
            "reside_en_france",
            "--months",
            "2024",
            "--output",
            str(tmp_path / "r.parquet"),
            "--quiet",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert pandas.read_parquet(tmp_path / "r.parquet").shape == (300, 3 + 12)
    assert "reside_en_france" in run.stdout


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["population", "validate", "absent.parquet"], "file that cannot be read"),
        (
            [
                "simulate",
                "{file}",
                "--variables",
                "reside_en_franse",
                "--months",
                "2024-01",
                "--output",
                "r.csv",
            ],
            "did you mean 'reside_en_france'",
        ),
        (
            [
                "simulate",
                "{file}",
                "--variables",
                "reside_en_france",
                "--months",
                "2024-13",
                "--output",
                "r.csv",
            ],
            "is not a month",
        ),
        (
            [
                "simulate",
                "{file}",
                "--variables",
                "reside_en_france",
                "--months",
                "2024-01",
                "--output",
                "r.xlsx",
            ],
            ".parquet or a .csv",
        ),
        (
            [
                "simulate",
                "{file}",
                "--variables",
                "reside_en_france",
                "--months",
                "2024-01",
                "--output",
                "r.csv",
                "--reform",
                "nulle",
            ],
            "Réforme inconnue 'nulle'",
        ),
        (["population", "generate", "--persons", "0", "--output", "p.csv"], "1 person or more"),
    ],
)
def test_mistakes_print_one_message_and_exit_with_2(
    population_file, tmp_path, capsys, arguments, message, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    arguments = [a.replace("{file}", str(population_file)) for a in arguments]
    assert cli.main(arguments) == 2
    error = capsys.readouterr().err
    assert error.startswith("openfisca-residence: error: ")
    assert message in error
    assert "Traceback" not in error


def test_an_invalid_file_lists_its_problems(tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text("person_id,weight,titre_sejour\n1,1,carte\n2,x,aucun\n", "utf-8")
    assert cli.main(["population", "validate", str(path)]) == 2
    error = capsys.readouterr().err
    assert (
        "unknown enum value" in error and "wrong type" in error and "row 2 (person_id 2)" in error
    )


def test_bad_arguments_exit_with_2(capsys):
    with pytest.raises(SystemExit) as exit:
        cli.main(["simulate"])
    assert exit.value.code == 2


def test_months():
    assert parse_months("2024-11..2025-02") == ["2024-11", "2024-12", "2025-01", "2025-02"]
    assert parse_months("2024")[::11] == ["2024-01", "2024-12"]
    assert parse_months("2024-03, 2024-01") == ["2024-03", "2024-01"]
