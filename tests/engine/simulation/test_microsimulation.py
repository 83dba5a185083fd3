"""Microsimulation: chunks of whole families give the results of one simulation, in input order."""

import pickle

import numpy
import pandas
import pyarrow
import pytest
from openfisca_core.periods import MONTH
from openfisca_core.reforms import Reform
from openfisca_core.simulations import SimulationBuilder
from openfisca_core.variables import Variable

from openfisca_residence.data.population import Population
from openfisca_residence.rules.entities import Famille
from openfisca_residence.simulation.chunk import compute_chunk, plan_chunks
from openfisca_residence.simulation.microsimulation import Microsimulation
from openfisca_residence.system.registry import reform_key, tax_benefit_system

MONTHS = [f"2024-{month:02d}" for month in range(1, 13)]
RESIDENCE = ["reside_en_france", "sejour_principal_france", "enfant_reside_en_france"]


class famille_parent_reside_en_france(Variable):
    value_type = bool
    entity = Famille
    definition_period = MONTH
    label = "Un parent de la famille réside en France (variable de test)"
    reference = "Code de la sécurité sociale, art. R.115-6"

    def formula(famille, period):
        return famille.any(famille.members("reside_en_france", period), role=Famille.PARENT)


class with_family_variable(Reform):
    """A reform adding a famille variable, to test famille results."""

    def apply(self):
        self.add_variable(famille_parent_reside_en_france)


def shuffled(table: pyarrow.Table, seed=0) -> pyarrow.Table:
    """The rows in another order: families are no longer contiguous."""
    order = numpy.random.default_rng(seed).permutation(table.num_rows)
    return table.take(pyarrow.array(order))


def test_chunks_hold_whole_families_in_input_order():
    families = numpy.array([0, 1, 0, 2, 2, 3, 1, 4])
    chunks = plan_chunks(families, 5, chunk_size=3)
    # family sizes 2, 2, 2, 1, 1: each family goes where it starts (persons 0, 2, 4, 6, 7)
    assert [c.tolist() for c in chunks] == [[0, 1, 2, 6], [3, 4], [5, 7]]
    for rows in chunks:
        assert sorted(rows) == rows.tolist()
    assert sorted(numpy.concatenate(chunks).tolist()) == list(range(8))


def test_small_chunks_give_the_results_ids_and_totals_of_one_chunk(generated):
    population = Population.from_table(shuffled(generated))  # families not contiguous
    small = Microsimulation(population, chunk_size=7)
    whole = Microsimulation(population, chunk_size=10_000, workers=1)
    assert small.chunk_count > 40 and whole.chunk_count == 1
    by_chunks = small.calculate_many(RESIDENCE, MONTHS).persons
    at_once = whole.calculate_many(RESIDENCE, MONTHS).persons
    assert by_chunks["person_id"].tolist() == population.table["person_id"].to_pylist()
    pandas.testing.assert_frame_equal(by_chunks, at_once)
    for variable in RESIDENCE:
        pandas.testing.assert_series_equal(
            small.total(variable, MONTHS), whole.total(variable, MONTHS)
        )
        weighted = (at_once["weight"] * at_once[f"{variable}@2024-06"]).sum()
        assert small.total(variable, MONTHS)["2024-06"] == pytest.approx(weighted)
    computed = at_once.drop(columns=["person_id", "family_id", "weight"])
    assert computed.any().all() and not computed.all().all()  # true and false both occur


def test_several_variables_at_once_match_one_by_one(generated):
    population = Population.from_table(generated)
    simulation = Microsimulation(population, chunk_size=50)
    results = simulation.calculate_many([*RESIDENCE, "titre_sejour"], MONTHS[:3])
    alone = Microsimulation(population, chunk_size=50)
    for variable in [*RESIDENCE, "titre_sejour"]:
        expected = alone.calculate(variable, MONTHS[:3])
        for month in MONTHS[:3]:
            assert list(results.persons[f"{variable}@{month}"]) == list(expected[month])
    assert results.persons["weight"].sum() == pytest.approx(sum(generated["weight"].to_pylist()))
    assert results.families.columns.tolist() == ["family_id", "reference_person_id", "weight"]


