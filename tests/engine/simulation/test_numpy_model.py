"""The numpy port of the benefits' rules (benchmarks/numpy_model.py) gives the model's values.

The population benchmark times the model against this port; if a rule of the model changes, this
test fails until the port follows it (the model is the specification).
"""

import sys
from datetime import date
from pathlib import Path

import numpy
import pyarrow
import pytest
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import DateUnit

ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import numpy_model  # noqa: E402
from benchmarks.bench_population import differences, sample_families  # noqa: E402
from openfisca_residence.data.population import validate  # noqa: E402
from openfisca_residence.data.schema import input_variables  # noqa: E402
from openfisca_residence.synthetic import generate  # noqa: E402

MONTHS = ["2025-01", "2025-07"]
HISTORY = [str(m) for m in numpy.arange(numpy.datetime64("2023-11"), numpy.datetime64("2026-01"))]
NATIONALITIES = ["FR", "DE", "GB", "RO", "HR", "PL", "CH", "MA", "DZ", "GA", "TN", "TR", "XX", "SN"]
SENTINELS = ["1900-01-01", "2999-12-31", "2020-03-20", "2020-05-30"]  # defaults, 2020 extensions


def boundaries(months) -> list:
    """The dates the rules turn on: the 1st and the last day of a month computed, so many months
    or years before, and the days around them."""
    dates = []
    for month in months:
        first = numpy.datetime64(month, "M")
        for back in (0, 2, 3, 5, 6, 12, 18, 24, 36, 60, 120, 216, 780):
            day = (first - back).astype("datetime64[D]")
            dates += [day - 1, day, day + 1]
        dates.append((first + 1).astype("datetime64[D]") - 1)
    return dates


DATES = numpy.array(
    SENTINELS + [str(d) for d in boundaries(["2025-02", "2025-12"])], "datetime64[D]"
)


@pytest.fixture(scope="module")
def synthetic():
    return validate(generate(persons=300, seed=11, start="2024-01", end="2025-12"))


def _random_values(rng, variable, count: int) -> pyarrow.Array:
    """Values of any input drawn in its domain, with the dates the rules turn on."""
    kind, name = variable.value_type, variable.name
    if kind is bool:
        return pyarrow.array(rng.random(count) < 0.35)
    if kind is Enum:
        names = [item.name for item in variable.possible_values]
        return pyarrow.array([names[i] for i in rng.integers(0, len(names), count)])
    if kind is date:
        low = "1940-01-01" if name == "date_naissance" else "2017-01-01"
        start = numpy.datetime64(low, "D")
        span = (numpy.datetime64("2026-06-30", "D") - start).astype(int)
        days = rng.integers(0, span, count)
        values = start + days.astype("timedelta64[D]")
        chosen = rng.random(count) < 0.4
        values[chosen] = DATES[rng.integers(0, len(DATES), chosen.sum())]
        return pyarrow.array(values, pyarrow.date32())
    if kind is str:
        return pyarrow.array([NATIONALITIES[i] for i in rng.integers(0, len(NATIONALITIES), count)])
    if kind is int:
        if name == "duree_activite_anterieure_mois":
            return pyarrow.array(rng.choice([0, 1, 11, 12, 13, 40], count).astype(numpy.int32))
        return pyarrow.array(numpy.where(rng.random(count) < 0.5, 0, rng.integers(0, 29, count)))
    if kind is float and name == "heures_travail":
        hours = [0, 0.5, 1, 20, 66.7, 119.9, 120, 151.67, 200, 300.1]
        return pyarrow.array(rng.choice(hours, count).astype(numpy.float32))
    return pyarrow.array(rng.uniform(0, 3500, count).astype(numpy.float32))


def scrambled(table: pyarrow.Table, system, seed: int):
    """The persons and families of `table`, every input drawn at random: a column for every month
    (some cells empty) and columns for some months (some cells empty), history included."""
    rng = numpy.random.default_rng(seed)
    count = table.num_rows
    columns = {name: table[name] for name in ("person_id", "weight", "family_id", "family_role")}
    for name, variable in sorted(input_variables(system).items()):
        eternity = variable.definition_period == DateUnit.ETERNITY
        every = eternity or getattr(variable.set_input, "accepts_eternity", False)
        if every:
            values = _random_values(rng, variable, count)
            columns[name] = pyarrow.array(
                values.to_pylist(), values.type, mask=rng.random(count) < 0.4
            )
        if eternity:
            continue
        for month in HISTORY:
            if every and rng.random() < 0.6:
                continue
            values = _random_values(rng, variable, count)
            empty = rng.random(count) < (0.5 if every else 0.1)
            columns[f"{name}@{month}"] = pyarrow.array(values.to_pylist(), values.type, mask=empty)
    return validate(pyarrow.table(columns), system)


def test_the_port_gives_the_model_values_on_the_synthetic_population(synthetic):
    assert differences(synthetic, MONTHS) == []


@pytest.mark.parametrize("seed", [1, 2])
def test_the_port_gives_the_model_values_when_every_input_varies(tax_benefit_system, seed):
    persons = scrambled(generate(persons=4000, seed=seed), tax_benefit_system, seed)
    found = differences(persons, ["2025-02", "2025-12"])
    assert not found, "\n".join(message for *_, message in found)


def test_chunks_and_samples_of_whole_families_change_nothing(synthetic):
    whole = numpy_model.compute(synthetic, MONTHS)
    chunked = numpy_model.compute(synthetic, MONTHS, chunk_size=40)
    for key, values in whole.persons.items():
        assert (chunked.persons[key] == values).all(), key
    for key, values in whole.families.items():
        assert (chunked.families[key] == values).all(), key
    sample = sample_families(synthetic, 100)
    assert 100 <= len(sample) < 120
    assert differences(sample, MONTHS[:1]) == []


def test_the_port_refuses_months_before_its_law(synthetic):
    with pytest.raises(ValueError, match="from 2021-01"):
        numpy_model.compute(synthetic, ["2020-12"])
