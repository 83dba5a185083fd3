"""Importing and using this package changes nothing outside it (STYLE.md, habit 11).

1. Every attribute of every module of OpenFisca-Core, its Web API, Flask and Werkzeug, and of every
   class they define, is the same object after this package is imported and used (a simulation
   built and computed, a YAML test run, the Web app created and asked) as before.
2. Another country package, loaded in the same process, behaves as it does without this one: its
   populations, its input checks, its family reductions, its Web API's answers and its YAML tests.

Both run in a new Python process: this test session has already imported the package.
"""

import json
import subprocess
import sys
import textwrap

SNAPSHOT = textwrap.dedent(
    """
    import importlib, json, pkgutil, sys, tempfile, pathlib
    import flask, openfisca_core, openfisca_web_api, werkzeug

    WATCHED = ("openfisca_core", "openfisca_web_api", "flask", "werkzeug")
    for package in (openfisca_core, openfisca_web_api, flask, werkzeug):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if info.name.endswith("__main__"):  # a module that runs a command
                continue
            try:
                importlib.import_module(info.name)
            except Exception:  # a module needing what is not installed
                pass

    flask.Flask("warm").test_client().get("/")  # Flask's own lazy globals, set on first use

    def snapshot():
        state = {}
        for name, module in list(sys.modules.items()):
            if not name.startswith(WATCHED) or module is None:
                continue
            for attribute, value in list(vars(module).items()):
                state[(name, attribute)] = value
                if isinstance(value, type) and value.__module__ == name:
                    for key, member in list(vars(value).items()):
                        if key != "__annotations__":  # made by Python on its first reading
                            state[(name, attribute, key)] = member
        return state

    before = snapshot()

    import openfisca_residence
    from openfisca_residence import CountryTaxBenefitSystem
    from openfisca_residence.system.situations import SituationBuilder
    from openfisca_residence.web.app import create_app
    from openfisca_residence.yaml_tests.command import run

    system = CountryTaxBenefitSystem()
    simulation = SituationBuilder().build_from_entities(
        system, {"individus": {"a": {"titre_sejour": {"ETERNITY": "carte_resident"}}}}
    )
    simulation.calculate("rsa_eligible", "2024-01")
    case = pathlib.Path(tempfile.mkdtemp()) / "cas.yaml"
    case.write_text(
        "- name: un cas\\n  period: 2018-01\\n  input:\\n    jours_absence_france: 3\\n"
        "  output:\\n    reside_en_france: true\\n",
        encoding="utf-8",
    )
    assert run([case], {}) == 0
    client = create_app(system).test_client()
    answer = client.post(
        "/calculate", json={"individus": {"a": {"date_fin_maintien_droits": {"2024-01": None}}}}
    )
    assert answer.status_code == 200, answer.data
    assert client.get("/variable/reside_en_franse").status_code == 404

    after = snapshot()
    changed = sorted(
        ".".join(key) for key in before if key not in after or after[key] is not before[key]
    )
    added = sorted(".".join(key) for key in after if key not in before)
    print(json.dumps({"checked": len(before), "changed": changed, "added": added}))
    """
)

