"""The Web API of this model: OpenFisca-Core's app, with its computations and errors made ours.

`create_app(tax_benefit_system)` builds Core's app (`openfisca_web_api.app.create_app`: its
routes, its OpenAPI spec, CORS), then, on that app only:

- `/calculate` and `/trace` read the body as JSON whatever its Content-Type, check it
  (`requests`), and compute with this model's situation builder and linear handlers (`handlers`);
  a mistake answers 400 (404 for an unknown variable, as OpenFisca's spec says) with a JSON error
  located where it is;
- dates are written as they are read (`2018-03-01`; Flask writes "Thu, 01 Mar 2018 00:00:00 GMT");
- an unknown variable or parameter asked by its address answers a JSON 404 naming the closest
  existing name, and a wrong method a JSON 405 (Flask answers HTML);
- `POST /explain` (`explain`), the case explorer at `/` (`explorer.routes`), the spec made true to
  this API (`spec`) and its interactive documentation at `/docs` (`docs`);
- the messages in French, or in English for a request asking for it (`?lang=en`);
- the limits of a public server (`limits`, held by `guard`): body size, persons and families,
  nesting depth, time budget; an error never echoes a large value.
"""

from __future__ import annotations

import datetime

from flask import current_app, g, jsonify, request
from flask.json.provider import DefaultJSONProvider
from openfisca_web_api.app import create_app as create_core_app
from werkzeug.exceptions import HTTPException

from openfisca_residence import i18n
from openfisca_residence.i18n import N_, _
from openfisca_residence.i18n.hints import closest
from openfisca_residence.web import docs, explain, handlers, spec
from openfisca_residence.web.errors import answered
from openfisca_residence.web.explorer import routes as explorer
from openfisca_residence.web.guard import guard, parsed_body
from openfisca_residence.web.limits import Limits
from openfisca_residence.web.requests import json_answer


class JSONProvider(DefaultJSONProvider):
    """Dates written as the Web API reads them, ISO 8601."""

    @staticmethod
    def default(value):
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value.isoformat()
        return DefaultJSONProvider.default(value)


def create_app(
    tax_benefit_system, reform: str | None = None, limits: Limits | None = None, **options
):
    """The Web API serving `tax_benefit_system` (today's law, or the reform named `reform` in the
    registry) within `limits` (`web.limits`, the defaults when None); `options` are those of
    Core's `create_app` (`welcome_message`, `tracker_url`...)."""
    app = create_core_app(tax_benefit_system, **options)
    app.before_request(_language)  # first: the limits' messages are in the request's language
    app.teardown_request(_language_done)
    guard(app, limits or Limits())
    app.json = JSONProvider(app)
    for name in ("calculate", "trace"):
        app.view_functions[name] = _computation(getattr(handlers, name), tax_benefit_system)
    app.register_error_handler(404, _not_found)
    app.register_error_handler(405, _http_error)
    explain.register(app, tax_benefit_system, reform)
    explorer.register(app, tax_benefit_system, reform)
    spec.register(app, tax_benefit_system)
    docs.register(app)
    return app


def _language() -> None:
    """The messages of the request in the language it asks for (French by default)."""
    asked = request.args.get("lang")
    g.language = i18n.in_language(asked if asked in i18n.LANGUAGES else None)
    g.language.__enter__()


def _language_done(_error=None) -> None:
    if "language" in g:
        g.language.__exit__(None, None, None)


def _computation(handler, tax_benefit_system):
    def view():
        return answered(lambda: json_answer(handler(tax_benefit_system, parsed_body())))

    view.__name__ = handler.__name__
    view.__doc__ = handler.__doc__
    return view


NOT_FOUND = {
    "variable": N_(
        "No variable {name!r} in this tax and benefit system;{hint} /variables lists them."
    ),
    "parameter": N_(
        "No parameter {name!r} in this tax and benefit system;{hint} /parameters lists them."
    ),
}


def _not_found(error: HTTPException):
    """A JSON 404; for an unknown variable or parameter, the closest existing name."""
    message = _("No such address in this Web API; /spec lists them.")
    endpoint = request.url_rule.endpoint if request.url_rule else None
    if endpoint in ("get_variable", "get_parameter") and request.view_args:
        kind = endpoint.removeprefix("get_")
        (name,) = request.view_args.values()

        names = current_app.view_functions[f"get_{kind}s"]().get_json()
        if "/" in name:
            names = [known.replace(".", "/") for known in names]
        found = closest(name, names)
        hint = " " + _("did you mean '{name}'?").format(name=found) if found else ""
        message = _(NOT_FOUND[kind]).format(name=name, hint=hint)
    return jsonify({"error": message}), 404


def _http_error(error: HTTPException):
    """A JSON 405 naming the methods the address takes."""
    allowed = ", ".join(sorted(getattr(error, "valid_methods", None) or ()))
    message = _("{code}: the method {method} is not allowed at {path}; it takes {allowed}.")
    message = message.format(
        code=error.code, method=request.method, path=request.path, allowed=allowed
    )
    return jsonify({"error": message}), error.code
