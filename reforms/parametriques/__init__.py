"""Parametric reforms written in YAML, one file per reform (see openfisca_residence.parametric_reforms).

`openfisca_residence.reforms.parametriques.<nom>` is the reform of `<nom>.yaml` in this folder, so
that a YAML test can name it under `reforms:`.
"""

from pathlib import Path

from openfisca_residence.system.parametric_reforms import reform_from_file

_FOLDER = Path(__file__).parent


def __getattr__(name: str):
    """The reform of `<name>.yaml` of this folder; a name that is not a plain name (a path such as
    `/etc/passwd` or `../x`) is refused: no file outside this folder is read."""
    path = _FOLDER / f"{name}.yaml"
    if not name.isidentifier() or not path.is_file() or path.resolve().parent != _FOLDER.resolve():
        raise AttributeError(f"no parametric reform '{name}' in {_FOLDER}")
    return reform_from_file(path)
