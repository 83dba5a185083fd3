"""The limits of `web.limits`, held by the app itself (`guard(app, limits)`, called by
`create_app`), with Flask's hooks on this app only:

- a body larger than `max_body` is answered 413 (Flask's `MAX_CONTENT_LENGTH`) as JSON;
- a POST body is read once before its view: JSON nesting deeper than `max_depth`, more persons or
  families than allowed, are refused before any computation (`check_situation`); the view takes
  the document read (`parsed_body`), not parsed twice;
- each request computes within `time_budget` (`budget`, in a served worker): past it, 503, and
  the worker that answered is replaced (`REPLACE_WORKER`, read by `web.workers`);
- an error never echoes a large value: an error body above `ERROR_BYTES` has each text and key
  longer than `TEXT_CHARACTERS` cut, its length said, so that the path to the mistake is kept.
"""

from __future__ import annotations

import json

from flask import g, jsonify, request
from werkzeug.exceptions import RequestEntityTooLarge

from openfisca_residence.i18n import _
from openfisca_residence.rules.inputs import cut
from openfisca_residence.web import budget
from openfisca_residence.web.limits import (
    LimitError,
    Limits,
    body_too_large,
    check_situation,
    option,
    too_deep,
)
from openfisca_residence.web.requests import parse_json, read_body

REPLACE_WORKER = "openfisca_residence.replace_worker"  # set in the WSGI environ of the request
ERROR_BYTES = 4_000
TEXT_CHARACTERS = 200


def guard(app, limits: Limits) -> None:
    app.config["MAX_CONTENT_LENGTH"] = limits.max_body

    @app.before_request
    def check_and_arm():
        budget.arm(limits.time_budget)
        if request.method != "POST":
            return
        try:
            document = parse_json(request.get_data())
        except RecursionError:
            raise too_deep(limits) from None
        except ValueError:
            return  # the view says what is wrong with it
        check_situation(document, limits)
        g.parsed_body = document

    @app.teardown_request
    def end_budget(_error=None):
        budget.disarm()

    @app.errorhandler(budget.TimeBudgetError)
    def over_budget(_error):
        budget.disarm()
        request.environ[REPLACE_WORKER] = True
        return jsonify(
            {
                "error": _(
                    "The computation took longer than this server's time budget ({seconds} s, "
                    "--{option}): ask for fewer persons, months or variables, or compute a "
                    "population file with `openfisca-residence simulate`."
                ).format(seconds=f"{limits.time_budget:g}", option=option("time_budget"))
            }
        ), 503

    @app.errorhandler(LimitError)
    def beyond_limit(error: LimitError):
        return jsonify({"error": str(error)}), error.status

    @app.errorhandler(RequestEntityTooLarge)
    def too_large(_error):
        return jsonify({"error": body_too_large(limits)}), 413

    app.after_request(short_errors)


def parsed_body():
    """The request's JSON document: the one `check_and_arm` read, or read here (`read_body` says
    what is wrong with a body that is no JSON)."""
    document = g.pop("parsed_body", None)
    return read_body(request.get_data()) if document is None else document


def short_errors(response):
    """An error's body with its long texts cut, when it is large."""
    if response.status_code < 400 or not response.is_json:
        return response
    data = response.get_data()
    if len(data) <= ERROR_BYTES:
        return response
    response.set_data(json.dumps(_shortened(json.loads(data)), ensure_ascii=False))
    return response


def _shortened(node):
    if isinstance(node, dict):
        return {_shortened(key): _shortened(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_shortened(item) for item in node]
    if isinstance(node, str) and len(node) > TEXT_CHARACTERS:
        return cut(node, TEXT_CHARACTERS // 2)
    return node
