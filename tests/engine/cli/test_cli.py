"""The openfisca-residence command, end to end on a small generated population."""

import re
import subprocess
import sys
from pathlib import Path

import pandas
import pytest
from conftest import environment

from openfisca_residence import cli, i18n
from openfisca_residence.data.population import Population
from openfisca_residence.data.streaming import column_names
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
    assert f"{population_file} : valide. 300 personnes dans " in capsys.readouterr().out
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
    assert [cell.strip() for cell in printed.out.splitlines()[0].split("|")] == [
        "variable",
        "mois",
        "lignes",
        "total pondéré",
        "part",
    ]
    assert re.search(
        r"^300 personnes × 3 mois en \d+ morceaux \(calcul local\), \d+\.\d s ; résultats écrits "
        rf"dans {re.escape(str(output))}\.$",
        printed.out,
        re.MULTILINE,
    )
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
    assert "remarque" not in capsys.readouterr().err
    assert (
        cli.main(["simulate", str(population_file), "--months", "2025-06..2025-07", *arguments])
        == 0
    )
    assert (
        f"remarque : {population_file} donne des entrées mois par mois jusqu'à 2024-12 ; les mois "
        "2025-06..2025-07 sont calculés sans elles (aucun jour à l'étranger, aucune heure de "
        "travail, titres de séjour en l'état : aucun n'est renouvelé)." in capsys.readouterr().err
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
            "--variables : variable inconnue 'reside_en_franse' (vouliez-vous dire "
            "'reside_en_france' ?).",
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
            "--output r.xlsx : écrire un fichier .parquet ou .csv.",
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
        (
            ["population", "generate", "--persons", "0", "--output", "p.csv"],
            "--persons : une population compte 1 personne ou plus.",
        ),
        (
            [
                "simulate",
                "{file}",
                "--variables",
                " , ",
                "--months",
                "2024-01",
                "--output",
                "r.csv",
            ],
            "--variables ne nomme aucune variable.",
        ),
    ],
)
def test_mistakes_print_one_message_and_exit_with_2(
    population_file, tmp_path, capsys, arguments, message, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    arguments = [a.replace("{file}", str(population_file)) for a in arguments]
    assert cli.main(arguments) == 2
    error = capsys.readouterr().err
    assert error.startswith("openfisca-residence : erreur : ")
    assert message in error
    assert "Traceback" not in error


def test_population_validate_prints_its_summary_in_french(tmp_path, capsys):
    path = tmp_path / "une.csv"
    path.write_text(
        "person_id,weight,titre_sejour,jours_absence_france@2024-01\n1,12,aucun,3\n", "utf-8"
    )
    assert cli.main(["population", "validate", str(path)]) == 0
    printed = capsys.readouterr().out
    assert re.fullmatch(
        rf"{re.escape(str(path))} : valide\. 1 personne dans 1 famille, 2 colonnes d'entrée, "
        r"mois 2024-01\.\.2024-01 ; effectif pondéré : 12 \(\d+\.\d s\)\.\n",
        printed,
    ), printed
    output = tmp_path / "r.csv"
    arguments = ["--variables", "reside_en_france", "--months", "2024-01", "--output", str(output)]
    assert cli.main(["simulate", str(path), *arguments, "--quiet"]) == 0
    assert re.search(
        r"^1 personne × 1 mois en 1 morceau \(calcul local\), \d+\.\d s ; résultats écrits dans "
        rf"{re.escape(str(output))}\.$",
        capsys.readouterr().out,
        re.MULTILINE,
    )
    two = tmp_path / "deux.csv"
    two.write_text("person_id,family_id,weight,titre_sejour\n1,1,10,aucun\n2,1,20,aucun\n", "utf-8")
    assert cli.main(["population", "validate", str(two)]) == 0
    assert capsys.readouterr().out.startswith(
        f"{two} : valide. 2 personnes dans 1 famille, 1 colonne d'entrée ; effectif pondéré : 30 ("
    )


def test_population_generate_prints_its_summary_in_french(tmp_path, capsys):
    path = tmp_path / "population.parquet"
    arguments = ["population", "generate", "--persons", "20", "--seed", "7", "--output", str(path)]
    assert cli.main([*arguments, "--start", "2024-01", "--end", "2024-03"]) == 0
    weighted = f"{Population.read(path).weights.sum():,.0f}".replace(",", " ")
    assert capsys.readouterr().out == (
        f"{path} : 20 personnes (graine 7, mois 2024-01..2024-03), {len(column_names(path))} "
        f"colonnes ; effectif pondéré : {weighted}.\n"
    )
    assert cli.main([*arguments, "--start", "2024-03", "--end", "2024-01", "--overwrite"]) == 2
    assert capsys.readouterr().err == (
        "openfisca-residence : erreur : --start 2024-03 --end 2024-01 : le premier mois vient "
        "après le dernier.\n"
    )


def test_existing_results_and_their_families_file_are_named_together(
    population_file, tmp_path, capsys
):
    (tmp_path / "r.csv").write_text("", "utf-8")
    (tmp_path / "r.familles.csv").write_text("", "utf-8")
    arguments = ["simulate", str(population_file), "--variables", "reside_en_france"]
    arguments += ["--months", "2024-01", "--output", str(tmp_path / "r.csv"), "--quiet"]
    assert cli.main(arguments) == 2
    assert capsys.readouterr().err == (
        f"openfisca-residence : erreur : --output {tmp_path / 'r.csv'} : {tmp_path / 'r.csv'} et "
        f"{tmp_path / 'r.familles.csv'} existent déjà ; donner --overwrite pour les remplacer, ou "
        "choisir un autre fichier.\n"
    )


def test_the_messages_are_in_english_on_demand(population_file, tmp_path, capsys):
    """`OPENFISCA_RESIDENCE_LANG=en`: the texts of the code, for the installed command too."""
    script = Path(sys.executable).parent / "openfisca-residence"
    output = tmp_path / "r.csv"
    arguments = ["simulate", str(population_file), "--output", str(output), "--quiet"]
    run = subprocess.run(
        [str(script), *arguments, "--variables", "reside_en_franse", "--months", "2024-01"],
        capture_output=True,
        text=True,
        check=False,
        env=environment("en"),
    )
    assert run.returncode == 2
    assert run.stderr == (
        "openfisca-residence: error: --variables: unknown variable 'reside_en_franse' (did you "
        "mean 'reside_en_france'?).\n"
    )
    with i18n.in_language("en"):
        code = cli.main([*arguments, "--variables", "reside_en_france", "--months", "2025-01"])
    assert code == 0
    printed = capsys.readouterr()
    assert [cell.strip() for cell in printed.out.splitlines()[0].split("|")] == [
        "variable",
        "month",
        "rows",
        "weighted total",
        "share",
    ]
    assert re.search(
        r"^300 persons × 1 month in \d+ chunks? \(local backend\), \d+\.\d s; written to "
        rf"{re.escape(str(output))}\.$",
        printed.out,
        re.MULTILINE,
    )
    assert printed.err.startswith(
        f"note: {population_file} gives month-by-month inputs up to 2024-12; 2025-01..2025-01 are "
        "computed without them"
    )


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
