"""The comparison's arithmetic on a hand-checked population, its chunking, and the command."""

import pandas
import pytest

from openfisca_residence import cli
from openfisca_residence.analysis.comparison import BASELINE, compare
from openfisca_residence.data.files import write_table
from openfisca_residence.data.problems import PopulationError
from openfisca_residence.simulation.backends import Backend
from openfisca_residence.synthetic import generate

REFORM = "fin_droits_expiration_sejour"
MONTH = "2027-05"


def row(frame, **where):
    selected = frame
    for column, value in where.items():
        selected = selected[selected[column] == value]
    assert len(selected) == 1, where
    return selected.iloc[0]


def test_counts_losers_reasons_and_undue_payments_by_hand(hand_checked):
    result = compare(hand_checked, [REFORM], [MONTH])
    puma = row(result.summary, benefit="puma", month=MONTH)
    assert (puma.eligible_before, puma.eligible_after, puma.losers, puma.gainers) == (
        130,
        100,
        30,
        0,
    )
    assert puma.unit == "personnes" and puma.net_change == -30
    css = row(result.summary, benefit="css", month=MONTH)
    assert (css.eligible_before, css.eligible_after, css.losers) == (130, 100, 30)
    ame = row(result.summary, benefit="ame", month=MONTH)
    assert (ame.eligible_before, ame.eligible_after) == (5, 5)  # 3 months of irregular stay not yet

    reasons = result.breakdown[
        (result.breakdown.benefit == "puma") & (result.breakdown.dimension == "reason")
    ]
    assert dict(zip(reasons.category, reasons.losers, strict=True)) == {
        "titre_expire": 10,
        "decision_refus_sejour": 20,
    }
    groups = result.breakdown[
        (result.breakdown.benefit == "puma") & (result.breakdown.dimension == "nationality_group")
    ]
    assert dict(zip(groups.category, groups.losers, strict=True)) == {"pays_tiers": 30}
    documents = result.breakdown[
        (result.breakdown.benefit == "puma") & (result.breakdown.dimension == "document")
    ]
    assert dict(zip(documents.category, documents.losers, strict=True)) == {
        "carte_sejour_temporaire": 10,
        "carte_resident": 20,
    }

    undue = result.undue[result.undue.benefit == "puma"]
    assert undue[undue.scenario == BASELINE].empty  # every paid person meets the conditions today
    under_reform = undue[undue.scenario == REFORM]
    assert dict(zip(under_reform.reason, under_reform.paid_while_ineligible, strict=True)) == {
        "titre_expire": 10,
        "decision_refus_sejour": 20,
    }


def test_family_benefits_count_families_with_their_reference_person(hand_checked):
    result = compare(hand_checked, [REFORM], [MONTH], benefits=["rsa"])
    rsa = row(result.summary, benefit="rsa", month=MONTH)
    # Each person is a family of one, weighted as its person. Only the French family meets the
    # conditions: the Malian lacks five years of permits, the undocumented a permit, and the
    # withdrawal refuses the RSA under both laws.
    assert rsa.unit == "foyers"
    assert (rsa.eligible_before, rsa.eligible_after, rsa.losers) == (100, 100, 0)


def assert_same(one, other):
    pandas.testing.assert_frame_equal(one.summary, other.summary, check_exact=False)
    for frame, key in (
        ("breakdown", ["reform", "benefit", "month", "dimension", "category"]),
        ("undue", ["scenario", "benefit", "month", "reason"]),
    ):
        pandas.testing.assert_frame_equal(
            getattr(one, frame).sort_values(key).reset_index(drop=True),
            getattr(other, frame).sort_values(key).reset_index(drop=True),
            check_exact=False,
        )


def test_chunks_give_the_same_comparison():
    population = generate(300, seed=7, start="2026-01", end="2027-06")
    months = ["2027-03", "2027-06"]
    whole = compare(population, [REFORM], months, chunk_size=10_000)
    assert_same(whole, compare(population, [REFORM], months, chunk_size=7))


def test_a_population_in_memory_is_compared_the_same_on_worker_processes():
    population = generate(300, seed=7, start="2026-01", end="2027-06")
    months = ["2027-03", "2027-06"]
    here = compare(population, [REFORM], months, backend=Backend(workers=1))
    forked = compare(population, [REFORM], months, backend=Backend(workers=2, batch_size=60))
    assert_same(here, forked)


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_a_file_is_compared_batch_by_batch_as_in_memory(tmp_path, suffix):
    population = generate(300, seed=7, start="2026-01", end="2027-06")
    path = tmp_path / f"population{suffix}"
    write_table(population, path)
    months = ["2027-03", "2027-06"]
    whole = compare(population, [REFORM], months)
    assert_same(whole, compare(path, [REFORM], months, chunk_size=13))
    assert_same(whole, compare(str(path), [REFORM], months))


