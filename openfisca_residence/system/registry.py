"""The tax-benefit system of each process, and the registry of reforms.

`tax_benefit_system(reform)` builds the country's system, with a reform applied, once per process
(a worker process, a Dask worker, the Web API) and keeps it. A reform travels between processes by
its name (`reform_key`): a reform of `openfisca_residence.reforms` (`fin_droits_expiration_sejour`),
with a date of effect (`NAME@2026-07-01`), a parametric reform file (`reform.yaml`), or
`module:attribute`; `resolve_reform` finds it again.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from openfisca_residence.i18n import _
from openfisca_residence.i18n.hints import did_you_mean
from openfisca_residence.system.base import with_model_behaviours
from openfisca_residence.system.country import CountryTaxBenefitSystem
from openfisca_residence.system.parametric_reforms import reform_from_file

REFORMS_PACKAGE = "openfisca_residence.reforms"


def reform_key(reform) -> str | None:
    """A picklable name for a reform: None, `module:attribute`, or a reform of the package.

    A reform given as a class or a function defined at the top level of a module is named after
    it, so that another process can import it again.
    """
    if reform is None or isinstance(reform, str):
        return reform
    module, name = getattr(reform, "__module__", None), getattr(reform, "__qualname__", "")
    if module and name and "<locals>" not in name:
        return f"{module}:{name}"
    raise ValueError(
        f"The reform {reform!r} cannot be named: define it at the top level of a module, "
        "or give its name as 'module:attribute'."
    )


def resolve_reform(key: str) -> Callable:
    """The reform named `key`: a reform of the package (`fin_droits_expiration_sejour`), with a date
    of effect (`fin_droits_expiration_sejour@2026-07-01`), a parametric reform file
    (`reform.yaml`), or `module:attribute` / `module.attribute`."""
    if key.endswith((".yaml", ".yml")):
        return reform_from_file(key)
    name, _at, date_of_effect = key.partition("@")
    if ":" in name:
        module, attribute = name.split(":", 1)
    elif "." in name:
        module, attribute = name.rsplit(".", 1)
        if importlib.util.find_spec(module.split(".")[0]) is None:
            # `parametriques.<nom>`, `fin_droits_expiration_sejour.fin_droits_expiration_sejour`:
            # a module of the package, as the README's table of reforms names it.
            module = f"{REFORMS_PACKAGE}.{module}"
    else:  # `fin_droits_expiration_sejour`: openfisca_residence.reforms.<name>.<name>
        module, attribute = f"{REFORMS_PACKAGE}.{name}", name
    try:
        found = importlib.import_module(module)
        for part in attribute.split("."):
            found = getattr(found, part)
    except (ImportError, AttributeError) as error:
        known = package_reforms()
        why = f" ({error})" if ":" in name or "." in name else ""  # a module's own mistake
        raise ValueError(
            _(
                "Unknown reform '{key}'{hint}: give the name of a reform of {package} ({known}), "
                "a YAML parametric reform file, or 'module:attribute'{why}."
            ).format(
                key=key,
                hint=did_you_mean(name, known),
                package=REFORMS_PACKAGE,
                known=", ".join(known),
                why=why,
            )
        ) from error
    if date_of_effect:
        if not hasattr(found, "au"):
            raise ValueError(
                _("The reform '{name}' takes no date of effect ('@{date}').").format(
                    name=name, date=date_of_effect
                )
            )
        found = found.au(date_of_effect)
    return found


def reform_label(key: str | None) -> str | None:
    """The reform as a reader knows it: a parametric reform file by its `nom`, others by their key."""
    if key is None or not key.endswith((".yaml", ".yml")):
        return key
    return getattr(resolve_reform(key), "nom", None) or key


def package_reforms() -> list[str]:
    """The reforms of the package: its modules that define a reform of their own name, then its
    parametric reforms (`parametriques.<nom>`, a file `reforms/parametriques/<nom>.yaml`)."""
    package = importlib.import_module(REFORMS_PACKAGE)
    parametric = importlib.import_module(f"{REFORMS_PACKAGE}.parametriques")
    return [
        module.name
        for module in pkgutil.iter_modules(package.__path__)
        if not module.ispkg
        and hasattr(importlib.import_module(f"{REFORMS_PACKAGE}.{module.name}"), module.name)
    ] + sorted(
        f"parametriques.{path.stem}" for path in Path(parametric.__file__).parent.glob("*.yaml")
    )


def tax_benefit_system(reform: str | None = None):
    """The country's tax-benefit system, with the named reform applied; built once per process."""
    # One cache key whatever the call: `lru_cache` keys `f()` and `f(None)` apart.
    return _system(reform)


@lru_cache(maxsize=8)
def _system(reform: str | None):
    if reform is None:
        return CountryTaxBenefitSystem()
    return with_model_behaviours(resolve_reform(reform)(_system(None)))
