"""Periods written by users, and the message when one cannot be read or does not fit its variable.

- `requested_period_problem`: a variable asked for a period it cannot be computed for (a month
  variable for a year, a day or ETERNITY; a month outside the months the law is modelled for),
  named in one message that the Web API (`web`) and the YAML tests (`yaml_tests`) give: Core
  answers with an HTTP 500 or a traceback;
- `unreadable_period`: a period that cannot be read (`03/2025`), with the forms its place accepts
  (`input_forms` of a variable, `asked_forms` of an output, `MONTH_FORM` for a case's period) and,
  when the text looks like a French date, the form to write (`2025-03`). Core's own message shows
  `2017`, which a month variable then refuses;
- `input_period_problem`: an input given for a period outside the months the law is modelled for
  and the history its rules read: Core answers `9999-12` with "year 10000 is out of range", or
  spends its time and memory on every month of `year:1000:8999`.
"""

import functools
import re

from openfisca_core import periods

from openfisca_residence.i18n import N_, _
from openfisca_residence.rules.dates import FIRST_MONTH, LAST_MONTH, MODEL_END, MODEL_START
from openfisca_residence.rules.inputs import ONE_PERIOD
from openfisca_residence.system.linear_builder import period_of

MONTH_FORM = N_("a month as YYYY-MM")
ANY_FORM = N_("a month as YYYY-MM, a year as YYYY or ETERNITY")
ASKED_FORMS = {
    periods.DateUnit.MONTH: MONTH_FORM,
    periods.DateUnit.YEAR: N_("a year as YYYY"),
    periods.DateUnit.ETERNITY: N_("ETERNITY"),
}
# 03/2025, 3/2025, 15/03/2025 (a day: its month), 2025/03: the month they stand for.
WRITTEN_MONTH = re.compile(
    r"(?:\d{1,2}/)?(?P<month>\d{1,2})/(?P<year>\d{4})|(?P<y>\d{4})/(?P<m>\d{1,2})"
)


def input_forms(variable) -> str:
    """The periods an input takes, in words: a month only for a number given month by month."""
    unit = variable.definition_period
    if unit == periods.DateUnit.MONTH and getattr(variable.set_input, "accepts_eternity", False):
        return ANY_FORM
    return ASKED_FORMS.get(unit, MONTH_FORM)


def asked_forms(variable) -> str:
    """The period an output is asked for, in words."""
    return ASKED_FORMS.get(variable.definition_period, MONTH_FORM)


def unreadable_period(text, forms: str) -> str:
    """`period '03/2025' cannot be read; write a month as YYYY-MM, such as 2025-03.`"""
    written = WRITTEN_MONTH.fullmatch(str(text).strip())
    example = ""
    if written:
        year = written["year"] or written["y"]
        month = int(written["month"] or written["m"])
        if 1 <= month <= 12:
            example = _(", such as {example}").format(example=f"{year}-{month:02}")
    return _("period '{period}' cannot be read; write {forms}{example}.").format(
        period=text, forms=_(forms), example=example
    )


def requested_period_problem(variable, period) -> str | None:
    """Why `variable` cannot be computed for `period`, or None (a period that cannot be read too)."""
    try:
        parsed = period_of(period)
    except (ValueError, TypeError):
        return None  # the builder reports it
    unit = variable.definition_period
    if unit == periods.DateUnit.ETERNITY:
        return None
    modelled = (
        parsed.unit != periods.DateUnit.ETERNITY and MODEL_START <= parsed.start.date <= MODEL_END
    )
    if parsed.unit != unit or parsed.size != 1:
        start = parsed.start if modelled else periods.instant(MODEL_START)
        return _("ask for {one}, such as {example}, not {period}.").format(
            one=_(ONE_PERIOD[unit]), example=periods.Period((unit, start, 1)), period=period
        )
    if not modelled:
        return _("the law is modelled from {first} to {last}.").format(
            first=FIRST_MONTH, last=LAST_MONTH
        )
    return None


# Inputs may start this many months before the first month computed: the longest history a rule
# reads (`date_expiration_titres`, 24 months of documents; the EU worker's hours, 6 months).
HISTORY_MONTHS = 24
INPUT_START = periods.instant(MODEL_START).offset(-HISTORY_MONTHS, periods.DateUnit.MONTH).date
FIRST_INPUT_MONTH = f"{INPUT_START:%Y-%m}"


def input_period_problem(period) -> str | None:
    """Why an input cannot be given for `period` (a period outside the months the law is modelled
    for and the history its rules read), or None (ETERNITY, a period that cannot be read: the
    builder reports it)."""
    if _input_period_allowed(period):
        return None
    return _(
        "an input cannot be given for {period}: the law is modelled from {first} to {last}, with "
        "the {history} months before for the history its rules read; give inputs within "
        "{first_input}..{last} (ETERNITY for a fact that never changes)."
    ).format(
        period=period,
        first=FIRST_MONTH,
        last=LAST_MONTH,
        history=HISTORY_MONTHS,
        first_input=FIRST_INPUT_MONTH,
    )


@functools.lru_cache(maxsize=4096)
def _input_period_allowed(period) -> bool:
    """Each period read once per process: the check, not its message (the language may change)."""
    try:
        parsed = period_of(period)
    except (ValueError, TypeError):
        return True
    if parsed.unit == periods.DateUnit.ETERNITY:
        return True
    try:
        return parsed.start.date >= INPUT_START and parsed.stop.date <= MODEL_END
    except (ValueError, OverflowError):  # a period ending after the year 9999
        return False
