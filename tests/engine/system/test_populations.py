"""A family's max, min, all and any (OpenFisca's `GroupPopulation.reduce`, made faster in
system.populations) give, family by family, what Python's own max, min and all give."""

import numpy
import pytest
from openfisca_core.simulations import SimulationBuilder

from openfisca_residence.rules.entities import Famille


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
