"""Parametric reforms written in YAML, one file per reform (see openfisca_residence.parametric_reforms).

`openfisca_residence.reforms.parametriques.<nom>` is the reform of `<nom>.yaml` in this folder, so
that a YAML test can name it under `reforms:`.
"""

from pathlib import Path

from openfisca_residence.system.parametric_reforms import reform_from_file

_FOLDER = Path(__file__).parent


def __getattr__(name: str):
    path = _FOLDER / f"{name}.yaml"
    if not path.exists():
        raise AttributeError(f"no parametric reform '{name}' ({path} does not exist)")
    return reform_from_file(path)
