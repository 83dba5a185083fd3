"""Parametric reforms written in YAML (openfisca_residence.parametric_reforms)."""

import textwrap

import pytest

from openfisca_residence.parametric_reforms import (
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
    assert reformed.parameters("2026-12-31").sejour.maintien_droits.duree == 6
    assert reformed.parameters("2027-01-01").sejour.maintien_droits.duree == 3
    assert tax_benefit_system.parameters("2027-01-01").sejour.maintien_droits.duree == 6


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
        match=r"unknown parameter 'sejour.maintien_droit.duree'.*Did you mean 'sejour.maintien_droits.duree'\?",
    ):
        reform({"sejour.maintien_droit.duree": 3})(tax_benefit_system)


@pytest.mark.parametrize("value", ["trois", True, [3]])
def test_a_value_of_the_wrong_type_is_refused(tax_benefit_system, value):
    with pytest.raises(
        ParametricReformError, match=r"'sejour.maintien_droits.duree' takes a number \(now 6\)"
    ):
        reform({"sejour.maintien_droits.duree": value})(tax_benefit_system)


def test_a_bad_date_or_a_missing_key_is_named():
    with pytest.raises(ParametricReformError, match=r"date_effet: '2027-02-30' is not a date"):
        reform({"sejour.maintien_droits.duree": 3}, date_effet="2027-02-30")
    with pytest.raises(ParametricReformError, match=r"missing key\(s\) \['date_effet'\]"):
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
