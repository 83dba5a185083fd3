"""The OpenAPI spec (`/spec`) of Core's app, made true to this API: Core's spec, then

- each variable's values may be `null` (the value that asks for a computation), with the
  variable's label as description, and `format: date` for a date;
- the examples are valid under their schemas (a trace's values and parameters may be texts,
  numbers, booleans or lists; a variable's `defaultValue` and `possibleValues` of any type; a
  parameter's `id` is its path, a text, where Core says an integer);
- `/explain` is described.

`tests/engine/web/test_spec.py` checks every example against its schema.
"""

from __future__ import annotations

import copy

from flask import jsonify

EXPLAIN_PATH = {
    "post": {
        "summary": "Why each benefit is granted or refused",
        "description": "The body of /calculate (entities and inputs; values asked with null are "
        "left out). For each benefit: the decision of each person or family, each person's "
        "reason of refusal with its article and a link to its text, the deciding dates, and the "
        "tree of conditions (deciding branch first), values in words.",
        "operationId": "explain",
        "tags": ["Calculations"],
        "parameters": [
            {
                "name": "period",
                "in": "query",
                "required": True,
                "description": "The month explained, YYYY-MM.",
                "schema": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"},
                "example": "2018-02",
            },
            {
                "name": "benefit",
                "in": "query",
                "required": False,
                "description": "Explain this benefit only (repeat for several).",
                "schema": {"type": "string"},
            },
            {
                "name": "reform",
                "in": "query",
                "required": False,
                "description": "A reform of the package or a parametric reform file, by its name.",
                "schema": {"type": "string"},
            },
        ],
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/SituationInput"}}
            },
        },
        "responses": {
            "200": {
                "description": "The decisions, per benefit.",
                "content": {"application/json": {"schema": {"type": "object"}}},
            },
            "400": {
                "description": "The request cannot be computed: the error is located.",
                "content": {"application/json": {"schema": {"type": "object"}}},
            },
            "404": {
                "description": "An unknown variable.",
                "content": {"application/json": {"schema": {"type": "object"}}},
            },
        },
    }
}
ANY = {}  # any JSON value


def corrected(spec: dict, tax_benefit_system) -> dict:
    spec = copy.deepcopy(spec)
    schemas = spec["components"]["schemas"]
    for entity in tax_benefit_system.entities:
        properties = schemas[entity.key.title()]["properties"]
        for name, schema in properties.items():
            variable = tax_benefit_system.variables.get(name)
            if variable is None or "additionalProperties" not in schema:
                continue
            values = schema["additionalProperties"]
            values["nullable"] = True
            if variable.value_type.__name__ == "date":
                values["format"] = "date"
            if "enum" in values:
                values["enum"] = [*values["enum"], None]
            schema["description"] = variable.label or name
            values["description"] = variable.label or name
    trace = schemas.get("Trace", {}).get("properties", {}).get("trace", {})
    for node in (trace.get("additionalProperties") or {}).get("properties", {}).values():
        if node.get("type") == "array":
            node["items"] = ANY
        elif "additionalProperties" in node:  # a trace's parameters: their values, of any type
            node["additionalProperties"] = ANY
    parameter = schemas.get("Parameter", {}).get("properties", {})
    if "id" in parameter:
        parameter["id"] = {"type": "string", "description": "The parameter's path."}
    variable = schemas.get("Variable", {}).get("properties", {})
    for name in ("defaultValue", "possibleValues"):
        if name in variable:
            variable[name] = {"description": variable[name].get("description", name)}
    for name in ("Value", "Values"):
        if name in schemas:
            schemas[name] = {"description": schemas[name].get("description", name)}
    spec["paths"]["/explain"] = EXPLAIN_PATH
    return spec


def register(app, tax_benefit_system) -> None:
    core_spec = app.view_functions["get_spec"]
    fixed = {}

    def get_spec():
        answer = core_spec().get_json()
        if "spec" not in fixed:
            fixed["spec"] = corrected(
                {key: value for key, value in answer.items() if key != "servers"},
                tax_benefit_system,
            )
        return jsonify({**fixed["spec"], "servers": answer["servers"]})

    get_spec.__doc__ = core_spec.__doc__
    app.view_functions["get_spec"] = get_spec
