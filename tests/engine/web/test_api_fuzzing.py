"""Fuzzing of the served Web API (`openfisca serve` on 127.0.0.1, conftest.py's `api`) from its own
OpenAPI spec (`/spec`): no request may get a server error (HTTP 5xx).

1. schemathesis generates requests for every operation of the spec (`/calculate`, `/trace`,
   `/variables`, `/variable/{id}`, `/parameters`, `/parameter/{id}`, `/entities`, `/explain`),
   both requests that follow the spec and requests that break it, and checks each answer with its
   own checks (status code, content type and schema as the spec documents them).
2. Hypothesis builds situations from the spec's own schemas of a person and a family (each
   variable's JSON type, its enum items), with inputs and computations asked for months around the
   modelled ones: requests that reach the formulas, which schemathesis rarely does (the spec has
   no `null`, the value that asks for a computation).
3. Raw bodies: JSON nested 100 to 1,000 deep, malformed JSON, bytes, no Content-Type or a wrong
   one, inputs and computations for months outside the modelled ones (`0001-01`, `2101-01`,
   `9999-12`, `year:1000:8999`), a large value: each answered 4xx with a JSON error.
4. Every variable, parameter and listing the API names is served.

The fuzzers are bounded in requests (`max_examples`) and in time (`TIME_LIMIT`: past it, no request
is sent, and the test fails: examples that did not run found nothing), derandomized and without an
example database, so that a run is reproducible.
"""

import json
import time
import urllib.request
from collections import Counter

import pytest
import schemathesis
import schemathesis.specs.openapi.checks as conformance
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode

TIME_LIMIT = 120  # seconds, for each fuzzer: on 2 shared cores, its examples take 10 to 60 s
FUZZ = settings(
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
    suppress_health_check=list(HealthCheck),
)


class Budget:
    """The requests sent and their statuses, and whether time is left to send another."""

    def __init__(self) -> None:
        self.start = time.monotonic()
        self.statuses: Counter = Counter()
        self.server_errors: list = []
        self.skipped = 0

    def open(self) -> bool:
        """Whether time is left to send a request; an example skipped is counted."""
        if time.monotonic() - self.start < TIME_LIMIT:
            return True
        self.skipped += 1
        return False

    def record(self, label: str, status: int, request, answer: str) -> None:
        self.statuses[(label, status)] += 1
        if status >= 500:
            self.server_errors.append((label, request, answer[:500]))

    def summary(self) -> str:
        sent = sum(self.statuses.values())
        return f"{sent} requests in {time.monotonic() - self.start:.1f} s: {dict(self.statuses)}"

    def check(self) -> None:
        """Fail on a server error, and when examples were skipped for lack of time."""
        assert not self.server_errors, self.server_errors[:3]
        assert not self.skipped, (
            f"time budget spent, {self.skipped} examples not run: {self.summary()}"
        )


@pytest.fixture(scope="module")
def spec(api):
    with urllib.request.urlopen(f"{api.url}/spec", timeout=30) as response:
        return json.loads(response.read())


# The answers as the spec describes them: documented status codes, content types and schemas.
CONFORMANCE = [
    conformance.status_code_conformance,
    conformance.content_type_conformance,
    conformance.response_schema_conformance,
]


def test_schemathesis_finds_no_server_error(api):
    schema = schemathesis.openapi.from_url(f"{api.url}/spec")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 8, [operation.label for operation in operations]
    strategy = st.one_of(
        *[
            operation.as_strategy(generation_mode=mode)
            for operation in operations
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
        ]
    )
    budget = Budget()

    @settings(FUZZ, max_examples=200)
    @given(strategy)
    def call(case):
        if budget.open():
            response = case.call(base_url=api.url, timeout=60)
            request = (case.path_parameters, case.query, case.body)
            budget.record(case.operation.label, response.status_code, request, response.text)
            case.validate_response(response, checks=CONFORMANCE)  # schemathesis's own checks

    call()
    print(budget.summary())
    assert sum(budget.statuses.values()) > 50, budget.summary()
    budget.check()


