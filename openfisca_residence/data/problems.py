"""The problems of a population file: every one collected, then reported at once.

`PopulationError` lists each kind of problem with its first rows (row number and person_id),
columns and values, and the count of the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy

from openfisca_residence.data.schema import MAX_PARENTS

SHOWN = 5  # cells shown for each kind of problem; the count of the others is given

# Kinds of problem, in the order they are reported, with their heading.
KINDS = {
    "unreadable_file": "file that cannot be read",
    "no_persons": "no person",
    "missing_column": "missing required column",
    "unknown_column": "unknown column",
    "unusable_column": "column that cannot be used",
    "missing_value": "missing value",
    "duplicate_person_id": "duplicate person_id",
    "wrong_type": "wrong type",
    "bad_date": "bad date",
    "unknown_enum_value": "unknown enum value",
    "out_of_range": "value out of its domain",
    "bad_family_role": "bad family_role",
    "family_without_parent": "family_id listed with no parent",
    "too_many_parents": f"family with more than {MAX_PARENTS} parents",
}


@dataclass
class Problem:
    """One kind of problem in one column: the rows (0-based) concerned and what to say."""

    kind: str
    column: str
    rows: numpy.ndarray = field(default_factory=lambda: numpy.empty(0, dtype=numpy.int64))
    values: list = field(default_factory=list)  # the bad values of the first rows
    detail: str = ""  # expected values, or a suggestion
    persons: list = field(default_factory=list)  # the person_id of the first rows


class PopulationError(ValueError):
    """A population that cannot be computed: every problem found, by kind, in one message."""

    def __init__(self, problems: list[Problem], source: str = "population"):
        self.problems = problems
        self.source = source
        super().__init__(self.describe())

    def kinds(self) -> dict[str, list[Problem]]:
        grouped: dict[str, list[Problem]] = {}
        for problem in sorted(self.problems, key=lambda p: list(KINDS).index(p.kind)):
            grouped.setdefault(problem.kind, []).append(problem)
        return grouped

    def describe(self) -> str:
        kinds = self.kinds()
        lines = [
            f"{self.source}: {len(kinds)} kind{'s' if len(kinds) > 1 else ''} of problem, "
            "nothing was computed (rows are numbered from 1, the first person; "
            "in a CSV file, row N is line N + 1)."
        ]
        for kind, problems in kinds.items():
            lines.append(f"- {KINDS[kind]}: {self._describe_kind(problems)}")
        return "\n".join(lines)

    def _describe_kind(self, problems: list[Problem]) -> str:
        if problems[0].kind == "no_persons":
            return problems[0].detail
        if not len(problems[0].rows):  # problems of whole columns
            shown = [
                f"'{p.column}'" + (f" ({p.detail})" if p.detail else "") for p in problems[:SHOWN]
            ]
            more = len(problems) - SHOWN
            return f"{len(problems)} column{'s' if len(problems) > 1 else ''}: " + (
                ", ".join(shown) + (f" and {more} more" if more > 0 else "")
            )
        cells = sum(len(p.rows) for p in problems)
        rows = len(numpy.unique(numpy.concatenate([p.rows for p in problems])))
        shown = []
        for problem in problems:
            for row, value, person in zip(
                problem.rows, problem.values, problem.persons, strict=False
            ):
                if len(shown) == SHOWN:
                    break
                who = f"person_id {person!r}" if person is not None else "no person_id"
                shown.append(f"row {row + 1} ({who}), {problem.column} = {value!r}")
        text = (
            f"{cells} cell{'s' if cells > 1 else ''} in {rows} row{'s' if rows > 1 else ''} "
            f"and {len(problems)} column{'s' if len(problems) > 1 else ''}: " + "; ".join(shown)
        )
        if cells > len(shown):
            text += f"; and {cells - len(shown)} more"
        details = {p.column: p.detail for p in problems if p.detail}
        if details:
            expected = sorted(set(details.values()))
            if len(expected) == 1:
                text += f". Expected {expected[0]}"
            else:
                text += ". Expected: " + "; ".join(f"{c}: {d}" for c, d in details.items())
        return text + "."


def no_persons() -> Problem:
    return Problem(
        "no_persons", "", detail="the file holds no row; a population holds 1 person or more"
    )


def add_problem(problems, kind, column, mask, values, detail="") -> None:
    rows = numpy.flatnonzero(mask)
    if len(rows):
        shown = [cell(values, row) for row in rows[:SHOWN]]
        problems.append(Problem(kind, column, rows, shown, detail))


def cell(values, row):
    value = values[int(row)]
    return value.as_py() if hasattr(value, "as_py") else value
