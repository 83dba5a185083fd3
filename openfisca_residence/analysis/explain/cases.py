"""The cases of a case file: a YAML test (one, or a list of them) or a bare situation."""

from __future__ import annotations

from dataclasses import dataclass, field

from openfisca_residence.i18n import _
from openfisca_residence.system import yaml_files


@dataclass
class Case:
    """One case of a file: its situation, its name, its month and reforms when it is a YAML test."""

    situation: dict
    name: str | None = None
    month: str | None = None
    reforms: list[str] = field(default_factory=list)


def load_cases(path) -> list[Case]:
    """Each case of a case file: a YAML test (one, or a list of them) or a bare situation."""
    data = yaml_files.load(path)
    tests = data if isinstance(data, list) else [data]
    if not tests:
        raise ValueError(_("{path}: the file holds no case.").format(path=path))
    cases = []
    for number, test in enumerate(tests, 1):
        where = str(path)
        if isinstance(data, list):
            where = _("{file}, case {number}").format(file=path, number=number)
        if not isinstance(test, dict):
            raise ValueError(
                _(
                    "{where}: expected a situation (individus, familles) or a YAML test "
                    "(period, input)."
                ).format(where=where)
            )
        if "input" not in test:
            cases.append(Case(test))
            continue
        if not isinstance(test["input"] or {}, dict):
            raise ValueError(
                _("{where}: 'input' must be a situation (individus, familles).").format(where=where)
            )
        reforms = test.get("reforms") or []
        cases.append(
            Case(
                test["input"] or {},
                str(test["name"]) if test.get("name") is not None else None,
                str(test["period"]) if test.get("period") is not None else None,
                [reforms] if isinstance(reforms, str) else [str(r) for r in reforms],
            )
        )
    return cases


def load_case(path) -> tuple[dict, str | None]:
    """The situation and the default month (`period` of a YAML test) of a file's first case."""
    case = load_cases(path)[0]
    return case.situation, case.month
