"""Results that cannot be lost or mixed (issue 18, item 6): `--output` refuses the population file
and an existing file unless `--overwrite`; results and reports are written whole; a result file
records what it was computed from."""

import json
import os
import signal
import subprocess
import sys
import time

import pyarrow
import pyarrow.parquet
import pytest

from openfisca_residence import cli
from openfisca_residence.analysis import report
from openfisca_residence.data.atomic import (
    NotReplacedError,
    file_sha256,
    replaced_folder,
    sha256_meanwhile,
)
from openfisca_residence.data.streaming import METADATA_KEY, ResultWriter


@pytest.fixture(scope="module")
def population(tmp_path_factory):
    path = tmp_path_factory.mktemp("atomic") / "population.parquet"
    assert cli.main(["population", "generate", "--persons", "60", "--output", str(path)]) == 0
    return path


def simulate(population, output, *options, variables="reside_en_france"):
    return cli.main(
        [
            "simulate",
            str(population),
            "--variables",
            variables,
            "--months",
            "2024-01",
            "--output",
            str(output),
            "--quiet",
            *options,
        ]
    )


def test_the_population_file_is_never_the_output(population, capsys):
    before = file_sha256(population)
    for options in ((), ("--overwrite",)):
        assert simulate(population, population, *options) == 2
        assert (
            f"--output {population} : {population} est le fichier de population lu : les "
            "résultats le remplaceraient. Choisir un autre fichier." in capsys.readouterr().err
        )
    assert file_sha256(population) == before


def test_an_existing_output_is_replaced_only_with_overwrite(population, tmp_path, capsys):
    output = tmp_path / "r.parquet"
    assert simulate(population, output) == 0
    written = output.stat().st_mtime_ns
    assert simulate(population, output) == 2
    assert (
        f"--output {output} : {output} existe déjà ; donner --overwrite pour le remplacer, ou "
        "choisir un autre fichier." in capsys.readouterr().err
    )
    assert output.stat().st_mtime_ns == written
    assert simulate(population, output, "--overwrite") == 0
    assert cli.main(["population", "generate", "--persons", "5", "--output", str(output)]) == 2
    assert "donner --overwrite" in capsys.readouterr().err


def test_the_families_file_goes_with_its_results(population, tmp_path):
    output = tmp_path / "r.parquet"
    families = tmp_path / "r.familles.parquet"
    assert simulate(population, output, variables="reside_en_france,rsa_eligible") == 0
    assert families.exists()
    # New results without famille variable: the families' file of the old ones goes with them.
    assert simulate(population, output, "--overwrite") == 0
    assert not families.exists()
    # A families' file left alone (its results removed by hand) is not overwritten silently.
    families.write_bytes(b"x")
    output.unlink()
    assert simulate(population, output, variables="reside_en_france,rsa_eligible") == 2


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_a_result_file_records_what_it_was_computed_from(population, tmp_path, suffix):
    output = tmp_path / f"r{suffix}"
    reform = "fin_droits_expiration_sejour"
    assert simulate(population, output, "--reform", reform) == 0
    if suffix == ".parquet":
        metadata = json.loads(pyarrow.parquet.read_schema(output).metadata[METADATA_KEY])
    else:
        metadata = json.loads((tmp_path / "r.csv.metadata.json").read_text())
    assert metadata["package"] == "openfisca-residence" and metadata["version"]
    assert (metadata["reform"], metadata["months"], metadata["entity"]) == (
        reform,
        ["2024-01"],
        "individu",
    )
    assert metadata["population"] == {"file": str(population), "sha256": file_sha256(population)}


def test_a_report_is_replaced_whole_or_not_at_all(tmp_path, monkeypatch):
    folder = tmp_path / "rapport"
    with replaced_folder(folder, "report.md") as partial:
        (partial / "report.md").write_text("ancien")
        (partial / "ancien.png").write_text("x")
    assert sorted(os.listdir(folder)) == ["ancien.png", "report.md"]

    def killed(_comparison, partial, *_arguments):  # killed after its first plot
        (partial / "perdants_par_prestation.png").write_text("nouveau")
        raise KeyboardInterrupt

    monkeypatch.setattr(report, "_write_report", killed)
    with pytest.raises(KeyboardInterrupt):
        report.write_report(None, folder, "titre")
    assert (folder / "report.md").read_text() == "ancien"  # the previous report, untouched
    assert sorted(os.listdir(tmp_path)) == ["rapport"]  # and no partial folder left
    (tmp_path / "autre").mkdir()
    (tmp_path / "autre" / "notes.txt").write_text("à garder")
    with pytest.raises(NotReplacedError, match="is not a previous report"):
        report.write_report(None, tmp_path / "autre", "titre")
    assert (tmp_path / "autre" / "notes.txt").read_text() == "à garder"


def test_compare_killed_while_writing_its_report_leaves_the_previous_one(tmp_path):
    folder = tmp_path / "rapport"
    command = [sys.executable, "-m", "openfisca_residence.cli", "compare", "--synthetic", "300"]
    command += ["--reform", "fin_droits_expiration_sejour", "--months", "2027-01", "--quiet"]
    assert subprocess.run([*command, "--report", str(folder)], capture_output=True).returncode == 0
    before = {path.name: path.read_bytes() for path in folder.iterdir()}
    run = subprocess.Popen([*command, "--report", str(folder)], stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while run.poll() is None and time.monotonic() < deadline:
        if any(path.name.endswith(".partial") for path in tmp_path.iterdir()):
            run.send_signal(signal.SIGKILL)  # while the new report is written
            break
        time.sleep(0.005)
    assert run.wait(60) == -signal.SIGKILL  # killed while the report was being written
    assert {path.name: path.read_bytes() for path in folder.iterdir()} == before


def test_a_population_is_hashed_meanwhile_and_its_error_given_to_whoever_waits(tmp_path):
    population = tmp_path / "population.parquet"
    population.write_bytes(b"PAR1" + bytes(range(256)) * 5000)
    assert sha256_meanwhile(population)() == file_sha256(population)
    hashed = sha256_meanwhile(tmp_path / "missing.parquet")
    with pytest.raises(FileNotFoundError):
        hashed()


def test_a_writer_asks_for_its_metadata_once_at_its_first_write(tmp_path):
    asked = []
    writer = ResultWriter(
        tmp_path / "r.parquet", lambda: asked.append(1) or {"months": ["2024-01"]}
    )
    assert asked == []
    for _ in range(2):
        writer.write(pyarrow.table({"person_id": [1, 2]}))
    writer.close()
    assert asked == [1]
    metadata = json.loads(
        pyarrow.parquet.read_schema(tmp_path / "r.parquet").metadata[METADATA_KEY]
    )
    assert metadata == {"months": ["2024-01"]}
