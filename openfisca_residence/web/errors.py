"""A request's mistakes as JSON answers: 400 for a request that cannot be computed (located where
the mistake is), 404 for an unknown variable (as OpenFisca's spec says)."""

from __future__ import annotations

from flask import jsonify
from openfisca_core.errors import PeriodMismatchError, SituationParsingError, VariableNotFoundError

from openfisca_residence.system.errors import located
from openfisca_residence.web.requests import RequestError


def answered(answer):
    """`answer()`, or the JSON error its mistake deserves."""
    try:
        return answer()
    except RequestError as error:
        return jsonify({"error": str(error)}), 400
    except SituationParsingError as error:
        error = located(error)
        return jsonify(error.error), error.code or 400
    except VariableNotFoundError as error:
        return jsonify({"error": error.message}), 404
    except PeriodMismatchError as error:
        return jsonify({"error": error.message}), 400
