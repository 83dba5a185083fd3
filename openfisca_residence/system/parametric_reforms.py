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
file, the parameter path (or the key) and the value, in the language of the messages (`i18n`).
"""

from __future__ import annotations

import datetime
import math
from pathlib import Path

from openfisca_core.parameters import Parameter, ParameterNode

from openfisca_residence.i18n import N_, _, listed
from openfisca_residence.i18n.hints import did_you_mean
from openfisca_residence.system import yaml_files
from openfisca_residence.system.reform import Reform

KEYS = {"nom", "description", "date_effet", "parametres"}
# Units counted in whole numbers (`metadata: unit:` of the parameters), and their name in messages.
WHOLE_UNITS = {
    "month": N_("of months"),
    "day": N_("of days"),
    "year": N_("of years"),
    "hour": N_("of hours"),
}
# What a parameter takes, in words, by the type of its values.
KINDS = {bool: N_("true or false"), float: N_("a number"), str: N_("a text"), list: N_("a list")}


class ParametricReformError(ValueError):
    """A reform file that cannot be applied: the message names the file, the key and the value."""


def reform_from_file(path) -> type[Reform]:
    path = Path(path)
    try:
        data = yaml_files.load(path)
    except yaml_files.YamlFileError as error:
        raise ParametricReformError(_("Reform file {error}").format(error=error)) from error
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
    keys = sorted(KEYS)
    if not isinstance(data, dict):
        raise ParametricReformError(
            _("{source}: expected a mapping with keys {keys}.").format(source=source, keys=keys)
        )
    missing, unknown = KEYS - set(data), set(data) - KEYS
    if missing or unknown:
        problems = [_("missing key(s) {keys}").format(keys=sorted(missing))] * bool(missing) + [
            _("unknown key(s) {unknown}, expected {keys}").format(
                unknown=sorted(unknown), keys=keys
            )
        ] * bool(unknown)
        raise ParametricReformError(
            _("{path}: {text}").format(path=source, text=listed(problems)) + "."
        )
    default_date = _date(data["date_effet"], source, "date_effet")
    if not isinstance(data["parametres"], dict) or not data["parametres"]:
        raise ParametricReformError(
            _("{source}: 'parametres' must map parameter paths to new values.").format(
                source=source
            )
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
            _("{source}: {key}: {value!r} is not an existing date written YYYY-MM-DD.").format(
                source=source, key=key, value=value
            )
        ) from error


def _modified(parameters: ParameterNode, changes, source: str) -> ParameterNode:
    leaves = {leaf.name: leaf for leaf in _leaves(parameters)}
    for name, values in changes.items():
        if name not in leaves:
            raise ParametricReformError(
                _("{source}: unknown parameter '{name}'{hint}.").format(
                    source=source, name=name, hint=did_you_mean(name, leaves, cutoff=0.5)
                )
            )
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
        return bool if isinstance(v, bool) else float if isinstance(v, int | float) else type(v)

    if kind(current) != kind(value) or (
        isinstance(value, list) and not all(isinstance(item, str) for item in value)
    ):
        what = _(KINDS[kind(current)]) if kind(current) in KINDS else kind(current).__name__
        raise ParametricReformError(
            _("{source}: parameter '{name}' takes {kind} (now {current!r}), not {value!r}.").format(
                source=source, name=parameter.name, kind=what, current=current, value=value
            )
        )
    if not isinstance(value, int | float) or isinstance(value, bool):
        return
    unit = (parameter.metadata or {}).get("unit")
    problem = None
    if not math.isfinite(value):
        problem = _("a finite number is expected.")
    elif value < 0 and all(item >= 0 for item in existing):
        problem = (
            _("a number {unit} of 0 or more is expected, like all its values so far.")
            if unit in WHOLE_UNITS
            else _("a number of 0 or more is expected, like all its values so far.")
        )
    elif (
        unit in WHOLE_UNITS
        and not float(value).is_integer()
        and all(float(item).is_integer() for item in existing)
    ):
        problem = _("a whole number {unit} is expected.")
    if problem:
        unit_name = _(WHOLE_UNITS[unit]) if unit in WHOLE_UNITS else ""
        raise ParametricReformError(
            _("{source}: parameter '{name}' cannot take {value!r}: {problem}").format(
                source=source,
                name=parameter.name,
                value=value,
                problem=problem.format(unit=unit_name),
            )
        )


def _leaves(node: ParameterNode):
    for child in node.children.values():
        if isinstance(child, ParameterNode):
            yield from _leaves(child)
        else:
            yield child
