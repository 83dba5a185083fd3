"""Values in words, as a legal expert reads them: `oui`, `1er mars 2018`, `Italie (IT)`, a
category by its label; no internal code (`2999-12-31`, a nationality coded as a number).

Also the article a reason of refusal names (the last parenthesis of its label, which carries the
article: "… (CSS, R.111-4)") and a link to its text: the Légifrance address cited next to it in the
model's references when there is one, else a Légifrance search for it.
"""

from __future__ import annotations

import datetime
import functools
import itertools
import re
import urllib.parse

import numpy
from babel.dates import format_date
from babel.numbers import format_decimal

from openfisca_residence.i18n import _, language
from openfisca_residence.rules.dates import LONG_AGO, NEVER

LEGIFRANCE_SEARCH = "https://www.legifrance.gouv.fr/search/all?tab_selection=all&query="
URL = re.compile(r"https?://\S+")
ARTICLE = re.compile(r"\b[LRD]\.\s?\d+(?:-\d+)+")
STATELESS = "XX"


def country(code: str) -> str:
    """`Italie (IT)`; a stateless person `apatride (XX)`."""
    from babel import Locale

    if code == STATELESS:
        return _("stateless") + f" ({code})"
    name = Locale.parse(language()).territories.get(code)
    return f"{name} ({code})" if name else code


def day(value) -> str:
    """A date in words; the sentinels of unset dates say what they stand for."""
    value = numpy.datetime64(value, "D").astype(object)
    if value >= NEVER:
        return _("never")
    if value <= LONG_AGO:
        return _("not given")
    text = format_date(value, format="long", locale=language())
    return text.replace("1 ", "1er ", 1) if language() == "fr" and value.day == 1 else text


def in_words(variable, value) -> str:
    """One value of `variable` in words."""
    if isinstance(value, numpy.generic):
        value = value.item()
    if variable.value_type is bool:
        return _("yes") if value else _("no")
    if variable.value_type is datetime.date:
        return day(value)
    if hasattr(variable, "possible_values") and variable.possible_values is not None:
        item = value if hasattr(value, "value") else variable.possible_values[str(value)]
        return str(item.value)
    if variable.value_type is str:
        return country(value) if variable.name == "nationalite" else str(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return format_decimal(value, locale=language())


def plain(variable, value):
    """One value as JSON holds it: booleans and numbers as such, dates ISO, categories by name."""
    if isinstance(value, numpy.generic):
        value = value.item()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if hasattr(value, "name") and hasattr(value, "value"):
        return value.name
    return value


def article(label: str) -> str | None:
    """The article a reason of refusal names: the last parenthesis of its label."""
    found = re.findall(r"\(([^()]*)\)\s*$", label.strip())
    return found[-1] if found else None


@functools.cache
def _known_links(system) -> dict[str, str]:
    """Each article the model's references cite just before a Légifrance address → that address."""
    links: dict[str, str] = {}
    for variable in system.variables.values():
        references = variable.reference or []
        references = [references] if isinstance(references, str) else list(references)
        for before, item in itertools.pairwise(references):
            if URL.fullmatch(item.strip()) and "legifrance" in item:
                articles = ARTICLE.findall(before)
                if len(articles) == 1:
                    links.setdefault(re.sub(r"\s", "", articles[0]), item.strip())
    return links


def link(system, cited: str | None) -> str | None:
    """The address of the text `cited` names (an article, a law): Légifrance's page of the article
    when the model cites it, else a Légifrance search."""
    if not cited:
        return None
    articles = ARTICLE.findall(cited)
    if articles:
        first = re.sub(r"\s", "", articles[0])
        if first in _known_links(system):
            return _known_links(system)[first]
        return LEGIFRANCE_SEARCH + urllib.parse.quote(f'"{first}"')
    return LEGIFRANCE_SEARCH + urllib.parse.quote(cited)
