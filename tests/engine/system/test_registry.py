"""The registry of reforms: each name the README's table of reforms gives is a reform."""

import pytest

from openfisca_residence.reforms.fin_droits_expiration_sejour import fin_droits_expiration_sejour
from openfisca_residence.system.registry import package_reforms, resolve_reform


@pytest.mark.parametrize(
    "name",
    [
        "fin_droits_expiration_sejour",
        "fin_droits_expiration_sejour.fin_droits_expiration_sejour",
        "openfisca_residence.reforms.fin_droits_expiration_sejour.fin_droits_expiration_sejour",
        "openfisca_residence.reforms.fin_droits_expiration_sejour:fin_droits_expiration_sejour",
    ],
)
def test_a_reform_of_the_package_by_each_of_its_names(name):
    assert resolve_reform(name) is fin_droits_expiration_sejour


def test_a_parametric_reform_by_its_name_in_the_package():
    short = resolve_reform("parametriques.maintien_droits_trois_mois")
    full = resolve_reform("openfisca_residence.reforms.parametriques.maintien_droits_trois_mois")
    assert short.nom == full.nom == "maintien_droits_trois_mois"


def test_the_parametric_reforms_are_listed_with_the_others():
    assert "parametriques.maintien_droits_trois_mois" in package_reforms()
    assert "fin_droits_expiration_sejour" in package_reforms()


def test_a_module_outside_the_package_keeps_its_own_error():
    with pytest.raises(ValueError, match="module 'numpy' has no attribute 'pas_une_reforme'"):
        resolve_reform("numpy.pas_une_reforme")