def test_results_equal_a_single_yaml_style_simulation(tax_benefit_system):
    """The same persons, by the situation of a YAML test and by a population table."""
    persons = {
        "paulo": {  # the circular's worked example: 186 days in 2017
            "foyer_permanent_france": {"ETERNITY": False},
            "jours_absence_france": {
                "2017-04": 30,
                "2017-05": 31,
                "2017-06": 30,
                "2017-07": 31,
                "2017-08": 31,
                "2017-09": 16,
                "2017-12": 10,
            },
        },
        "mira": {
            "foyer_permanent_france": {"ETERNITY": False},
            "jours_absence_france": {
                "2017-01": 31,
                "2017-02": 28,
                "2017-03": 31,
                "2017-04": 30,
                "2017-05": 31,
                "2017-06": 14,
                "2017-07": 31,
            },
        },
        "lina": {  # a child abroad in the summer of 2018
            "date_naissance": {"ETERNITY": "2010-05-01"},
            "jours_absence_france": {"2018-06": 30, "2018-07": 31, "2018-08": 31, "2018-09": 3},
        },
        "amadou": {"date_arrivee_france": {"ETERNITY": "2018-01-15"}},
    }
    situation = {
        "individus": persons,
        "familles": {
            "f": {"parents": ["mira"], "enfants": ["lina"]},
            "p": {"parents": ["paulo"]},
            "a": {"parents": ["amadou"]},
        },
    }
    variables = [*RESIDENCE, "residence_prealable_3_mois", "jours_presence_france_retenus"]
    months = ["2018-01", "2018-03", "2018-06", "2018-09", "2018-12"]
    simulation = SimulationBuilder().build_from_entities(tax_benefit_system, situation)
    expected = {(v, m): simulation.calculate(v, m).tolist() for v in variables for m in months}

    columns = {
        "person_id": list(persons),
        "weight": [1.0] * 4,
        "family_id": ["p", "f", "f", "a"],
        "family_role": ["parent", "parent", "enfant", "parent"],
    }
    columns["foyer_permanent_france"] = [False, False, None, None]
    columns["date_naissance"] = [None, None, "2010-05-01", None]
    columns["date_arrivee_france"] = [None, None, None, "2018-01-15"]
    for index, person in enumerate(persons.values()):
        for month, days in person.get("jours_absence_france", {}).items():
            columns.setdefault(f"jours_absence_france@{month}", [None] * 4)[index] = days
    table = Population.from_pandas(pandas.DataFrame(columns))
    results = Microsimulation(table, chunk_size=2).calculate_many(variables, months).persons
    for (variable, month), values in expected.items():
        assert results[f"{variable}@{month}"].tolist() == values, (variable, month)
    # amadou, arrived on 15 January 2018, spent no day of 2017 in France
    assert results["sejour_principal_france@2018-01"].tolist() == [True, False, True, False]


def test_famille_variables_give_one_row_per_family_weighted_by_its_first_parent(generated):
    population = Population.from_table(shuffled(generated, seed=3))
    name = "famille_parent_reside_en_france"
    small = Microsimulation(population, reform=with_family_variable, chunk_size=5)
    whole = Microsimulation(population, reform=with_family_variable, chunk_size=10_000)
    by_chunks, at_once = small.calculate(name, MONTHS[:2]), whole.calculate(name, MONTHS[:2])
    pandas.testing.assert_frame_equal(by_chunks, at_once)
    assert len(by_chunks) == population.families[1]
    table = population.table.to_pandas()
    # Families in order of first appearance of any member; each weighted by its first parent.
    first_parents = {}
    for person_id, weight, family_id, role in zip(
        table["person_id"], table["weight"], table["family_id"], table["family_role"], strict=True
    ):
        key = ("person", person_id) if pandas.isna(family_id) else family_id
        first_parents.setdefault(key, None)
        if role == 0 and first_parents[key] is None:
            first_parents[key] = (person_id, weight)
    assert by_chunks["reference_person_id"].tolist() == [p for p, _ in first_parents.values()]
    assert by_chunks["weight"].tolist() == [w for _, w in first_parents.values()]
    persons = whole.calculate("reside_en_france", MONTHS[:1])
    members = table["family_id"].value_counts()
    alone = by_chunks["family_id"].map(members).fillna(1) == 1
    resident = dict(zip(persons["person_id"], persons["2024-01"], strict=True))
    assert by_chunks.loc[alone, "2024-01"].tolist() == [
        resident[p] for p in by_chunks.loc[alone, "reference_person_id"]
    ]


def test_a_reform_is_named_for_other_processes_and_built_once():
    key = reform_key(with_family_variable)
    assert key.endswith(":with_family_variable")
    assert tax_benefit_system(key) is tax_benefit_system(key)
    assert tax_benefit_system(None) is tax_benefit_system(None)
    with pytest.raises(ValueError, match="Réforme inconnue 'pas_de_telle_reforme'"):
        tax_benefit_system("pas_de_telle_reforme")


def test_the_chunk_function_and_its_arguments_pickle(generated):
    population = Population.from_table(generated)
    chunk = next(iter(Microsimulation(population, chunk_size=50).chunks()))
    arguments = pickle.loads(pickle.dumps((chunk, RESIDENCE, MONTHS[:2], None)))
    function = pickle.loads(pickle.dumps(compute_chunk))
    result = pickle.loads(pickle.dumps(function(*arguments)))
    expected = compute_chunk(chunk, RESIDENCE, MONTHS[:2], None)
    for key, values in expected.persons.items():
        assert result.persons[key].tolist() == values.tolist()
        assert len(values) == chunk.num_rows