OTHER_COUNTRY = textwrap.dedent(
    """
    import json, sys, tempfile, pathlib
    from datetime import date
    from openfisca_core.entities import build_entity
    from openfisca_core.errors import SituationParsingError
    from openfisca_core.parameters import ParameterNode
    from openfisca_core.periods import MONTH
    from openfisca_core.simulations import SimulationBuilder
    from openfisca_core.taxbenefitsystems import TaxBenefitSystem
    from openfisca_core.tools.test_runner import run_tests
    from openfisca_core.variables import Variable
    from openfisca_web_api.app import create_app

    if sys.argv[1] == "with":  # this package imported and used first
        from openfisca_residence import CountryTaxBenefitSystem
        from openfisca_residence.web.app import create_app as create_residence_app

        residence = CountryTaxBenefitSystem()
        create_residence_app(residence).test_client().post(
            "/calculate", json={"individus": {"a": {"reside_en_france": {"2024-01": None}}}}
        )

    Person = build_entity("person", "persons", "A person", is_person=True)
    Household = build_entity(
        "household", "households", "A household", roles=[{"key": "member", "plural": "members"}]
    )

    class salary(Variable):
        value_type = float
        entity = Person
        definition_period = MONTH
        label = "Salary"

    class arrival(Variable):
        value_type = date
        default_value = date(2000, 1, 1)
        entity = Person
        definition_period = MONTH
        label = "Arrival"

    class highest_salary(Variable):
        value_type = float
        entity = Household
        definition_period = MONTH
        label = "Highest salary"

        def formula(household, period):
            return household.max(household.members("salary", period))

    system = TaxBenefitSystem([Person, Household])
    system.add_variables(salary, arrival, highest_salary)
    system.parameters = ParameterNode("", data={"rate": {"values": {"2000-01-01": 0.5}}})
    outcome = {}

    def build(persons):
        return SimulationBuilder().build_from_entities(
            system, {"persons": persons, "households": {"h": {"members": list(persons)}}}
        )

    for case, persons in {
        "eternity for a month input": {"p": {"arrival": {"ETERNITY": "2010-01-01"}}},
        "a text for a number": {"p": {"salary": {"2024-01": "beaucoup"}}},
        "a number for a date": {"p": {"arrival": {"2024-01": 12}}},
    }.items():
        try:
            simulation = build(persons)
            outcome[case] = str(simulation.calculate(persons["p"] and list(persons["p"])[0], "2024-01"))
        except (SituationParsingError, ValueError) as error:
            outcome[case] = f"{type(error).__name__}: {error}"
    simulation = build({"p": {"salary": {"2024-01": 1200}}, "q": {"salary": {"2024-01": 1500}}})
    outcome["max"] = simulation.calculate("highest_salary", "2024-01").tolist()
    outcome["populations"] = sorted(type(p).__name__ + " " + type(p).__module__ for p in simulation.populations.values())
    outcome["holder"] = type(simulation.persons.get_holder("salary")).__module__
    client = create_app(system).test_client()
    answer = client.post("/calculate", json={"persons": {"p": {"arrival": {"2024-01": None}}}, "households": {"h": {"members": ["p"]}}})
    outcome["web dates"] = answer.get_json()["persons"]["p"]["arrival"]["2024-01"]
    missing = client.get("/variable/salari")
    outcome["web 404"] = [missing.status_code, missing.content_type]
    folder = pathlib.Path(tempfile.mkdtemp())
    (folder / "cases.yaml").write_text(
        "- name: wrong\\n  period: 2024-01\\n  input:\\n    salary: 10\\n  output:\\n    salary: 11\\n"
        "- name: right\\n  period: 2024-01\\n  input:\\n    salary: 10\\n  output:\\n    salary: 10\\n",
        encoding="utf-8",
    )
    outcome["yaml tests"] = int(run_tests(system, [str(folder)], {"-p": "no:cacheprovider"}))
    print(json.dumps(outcome, sort_keys=True))
    """
)


def python(script: str, *arguments, folder) -> str:
    """The last line a script prints, run in a new process (from a file: Core's Web API reads the
    source of the formulas)."""
    path = folder / "script.py"
    path.write_text(script, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, str(path), *arguments],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    return run.stdout.strip().splitlines()[-1]


def test_importing_and_using_the_package_changes_no_attribute_of_core_flask_or_werkzeug(tmp_path):
    result = json.loads(python(SNAPSHOT, folder=tmp_path))
    assert result["checked"] > 5000  # the modules and classes were really read
    assert result["changed"] == []
    assert result["added"] == []


def test_another_country_package_behaves_the_same_beside_this_one(tmp_path):
    alone = python(OTHER_COUNTRY, "alone", folder=tmp_path)
    beside = python(OTHER_COUNTRY, "with", folder=tmp_path)
    assert json.loads(beside) == json.loads(alone)
    outcome = json.loads(alone)
    assert outcome["eternity for a month input"].startswith("SituationParsingError")
    assert outcome["max"] == [1500.0]
    assert outcome["holder"] == "openfisca_core.holders.holder"
    assert outcome["web dates"].endswith("GMT")  # Flask's own writing of dates, Core's choice
