"""The texts the explorer's script writes (the page's own are in its template), in the language
of the request."""

from __future__ import annotations

from openfisca_residence.i18n import _


def page_texts() -> dict[str, str]:
    return {
        "person": _("Person {n}"),
        "eligible": _("eligible"),
        "refused": _("refused"),
        "family": _("family {id}"),
        "the_family": _("the family"),
        "why": _("Why?"),
        "why_label": _("Why: {benefit}, {who}"),
        "other_conditions": _("Other conditions read"),
        "today": _("Today's law"),
        "reform": _("Reform: {name}"),
        "differs": _("differs"),
        "same": _("same"),
        "computing": _("Computing…"),
        "error": _("The case cannot be computed: {message}"),
        "opened": _("Test opened: {name}"),
        "saved": _("YAML test saved: {file}"),
        "no_reason": _("—"),
        "change": _("changes"),
        "answered_in": _("Answered for {month}."),
        "remove_person": _("Remove this person ({name})"),
        "remove_month": _("Remove this month"),
        "month_of": _("Month of the facts"),
        "days_abroad": _("Days abroad"),
        "work_hours": _("Hours of work"),
        "pay": _("Gross pay (€)"),
        "resources": _("Household resources (€)"),
        "timeline_caption": _("Answers month by month; a change is marked"),
    }
