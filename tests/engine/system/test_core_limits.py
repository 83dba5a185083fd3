"""OpenFisca-Core's bugs and missing hooks this package works around (docs/upstream/), each shown as
Core behaves today. When one of these tests fails, a new Core has fixed it: the shim named in
docs/upstream/README.md can go."""

import numpy
import pytest
import yaml
from openfisca_core import holders, populations, reforms
from openfisca_core.errors import PeriodMismatchError, SituationParsingError
from openfisca_core.simulations import SimulationBuilder
from openfisca_core.taxbenefitsystems import TaxBenefitSystem
from openfisca_core.tools import test_runner
from openfisca_web_api.app import create_app

from openfisca_residence.rules.inputs import dispatch_by_period
from openfisca_residence.system.populations import Holder, Population
from openfisca_residence.system.situations import SituationBuilder


def test_core_builds_a_list_for_a_year_in_an_error_path():
    error = SituationParsingError(["individus", "alice", "titre_sejour", "2017"], "Invalid")
    under = error.error["individus"]["alice"]["titre_sejour"]
    assert isinstance(under, list) and len(under) == 2018 and under[-1] == "Invalid"


def test_core_refuses_eternity_even_when_the_variable_set_input_takes_it(tax_benefit_system):
    variable = tax_benefit_system.variables["nationalite"]
    assert variable.set_input is dispatch_by_period or variable.set_input.accepts_eternity
    population = populations.Population(tax_benefit_system.person_entity)
    population.count = 1
    with pytest.raises(PeriodMismatchError):
        holders.Holder(variable, population).set_input("ETERNITY", numpy.array(["IT"]))
    population = Population(tax_benefit_system.person_entity)  # this package's
    population.count = 1
    Holder(variable, population).set_input("ETERNITY", numpy.array(["IT"]))


def test_core_builds_its_own_classes_whatever_the_subclass(tax_benefit_system):
    core_populations = TaxBenefitSystem.instantiate_entities(tax_benefit_system)
    assert type(core_populations["individu"]) is populations.Population
    assert reforms.Reform.instantiate_entities is TaxBenefitSystem.instantiate_entities
    core = populations.Population(tax_benefit_system.person_entity)
    assert type(core.get_holder("nationalite")) is holders.Holder
    ours = Population(tax_benefit_system.person_entity)
    assert type(populations.Population.clone(ours, None)) is populations.Population
    # This package's systems, reformed or not, and their clones keep its classes.
    reformed = tax_benefit_system.apply_reform(
        "openfisca_residence.reforms.fin_droits_expiration_sejour.fin_droits_expiration_sejour"
    )
    for system in (tax_benefit_system, reformed):
        members = system.instantiate_entities()["individu"]
        assert type(members) is Population
        assert type(members.get_holder("nationalite")) is Holder
        assert type(members.clone(None)) is Population


def test_core_yaml_test_loader_builds_python_objects(tmp_path):
    built = yaml.load("!!python/object/apply:os.getcwd []", Loader=test_runner.Loader)
    assert isinstance(built, str)  # a function of the os module was called


def test_core_builds_nothing_for_an_unknown_input_and_says_not_why(tax_benefit_system):
    builder = SimulationBuilder()
    builder.set_default_period("2018-01")
    assert builder.build_from_dict(tax_benefit_system, {"jours_absense_france": 3}) is None


class CountedId(str):
    """An id that counts the comparisons made with it."""

    comparisons = 0

    def __eq__(self, other):
        CountedId.comparisons += 1
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def comparisons_to_build(tax_benefit_system, persons: int, builder=SimulationBuilder) -> int:
    ids = [CountedId(f"p{n}") for n in range(persons)]
    situation = {
        "individus": {id_: {} for id_ in ids},
        "familles": {f"f{n}": {"parents": [id_]} for n, id_ in enumerate(ids)},
    }
    CountedId.comparisons = 0
    builder().build_from_entities(tax_benefit_system, situation)
    return CountedId.comparisons


def test_core_looks_each_id_up_in_a_list(tax_benefit_system):
    small, large = (comparisons_to_build(tax_benefit_system, n) for n in (100, 400))
    assert large > 10 * small  # four times the persons, sixteen times the comparisons


def test_our_builder_finds_each_id_in_a_dictionary(tax_benefit_system):
    small, large = (
        comparisons_to_build(tax_benefit_system, n, SituationBuilder) for n in (100, 400)
    )
    assert large <= 5 * max(small, 1)  # four times the persons, four times the comparisons


def test_core_web_api_answers_500_to_a_text_body(tax_benefit_system):
    client = create_app(tax_benefit_system).test_client()
    answer = client.post("/calculate", data="{}", content_type="text/plain")
    assert answer.status_code == 500
    assert client.get("/variable/reside_en_franse").content_type.startswith("text/html")


def test_core_hides_a_persons_longer_period_under_another_persons_month(tax_benefit_system):
    case = {
        "individus": {
            "a": {"date_naissance": {"ETERNITY": "1980-01-01"}},
            "b": {"date_naissance": {"2018-02": "1990-06-15"}},
        }
    }
    simulation = SimulationBuilder().build_from_entities(tax_benefit_system, case)
    births = simulation.calculate("date_naissance", "2018-02").astype(str).tolist()
    assert births == ["1980-01-01", "1970-01-01"]  # b's date replaced by the default