def test_a_file_with_bad_rows_is_refused_with_every_problem(tmp_path):
    path = tmp_path / "population.csv"
    write_table(generate(300, seed=7, start="2026-01", end="2027-06"), path)
    population = pandas.read_csv(path, dtype=str, keep_default_na=False)
    population.loc[5, "weight"] = "-1"
    population.loc[250, "nationalite"] = "ZZ"
    population.to_csv(path, index=False)
    with pytest.raises(PopulationError) as error:
        compare(path, [REFORM], ["2027-03"], chunk_size=50)
    message = str(error.value)
    assert "weight" in message and "nationalite" in message


def test_the_command_writes_a_report_whose_numbers_are_the_apis(tmp_path, capsys):
    report = tmp_path / "report"
    code = cli.main(
        [
            "compare",
            "--synthetic",
            "300",
            "--seed",
            "7",
            "--reform",
            REFORM,
            "--months",
            "2027-01..2027-06",
            "--report",
            str(report),
            "--quiet",
        ]
    )
    assert code == 0
    for name in ["report.md", "report.html", "vue_ensemble.csv", "calage.csv", "flux_annuels.csv"]:
        assert (report / name).stat().st_size > 0
    api = compare(
        generate(300, seed=7, start="2026-01", end="2027-06"),
        [REFORM],
        [f"2027-{month:02d}" for month in range(1, 7)],
    )
    puma = row(api.summary, benefit="puma", month="2027-06")
    losers = f"{puma.losers:,.0f}".replace(",", "\u00a0")
    before = f"{puma.eligible_before:,.0f}".replace(",", "\u00a0")
    markdown = (report / "report.md").read_text(encoding="utf-8")
    assert f"| {REFORM} | PUMa | personnes | {before} |" in markdown
    assert f"| {losers}" in markdown
    out = capsys.readouterr().out
    assert losers.replace("\u00a0", " ") in out


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--reform", "fin_droit", "--months", "2027-01"], "Réforme inconnue 'fin_droit'"),
        (["--reform", REFORM, "--months", "2027-13"], "--months"),
        (["--reform", "missing.yaml", "--months", "2027-01"], "missing.yaml"),
        (
            ["--reform", REFORM, "--months", "2027-01", "--backend", "dask"],
            "--backend dask : les processus de calcul lisent un fichier de population ; en "
            "donner un (.parquet), sans --in-memory.",
        ),
        (["--reform", REFORM, "--months", "2027-01", "--chunk-size", "0"], "--chunk-size"),
    ],
)
def test_the_command_names_a_bad_argument(arguments, message, capsys):
    assert cli.main(["compare", "--synthetic", "50", *arguments, "--quiet"]) == 2
    assert message in capsys.readouterr().err


def test_a_parametric_reform_file_is_labelled_by_its_name_in_the_table_and_the_report(
    tmp_path, capsys
):
    named = tmp_path / "deep" / "folder" / "trois.yaml"
    named.parent.mkdir(parents=True)
    named.write_text(
        "nom: maintien_trois_mois\ndescription: Trois mois\ndate_effet: 2027-01-01\n"
        "parametres: {sejour.maintien_droits.duree: 3}\n",
        encoding="utf-8",
    )
    unnamed = tmp_path / "sans_nom.yaml"
    unnamed.write_text(named.read_text().replace("maintien_trois_mois", "''"), encoding="utf-8")
    report = tmp_path / "report"
    arguments = ["compare", "--synthetic", "50", "--months", MONTH, "--quiet"]
    arguments += ["--reform", str(named), "--reform", str(unnamed), "--report", str(report)]
    assert cli.main(arguments) == 0
    table = [line.split("|")[0].strip() for line in capsys.readouterr().out.splitlines()]
    assert "maintien_trois_mois" in table
    assert str(unnamed) in table  # no name: its path
    assert str(named) not in table
    markdown = (report / "report.md").read_text(encoding="utf-8")
    assert markdown.startswith(
        f"# Comparaison avec le droit actuel : maintien_trois_mois, {unnamed}\n"
    )
    assert f"maintien_trois_mois ({named})" in markdown  # where it was read
    assert "| maintien_trois_mois | PUMa |" in markdown
