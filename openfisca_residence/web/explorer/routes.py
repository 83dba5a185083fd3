"""The explorer's routes, on the app `web.app.create_app` builds (never on Flask or Core):

- `GET /`: the page, in French (`?lang=en` for English);
- `GET /explorer/static/<file>`: its script and style;
- `GET /explorer/options`: the choices of its form (countries, categories with their labels,
  benefits, reforms, months modelled);
- `POST /explorer/timeline?start=YYYY-MM&end=YYYY-MM[&reform=NAME]`: each benefit's answer month
  by month, for the situation of the body;
- `POST /explorer/yaml?period=YYYY-MM[&reform=NAME][&name=…]`: the case as a YAML test;
- `POST /explorer/open`: a YAML test (the body, as text) as the form reads it.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from babel import Locale
from flask import Response, jsonify, request, send_from_directory

from openfisca_residence.analysis.explain.decisions import title
from openfisca_residence.i18n import _, language
from openfisca_residence.rules.countries import COUNTRY_CODES
from openfisca_residence.rules.dates import FIRST_MONTH, LAST_MONTH
from openfisca_residence.system.benefits import BENEFITS
from openfisca_residence.web.errors import answered
from openfisca_residence.web.explain import month_asked
from openfisca_residence.web.explorer import cases
from openfisca_residence.web.explorer.texts import page_texts
from openfisca_residence.web.reforms import reform_labels, served_reform
from openfisca_residence.web.requests import RequestError, read_body

HERE = Path(__file__).parent
STATIC = HERE / "static"
CATEGORIES = ("titre_sejour", "statut_protection", "couverture_maladie")
LONGEST_TIMELINE = 120  # months


def _templates() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        keep_trailing_newline=True,
    )


def options(tax_benefit_system) -> dict:
    territories = Locale.parse(language()).territories
    countries = [
        {"code": code, "name": _("stateless") if code == "XX" else territories.get(code, code)}
        for code in sorted(COUNTRY_CODES)
    ]
    countries.sort(key=lambda country: country["name"])
    return {
        "countries": countries,
        "categories": {
            name: [
                {"name": item.name, "label": str(item.value)}
                for item in tax_benefit_system.variables[name].possible_values
            ]
            for name in CATEGORIES
        },
        "benefits": [{"name": name, "title": title(name)} for name in BENEFITS],
        "reforms": reform_labels(),
        "months": {"first": FIRST_MONTH, "last": LAST_MONTH},
    }


def _months(start: str, end: str) -> list[str]:
    first, last = month_asked(start), month_asked(end)
    year, month = int(first[:4]), int(first[5:])
    months = []
    while f"{year}-{month:02d}" <= last and len(months) <= LONGEST_TIMELINE:
        months.append(f"{year}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    if not months or len(months) > LONGEST_TIMELINE:
        raise RequestError(
            _("A timeline runs from start to end, {most} months at most.").format(
                most=LONGEST_TIMELINE
            )
        )
    return months


def _situation() -> dict:
    situation = read_body(request.get_data())
    if not isinstance(situation, dict):
        raise RequestError(_("A situation is a JSON object: its entities (individus, familles)."))
    return situation


def register(app, tax_benefit_system, served: str | None) -> None:
    templates = _templates()

    def page():
        """The case explorer."""
        html = templates.get_template("page.html").render(
            _=_,
            lang=language(),
            texts=page_texts(),
            benefits=options(tax_benefit_system)["benefits"],
        )
        return Response(html, mimetype="text/html")

    app.view_functions["get_root"] = page

    @app.route("/explorer/static/<path:name>")
    def explorer_static(name):
        return send_from_directory(STATIC, name, max_age=0)

    @app.route("/explorer/options")
    def explorer_options():
        return jsonify(options(tax_benefit_system))

    @app.route("/explorer/timeline", methods=["POST"])
    def explorer_timeline():
        def answer():
            months = _months(request.args.get("start"), request.args.get("end"))
            reform = served_reform(request.args.get("reform"), served)
            return jsonify(cases.timeline(_situation(), months, reform))

        return answered(answer)

    @app.route("/explorer/yaml", methods=["POST"])
    def explorer_yaml():
        def answer():
            month = month_asked(request.args.get("period"))
            name = request.args.get("reform") or None
            reform = served_reform(name, served)
            text = cases.yaml_test(_situation(), month, request.args.get("name", ""), reform, name)
            return Response(text, mimetype="application/yaml")

        return answered(answer)

    @app.route("/explorer/open", methods=["POST"])
    def explorer_open():
        return answered(
            lambda: jsonify(cases.opened(request.get_data().decode("utf-8", errors="replace")))
        )
