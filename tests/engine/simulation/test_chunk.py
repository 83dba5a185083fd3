"""A chunk's inputs as its columns give them: any slice of the table, empty cells filled."""

import pandas
import pytest

from openfisca_residence.data.population import Population
from openfisca_residence.simulation.chunk import build_simulation

EVERY_MONTH = [True, False, True, True, False, False, True, False, True, True, True]
FEBRUARY = [None, True, False, None, None, True, None, False, None, False, True]
NATIONALITIES = ["FR", "DZ", "FR", "IT", None, "MA", "FR", "DZ", "SN", "FR", "GB"]


@pytest.fixture(scope="module")
def table():
    count = len(EVERY_MONTH)
    return Population.from_pandas(
        pandas.DataFrame(
            {
                "person_id": [f"p{n}" for n in range(count)],
                "family_id": [f"f{n}" for n in range(count)],
                "weight": [1.0] * count,
                "family_role": ["parent"] * count,
                "foyer_permanent_france": EVERY_MONTH,
                "foyer_permanent_france@2024-02": FEBRUARY,
                "nationalite@2024-02": NATIONALITIES,
            }
        )
    ).table


@pytest.mark.parametrize(("start", "stop"), [(0, 11), (3, 11), (9, 10), (1, 9)])
def test_booleans_and_texts_of_any_slice_of_the_table(table, tax_benefit_system, start, stop):
    simulation = build_simulation(table.slice(start, stop - start), tax_benefit_system)
    january = simulation.calculate("foyer_permanent_france", "2024-01").tolist()
    february = simulation.calculate("foyer_permanent_france", "2024-02").tolist()
    assert january == EVERY_MONTH[start:stop]
    # a chunk's array holds its own rows, not the population's before them (a byte's bits at most)
    array = simulation.calculate("foyer_permanent_france", "2024-01")
    assert array.base is None or array.base.size <= len(array) + 7
    # an empty cell of the month takes the every-month column's value
    filled = [m if m is not None else e for m, e in zip(FEBRUARY, EVERY_MONTH, strict=True)]
    assert february == filled[start:stop]
    nationalities = simulation.calculate("nationalite", "2024-02").tolist()
    default = tax_benefit_system.variables["nationalite"].default_value
    assert nationalities == [n if n is not None else default for n in NATIONALITIES][start:stop]
