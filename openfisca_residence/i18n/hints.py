"""The closest known name to a misspelt one, as every message for legal experts suggests it."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from openfisca_residence.i18n import _


def closest(name, known: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The known name closest to `name`, or None when none is close."""
    found = difflib.get_close_matches(str(name), list(known), n=1, cutoff=cutoff)
    return found[0] if found else None


def did_you_mean(name, known: Iterable[str], cutoff: float = 0.6) -> str:
    """` (did you mean 'x'?)` in the language of the messages, or '' when no name is close."""
    found = closest(name, known, cutoff)
    return _(" (did you mean '{name}'?)").format(name=found) if found else ""
