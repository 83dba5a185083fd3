"""Parametric reforms written in YAML (openfisca_residence.parametric_reforms)."""

import textwrap

import pytest

from openfisca_residence.system.parametric_reforms import (
    ParametricReformError,
    reform_from_dict,
    reform_from_file,
)


def reform(parametres, date_effet="2027-01-01"):
    return reform_from_dict(
        {"nom": "essai", "description": "Essai", "date_effet": date_effet, "parametres": parametres}
    )


def test_a_new_value_applies_from_the_date_of_effect_and_leaves_the_baseline_alone(
    tax_benefit_system,
):
    reformed = reform({"sejour.maintien_droits.duree": 3})(tax_benefit_system)
    today = tax_benefit_system.parameters("2027-01-01").sejour.maintien_droits.duree
    assert today != 3  # the reform changes something
    assert reformed.parameters("2026-12-31").sejour.maintien_droits.duree == today
    assert reformed.parameters("2027-01-01").sejour.maintien_droits.duree == 3
    assert tax_benefit_system.parameters("2027-01-01").sejour.maintien_droits.duree == today


def test_values_per_date(tax_benefit_system):
    reformed = reform({"sejour.maintien_droits.duree": {"2027-01-01": 4, "2028-01-01": 2}})(
        tax_benefit_system
    )
    assert reformed.parameters("2027-06-01").sejour.maintien_droits.duree == 4
    assert reformed.parameters("2028-06-01").sejour.maintien_droits.duree == 2


def test_a_list_parameter_takes_a_new_list(tax_benefit_system):
    reformed = reform({"sejour.titres_recevables.securite_sociale": ["carte_resident"]})(
        tax_benefit_system
    )
    assert reformed.parameters("2027-06-01").sejour.titres_recevables.securite_sociale == [
        "carte_resident"
    ]


def test_an_unknown_path_names_it_and_suggests_the_closest(tax_benefit_system):
    with pytest.raises(
        ParametricReformError,
        match=r"paramètre inconnu 'sejour.maintien_droit.duree' \(vouliez-vous dire "
        r"'sejour.maintien_droits.duree' \?\)\.$",
    ):
        reform({"sejour.maintien_droit.duree": 3})(tax_benefit_system)


@pytest.mark.parametrize("value", ["trois", True, [3]])
def test_a_value_of_the_wrong_type_is_refused(tax_benefit_system, value):
    last = tax_benefit_system.parameters.sejour.maintien_droits.duree.values_list[0].value
    with pytest.raises(
        ParametricReformError,
        match=rf"le paramètre 'sejour.maintien_droits.duree' prend un nombre \(aujourd'hui {last}\)",
    ):
        reform({"sejour.maintien_droits.duree": value})(tax_benefit_system)


def test_a_bad_date_or_a_missing_key_is_named():
    with pytest.raises(
        ParametricReformError, match=r"date_effet : .2027-02-30. n'est pas une date existante"
    ):
        reform({"sejour.maintien_droits.duree": 3}, date_effet="2027-02-30")
    with pytest.raises(ParametricReformError, match=r"clé\(s\) manquante\(s\) \['date_effet'\]"):
        reform_from_dict({"nom": "x", "description": "x", "parametres": {"a": 1}})


def test_a_file_is_read(tmp_path, tax_benefit_system):
    path = tmp_path / "reforme.yaml"
    path.write_text(
        textwrap.dedent(
            """
            nom: trois_mois
            description: Trois mois
            date_effet: 2027-01-01
            parametres:
              sejour.maintien_droits.duree: 3
            """
        ),
        encoding="utf-8",
    )
    reformed = reform_from_file(path)(tax_benefit_system)
    assert reformed.parameters("2027-01-01").sejour.maintien_droits.duree == 3


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("sejour.maintien_droits.duree", -4, "un nombre de mois de 0 ou plus est attendu"),
        ("sejour.maintien_droits.duree", 2.5, "un nombre entier de mois est attendu"),
        ("residence.sejour_principal.duree_presence_minimale", 180.5, "un nombre entier de jours"),
        ("ue.travailleur.heures_mois", 119.5, "un nombre entier d'heures est attendu"),
        ("prestations.montants.aah.montant_mensuel", -1.0, "un nombre de 0 ou plus est attendu"),
        ("sejour.maintien_droits.duree", float("nan"), "un nombre fini est attendu"),
    ],
)
def test_a_value_the_parameter_cannot_take_is_refused_naming_the_file_path_and_value(
    tax_benefit_system, path, value, message
):
    with pytest.raises(ParametricReformError) as error:
        reform_from_dict(
            {
                "nom": "x",
                "description": "x",
                "date_effet": "2027-01-01",
                "parametres": {path: value},
            },
            source="reforme.yaml",
        )(tax_benefit_system)
    assert str(error.value).startswith(
        f"reforme.yaml : le paramètre '{path}' ne peut pas prendre {value!r} : "
    )
    assert message in str(error.value)


def test_a_fraction_is_kept_where_the_parameter_has_one_and_zero_is_accepted(tax_benefit_system):
    reformed = reform(
        {"ue.travailleur.nombre_smic_mois": 151.67, "sejour.maintien_droits.duree": 0}
    )(tax_benefit_system)
    assert reformed.parameters("2027-06-01").ue.travailleur.nombre_smic_mois == 151.67
    assert reformed.parameters("2027-06-01").sejour.maintien_droits.duree == 0


def test_an_impossible_date_in_a_file_is_named_with_its_key(tmp_path):
    path = tmp_path / "reforme.yaml"
    path.write_text(
        "nom: x\ndescription: x\ndate_effet: 2026-02-30\n"
        "parametres: {sejour.maintien_droits.duree: {2027-04-31: 3}}\n",
        encoding="utf-8",
    )
    with pytest.raises(ParametricReformError) as error:
        reform_from_file(path)
    assert str(error.value) == (
        f"{path} : date_effet : '2026-02-30' n'est pas une date existante écrite AAAA-MM-JJ."
    )
    path.write_text(path.read_text().replace("2026-02-30", "2026-02-28"), encoding="utf-8")
    with pytest.raises(ParametricReformError, match=r"sejour.maintien_droits.duree : '2027-04-31'"):
        reform_from_file(path)


def test_a_yaml_syntax_error_gives_the_line_and_column(tmp_path):
    path = tmp_path / "reforme.yaml"
    path.write_text("nom: x\nparametres: {a: [1\n", encoding="utf-8")
    with pytest.raises(
        ParametricReformError,
        match=r"^Fichier de réforme .*reforme.yaml, ligne 3, colonne 1 : YAML invalide",
    ):
        reform_from_file(path)
