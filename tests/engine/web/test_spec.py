"""The OpenAPI spec the served Web API gives (`/spec`) is true to it: each of its examples is valid
under its own schema, each variable is described by its label, each date says it is one
(`format: date`), each operation and each of its parameters is described.

OpenAPI 3.0 schemas are JSON Schema with a few words of their own; `json_schema` turns them into
JSON Schema (`nullable: true` becomes "or null"), then `jsonschema_rs` (installed with schemathesis,
of the dev extra) validates, dates included.
"""

import datetime

import jsonschema_rs
import pytest

METHODS = ("get", "post", "put", "patch", "delete")


@pytest.fixture(scope="module")
def spec(api):
    status, answer = api.call("/spec")
    assert status == 200
    return answer


def json_schema(node):
    """An OpenAPI 3.0 schema as JSON Schema: `nullable: true` becomes "or null"."""
    if isinstance(node, list):
        return [json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: json_schema(value) for key, value in node.items() if key != "nullable"}
    if node.get("nullable"):
        return {"anyOf": [converted, {"type": "null"}]}
    return converted


def examples(spec):
    """(where, schema, example) of each example of the spec: of a schema, of a parameter."""
    for name, schema in spec["components"]["schemas"].items():
        if "example" in schema:
            yield f"components/schemas/{name}", {"$ref": f"#/components/schemas/{name}"}, schema
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []) if method in METHODS else []:
                if "example" in parameter:
                    where = f"{method.upper()} {path} ?{parameter['name']}"
                    yield where, parameter["schema"], parameter


def test_every_example_of_the_spec_is_valid_under_its_schema(spec):
    found = list(examples(spec))
    assert {where for where, _, _ in found} >= {
        "components/schemas/SituationInput",
        "components/schemas/SituationOutput",
        "components/schemas/Variable",
        "components/schemas/Trace",
        "POST /explain ?period",
    }
    components = json_schema({"components": spec["components"]})
    invalid = {}
    for where, schema, holder in found:
        validator = jsonschema_rs.Draft4Validator(
            {**json_schema(schema), **components}, validate_formats=True
        )
        errors = [
            f"{error.instance_path}: {error.message}"
            for error in validator.iter_errors(holder["example"])
        ]
        if errors:
            invalid[where] = errors[:3]
    assert invalid == {}


def test_the_validation_refuses_what_the_schema_refuses(spec):
    """The check can fail: a date that does not exist, a text for a boolean."""
    components = json_schema({"components": spec["components"]})
    schema = {"$ref": "#/components/schemas/SituationInput", **components}
    validator = jsonschema_rs.Draft4Validator(schema, validate_formats=True)
    good = {"individus": {"alice": {"date_naissance": {"ETERNITY": "1980-02-29"}}}}
    assert validator.is_valid(good)
    assert not validator.is_valid(
        {"individus": {"alice": {"date_naissance": {"ETERNITY": "1981-02-29"}}}}
    )
    assert not validator.is_valid(
        {"individus": {"alice": {"foyer_permanent_france": {"2017-01": "oui"}}}}
    )
    assert validator.is_valid({"individus": {"alice": {"reside_en_france": {"2017-01": None}}}})


def test_each_variable_is_described_by_its_label_and_each_date_has_its_format(
    spec, tax_benefit_system
):
    schemas = spec["components"]["schemas"]
    for entity in tax_benefit_system.entities:
        properties = schemas[entity.key.title()]["properties"]
        for name, variable in tax_benefit_system.variables.items():
            if variable.entity.key != entity.key:
                continue
            values = properties[name]["additionalProperties"]
            assert properties[name]["description"] == variable.label, name
            assert values["nullable"] is True, name
            if variable.value_type is datetime.date:
                assert values.get("format") == "date", name


def test_each_operation_and_each_of_its_parameters_is_described(spec):
    undescribed = []
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if method not in METHODS:
                continue
            if not (operation.get("summary") or operation.get("description")):
                undescribed.append(f"{method.upper()} {path}")
            for parameter in operation.get("parameters", []):
                if not parameter.get("description"):
                    undescribed.append(f"{method.upper()} {path} ?{parameter['name']}")
    assert undescribed == []
    assert "/explain" in spec["paths"]
