"""What a report says of each reform: its name, its date of effect, what it changes."""

from __future__ import annotations

import inspect
import sys
from dataclasses import dataclass

from openfisca_residence.legal_index.references import MONTHS
from openfisca_residence.system.registry import resolve_reform


@dataclass(frozen=True)
class Described:
    key: str
    label: str
    date_of_effect: str | None  # ISO date
    changes: str  # French text, paragraphs separated by blank lines


def describe(key: str) -> Described:
    """A reform of the package by its module's documentation, its `name` and `date_effet`; a
    parametric reform file by its `nom`, `description`, `date_effet` and parameters."""
    reform = resolve_reform(key)
    changes = getattr(reform, "parametres", None)
    date_of_effect = getattr(reform, "date_effet", None)
    if changes is not None:
        lines = [
            f"{path} : {value} à compter du {day}"
            for path, values in changes.items()
            for day, value in sorted(values.items())
        ]
        text = (
            (reform.__doc__ or "").strip() + "\n\nParamètres modifiés : " + " ; ".join(lines) + "."
        )
        return Described(key, getattr(reform, "nom", None) or key, date_of_effect, text)
    module = sys.modules.get(getattr(reform, "__module__", ""), None)
    documentation = inspect.cleandoc((module.__doc__ if module else None) or reform.__doc__ or "")
    label = getattr(reform, "name", None) or documentation.split("\n")[0] or key
    return Described(key, label, date_of_effect, documentation)


def french_date(iso: str | None) -> str:
    """`2027-01-01` as « 1er janvier 2027 »."""
    if not iso:
        return "non précisée"
    year, month, day = (int(part) for part in str(iso)[:10].split("-"))
    return f"{'1er' if day == 1 else day} {MONTHS[month - 1]} {year}"
