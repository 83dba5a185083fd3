"""The synthetic population: reproducible, valid, every situation present, weights calibrated."""

import numpy
import pyarrow.compute as pc
import pytest

from openfisca_residence.data.files import write_table
from openfisca_residence.data.population import Population
from openfisca_residence.synthetic import generate
from openfisca_residence.synthetic.calibration import ARRIVING_GROUPS, group_sizes
from openfisca_residence.synthetic.published import stock
from openfisca_residence.system.benefits import BENEFITS
from openfisca_residence.variables.sejour.enums import StatutProtection, TitreSejour


def test_the_same_seed_writes_the_same_file_and_another_seed_another(tmp_path):
    for name, seed in [("a", 11), ("b", 11), ("c", 12)]:
        write_table(generate(300, seed), tmp_path / f"{name}.parquet")
        write_table(generate(300, seed), tmp_path / f"{name}.csv")
    for suffix in ("parquet", "csv"):
        first, again, other = (
            (tmp_path / f"{name}.{suffix}").read_bytes() for name in ("a", "b", "c")
        )
        assert first == again
        assert first != other


@pytest.mark.parametrize("persons", [1, 2, 3])
def test_a_population_without_any_third_country_family_is_drawn(persons):
    # The smallest populations often draw no third-country family, hence no career at all.
    for seed in range(8):
        population = Population.from_table(generate(persons, seed))
        assert len(population) == persons
        assert population.months[0] == "2023-01"


def values_over_months(table, name: str) -> set:
    columns = [c for c in table.column_names if c == name or c.startswith(f"{name}@")]
    return {value for column in columns for value in table[column].to_pylist()}


def test_the_generated_population_is_valid_and_covers_every_document(generated):
    population = Population.from_table(generated)
    assert len(population) == 400
    assert population.months[0] == "2023-01" and population.months[-1] == "2024-12"
    assert values_over_months(generated, "titre_sejour") == {item.name for item in TitreSejour}
    protections = values_over_months(generated, "statut_protection")
    assert protections == {item.name for item in StatutProtection}
    assert {"FR", "DZ", "GB", "XX"} <= values_over_months(generated, "nationalite")
    assert set(generated["couverture_maladie"].to_pylist()) == {"aucune", "complete", "cmu", "ame"}


def test_the_situations_the_rules_tell_apart_are_drawn(generated):
    def count(mask):
        return int(numpy.asarray(mask).sum())

    table = generated
    absences = numpy.column_stack(
        [table[f"jours_absence_france@2023-{m:02d}"].to_numpy() for m in range(1, 13)]
    )
    child = numpy.array(table["family_role"].to_pylist()) == "enfant"
    assert count(absences.sum(axis=1) > 365 - 180) > 0  # more than 180 days abroad in 2023
    assert count(child & (absences.sum(axis=1) > 92)) > 0  # children abroad over 3 months
    arrival = table["date_arrivee_france"].to_numpy(zero_copy_only=False)
    assert count(arrival >= numpy.datetime64("2024-10-01")) > 0  # arrived less than 3 months ago
    end = table["titre_sejour_date_fin@2024-06"].to_numpy(zero_copy_only=False)
    assert count(end < numpy.datetime64("2024-06-01")) > 0  # expired, still the last held
    assert table["decision_refus_sejour_date@2024-12"].null_count < len(table)
    assert pc.sum(table["mesure_eloignement_definitive@2024-12"]).as_py() > 0
    assert pc.sum(table["demande_renouvellement_titre@2024-12"]).as_py() > 0
    assert pc.sum(table["entre_en_france_pour_chercher_emploi"]).as_py() > 0
    assert "recepisse_renouvellement" in values_over_months(table, "titre_sejour")
    assert "FR" in table["nationalite@2024-12"].to_pylist()  # some naturalised
    families = numpy.array(table["family_id"].to_pylist())
    assert table["family_id"].null_count == 0  # every person has a family: alone, their own
    sizes = numpy.unique(families, return_counts=True)[1]
    assert (sizes == 1).any() and (sizes > 1).any()


def test_weights_give_the_population_of_the_first_day_and_the_arrivals():
    table = generate(4_000, 5, "2023-01", "2024-12")
    weights = table["weight"].to_numpy()
    sizes = group_sizes("2023-01", "2024-12")
    arriving = sum(sizes[name] for name in ARRIVING_GROUPS)
    # Every group weighs its persons; French and EU families moving in and out weigh for those
    # abroad on a given day: the total exceeds the population by the arrivals and the movers.
    population = stock("population_totale", "2023-01-01").value
    assert weights.sum() == pytest.approx(sum(sizes.values()))
    assert population + arriving < weights.sum() < 1.02 * (population + arriving)
    paid_ame = table["percoit_ame@2023-01"].to_numpy(zero_copy_only=False)
    assert 300_000 < weights[paid_ame].sum() < 600_000  # 422,686 beneficiaries (March 2023)
    rsa = table["percoit_rsa@2023-01"].to_numpy(zero_copy_only=False)
    assert 1_200_000 < weights[rsa].sum() < 2_600_000  # 1.89 million foyers (end 2022)
    for benefit in BENEFITS:
        assert f"percoit_{benefit}@2024-12" in table.column_names


def test_persons_born_or_settled_in_france_are_not_absent_before_an_arrival():
    table = generate(2_000, 2026)
    arrival = table["date_arrivee_france"]
    birth = table["date_naissance"].to_numpy(zero_copy_only=False)
    absences = numpy.column_stack(
        [table[f"jours_absence_france@2023-{m:02d}"].to_numpy() for m in range(1, 13)]
    )
    settled = ~arrival.is_valid().to_numpy(zero_copy_only=False)
    newborn = settled & (birth >= numpy.datetime64("2023-03-01"))
    assert newborn.any()
    assert (absences[newborn, :2] == 0).all()  # no absence counted before birth
    whole_year_abroad = (
        absences == numpy.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
    ).all(axis=1)
    assert whole_year_abroad[settled].mean() < 0.03  # the French and EU families who left
    came = arrival.is_valid().to_numpy(zero_copy_only=False)
    assert (arrival.to_numpy(zero_copy_only=False)[came] > birth[came]).all()
