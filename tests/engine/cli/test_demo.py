import subprocess
import sys

from openfisca_residence.cli import demo
from openfisca_residence.i18n import in_language


def test_the_demo_prints_a_readable_table_of_the_example_population(capsys, tax_benefit_system):
    assert demo.main([]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Résidence en France, 2018-01 (exemple_residence.yaml)"
    header = [cell.strip() for cell in lines[2].split("|")]
    assert header[:3] == ["individu", "jours retenus", "séjour principal"]
    rows = {line.split("|")[0].strip(): [c.strip() for c in line.split("|")] for line in lines[4:]}
    assert rows["paulo"][1:4] == ["186", "oui", "oui"]  # the circular's worked example
    # Mira's days in France are the law's minimum exactly, which is not more than the minimum.
    minimum = tax_benefit_system.parameters("2018-01-01").residence.sejour_principal
    assert rows["mira"][1:4] == [str(minimum.duree_presence_minimale), "non", "non"]
    assert rows["amadou"][header.index("> 3 mois")] == "non"


def test_the_demo_takes_another_month(capsys):
    assert demo.main(["--month", "2018-02"]) == 0
    assert "2018-02" in capsys.readouterr().out.splitlines()[0]


def test_the_readme_s_command_runs_the_demo():
    """README: `.venv/bin/python -m openfisca_residence.cli.demo [--month 2018-02]`."""
    printed = subprocess.run(
        [sys.executable, "-m", "openfisca_residence.cli.demo", "--month", "2018-02"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert printed.stdout.startswith("Résidence en France, 2018-02 (exemple_residence.yaml)")


def test_a_yaml_test_is_refused_with_one_line_saying_what_the_demo_reads(tmp_path, capsys):
    path = tmp_path / "test.yaml"
    path.write_text(
        "- name: un cas\n  period: 2018-01\n  input: {jours_absence_france: 3}\n"
        "  output: {reside_en_france: true}\n",
        encoding="utf-8",
    )
    assert demo.main(["--file", str(path)]) == 2
    assert capsys.readouterr().err == (
        f"demo : erreur : {path} : attendu un dictionnaire de deux clés, 'mois' (AAAA-MM) et "
        "'individus' (les entrées de chaque personne, comme sous 'individus' dans un test YAML), "
        "comme openfisca_residence/examples/exemple_residence.yaml ; trouvé une liste (un test "
        "YAML ?).\n"
    )
    with in_language("en"):
        assert demo.main(["--file", str(path)]) == 2
    assert capsys.readouterr().err.endswith("; found a list (a YAML test?).\n")


def test_a_file_of_other_keys_is_told_which_keys_it_has(tmp_path, capsys):
    path = tmp_path / "population.yaml"
    path.write_text("month: 2018-01\npersons: {}\n", encoding="utf-8")
    assert demo.main(["--file", str(path)]) == 2
    assert capsys.readouterr().err.endswith("; trouvé les clés month, persons.\n")


def test_a_year_or_a_month_outside_the_model_is_refused_without_a_traceback(tmp_path, capsys):
    assert demo.main(["--month", "2018"]) == 2
    assert capsys.readouterr().err == (
        "demo : erreur : --month '2018' : demander un mois, par exemple 2018-01, et non 2018.\n"
    )
    assert demo.main(["--month", "1990-01"]) == 2
    assert capsys.readouterr().err == (
        "demo : erreur : --month '1990-01' : le droit est modélisé de 1994-01 à 2100-12.\n"
    )
    path = tmp_path / "population.yaml"
    path.write_text("mois: 2018\nindividus: {alice: {}}\n", encoding="utf-8")
    assert demo.main(["--file", str(path)]) == 2
    assert capsys.readouterr().err == (
        f"demo : erreur : {path}: mois: '2018' : demander un mois, par exemple 2018-01, et non 2018.\n"
    )
