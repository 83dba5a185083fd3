"""The reforms a page or a request may name: those of the package (`fin_droits_expiration_sejour`)
and the parametric reform files of `reforms/parametriques` (by their name); nothing else, so that a
request never names a module to import or a file to read."""

from __future__ import annotations

import functools
import importlib
from pathlib import Path

from openfisca_residence.i18n import _
from openfisca_residence.system.registry import REFORMS_PACKAGE, package_reforms, reform_label
from openfisca_residence.web.requests import RequestError


@functools.cache
def available_reforms() -> dict[str, str]:
    """Each reform a request may name → its key in the registry (`system.registry`)."""
    found = {name: name for name in package_reforms()}
    folder = Path(importlib.import_module(f"{REFORMS_PACKAGE}.parametriques").__file__).parent
    for path in sorted(folder.glob("*.yaml")):
        found[path.stem] = str(path)
    return found


def reform_labels() -> list[dict]:
    """The reforms as a page lists them: name, and label (a parametric file's `nom`)."""
    return [
        {"name": name, "label": reform_label(key) or name}
        for name, key in available_reforms().items()
    ]


def served_reform(name: str | None, served: str | None) -> str | None:
    """The registry key of the reform `name` asks for; the law served when none is named."""
    if not name:
        return served
    if name not in available_reforms():
        raise RequestError(
            _("reform: unknown reform {name}; the reforms are {known}.").format(
                name=repr(name), known=", ".join(available_reforms())
            )
        )
    return available_reforms()[name]
