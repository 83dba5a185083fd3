"""`openfisca-residence variables [WORD]`: the inputs and outputs, searchable by a word of their name
or label, each with its type, its values and, for an input, its default value."""

from openfisca_residence import cli, i18n


def blocks(output: str) -> dict[str, str]:
    """Each variable's block of the listing, by the variable's name."""
    return {block.split()[0]: block.strip("\n") for block in output.split("\n\n") if block.strip()}


def test_a_word_finds_inputs_and_outputs_by_name_or_label_accents_ignored(capsys):
    assert cli.main(["variables", "séjour"]) == 0
    output = capsys.readouterr().out
    assert output.startswith("Entrées (")
    assert "\nSorties (" in output
    found = blocks(output)
    assert found["titre_sejour"].startswith(
        "titre_sejour  (entrée, individu, par mois)\n"
        "  Titre ou document de séjour détenu dans le mois\n"
        "  valeurs : aucun, carte_resident, carte_resident_ue_longue_duree, "
    )
    assert found["titre_sejour"].endswith(", titre_special_mae\n  par défaut : aucun")
    assert found["sejour_regulier"].startswith("sejour_regulier  (sortie, individu, par mois)\n")
    assert "  valeurs : true ou false" in found["sejour_regulier"]
    assert "par défaut" not in found["sejour_regulier"]  # an output is computed
    assert "jours_absence_france" not in found  # neither its name nor its label holds the word
    assert cli.main(["variables", "SEJOUR"]) == 0
    assert capsys.readouterr().out == output


def test_each_input_says_the_values_its_door_accepts_and_its_default(capsys):
    assert cli.main(["variables"]) == 0
    found = blocks(capsys.readouterr().out)
    assert found["jours_absence_france"].endswith(
        "  valeurs : un nombre entier de jours de 0 à 28–31\n  par défaut : 0"
    )
    assert found["titre_sejour_date_fin"].endswith("  par défaut : 2999-12-31 (jamais)")
    assert "(entrée, individu, pour toujours (ETERNITY))" in found["date_naissance"]
    assert "(sortie, famille, par mois)" in found["rsa_eligible"]
    assert "  par défaut : FR" in found["nationalite"]


def test_no_variable_found_says_so(capsys):
    assert cli.main(["variables", "zzzz"]) == 1
    assert capsys.readouterr().out == (
        "Aucune variable ne contient 'zzzz' dans son nom ou son libellé.\n"
    )


def test_in_english_on_demand(capsys):
    with i18n.in_language("en"):
        assert cli.main(["variables", "jours_absence_france"]) == 0
    assert capsys.readouterr().out.startswith(
        "Inputs (1)\n\njours_absence_france  (input, individu, by month)\n"
    )
