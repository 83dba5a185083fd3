"""`LinearBuilder` builds the situation Core's builder builds (`test_core_limits` shows that it finds
each id in a dictionary, where Core reads a list)."""

import numpy
from openfisca_core.simulations import SimulationBuilder

from openfisca_residence.system.linear_builder import Positions
from openfisca_residence.system.situations import SituationBuilder


def situation(persons: int) -> dict:
    """Families of three (a parent, two children), every fourth person in no family."""
    names = [f"p{n}" for n in range(persons)]
    in_family = [name for n, name in enumerate(names) if n % 4]
    familles = {
        f"f{n}": {"parents": in_family[n : n + 1], "enfants": in_family[n + 1 : n + 3]}
        for n in range(0, len(in_family), 3)
    }
    familles["f3"]["nb_enfants"] = {"2024-01": 2}
    individus = {
        name: {"jours_absence_france": {"2024-01": n % 28}} for n, name in enumerate(names)
    }
    return {"individus": individus, "familles": familles}


def test_the_situation_is_the_one_core_builds(tax_benefit_system):
    case = situation(23)
    ours = SituationBuilder().build_from_entities(tax_benefit_system, case)
    cores = SimulationBuilder().build_from_entities(tax_benefit_system, case)
    assert ours.persons.ids == cores.persons.ids
    mine, theirs = ours.get_population("familles"), cores.get_population("familles")
    # The persons of no family have a family of their own, named after them: here in the
    # persons' order, in Core in the order of a set.
    assert sorted(mine.ids) == sorted(theirs.ids) and mine.ids[:6] == theirs.ids[:6]
    family_of = numpy.array(mine.ids)[mine.members_entity_id]
    assert (family_of == numpy.array(theirs.ids)[theirs.members_entity_id]).all()
    assert [role.key for role in mine.members_role] == [role.key for role in theirs.members_role]
    days = ours.calculate("jours_absence_france", "2024-01")
    assert (days == cores.calculate("jours_absence_france", "2024-01")).all()
    assert ours.calculate("nb_enfants", "2024-01")[mine.ids.index("f3")] == 2


def test_positions_is_a_list_that_finds_its_items_at_once():
    ids = Positions(["a", "b", "a", "c"])
    assert ids == ["a", "b", "a", "c"]
    assert (ids.index("a"), ids.index("c"), "b" in ids, "z" in ids, [] in ids) == (
        0,
        3,
        True,
        False,
        False,
    )
    try:
        ids.index("z")
    except ValueError as error:
        assert "'z' is not in list" in str(error)
    else:
        raise AssertionError("index of a missing id")
