"""The messages users read, in French by default, in English on demand: gettext catalogues.

The texts are written in English in the code, marked with `_()` (`_("expected true or false")`),
with named fields filled after translation (`_("{count} more").format(count=3)`). The French
catalogue, `locale/fr/LC_MESSAGES/openfisca_residence.po`, a standard gettext file that any PO
editor opens, translates them; it is compiled in memory the first time it is used (Babel), so that
no compiled file is kept beside it. English needs no catalogue: it is the text of the code.

The language is French unless `OPENFISCA_RESIDENCE_LANG=en` is set; `in_language("en")` changes
it for a block (a Web API request asked in English). A text missing from the catalogue is shown in
English; `tests/engine/i18n` checks that every text marked in the code is translated.
"""

from __future__ import annotations

import contextvars
import functools
import gettext
import io
import os
from contextlib import contextmanager
from pathlib import Path

DOMAIN = "openfisca_residence"
LOCALE = Path(__file__).with_name("locale")
LANGUAGES = ("fr", "en")
DEFAULT = "fr"
ENVIRONMENT = "OPENFISCA_RESIDENCE_LANG"
_chosen: contextvars.ContextVar[str | None] = contextvars.ContextVar("language", default=None)


def catalogue_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def language() -> str:
    """The language of the messages: the block's (`in_language`), else the environment's, else
    French."""
    chosen = _chosen.get() or os.environ.get(ENVIRONMENT, "").strip().lower()[:2]
    return chosen if chosen in LANGUAGES else DEFAULT


@functools.cache
def translations(language: str) -> gettext.NullTranslations:
    """The catalogue of `language`, compiled from its PO file (English: the texts as written)."""
    path = catalogue_path(language)
    if not path.exists():
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as po:
        catalog = read_po(po, locale=language, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def _(message: str) -> str:
    """`message`, written in English, in the language of the messages."""
    return translations(language()).gettext(message)


def listed(texts) -> str:
    """Texts one after the other, separated as the language writes it (`a; b`, `a ; b`)."""
    return _("; ").join(texts)


def N_(message: str) -> str:  # noqa: N802 (gettext's name)
    """`message` marked for translation where it is defined, translated where it is shown."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    return translations(language()).ngettext(singular, plural, count)


@contextmanager
def in_language(chosen: str | None):
    """The messages of the block in `chosen` (fr, en); None keeps the current language."""
    token = _chosen.set(chosen if chosen in LANGUAGES else None)
    try:
        yield
    finally:
        _chosen.reset(token)
