"""A Web API request's body, checked before any computation: JSON whatever its Content-Type (what
`fetch()` sends by default is text/plain), keys OpenFisca's handlers can walk, and computations
asked for periods their variables are defined for."""

from __future__ import annotations

import functools
import json

import orjson

from openfisca_residence.i18n import _
from openfisca_residence.system.errors import SituationError
from openfisca_residence.system.requested_periods import requested_period_problem


class RequestError(ValueError):
    """A request that cannot be computed: answered with HTTP 400 and this message."""


def read_body(data: bytes):
    """The request's JSON document."""
    if not data.strip():
        raise RequestError(
            _("The request has no body: send a JSON situation (the entities and inputs).")
        )
    try:
        return parse_json(data)
    except (ValueError, RecursionError) as error:
        raise RequestError(_("Invalid JSON: {error}").format(error=error)) from None


def parse_json(data: bytes):
    """The JSON document `data`, read by orjson (a body of 10,000 persons 5 times as fast); one
    orjson refuses is read again by Python's `json`, whose answer (a document, or its error: a
    RecursionError past its depth) is the one given: orjson reads no document `json` refuses."""
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        return json.loads(data)


def json_answer(document):
    """`document` as a JSON answer, its keys sorted as Flask writes them; written by orjson (10
    times as fast as Flask for 10,000 persons), or by Flask when it holds a value orjson does not
    write (a number beyond 64 bits, a NumPy value)."""
    # Imported here: the command line imports this module (`RequestError`, through `web.limits`)
    # without serving, and starts faster without Flask.
    from flask import current_app, jsonify

    try:
        body = orjson.dumps(document, option=orjson.OPT_SORT_KEYS)
    except TypeError:
        return jsonify(document)
    return current_app.response_class(body, mimetype="application/json")


def check_request(tax_benefit_system, input_data) -> None:
    """Refuse unusable keys and the computations asked for a wrong period."""
    if not isinstance(input_data, dict):
        raise RequestError(_("A situation is a JSON object: its entities (individus, familles)."))
    if (path := _unusable_key(input_data)) is not None:
        where = repr(path[-1])
        if len(path) > 1:
            where = _("{key} in {path}").format(key=where, path="/".join(path[:-1]))
        raise SituationError(
            path,
            _(
                "Invalid key {where}: a key (entity, id, variable, period) is a non-empty text "
                "without '/'."
            ).format(where=where),
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
                    if value is None and (problem := _period_problem(variable, period)):
                        raise SituationError([plural, instance_id, name, period], problem)


def _period_problem(variable, period) -> str | None:
    """`requested_period_problem`; a variable and period found good once per process are not
    checked again (a request asks the same month of many persons)."""
    if isinstance(period, str) and _period_is_good(variable, period):
        return None
    return requested_period_problem(variable, period)


@functools.lru_cache(maxsize=16_384)
def _period_is_good(variable, period: str) -> bool:
    return requested_period_problem(variable, period) is None


def _unusable_key(document) -> list | None:
    """The path to the first key that cannot be walked (an empty key, or one holding '/', the
    separator of the paths in a situation), or None. The keys are read level by level, without a
    call per node; the path of a key refused is then found in the document's order."""
    level = [document] if isinstance(document, dict) else []
    while level:
        for node in level:
            for key in node:
                if key == "" or "/" in key:
                    return _path_to_unusable_key(document)
        level = [value for node in level for value in node.values() if isinstance(value, dict)]
    return None


def _path_to_unusable_key(node, path=()) -> list | None:
    for key, value in node.items():
        if key == "" or "/" in key:
            return [*path, key]
        if isinstance(value, dict) and (found := _path_to_unusable_key(value, (*path, key))):
            return found
    return None