MONTHS = [f"{year}-{month:02d}" for year in range(1994, 2031) for month in range(1, 13)]
ODD_PERIODS = ["1990-05", "2017", "ETERNITY", "2017-02-03", "month:2017-01:3", "2101-01"]
FAR_PERIODS = ["0001-01", "1991-12", "2101-01", "9999-12", "year:1000:8999", "month:2100-12:2"]
ids = st.sampled_from(["alice", "bob", "a b", "é", "0", "claire", "d"])
TEXTS = ["FR", "DZ", "IT", "GB", "XX", "zz", "", "2017-02-30", "1/0", "1 + 2"]


def values_of(schema: dict, clean: bool):
    """Values for one variable's schema in the spec; with wrong ones too, unless `clean`."""
    kind = schema.get("type")
    if "enum" in schema:
        right = st.sampled_from(schema["enum"])
    elif kind == "boolean":
        right = st.booleans()
    elif kind == "integer":
        right = st.integers(0, 28) if clean else st.integers(-3, 40)
    elif kind == "number":
        right = st.integers(0, 600) if clean else st.floats(-10, 800, allow_nan=False)
    else:  # dates, nationalities, texts
        dates = st.dates().map(lambda day: day.isoformat())
        right = dates if clean else st.one_of(dates, st.sampled_from(TEXTS), st.text(max_size=6))
    wrong = st.one_of(st.text(max_size=4), st.integers(-5, 5), st.lists(st.integers(), max_size=2))
    return right if clean else st.one_of(right, wrong)


def entity_values(properties: dict, clean: bool, asked_at_least: int):
    """One person's or family's inputs and computations asked, from the spec's schema of it."""
    periods = st.sampled_from(MONTHS)
    if not clean:
        periods = st.one_of(periods, st.sampled_from(ODD_PERIODS + FAR_PERIODS))
    names = sorted(name for name, schema in properties.items() if "additionalProperties" in schema)
    inputs = st.lists(st.sampled_from(names), max_size=4, unique=True).flatmap(
        lambda chosen: st.fixed_dictionaries(
            {
                name: st.dictionaries(
                    periods, values_of(properties[name]["additionalProperties"], clean), max_size=3
                )
                for name in chosen
            }
        )
    )
    asked = st.dictionaries(
        st.sampled_from(names),
        st.dictionaries(periods, st.none(), min_size=1, max_size=2),
        min_size=asked_at_least,
        max_size=3,
    )
    return st.tuples(inputs, asked).map(lambda pair: {**pair[0], **pair[1]})


@st.composite
def situations(draw, spec):
    """A request of one to three persons, maybe in a family; three in four are clean (months the
    law is modelled for, values of the right type), the others may hold any mistake."""
    clean = draw(st.integers(0, 3)) > 0
    schemas = spec["components"]["schemas"]
    person = schemas["Individu"]["properties"]
    family = schemas["Famille"]["properties"]
    family = {name: schema for name, schema in family.items() if name not in ("parents", "enfants")}
    people = draw(st.lists(ids, min_size=1, max_size=3, unique=True))
    individus = {name: draw(entity_values(person, clean, 1)) for name in people}
    situation = {"individus": individus}
    if draw(st.booleans()):
        parents = draw(st.lists(st.sampled_from(people), min_size=1, max_size=2, unique=True))
        roles = {"parents": parents, "enfants": [name for name in people if name not in parents]}
        situation["familles"] = {"f": {**roles, **draw(entity_values(family, clean, 0))}}
    return situation


