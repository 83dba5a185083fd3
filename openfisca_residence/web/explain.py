"""`POST /explain?period=YYYY-MM`: why each benefit is granted or refused, for the situation of a
`/calculate` body (entities and inputs; the values asked with `null` are left out).

The answer (`analysis.explain.as_json`): for each benefit, the decision of each person or family,
each person's reason of refusal with its article and a link to its text, the deciding dates and the
tree of conditions, deciding branch first, values in words. `benefit=X` (repeatable) keeps some
benefits; `all=1` keeps what the conditions off the deciding branch read (left out by default);
`reform=NAME` answers under a reform of the package or a parametric reform file of
`reforms/parametriques` (by its name), whatever the law the API serves.
"""

from __future__ import annotations

import re

from flask import jsonify, request

from openfisca_residence.analysis.explain import as_json, explain
from openfisca_residence.i18n import _
from openfisca_residence.rules.dates import FIRST_MONTH, LAST_MONTH
from openfisca_residence.system.benefits import BENEFITS
from openfisca_residence.web.errors import answered
from openfisca_residence.web.reforms import served_reform
from openfisca_residence.web.requests import RequestError, read_body


def without_asked(situation):
    """The situation without the computations asked (`null` values)."""
    if isinstance(situation, dict):
        return {key: without_asked(value) for key, value in situation.items() if value is not None}
    return situation


MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")  # 2040-18 is no month


def month_asked(text: str | None) -> str:
    if not text or not MONTH.fullmatch(text) or not FIRST_MONTH <= text <= LAST_MONTH:
        raise RequestError(
            _("period: give one month from {first} to {last}, such as 2018-02 (YYYY-MM).").format(
                first=FIRST_MONTH, last=LAST_MONTH
            )
        )
    return text


def benefits_asked(names: list[str]) -> tuple[str, ...]:
    unknown = [name for name in names if name not in BENEFITS]
    if unknown:
        raise RequestError(
            _("benefit: unknown benefit {name}; the benefits are {known}.").format(
                name=repr(unknown[0]), known=", ".join(BENEFITS)
            )
        )
    return tuple(names) or BENEFITS


def register(app, tax_benefit_system, served: str | None) -> None:
    @app.route("/explain", methods=["POST"])
    def explain_case():
        """Why each benefit is granted or refused."""

        def answer():
            month = month_asked(request.args.get("period"))
            benefits = benefits_asked(request.args.getlist("benefit"))
            reform = served_reform(request.args.get("reform"), served)
            situation = read_body(request.get_data())
            if not isinstance(situation, dict):
                raise RequestError(
                    _("A situation is a JSON object: its entities (individus, familles).")
                )
            everything = request.args.get("all") in ("1", "true")
            decisions = explain(
                without_asked(situation), month, reform, benefits=benefits, everything=everything
            )
            return jsonify(as_json(decisions))

        return answered(answer)
