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


def test_a_value_given_for_a_longer_period_is_not_hidden_by_another_persons_month(
    tax_benefit_system,
):
    """openfisca-core #564: Core sets b's month first, a's default with it, and a's ETERNITY (or
    c's year) never reaches that month; a month given by the person itself is kept."""
    case = {
        "individus": {
            "a": {"titre_sejour": {"ETERNITY": "carte_sejour_temporaire"}},
            "b": {"titre_sejour": {"2018-02": "carte_resident"}},
            "c": {
                "titre_sejour": {"2018": "carte_resident", "2018-03": "recepisse_renouvellement"}
            },
            "d": {"titre_sejour": {"ETERNITY": "carte_resident", "2018-02": "aucun"}},
        }
    }
    simulation = SituationBuilder().build_from_entities(tax_benefit_system, case)
    expected = {
        "2017-12": ["carte_sejour_temporaire", "aucun", "aucun", "carte_resident"],
        "2018-01": ["carte_sejour_temporaire", "aucun", "carte_resident", "carte_resident"],
        "2018-02": ["carte_sejour_temporaire", "carte_resident", "carte_resident", "aucun"],
        "2018-03": [
            "carte_sejour_temporaire",
            "aucun",
            "recepisse_renouvellement",
            "carte_resident",
        ],
        "2019-01": ["carte_sejour_temporaire", "aucun", "aucun", "carte_resident"],
    }
    for month, documents in expected.items():
        assert simulation.calculate("titre_sejour", month).decode_to_str().tolist() == documents


def test_a_fact_for_eternity_given_under_two_periods_keeps_each_persons_value(
    tax_benefit_system,
):
    case = {
        "individus": {
            "a": {"date_naissance": {"ETERNITY": "1980-01-01"}},
            "b": {"date_naissance": {"2018-02": "1990-06-15"}},
        }
    }
    simulation = SituationBuilder().build_from_entities(tax_benefit_system, case)
    births = simulation.calculate("date_naissance", "2018-02").astype(str).tolist()
    assert births == ["1980-01-01", "1990-06-15"]