def test_an_unknown_variable_is_named_with_the_closest(generated):
    simulation = Microsimulation(Population.from_table(generated))
    with pytest.raises(Exception, match="reside_en_france"):
        simulation.calculate("reside_en_franse", MONTHS[:1])


def test_worker_processes_give_the_same_results(generated):
    """The chunk function runs in other processes (forked: they inherit the population and the
    system, and read their chunk's rows from it)."""
    population = Population.from_table(shuffled(generated.slice(0, 120), seed=5))
    here = Microsimulation(population, chunk_size=30, workers=1)
    there = Microsimulation(population, chunk_size=30, workers=2)
    pandas.testing.assert_frame_equal(
        here.calculate_many(RESIDENCE, MONTHS[:2]).persons,
        there.calculate_many(RESIDENCE, MONTHS[:2]).persons,
    )


def test_months_are_written_as_on_the_command_line(generated):
    simulation = Microsimulation(generated)
    ranged = simulation.calculate("reside_en_france", "2024-01..2024-03")
    listed = simulation.calculate("reside_en_france", ["2024-01", "2024-02", "2024-03"])
    pandas.testing.assert_frame_equal(ranged, listed)
    year = simulation.total("reside_en_france", "2024")
    assert list(year.index) == [f"2024-{m:02d}" for m in range(1, 13)]
    assert simulation.total("reside_en_france", "2024-01,2024-03").index.tolist() == [
        "2024-01",
        "2024-03",
    ]
    with pytest.raises(ValueError, match="is not a month"):
        simulation.total("reside_en_france", "2024-13")


def test_totals_grouped_by_an_input_add_up_to_the_total(generated):
    simulation = Microsimulation(generated)
    by_document = simulation.total("puma_eligible", "2024-06", by="titre_sejour")
    assert by_document.index.name == "titre_sejour"
    assert "carte_resident" in by_document.index
    total = simulation.total("puma_eligible", "2024-06")["2024-06"]
    assert by_document["2024-06"].sum() == pytest.approx(total)
    # A family benefit grouped by a person's input: its reference person's.
    by_group = simulation.total("rsa_eligible", "2024-06", by="nationalite")
    assert by_group["2024-06"].sum() == pytest.approx(
        simulation.total("rsa_eligible", "2024-06")["2024-06"]
    )
    # An enum grouped: one row per value and item.
    documents = simulation.total("titre_sejour", "2024-06", by="groupe_nationalite")
    assert documents.index.names == ["groupe_nationalite", "titre_sejour"]
    assert documents.loc[("francais", "carte_resident"), "2024-06"] == 0


def test_ids_are_whole_numbers_and_a_person_alone_has_a_family():
    frame = pandas.DataFrame(
        {
            "person_id": [1, 2, 3],
            "weight": [1.0, 2.0, 3.0],
            "family_id": [10, None, 10],
            "family_role": ["parent", None, "enfant"],
        }
    )
    simulation = Microsimulation(frame)
    persons = simulation.calculate("reside_en_france", "2024-01")
    assert persons["family_id"].dtype == numpy.int64 and persons["person_id"].dtype == numpy.int64
    assert persons["family_id"].tolist() == [10, 11, 10]  # alone: the next whole number
    families = simulation.calculate("rsa_eligible", "2024-01")
    assert families["family_id"].tolist() == [10, 11]
    assert families["reference_person_id"].tolist() == [1, 2]


def test_forked_workers_write_the_persons_values_in_place(generated):
    """A worker forked here writes its chunk's values at its rows (not contiguous once shuffled)
    and sends back only what it could not write: a text variable's Python objects."""
    population = Population.from_table(shuffled(generated.slice(0, 120), seed=3))
    variables = [*RESIDENCE, "nationalite"]
    there = Microsimulation(population, chunk_size=30, workers=2)
    arrays = there._person_arrays(variables, MONTHS[:1])
    assert ("nationalite", MONTHS[0]) not in arrays
    sent_back = [
        sorted(result.persons) for _, result in there._results(variables, MONTHS[:1], arrays)
    ]
    assert sent_back == [[("nationalite", MONTHS[0])]] * 4
    here = Microsimulation(population, chunk_size=30, workers=1)
    expected = here.calculate_many(variables, MONTHS[:1]).persons
    for name in RESIDENCE:
        numpy.testing.assert_array_equal(arrays[(name, MONTHS[0])], expected[f"{name}@{MONTHS[0]}"])
    pandas.testing.assert_frame_equal(there.calculate_many(variables, MONTHS[:1]).persons, expected)
