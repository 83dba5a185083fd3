"""Each number of the law is the number its text says: a parameter value that a quotation of its
text (« … », in its reference, or in its description for its latest value) states in figures or in
words must be one of the numbers quoted. A threshold changed by mistake (120 hours written 121, the
RSA's « cinq ans » written 6) fails here, in Python, as well as in the YAML tests of its rule
(`tools/mutation_check.py` checks both)."""

import re

import pytest
import yaml

from openfisca_residence import legal_folder

WORDS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
    "quinze": 15, "seize": 16, "dix-huit": 18, "vingt": 20, "trente": 30, "quarante": 40,
    "cinquante": 50, "soixante": 60, "quatre-vingts": 80, "quatre-vingt-dix": 90, "cent": 100,
}  # fmt: skip
QUOTED = re.compile(r"«([^»]*)»")
TOKEN = re.compile(r"\d+(?:[ \u202f]\d{3})*(?:,\d+)?|[a-zà-ÿ]+(?:-[a-zà-ÿ]+)*")
UNITS = {"mois": "month", "an": "year", "ans": "year", "année": "year", "années": "year"}
UNITS |= {"jour": "day", "jours": "day", "heure": "hour", "heures": "hour", "h": "hour"}


def numbers(text: str) -> list[tuple[float, str | None]]:
    """The numbers a quotation states, in figures (120, 173,33) or in words (cinq), each with the
    unit written after it (`mois`, `ans`, `h`...), if any. « un » or « une » without a unit is an
    article, not a number."""
    found = []
    for quote in QUOTED.findall(text):
        tokens = TOKEN.findall(quote.lower())
        for written, after in zip(tokens, [*tokens[1:], ""], strict=True):
            unit = UNITS.get(after)
            if written[0].isdigit():
                figure = written.replace(" ", "").replace("\u202f", "").replace(",", ".")
                found.append((float(figure), unit))
            elif written in WORDS and (unit or written not in ("un", "une")):
                found.append((float(WORDS[written]), unit))
    return found


def states(value: float, unit: str | None, stated: list[tuple[float, str | None]]) -> bool:
    """Whether `value`, counted in `unit` (the parameter's), is one of the numbers stated."""
    for number, written in stated:
        if written in (None, unit) and value == number:
            return True
        if (written, unit) == ("month", "day") and 28 * number <= value <= 31 * number:
            return True
        if (written, unit) == ("year", "month") and value == 12 * number:
            return True
        if (written, unit) == ("year", "day") and 365 * number <= value <= 366 * number:
            return True
    return False


def texts(node) -> str:
    if isinstance(node, str):
        return node
    if isinstance(node, list):
        return " ".join(texts(item) for item in node)
    return ""


def quoted_values():
    """(parameter, date, value, its unit, the numbers quoted for it) of every numeric value with a
    quotation stating a number."""
    for path in sorted(legal_folder("parameters").rglob("*.yaml")):
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
        for name, leaf in leaves(path.stem, content):
            dated = sorted(leaf["values"].items(), key=lambda item: str(item[0]))
            for position, (date, entry) in enumerate(dated):
                value = entry.get("value") if isinstance(entry, dict) else entry
                if isinstance(value, bool) or not isinstance(value, int | float):
                    continue
                reference = texts((entry.get("metadata") or {}).get("reference"))
                stated = numbers(reference)
                if position == len(dated) - 1:  # the description speaks of today's value
                    stated += numbers(texts(leaf.get("description")))
                unit = (leaf.get("metadata") or {}).get("unit")
                if stated:
                    where = f"{path.relative_to(legal_folder('parameters'))}:{name}"
                    yield where, date, value, unit, stated


def leaves(name, node):
    if isinstance(node, dict) and isinstance(node.get("values"), dict):
        yield name, node
    elif isinstance(node, dict):
        for key, child in node.items():
            if isinstance(child, dict):
                yield from leaves(f"{name}.{key}", child)


CASES = list(quoted_values())


def test_quotations_are_found():
    assert len(CASES) >= 5, CASES  # the RSA's five years, the EU worker's 120 hours...


@pytest.mark.parametrize(
    ("parameter", "date", "value", "unit", "stated"),
    CASES,
    ids=[f"{case[0]}@{case[1]}" for case in CASES],
)
def test_a_value_is_a_number_its_quotation_states(parameter, date, value, unit, stated):
    assert states(float(value), unit, stated), f"{parameter} at {date}: {value} {unit}, {stated}"


def test_no_list_of_documents_names_aucun(tax_benefit_system):
    """« aucun » (no document at all) is in no list of documents, at any date: a month in which
    nobody holds a document has no expiry to read (`mois_avec_titre`, date_expiration_titres)."""
    lists = [
        (parameter.name, at.instant_str, at.value)
        for parameter in tax_benefit_system.parameters.get_descendants()
        if hasattr(parameter, "values_list")
        for at in parameter.values_list
        if isinstance(at.value, list) and "carte_resident" in at.value
    ]
    assert (
        len({name for name, _, _ in lists}) >= 7
    )  # documents recevables, prolongés, dispensant...
    assert [(name, date) for name, date, value in lists if "aucun" in value] == []
