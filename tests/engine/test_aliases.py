"""The import paths of version 0.1 still work in 0.2, with a DeprecationWarning naming the new one."""

import importlib

import pytest

ALIASES = {
    "openfisca_residence.microsimulation": "openfisca_residence.simulation.microsimulation",
    "openfisca_residence.comparison": "openfisca_residence.analysis.comparison",
    "openfisca_residence.runner": "openfisca_residence.simulation.files",
    "openfisca_residence.explain": "openfisca_residence.analysis.explain",
    "openfisca_residence.parametric_reforms": "openfisca_residence.system.parametric_reforms",
}


@pytest.mark.parametrize(("old", "new"), ALIASES.items())
def test_an_old_import_path_gives_the_same_objects_and_says_where_they_moved(old, new):
    with pytest.warns(DeprecationWarning, match=new.replace(".", r"\.")):
        alias = importlib.reload(importlib.import_module(old))
    moved = importlib.import_module(new)
    assert alias.__all__
    for name in alias.__all__:
        assert getattr(alias, name) is getattr(moved, name, getattr(alias, name))
    assert all(
        getattr(moved, name, None) is not None for name in alias.__all__ if name != "Backend"
    )
