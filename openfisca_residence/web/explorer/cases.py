"""The explorer's cases and YAML tests, both ways.

- `yaml_test(situation, month, name, reform)`: a YAML test `openfisca-residence test` passes, with
  the answers computed as outputs (each benefit's decision per person or family, and each person's
  reason of refusal).
- `opened(text)`: the first case of a YAML test file, as the page fills its form: the situation
  with entities (a case written without them becomes one person), each value under its period
  (a value written without a period is the case's month).
- `timeline(situation, months, reform)`: each benefit's answer, month by month.
"""

from __future__ import annotations

import datetime

import yaml
from openfisca_core import periods
from openfisca_core.indexed_enums import Enum

from openfisca_residence.analysis.explain.decisions import title
from openfisca_residence.i18n import _
from openfisca_residence.system.benefits import BENEFITS
from openfisca_residence.system.registry import tax_benefit_system
from openfisca_residence.system.situations import SituationBuilder
from openfisca_residence.system.yaml_files import Loader
from openfisca_residence.web.requests import RequestError
from openfisca_residence.yaml_tests.checks import known_reforms


def simulation_of(situation: dict, month: str, reform: str | None):
    builder = SituationBuilder()
    builder.set_default_period(month)
    return builder.build_from_entities(tax_benefit_system(reform), situation)


def _values(simulation, name: str, month: str) -> list:
    values = simulation.calculate(name, month)
    variable = simulation.tax_benefit_system.variables[name]
    if variable.value_type is Enum:
        return [str(item) for item in values.decode_to_str()]
    return [bool(value) for value in values]


def yaml_test(situation: dict, month: str, name: str, reform: str | None, reform_name) -> str:
    """A YAML test of the case, its outputs the answers of the model."""
    simulation = simulation_of(situation, month, reform)
    output = {}
    for benefit in BENEFITS:
        output[f"{benefit}_eligible"] = _values(simulation, f"{benefit}_eligible", month)
        output[f"{benefit}_motif_refus"] = _values(simulation, f"{benefit}_motif_refus", month)
    test = {"name": name or _("Case made with the case explorer"), "period": month}
    if reform_name:
        test["reforms"] = [known_reforms()[reform_name]]
    test["input"] = situation
    test["output"] = output
    return yaml.safe_dump([test], allow_unicode=True, sort_keys=False, width=100)


def _plain(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def opened(text: str) -> dict:
    """The first case of a YAML test file: name, period, reform and situation (with entities)."""
    try:
        content = yaml.load(text, Loader=Loader)  # a SafeLoader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = (
            _(", line {line}, column {column}").format(line=mark.line + 1, column=mark.column + 1)
            if mark
            else ""
        )
        raise RequestError(_("Not a valid YAML file{where}.").format(where=where)) from None
    case = content[0] if isinstance(content, list) and content else content
    if not isinstance(case, dict) or not isinstance(case.get("input", {}), dict):
        raise RequestError(_("The file holds no YAML test (name, period, input, output)."))
    month = str(_plain(case.get("period") or ""))
    try:
        month = str(periods.period(month))
    except ValueError:
        raise RequestError(
            _("The test's period {period} is not one month (YYYY-MM).").format(period=repr(month))
        ) from None
    situation = _plain(case.get("input") or {})
    system = tax_benefit_system(None)
    plurals = {entity.plural for entity in system.entities}
    if not set(situation) & plurals:
        situation = {system.person_entity.plural: {_("the person"): situation}}
    for instances in situation.values():
        for instance in (instances or {}).values():
            for variable, value in list((instance or {}).items()):
                if variable in system.variables and not isinstance(value, dict):
                    instance[variable] = {month: value}
    reforms = case.get("reforms") or []
    reforms = [reforms] if isinstance(reforms, str) else reforms
    by_path = {path: short for short, path in known_reforms().items()}
    return {
        "name": str(case.get("name") or ""),
        "period": month,
        "reform": by_path.get(str(reforms[0])) if reforms else None,
        "situation": situation,
    }


def timeline(situation: dict, months: list[str], reform: str | None) -> dict:
    """Each benefit's answer for each person or family, month by month."""
    simulation = simulation_of(situation, months[0], reform)
    system = simulation.tax_benefit_system
    rows = []
    for benefit in BENEFITS:
        entity = system.variables[f"{benefit}_eligible"].entity
        ids = [str(who) for who in simulation.populations[entity.key].ids]
        eligible = {month: _values(simulation, f"{benefit}_eligible", month) for month in months}
        reasons = {month: _values(simulation, f"{benefit}_motif_refus", month) for month in months}
        labels = system.variables[f"{benefit}_motif_refus"].possible_values
        for index, who in enumerate(ids):
            cells = []
            for month in months:
                cell = {"month": month, "eligible": eligible[month][index]}
                if entity.is_person and not cell["eligible"]:
                    cell["reason"] = labels[reasons[month][index]].value
                cells.append(cell)
            rows.append(
                {
                    "benefit": benefit,
                    "title": title(benefit),
                    "entity": entity.key,
                    "id": who,
                    "cells": cells,
                }
            )
    return {"months": months, "rows": rows}
