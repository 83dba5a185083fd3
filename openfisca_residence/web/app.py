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
- the limits of a public server (`limits`, held by `guard`): body size, persons and families,
  nesting depth, time budget; an error never echoes a large value.
"""

from __future__ import annotations

import datetime
import difflib

from flask import current_app, jsonify, request
from flask.json.provider import DefaultJSONProvider
from openfisca_core.errors import PeriodMismatchError, SituationParsingError, VariableNotFoundError
from openfisca_web_api.app import create_app as create_core_app
from werkzeug.exceptions import HTTPException

from openfisca_residence.system.errors import located
from openfisca_residence.web import handlers
from openfisca_residence.web.guard import guard
from openfisca_residence.web.limits import Limits
from openfisca_residence.web.requests import RequestError, read_body


class JSONProvider(DefaultJSONProvider):
    """Dates written as the Web API reads them, ISO 8601."""

    @staticmethod
    def default(value):
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value.isoformat()
        return DefaultJSONProvider.default(value)


def create_app(tax_benefit_system, limits: Limits | None = None, **options):
    """The Web API serving `tax_benefit_system` within `limits` (`web.limits`, the defaults when
    None); `options` are those of Core's `create_app` (`welcome_message`, `tracker_url`...)."""
    app = create_core_app(tax_benefit_system, **options)
    guard(app, limits or Limits())
    app.json = JSONProvider(app)
    for name in ("calculate", "trace"):
        app.view_functions[name] = _computation(getattr(handlers, name), tax_benefit_system)
    app.register_error_handler(404, _not_found)
    app.register_error_handler(405, _http_error)
    return app


def _computation(handler, tax_benefit_system):
    def view():
        try:
            return jsonify(handler(tax_benefit_system, read_body(request.get_data())))
        except RequestError as error:
            return jsonify({"error": str(error)}), 400
        except SituationParsingError as error:
            error = located(error)
            return jsonify(error.error), error.code or 400
        except VariableNotFoundError as error:
            return jsonify({"error": error.message}), 404
        except PeriodMismatchError as error:
            return jsonify({"error": error.message}), 400

    view.__name__ = handler.__name__
    view.__doc__ = handler.__doc__
    return view


def _not_found(error: HTTPException):
    """A JSON 404; for an unknown variable or parameter, the closest existing name."""
    message = "No such address in this Web API; /spec lists them."
    endpoint = request.url_rule.endpoint if request.url_rule else None
    if endpoint in ("get_variable", "get_parameter") and request.view_args:
        kind = endpoint.removeprefix("get_")
        (name,) = request.view_args.values()

        names = current_app.view_functions[f"get_{kind}s"]().get_json()
        if "/" in name:
            names = [known.replace(".", "/") for known in names]
        closest = difflib.get_close_matches(name, names, n=1)
        hint = f" did you mean {closest[0]!r}?" if closest else ""
        message = f"No {kind} {name!r} in this tax and benefit system;{hint} /{kind}s lists them."
    return jsonify({"error": message}), 404


def _http_error(error: HTTPException):
    return jsonify({"error": f"{error.code} {error.name}: {error.description}"}), error.code
