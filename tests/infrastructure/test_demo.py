from openfisca_residence import demo


def test_the_demo_prints_a_readable_table_of_the_example_population(capsys):
    demo.main([])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Résidence en France, 2018-01 (exemple_residence.yaml)"
    header = [cell.strip() for cell in lines[2].split("|")]
    assert header[:3] == ["individu", "jours retenus", "séjour principal"]
    rows = {line.split("|")[0].strip(): [c.strip() for c in line.split("|")] for line in lines[4:]}
    assert rows["paulo"][1:4] == ["186", "oui", "oui"]  # the circular's worked example
    assert rows["mira"][1:4] == ["180", "non", "non"]  # 180 days are not more than 180
    assert rows["amadou"][header.index("> 3 mois")] == "non"


def test_the_demo_takes_another_month(capsys):
    demo.main(["--month", "2018-02"])
    assert "2018-02" in capsys.readouterr().out.splitlines()[0]
