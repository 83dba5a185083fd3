from openfisca_residence.cli import demo


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


def test_a_yaml_test_is_refused_with_one_line_saying_what_the_demo_reads(tmp_path, capsys):
    path = tmp_path / "test.yaml"
    path.write_text(
        "- name: un cas\n  period: 2018-01\n  input: {jours_absence_france: 3}\n"
        "  output: {reside_en_france: true}\n",
        encoding="utf-8",
    )
    assert demo.main(["--file", str(path)]) == 2
    error = capsys.readouterr().err
    assert error == (
        f"demo: error: {path}: expected a mapping with 'mois' (YYYY-MM) and 'individus' (each "
        "person's inputs, as under 'individus' in a YAML test), like "
        "openfisca_residence/data/exemple_residence.yaml; found a list (a YAML test?).\n"
    )


def test_a_year_or_a_month_outside_the_model_is_refused_without_a_traceback(capsys):
    assert demo.main(["--month", "2018"]) == 2
    assert capsys.readouterr().err == (
        "demo: error: --month '2018' is not one month: write YYYY-MM, such as 2018-02.\n"
    )
    assert demo.main(["--month", "1990-01"]) == 2
    assert "the law is modelled from 1994-01 to 2100-12" in capsys.readouterr().err