def post(api, route: str, body) -> tuple[int, str]:
    request = urllib.request.Request(
        api.url + route,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_situations_built_from_the_spec_get_no_server_error(api, spec):
    budget = Budget()

    @settings(FUZZ, max_examples=150)
    @given(situations(spec), st.sampled_from(["/calculate", "/trace"]))
    def call(situation, route):
        if not budget.open():
            return
        status, answer = post(api, route, situation)
        budget.record(route, status, situation, answer)
        if status == 200 and route == "/calculate":  # every computation asked is answered
            body = json.loads(answer)
            for plural, instances in situation.items():
                for instance, values in instances.items():
                    for name, by_period in values.items() if isinstance(values, dict) else ():
                        for period, value in (
                            by_period.items() if isinstance(by_period, dict) else ()
                        ):
                            if value is None:
                                assert body[plural][instance][name][period] is not None

    call()
    print(budget.summary())
    assert budget.statuses[("/calculate", 200)] + budget.statuses[("/trace", 200)] > 40
    budget.check()


def test_every_variable_and_parameter_listed_is_served(api):
    statuses = Counter()
    for route in ("/spec", "/entities", "/variables", "/parameters"):
        statuses[api.call(route)[0]] += 1
    for name in api.call("/variables")[1]:
        statuses[api.call(f"/variable/{name}")[0]] += 1
    for name in api.call("/parameters")[1]:
        statuses[api.call(f"/parameter/{name}")[0]] += 1
    assert set(statuses) == {200}, statuses


CONTENT_TYPES = [None, "application/json", "text/plain", "application/x-www-form-urlencoded"]
CONTENT_TYPES += ["image/png", "application/json; charset=utf-16", "multipart/form-data"]


@st.composite
def raw_bodies(draw, spec):
    """Bytes a hostile or careless client sends."""
    kind = draw(st.sampled_from(["nested", "malformed", "far", "bytes", "large"]))
    if kind == "nested":
        depth = draw(st.integers(100, 1000))
        opener, closer = draw(
            st.sampled_from([("[", "]"), ('{"a":', "}"), ('{"individus":[', "]}")])
        )
        return (opener * depth + closer * depth).encode()
    if kind == "malformed":
        text = json.dumps(draw(situations(spec)))
        cut = draw(st.integers(0, len(text)))
        return (text[:cut] + draw(st.sampled_from(["", "}", ",", "'", "NaN", "\\u00"]))).encode()
    if kind == "far":
        period = draw(st.sampled_from(FAR_PERIODS))
        name = draw(st.sampled_from(["jours_absence_france", "foyer_permanent_france"]))
        value = draw(st.sampled_from([None, 0, False, True, 3]))
        return json.dumps({"individus": {"p": {name: {period: value}}}}).encode()
    if kind == "large":
        return json.dumps(
            {"individus": {"p": {"nationalite": {"ETERNITY": "x" * 200_000}}}}
        ).encode()
    return draw(st.binary(max_size=300))


def post_raw(api, route: str, body: bytes, content_type) -> tuple[int, str, str]:
    headers = {} if content_type is None else {"Content-Type": content_type}
    request = urllib.request.Request(api.url + route, data=body, headers=headers)
    if content_type is None:
        request.remove_header("Content-type")  # urllib adds a form type to a body
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return (
                response.status,
                response.headers.get("Content-Type", ""),
                response.read().decode(),
            )
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read().decode()


def test_raw_bodies_get_a_json_client_error(api, spec):
    budget = Budget()

    @settings(FUZZ, max_examples=120)
    @given(
        raw_bodies(spec), st.sampled_from(CONTENT_TYPES), st.sampled_from(["/calculate", "/trace"])
    )
    def call(body, content_type, route):
        if not budget.open():
            return
        status, answered_type, answer = post_raw(api, route, body, content_type)
        budget.record(route, status, body[:200], answer)
        assert answered_type.startswith("application/json"), (status, answer[:200])
        assert len(answer) < 5_000, answer[:200]  # no large value echoed
        if status >= 400:
            assert json.loads(answer)

    call()
    print(budget.summary())
    assert budget.statuses[("/calculate", 400)] + budget.statuses[("/trace", 400)] > 30
    budget.check()
