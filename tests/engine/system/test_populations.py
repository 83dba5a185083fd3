"""The populations of system.populations: a family's max, min, all and any (OpenFisca's
`GroupPopulation.reduce`, made faster) give, family by family, what Python's own max, min and all
give; a sum over months (ADD) gives what Core's `calculate_add` gives, and refuses what it
refuses; a holder is made once, for its entity only, and reads what Core's reads."""

import numpy
import pytest
from openfisca_core import holders, periods
from openfisca_core.populations import ADD
from openfisca_core.simulations import SimulationBuilder

from openfisca_residence.rules.entities import Famille
from openfisca_residence.system.errors import UnknownNameError
from openfisca_residence.system.populations import Holder
from openfisca_residence.system.situations import SituationBuilder


@pytest.fixture(scope="module")
def famille(tax_benefit_system):
    """300 families of 1 to 9 members, their members listed in shuffled order."""
    rng = numpy.random.default_rng(3)
    sizes = rng.integers(1, 10, size=300)
    family_of = rng.permutation(numpy.repeat(numpy.arange(len(sizes)), sizes))
    roles = numpy.where(rng.random(len(family_of)) < 0.4, "parent", "enfant")
    builder = SimulationBuilder()
    builder.create_entities(tax_benefit_system)
    builder.declare_person_entity("individu", [f"i{n}" for n in range(len(family_of))])
    ids = numpy.array([f"f{n}" for n in range(len(sizes))])
    familles = builder.declare_entity("famille", ids)
    builder.join_with_persons(familles, ids[family_of], roles)
    simulation = builder.build(tax_benefit_system)
    return simulation.populations["famille"], family_of, roles, rng


def by_family(values, family_of, keep, reducer, empty):
    return numpy.array(
        [
            reducer(values[(family_of == family) & keep], initial=empty)
            for family in range(family_of.max() + 1)
        ]
    )


@pytest.mark.parametrize(
    ("method", "reducer", "empty"),
    [("max", numpy.maximum.reduce, -numpy.inf), ("min", numpy.minimum.reduce, numpy.inf)],
)
@pytest.mark.parametrize("role", [None, Famille.PARENT, Famille.ENFANT])
def test_max_and_min(famille, method, reducer, empty, role):
    population, family_of, roles, rng = famille
    values = rng.normal(size=len(family_of)) * 1000
    keep = numpy.ones(len(family_of), bool) if role is None else roles == role.key
    expected = by_family(values, family_of, keep, reducer, empty)
    assert (getattr(population, method)(values, role=role) == expected).all()


@pytest.mark.parametrize("role", [None, Famille.PARENT])
def test_all_and_any(famille, role):
    population, family_of, roles, rng = famille
    values = rng.random(len(family_of)) < 0.8
    keep = numpy.ones(len(family_of), bool) if role is None else roles == role.key
    assert (
        population.all(values, role=role)
        == by_family(values, family_of, keep, numpy.logical_and.reduce, True)
    ).all()
    assert (
        population.any(values, role=role)
        == by_family(values, family_of, keep, numpy.logical_or.reduce, False)
    ).all()


def absences(tax_benefit_system):
    """Three persons, some days abroad in some months of 2023 (none declared for the others)."""
    situation = {
        "individus": {
            "a": {"jours_absence_france": {"2023-01": 31, "2023-07": 12}},
            "b": {"jours_absence_france": {"2023-03": 5}, "absence_pour_etudes": {"2023-03": True}},
            "c": {},
        }
    }
    return SituationBuilder().build_from_entities(tax_benefit_system, situation)


@pytest.mark.parametrize("variable", ["jours_absence_france", "jours_presence_france"])
@pytest.mark.parametrize("period", ["2023", "2023-06", "month:2022-11:5"])
def test_a_sum_over_months_is_core_s(tax_benefit_system, variable, period):
    # An input (jours_absence_france) and a formula (jours_presence_france), summed by the
    # population month by month, and by Core's calculate_add in a simulation of its own.
    ours = absences(tax_benefit_system)
    core = absences(tax_benefit_system)
    period = periods.period(period)
    summed = ours.populations["individu"](variable, period, options=[ADD])
    assert summed.tolist() == core.calculate_add(variable, period).tolist()


def test_a_sum_core_refuses_is_still_refused(tax_benefit_system):
    individu = absences(tax_benefit_system).populations["individu"]
    with pytest.raises(ValueError, match="can only be computed for eternity-long periods"):
        individu("date_naissance", periods.period("2023"), options=[ADD])
    with pytest.raises(ValueError, match="can only be computed for month-long periods"):
        individu("jours_absence_france", periods.period("day:2023-01-01:3"), options=[ADD])


def test_a_holder_is_made_once_and_only_for_its_entity(tax_benefit_system):
    # A holder already made is returned without Core's check of the variable's entity: it passed
    # it when it was made, and a variable of another entity never gets a holder here.
    individu = absences(tax_benefit_system).populations["individu"]
    holder = individu.get_holder("jours_absence_france")
    assert type(holder) is Holder
    assert individu.get_holder("jours_absence_france") is holder
    for _ in range(2):
        with pytest.raises(ValueError, match="famille"):
            individu.get_holder("nb_enfants")
    assert "nb_enfants" not in individu._holders


@pytest.mark.parametrize("variable", ["jours_absence_france", "date_naissance", "nb_enfants"])
def test_a_holder_reads_what_core_reads(tax_benefit_system, variable):
    # Each period, stored or not, and the eternal key of a variable defined for ETERNITY.
    simulation = absences(tax_benefit_system)
    simulation.calculate("nb_enfants", "2023-01")
    holder = simulation.get_holder(variable)
    for text in ["2023-01", "2023-03", "2023-02", "2023", "eternity", "day:2023-01-01:3"]:
        period = periods.period(text)
        assert holder.get_array(period) is holders.Holder.get_array(holder, period), text


def test_the_system_finds_a_variable_as_core_does(tax_benefit_system):
    assert (
        tax_benefit_system.get_variable("nb_enfants") is tax_benefit_system.variables["nb_enfants"]
    )
    assert tax_benefit_system.get_variable("nb_enfantz") is None
    with pytest.raises(UnknownNameError, match="nb_enfants"):
        tax_benefit_system.get_variable("nb_enfantz", check_existence=True)


def test_a_formula_s_variable_given_for_every_month_to_some_persons_is_read_as_given(
    tax_benefit_system,
):
    # date_demande has a formula (the month's first day) and an input that depends on the month
    # (a date given for ETERNITY to some persons, the month's first day for the others): the
    # population reads the input as Core does, before any formula, trace or no trace.
    situation = {
        "individus": {
            "mere": {"date_demande": {"ETERNITY": "2017-02-27"}},
            "fils": {},
        },
        "familles": {"f": {"parents": ["mere"], "enfants": ["fils"]}},
    }
    for trace in (False, True):
        simulation = SituationBuilder().build_from_entities(tax_benefit_system, situation)
        simulation.trace = trace
        individu = simulation.populations["individu"]
        given = individu("date_demande", periods.period("2017-02"))
        assert given.astype(str).tolist() == ["2017-02-27", "2017-02-01"], trace
