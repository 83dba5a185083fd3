"""What is wrong with a case before it runs: its keys, its reforms, the values it expects.

Each function returns a message, or None when nothing is wrong; the case then fails alone with
it (`items.YamlItem`), and the other cases of its file run.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import importlib
from pathlib import Path

from openfisca_core import periods
from openfisca_core.indexed_enums import Enum
from openfisca_core.tools import test_runner

from openfisca_residence.rules.inputs import shown, value_problem
from openfisca_residence.system.parametric_reforms import ParametricReformError
from openfisca_residence.system.registry import REFORMS_PACKAGE, package_reforms
from openfisca_residence.system.requested_periods import PERIOD_WRITTEN, requested_period_problem

TEST_KEYS = frozenset(field.name for field in dataclasses.fields(test_runner.Test))


def case_problems(params) -> tuple[dict, str | None]:
    """The keys of a case Core's runner accepts, and what is wrong with the case (or None): an
    unknown key, a missing output, an input or an output that is not a mapping."""
    if not isinstance(params, dict):
        keys = ", ".join(sorted(TEST_KEYS))
        return {}, f"a test is a mapping of keys ({keys}), not {params!r}"
    problems = []
    for key in sorted(set(params) - TEST_KEYS, key=str):
        closest = difflib.get_close_matches(str(key), TEST_KEYS, n=1)
        hint = f" (did you mean '{closest[0]}'?)" if closest else ""
        problems.append(f"unknown key '{key}'{hint}; the keys are {', '.join(sorted(TEST_KEYS))}")
    kept = {key: value for key, value in params.items() if key in TEST_KEYS}
    try:
        test_runner.build_test(dict(kept))
    except (TypeError, ValueError) as error:  # an error margin that is not a number
        kept = {"name": str(params.get("name", ""))}
        problems.append(str(error))
    output = params.get("output")
    if output is None:
        problems.append("missing key 'output': the variables to check and their expected values")
    elif not isinstance(output, dict):
        problems.append(f"output: expected variables and their values, not {output!r}")
    given = params.get("input")
    if given is not None and not isinstance(given, dict):
        problems.append(f"input: expected variables or entities and their values, not {given!r}")
    if problems:  # the case fails with them: nothing of it is read further
        kept = {"name": kept.get("name", ""), "output": {}}
    return kept, "; ".join(problems) or None


@functools.lru_cache(maxsize=64)
def reform_problem(path: str) -> str | None:
    """Why a case's `reforms:` entry cannot be applied, or None.

    A YAML test is a file anyone may send a legal expert: its `reforms:` names only a reform of
    the package (`openfisca_residence.reforms.<name>.<name>`) or a parametric reform file of
    `reforms/parametriques/` (`openfisca_residence.reforms.parametriques.<nom>`), found in
    `known_reforms()` before anything is imported. Any other name (`os.system`, a module of the
    folder the tests run from, `parametriques./etc/passwd`) is refused without being imported.
    """
    known = known_reforms()
    if path in known.values():
        try:
            if path.startswith(f"{REFORMS_PACKAGE}.parametriques."):
                module, _, name = path.rpartition(".")
                getattr(importlib.import_module(module), name)
        except ParametricReformError as error:  # a file of reforms/parametriques with a mistake
            return str(error)
        return None
    name = path.rpartition(".")[2]
    closest = difflib.get_close_matches(path, known.values(), n=1) or [
        known[short] for short in difflib.get_close_matches(name.partition("@")[0], known, n=1)
    ]
    hint = (
        f"did you mean '{closest[0]}'?"
        if closest
        else "the reforms are "
        + ", ".join(known.values())
        + f" (a YAML test names a reform of {REFORMS_PACKAGE} or a file of "
        "reforms/parametriques/, nothing else)."
    )
    if "@" in path:
        hint += " A YAML test takes no date of effect: write a parametric reform for another date."
    return f"Unknown reform '{path}'; {hint}"


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
        unit = variable.definition_period
        written = PERIOD_WRITTEN.get(unit, f"one {unit}")
        return (
            f'Invalid period for variable "{variable.name}": {period} cannot be read; '
            f"it is defined by {unit}: write {written}."
        )
    if problem := requested_period_problem(variable, period):
        return problem
    if isinstance(expected, list | tuple):
        population = simulation.get_variable_population(variable.name)
        entity = population.entity
        if entity_index is not None and len(expected) != 1:
            who = population.ids[entity_index]
            return f"{_values(len(expected))} given for {entity.key} {who}; give a single value."
        if entity_index is None and len(expected) != population.count:
            counted = entity.key if population.count == 1 else entity.plural
            return (
                f"{_values(len(expected))} given for {population.count} {counted}; give one value "
                f"per {entity.key}, in the order of {entity.plural}, or a single value without "
                "brackets for all."
            )
    for value in expected if isinstance(expected, list | tuple) else [expected]:
        if not (problem := value_problem(variable, value)):
            continue
        if variable.value_type is not Enum:
            return f"{shown(value)} cannot be read; {problem}."
        names = variable.possible_values.__members__
        closest = difflib.get_close_matches(str(value), names, n=1)
        hint = f" (did you mean '{closest[0]}'?)" if closest else ""
        return f"{shown(value)} is not a category of {variable.name}{hint}; {problem}."
    return None


def _values(count: int) -> str:
    return f"{count} value" if count == 1 else f"{count} values"
