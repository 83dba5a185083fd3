"""What readers see: French names from the variables' and enums' labels, numbers written the
French way (a space between thousands, a comma before decimals)."""

from __future__ import annotations

import math
from functools import cache

from openfisca_residence.system.registry import tax_benefit_system

NBSP = "\u00a0"  # between thousands, and before a unit: no line break there
# The variables whose items name the categories of a breakdown.
CATEGORY_VARIABLES = {"nationality_group": "groupe_nationalite", "document": "titre_sejour"}
COVERS = {
    "puma": "PUMa",
    "ame": "AME",
    "aucune": "aucune prise en charge",
}


@cache
def benefit_name(benefit: str) -> str:
    """A benefit's name, from its variable's label: « RMI puis RSA : ... » gives « RSA »."""
    label = tax_benefit_system(None).variables[f"{benefit}_eligible"].label
    return label.split(" :")[0].split(" puis ")[-1]


def item_label(variable: str, name: str, system=None) -> str:
    """The label of an enum's item (a document, a nationality group, a reason of refusal)."""
    system = system or tax_benefit_system(None)
    values = system.variables[variable].possible_values
    return values[name].value if name in values.__members__ else name


def category_label(dimension: str, name: str, benefit: str | None = None, reform=None) -> str:
    """A breakdown's category in words: a document, a nationality group, a reason of refusal
    (under `reform`, whose reasons may be its own)."""
    if dimension == "reason":
        return item_label(f"{benefit}_motif_refus", name, tax_benefit_system(reform))
    return item_label(CATEGORY_VARIABLES[dimension], name)


def number(value, decimals: int = 0) -> str:
    """`1234567.8` as « 1 234 568 »; nothing for a missing value."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", NBSP).replace(".", ",")


def euros(value) -> str:
    return "" if number(value) == "" else f"{number(value)}{NBSP}€"


def share(value, decimals: int = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return f"{number(100 * value, decimals)}{NBSP}%"


def interval(low, high, format_=number) -> str:
    """« [1 200 ; 3 400] »."""
    if format_(low) == "" or format_(high) == "":
        return ""
    return f"[{format_(low)} ; {format_(high)}]"


def shorten(text: str, length: int = 48) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"
