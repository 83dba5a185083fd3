"""Adjustments 7, 8, 10 and 12: the Web API's requests and answers (see the package's docstring).
They act only when the Web API is installed (openfisca-core[web-api]) and, for the app's own
functions, when `openfisca serve` has loaded it before the country package."""

import datetime
import difflib
import sys

from openfisca_core.errors import SituationParsingError

from openfisca_residence.core_adjustments.requested_periods import requested_period_problem


def check_request(tax_benefit_system, input_data) -> None:
    """Refuse a Web API request's unusable ids and the computations asked for a wrong period."""
    if not isinstance(input_data, dict):
        return  # the builder reports it
    if (path := _unusable_key(input_data)) is not None:
        raise SituationParsingError(
            path,
            f"Invalid key {path[-1]!r}"
            + (f" in {'/'.join(path[:-1])}" if len(path) > 1 else "")
            + ": a key (entity, id, variable, period) is a non-empty text without '/'.",
        )
    for plural, instances in input_data.items():
        if not isinstance(instances, dict):
            continue
        for instance_id, values in instances.items():
            for name, by_period in values.items() if isinstance(values, dict) else ():
                variable = tax_benefit_system.variables.get(name)
                if variable is None or not isinstance(by_period, dict):
                    continue
                for period, value in by_period.items():
                    if value is None and (problem := requested_period_problem(variable, period)):
                        raise SituationParsingError([plural, instance_id, name, period], problem)


def _unusable_key(node, path=()) -> list | None:
    """The path to the first key OpenFisca's handlers cannot walk (dpath splits paths on '/' and
    refuses empty keys), or None."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "" or "/" in key:
                return [*path, key]
            if (found := _unusable_key(value, (*path, key))) is not None:
                return found
    return None


def _checked_handler(handler):
    def checked(tax_benefit_system, input_data):
        check_request(tax_benefit_system, input_data)
        return handler(tax_benefit_system, input_data)

    checked.__doc__ = handler.__doc__
    return checked


def _json_abort(flask_abort):
    def abort(status, *args, **kwargs):
        from flask import current_app, jsonify, make_response, request

        if status != 404 or args or kwargs or not request.view_args:
            return flask_abort(status, *args, **kwargs)
        kind = request.url_rule.endpoint.removeprefix("get_")
        (name,) = request.view_args.values()
        # The names the app lists (its own /variables or /parameters), in the form asked for.
        names = current_app.view_functions[f"get_{kind}s"]().get_json()
        if "/" in name:
            names = [known.replace(".", "/") for known in names]
        closest = difflib.get_close_matches(name, names, n=1)
        hint = f" did you mean {closest[0]!r}?" if closest else ""
        error = f"No {kind} {name!r} in this tax and benefit system;{hint} /{kind}s lists them."
        return flask_abort(make_response(jsonify({"error": error}), 404))

    return abort


def _write_web_api_dates_as_read() -> None:
    provider = sys.modules.get("flask.json.provider")
    if provider is None:
        return
    flask_default = provider.DefaultJSONProvider.default

    def default(value):
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value.isoformat()
        return flask_default(value)

    provider.DefaultJSONProvider.default = staticmethod(default)


try:  # the Web API (openfisca-core[web-api]); its app calls handlers.calculate and handlers.trace
    from openfisca_web_api import handlers

    handlers.calculate = _checked_handler(handlers.calculate)
    handlers.trace = _checked_handler(handlers.trace)
    web_api = sys.modules.get("openfisca_web_api.app")
    if web_api is not None:  # `openfisca serve` imports Flask, then the country package
        web_api.abort = _json_abort(web_api.abort)
except ImportError:  # pragma: no cover - installed with openfisca-core[web-api]
    pass

_write_web_api_dates_as_read()
