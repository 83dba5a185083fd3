"""What is wrong with a case before it runs: its keys, its reforms, the values it expects.

Each function returns a message, or None when nothing is wrong; the case then fails alone with
it (`items.YamlItem`), and the other cases of its file run.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
from pathlib import Path

from openfisca_core import periods
from openfisca_core.indexed_enums import Enum

from openfisca_residence.i18n import _, language, listed, ngettext
from openfisca_residence.i18n.hints import closest, did_you_mean
from openfisca_residence.rules.inputs import shown, value_problem
from openfisca_residence.system.parametric_reforms import ParametricReformError
from openfisca_residence.system.registry import REFORMS_PACKAGE, package_reforms
from openfisca_residence.system.requested_periods import (
    asked_forms,
    requested_period_problem,
    unreadable_period,
)


@functools.cache
def test_keys() -> frozenset:
    """The keys of a case Core's runner accepts (read when a case is checked: Core's runner
    imports pytest, which a command that checks no case does without)."""
    from openfisca_core.tools import test_runner

    return frozenset(field.name for field in dataclasses.fields(test_runner.Test))


def case_problems(params) -> tuple[dict, str | None]:
    """The keys of a case Core's runner accepts, and what is wrong with the case (or None): an
    unknown key, a missing output, an input or an output that is not a mapping."""
    from openfisca_core.tools import test_runner

    known = test_keys()
    keys = ", ".join(sorted(known))
    if not isinstance(params, dict):
        return {}, _("a test is a mapping of keys ({keys}), not {value!r}").format(
            keys=keys, value=params
        )
    problems = []
    for key in sorted(set(params) - known, key=str):
        problems.append(
            _("unknown key '{key}'{hint}; the keys are {keys}").format(
                key=key, hint=did_you_mean(key, known), keys=keys
            )
        )
    kept = {key: value for key, value in params.items() if key in known}
    try:
        test_runner.build_test(dict(kept))
    except (TypeError, ValueError) as error:  # an error margin that is not a number
        kept = {"name": str(params.get("name", ""))}
        problems.append(str(error))
    output = params.get("output")
    if output is None:
        problems.append(_("missing key 'output': the variables to check and their expected values"))
    elif not isinstance(output, dict):
        problems.append(
            _("output: expected variables and their values, not {value!r}").format(value=output)
        )
    given = params.get("input")
    if given is not None and not isinstance(given, dict):
        problems.append(
            _("input: expected variables or entities and their values, not {value!r}").format(
                value=given
            )
        )
    if problems:  # the case fails with them: nothing of it is read further
        kept = {"name": kept.get("name", ""), "output": {}}
    return kept, listed(problems) or None


def reform_problem(path: str) -> str | None:
    """Why a case's `reforms:` entry cannot be applied, or None.

    A YAML test is a file anyone may send a legal expert: its `reforms:` names only a reform of
    the package (`openfisca_residence.reforms.<name>.<name>`) or a parametric reform file of
    `reforms/parametriques/` (`openfisca_residence.reforms.parametriques.<nom>`), found in
    `known_reforms()` before anything is imported. Any other name (`os.system`, a module of the
    folder the tests run from, `parametriques./etc/passwd`) is refused without being imported.
    """
    return _reform_problem(path, language())


@functools.lru_cache(maxsize=64)
def _reform_problem(path: str, _language: str) -> str | None:
    known = known_reforms()
    if path in known.values():
        try:
            if path.startswith(f"{REFORMS_PACKAGE}.parametriques."):
                module, _dot, name = path.rpartition(".")
                getattr(importlib.import_module(module), name)
        except ParametricReformError as error:  # a file of reforms/parametriques with a mistake
            return str(error)
        return None
    name = path.rpartition(".")[2]
    short = closest(name.partition("@")[0], known)
    found = closest(path, known.values()) or (known[short] if short else None)
    hint = (
        _("did you mean '{name}'?").format(name=found)
        if found
        else _(
            "the reforms are {known} (a YAML test names a reform of {package} or a file of "
            "reforms/parametriques/, nothing else)."
        ).format(known=", ".join(known.values()), package=REFORMS_PACKAGE)
    )
    if "@" in path:
        hint += " " + _(
            "A YAML test takes no date of effect: write a parametric reform for another date."
        )
    return _("Unknown reform '{path}'; {hint}").format(path=path, hint=hint)


def known_reforms() -> dict[str, str]:
    """The reforms a case can name: their short name and their full path."""
    parametric = importlib.import_module(f"{REFORMS_PACKAGE}.parametriques")
    known = {name: f"{REFORMS_PACKAGE}.{name}.{name}" for name in package_reforms()}
    for path in sorted(Path(parametric.__file__).parent.glob("*.yaml")):
        known[path.stem] = f"{REFORMS_PACKAGE}.parametriques.{path.stem}"
    return known


def expected_value_problem(simulation, variable, expected, period, entity_index=None) -> str | None:
    """What is wrong with a value a case expects for `variable` at `period`, or None."""
    try:
        periods.period(period)
    except ValueError:
        return unreadable_period(period, asked_forms(variable))
    if problem := requested_period_problem(variable, period):
        return problem
    if isinstance(expected, list | tuple):
        population = simulation.get_variable_population(variable.name)
        entity = population.entity
        values = ngettext("{count} value", "{count} values", len(expected))
        values = values.format(count=len(expected))
        if entity_index is not None and len(expected) != 1:
            who = population.ids[entity_index]
            return _("{values} given for {entity} {id}; give a single value.").format(
                values=values, entity=entity.key, id=who
            )
        if entity_index is None and len(expected) != population.count:
            counted = entity.key if population.count == 1 else entity.plural
            return _(
                "{values} given for {count} {entities}; give one value per {entity}, in the "
                "order of {plural}, or a single value without brackets for all."
            ).format(
                values=values,
                count=population.count,
                entities=counted,
                entity=entity.key,
                plural=entity.plural,
            )
    for value in expected if isinstance(expected, list | tuple) else [expected]:
        if not (problem := value_problem(variable, value)):
            continue
        if variable.value_type is not Enum:
            return _("{value} cannot be read; {problem}.").format(
                value=shown(value), problem=problem
            )
        hint = did_you_mean(value, variable.possible_values.__members__)
        return _("{value} is not a category of {variable}{hint}; {problem}.").format(
            value=shown(value), variable=variable.name, hint=hint, problem=problem
        )
    return None
