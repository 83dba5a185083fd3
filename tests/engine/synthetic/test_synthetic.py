"""The synthetic population: reproducible, valid, every situation present, weights calibrated."""

import numpy
import pyarrow.compute as pc

from openfisca_residence.data.files import write_table
from openfisca_residence.data.population import Population
from openfisca_residence.synthetic import GROUPS, generate
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


def test_the_generated_population_is_valid_and_covers_every_document(generated):
    population = Population.from_table(generated)
    assert len(population) == 400
    assert population.months[0] == "2023-01" and population.months[-1] == "2024-12"
    documents = set(generated["titre_sejour"].to_pylist())
    assert documents == {item.name for item in TitreSejour}
    assert set(generated["statut_protection"].to_pylist()) == {i.name for i in StatutProtection}
    assert {"FR", "DZ", "XX"} <= set(generated["nationalite"].to_pylist())
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
    end = table["titre_sejour_date_fin"].to_numpy(zero_copy_only=False)
    assert count(end < numpy.datetime64("2024-01-01")) > 0  # expired
    assert (
        count((end >= numpy.datetime64("2024-01-01")) & (end <= numpy.datetime64("2024-12-31"))) > 0
    )
    assert table["decision_refus_sejour_date"].null_count < len(table)
    assert pc.sum(table["mesure_eloignement_definitive"]).as_py() > 0
    assert pc.sum(table["entre_en_france_pour_chercher_emploi"]).as_py() > 0
    renewed = table["titre_sejour@2024-12"].to_pylist() + table["titre_sejour@2024-06"].to_pylist()
    assert "recepisse_renouvellement" in renewed
    assert table["family_id"].null_count < len(table)  # families, and persons alone
    assert table["family_id"].null_count > 0


def test_weights_give_the_published_orders_of_magnitude(generated):
    weights = generated["weight"].to_numpy()
    assert weights.sum() == numpy.float64(sum(spec[1] for spec in GROUPS.values()))
    undocumented = numpy.array(generated["couverture_maladie"].to_pylist()) == "ame"
    paid_ame = generated["percoit_ame"].to_numpy(zero_copy_only=False)
    assert 100_000 < weights[paid_ame].sum() < 1_000_000  # about 450,000 (2023)
    rsa = generated["percoit_rsa"].to_numpy(zero_copy_only=False)
    assert 500_000 < weights[rsa].sum() < 5_000_000  # about 1.85 million foyers (2023)
    assert (paid_ame <= undocumented).all()
    for benefit in BENEFITS:
        assert f"percoit_{benefit}" in generated.column_names


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
    assert whole_year_abroad[settled].mean() < 0.01
    came = arrival.is_valid().to_numpy(zero_copy_only=False)
    assert (arrival.to_numpy(zero_copy_only=False)[came] > birth[came]).all()
