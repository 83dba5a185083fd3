"""Parametric reforms written in YAML: new values of existing parameters from a date of effect.

A reform file, for policy teams who do not write Python::

    nom: maintien_droits_trois_mois
    description: Le maintien des droits de R.111-4 ramené de six à trois mois.
    date_effet: 2027-01-01
    parametres:
      sejour.maintien_droits.duree: 3                 # from date_effet on
      sejour.maintien_droits.duree_apres_mesure_eloignement:
        2027-01-01: 1                                  # or one value per date of effect

`reform_from_file(path)` turns it into an OpenFisca Reform class, usable from Python
(`reform_from_file(path)(CountryTaxBenefitSystem())`), from the command line, and in a YAML test when
the file sits in `reforms/parametriques/` (`reforms: openfisca_residence.reforms.parametriques.<nom>`).
A parameter path that does not exist, or a value of the wrong type, is refused with a message naming
it (and the closest existing path). So is a value the parameter cannot take:

- a negative number, when every value the parameter has had is 0 or more (durations, counts,
  amounts, rates: all of today's numeric parameters);
- a number with a fraction (2.5), when the parameter counts months, days, years or hours
  (`metadata: unit:` month, day, year or hour) and every value it has had is a whole number: the
  rules count whole months and days. `ue.travailleur.nombre_smic_mois` (173.33 hours) keeps its
  fraction;
- a number that is not finite (`.nan`, `.inf`).

A date that does not exist (`date_effet: 2026-02-30`) is named with its key. Every message names the
file, the parameter path (or the key) and the value.
"""

from __future__ import annotations

import datetime
import difflib
import math
from pathlib import Path

from openfisca_core.parameters import Parameter, ParameterNode

from openfisca_residence.system import yaml_files
from openfisca_residence.system.reform import Reform

KEYS = {"nom", "description", "date_effet", "parametres"}
# Units counted in whole numbers (`metadata: unit:` of the parameters), and their name in messages.
WHOLE_UNITS = {"month": "months", "day": "days", "year": "years", "hour": "hours"}


class ParametricReformError(ValueError):
    """A reform file that cannot be applied: the message names the file, the key and the value."""


def reform_from_file(path) -> type[Reform]:
    path = Path(path)
    try:
        data = yaml_files.load(path)
    except yaml_files.YamlFileError as error:
        raise ParametricReformError(f"Reform file {error}") from error
    return reform_from_dict(data, source=str(path))


def reform_from_dict(data, source: str = "reform") -> type[Reform]:
    changes = _changes(data, source)

    class ParametricReform(Reform):
        name = data["description"]

        def apply(self):
            self.modify_parameters(
                modifier_function=lambda parameters: _modified(parameters, changes, source)
            )

    ParametricReform.__name__ = ParametricReform.__qualname__ = str(data["nom"])
    ParametricReform.__doc__ = data["description"]
    ParametricReform.nom = str(data["nom"]) if data["nom"] not in (None, "") else None
    ParametricReform.date_effet = _date(data["date_effet"], source, "date_effet")
    ParametricReform.parametres = changes
    return ParametricReform


def _changes(data, source: str) -> dict[str, dict[str, object]]:
    """{parameter path: {date of effect: value}} from the file's content, checked for its form."""
    if not isinstance(data, dict):
        raise ParametricReformError(f"{source}: expected a mapping with keys {sorted(KEYS)}.")
    missing, unknown = KEYS - set(data), set(data) - KEYS
    if missing or unknown:
        raise ParametricReformError(
            f"{source}: "
            + "; ".join(
                [f"missing key(s) {sorted(missing)}"] * bool(missing)
                + [f"unknown key(s) {sorted(unknown)}, expected {sorted(KEYS)}"] * bool(unknown)
            )
            + "."
        )
    default_date = _date(data["date_effet"], source, "date_effet")
    if not isinstance(data["parametres"], dict) or not data["parametres"]:
        raise ParametricReformError(
            f"{source}: 'parametres' must map parameter paths to new values."
        )
    changes = {}
    for name, value in data["parametres"].items():
        if isinstance(value, dict):
            changes[name] = {_date(date, source, name): v for date, v in value.items()}
        else:
            changes[name] = {default_date: value}
    return changes


def _date(value, source: str, key: str) -> str:
    if isinstance(value, datetime.date):
        return value.isoformat()
    try:
        return datetime.date.fromisoformat(str(value)).isoformat()
    except ValueError as error:
        raise ParametricReformError(
            f"{source}: {key}: {value!r} is not an existing date written YYYY-MM-DD."
        ) from error


def _modified(parameters: ParameterNode, changes, source: str) -> ParameterNode:
    leaves = {leaf.name: leaf for leaf in _leaves(parameters)}
    for name, values in changes.items():
        if name not in leaves:
            closest = difflib.get_close_matches(name, leaves, n=1, cutoff=0.5)
            hint = f" Did you mean '{closest[0]}'?" if closest else ""
            raise ParametricReformError(f"{source}: unknown parameter '{name}'.{hint}")
        parameter = leaves[name]
        existing = [item.value for item in parameter.values_list if item.value is not None]
        for start, value in sorted(values.items()):
            _check_value(parameter, existing, value, source)
            parameter.update(start=start, value=value)
    return parameters


def _check_value(parameter: Parameter, existing: list, value, source: str) -> None:
    """Refuse a value of another type than the parameter's, or one it cannot take (see above)."""
    current = existing[0]

    def kind(v):
        return (
            "boolean"
            if isinstance(v, bool)
            else "number"
            if isinstance(v, int | float)
            else type(v).__name__
        )

    if kind(current) != kind(value) or (
        isinstance(value, list) and not all(isinstance(item, str) for item in value)
    ):
        raise ParametricReformError(
            f"{source}: parameter '{parameter.name}' takes a {kind(current)} (now {current!r}), "
            f"not {value!r}."
        )
    if not isinstance(value, int | float) or isinstance(value, bool):
        return
    refused = f"{source}: parameter '{parameter.name}' cannot take {value!r}"
    if not math.isfinite(value):
        raise ParametricReformError(f"{refused}: a finite number is expected.")
    unit = (parameter.metadata or {}).get("unit")
    if value < 0 and all(item >= 0 for item in existing):
        what = f"a number of {WHOLE_UNITS[unit]}" if unit in WHOLE_UNITS else "a number"
        raise ParametricReformError(
            f"{refused}: {what} of 0 or more is expected, like all its values so far."
        )
    if (
        unit in WHOLE_UNITS
        and not float(value).is_integer()
        and all(float(item).is_integer() for item in existing)
    ):
        raise ParametricReformError(
            f"{refused}: a whole number of {WHOLE_UNITS[unit]} is expected."
        )


def _leaves(node: ParameterNode):
    for child in node.children.values():
        if isinstance(child, ParameterNode):
            yield from _leaves(child)
        else:
            yield child
