"""Streaming: files read batch by batch, families whole, results written in the file's order."""

import itertools

import numpy
import pandas
import pyarrow
import pyarrow.csv
import pyarrow.parquet
import pytest

from openfisca_residence import cli, synthetic
from openfisca_residence.data import streaming
from openfisca_residence.data.population import Population
from openfisca_residence.data.problems import PopulationError
from openfisca_residence.data.streaming import ScatteredFamiliesError, read_ranges, scan
from openfisca_residence.simulation.backends import Backend
from openfisca_residence.simulation.files import simulate_file
from openfisca_residence.simulation.microsimulation import Microsimulation

VARIABLES = ["reside_en_france", "rsa_eligible", "rsa_motif_refus", "aah_eligible"]
MONTHS = ["2024-01", "2024-06"]


def expected(table: pyarrow.Table):
    """The results and totals of the whole population in one process (issue 8's API)."""
    simulation = Microsimulation(Population.from_table(table))
    results = simulation.calculate_many(VARIABLES, MONTHS)
    return simulation, results


def assert_same(output, table, done):
    simulation, results = expected(table)
    persons = pandas.read_parquet(output) if output.suffix == ".parquet" else None
    if persons is None:
        persons = pandas.read_csv(output)
    assert persons["person_id"].tolist() == table["person_id"].to_pylist()  # every row, in order
    assert persons["weight"].tolist() == table["weight"].to_pylist()
    for column in results.persons.columns[3:]:
        assert persons[column].astype(str).tolist() == results.persons[column].astype(str).tolist()
    families = output.with_name(f"{output.stem}.familles{output.suffix}")
    families = pandas.read_parquet(families) if output.suffix == ".parquet" else None
    if families is not None:
        for column in results.families.columns[3:]:
            assert families[column].tolist() == results.families[column].tolist()
    for variable in VARIABLES:  # exactly the same floats
        pandas.testing.assert_series_equal(
            done.total(variable, MONTHS).squeeze(), simulation.total(variable, MONTHS).squeeze()
        ) if not isinstance(done.total(variable, MONTHS), pandas.DataFrame) else (
            pandas.testing.assert_frame_equal(
                done.total(variable, MONTHS), simulation.total(variable, MONTHS)
            )
        )


def test_row_groups_cut_across_families_give_whole_families(generated, tmp_path, monkeypatch):
    """A file written without regard to families: the reader carries the family begun over
    (row groups of more than FIT times a range: read in record batches)."""
    path = tmp_path / "population.parquet"
    pyarrow.parquet.write_table(generated, path, row_group_size=200)
    monkeypatch.setattr(streaming, "READ_ROWS", 23)  # record batches end inside families
    scanned = scan(path)
    ranges = scanned.ranges(50)
    assert len(ranges) > 5
    family = generated["family_id"].to_numpy(zero_copy_only=False)
    for (start, stop), table in zip(ranges, read_ranges(path, ranges), strict=True):
        assert table.num_rows == stop - start
        assert table["person_id"].to_pylist() == generated["person_id"][start:stop].to_pylist()
        if stop < len(family) and not numpy.isnan(family[stop]):
            assert family[stop] != family[stop - 1]  # no family cut
    output = tmp_path / "results.parquet"
    done = simulate_file(path, output, VARIABLES, MONTHS, backend=Backend(batch_size=50))
    assert done.partitions == len(ranges)
    assert_same(output, generated, done)
    assert not list(tmp_path.glob(".*partial"))


def test_row_groups_that_fit_the_ranges_are_read_range_by_range(generated, tmp_path, monkeypatch):
    """A file of row groups on family boundaries (`write_population`): each range read from its
    own row groups, never through record batches that would keep whole groups."""
    path = tmp_path / "population.parquet"
    streaming.write_population(generated, path, row_group=64)
    ranges = scan(path).ranges(90)

    def refused(path):
        raise AssertionError("read in record batches")

    monkeypatch.setattr(streaming, "_record_batches", refused)
    for (start, stop), table in zip(ranges, read_ranges(path, ranges), strict=True):
        assert table.equals(generated.slice(start, stop - start))


def test_a_file_footer_is_read_once_while_the_file_stays_the_same(generated, tmp_path, monkeypatch):
    """Each range read opens the file: its footer (every column of every row group) is parsed
    once per process, and again when the file at that path is rewritten."""
    path = tmp_path / "population.parquet"
    streaming.write_population(generated, path, row_group=64)
    parsed = []
    read_metadata = pyarrow.parquet.read_metadata
    monkeypatch.setattr(
        pyarrow.parquet, "read_metadata", lambda where: parsed.append(where) or read_metadata(where)
    )
    ranges = scan(path).ranges(90)
    for start, stop in ranges:
        assert streaming.read_range(path, start, stop).equals(generated.slice(start, stop - start))
    assert len(parsed) == 1
    rewritten = generated.slice(0, 100)
    streaming.write_population(rewritten, path, row_group=40)
    assert streaming.read_range(path, 0, 100).equals(rewritten)
    assert len(parsed) == 2


def test_a_range_of_a_large_row_group_is_read_column_block_by_block(
    generated, tmp_path, monkeypatch
):
    """A row group of more than FIT times the range's rows: decoded a few columns at a time, each
    block cut to the range; the same rows, columns and types as the range of the whole file."""
    path = tmp_path / "population.parquet"
    pyarrow.parquet.write_table(generated, path)  # one row group
    monkeypatch.setattr(streaming, "COLUMN_BLOCK", 7)
    whole = pyarrow.parquet.read_table(path)
    start, stop = 40, 75
    assert pyarrow.parquet.ParquetFile(path).metadata.num_rows > streaming.FIT * (stop - start)
    found = streaming.read_range(path, start, stop)
    assert found.schema == whole.schema
    assert found.equals(whole.slice(start, stop - start))
    assert found.column(0).chunks[0].offset == 0  # copied: not a view of the whole group


def test_the_generator_writes_row_groups_on_family_boundaries(tmp_path):
    path = tmp_path / "population.parquet"
    assert synthetic.write(path, 700, seed=3, block=300) == 700
    file = pyarrow.parquet.ParquetFile(path)
    assert file.metadata.num_row_groups == 3
    families = [file.read_row_group(i)["family_id"].to_pylist() for i in range(3)]
    for before, after in itertools.pairwise(families):
        assert before[-1] is None or before[-1] not in after
    table = pyarrow.parquet.read_table(path)
    assert table["person_id"].to_pylist() == list(range(1, 701))
    assert sum(table["weight"].to_pylist()) == pytest.approx(
        sum(synthetic.generate(300, 3)["weight"].to_pylist()), rel=1e-9
    )
    again = tmp_path / "again.parquet"
    synthetic.write(again, 700, seed=3, block=300)
    assert pyarrow.parquet.read_table(again).equals(table)  # same seed and size, same file
    small = tmp_path / "small.parquet"
    synthetic.write(small, 200, seed=3)
    assert pyarrow.parquet.read_table(small).equals(synthetic.generate(200, 3))


def test_workers_and_csv_files_stream_alike(generated, tmp_path):
    path = tmp_path / "population.csv"
    streaming.write_population(generated, path)
    output = tmp_path / "results.csv"
    done = simulate_file(path, output, VARIABLES, MONTHS, backend=Backend(batch_size=90))
    assert_same(output, generated, done)
    parquet = tmp_path / "population.parquet"
    streaming.write_population(generated, parquet, row_group=64)
    pooled = simulate_file(
        parquet,
        tmp_path / "pooled.csv",
        VARIABLES,
        MONTHS,
        backend=Backend(workers=2, batch_size=90),
    )
    assert pandas.read_csv(tmp_path / "pooled.csv").equals(pandas.read_csv(output))
    assert pooled.totals.sums.keys() == done.totals.sums.keys()
    for key in done.totals:
        assert pooled.totals.value(*key) == done.totals.value(*key)


def test_problems_of_every_batch_are_reported_at_once_with_rows_of_the_file(generated, tmp_path):
    table = generated.slice(0, 200)
    ids = table["person_id"].to_pylist()
    ids[150] = ids[3]  # a person_id repeated in two batches
    days = table["jours_absence_france@2024-01"].to_pylist()
    days[10], days[170] = 40, 33  # out of the month, in two batches
    table = table.set_column(0, "person_id", pyarrow.array(ids))
    index = table.schema.get_field_index("jours_absence_france@2024-01")
    table = table.set_column(index, "jours_absence_france@2024-01", pyarrow.array(days))
    path = tmp_path / "population.parquet"
    streaming.write_population(table, path, row_group=40)
    output = tmp_path / "results.parquet"
    with pytest.raises(PopulationError) as raised:
        simulate_file(path, output, VARIABLES, MONTHS, backend=Backend(batch_size=40))
    message = str(raised.value)
    assert "duplicate person_id: 2 cells in 2 rows" in message
    assert "row 4 " in message and "row 151 " in message
    assert "2 cells in 2 rows" in message.split("value out of its domain")[1]
    assert "row 11 " in message and "row 171 " in message
    assert not output.exists() and not list(tmp_path.glob(".*partial"))


def test_scattered_families_are_refused_or_read_whole(generated, tmp_path, capsys):
    order = numpy.random.default_rng(0).permutation(generated.num_rows)
    path = tmp_path / "scattered.parquet"
    pyarrow.parquet.write_table(generated.take(pyarrow.array(order)), path)
    with pytest.raises(ScatteredFamiliesError, match="not on consecutive rows"):
        scan(path)
    arguments = ["simulate", str(path), "--variables", "reside_en_france", "--months", "2024-01"]
    output = ["--output", str(tmp_path / "r.parquet"), "--quiet"]
    assert cli.main(arguments + output) == 2
    assert "--in-memory" in capsys.readouterr().err
    assert cli.main([*arguments, *output, "--in-memory"]) == 0
    assert len(pandas.read_parquet(tmp_path / "r.parquet")) == generated.num_rows


def test_a_results_file_keeps_the_values_and_the_statistics_of_its_plain_columns(tmp_path):
    """An enum's items and country codes (dictionaries) are written without min/max statistics,
    which cost a third of the writing; their values are read back the same."""
    table = pyarrow.table(
        {
            "person_id": [1, 2, 3],
            "rsa_eligible@2024-01": [True, False, True],
            "rsa_motif_refus@2024-01": pyarrow.array(
                ["aucun", "residence", "aucun"]
            ).dictionary_encode(),
        }
    )
    writer = streaming.ResultWriter(tmp_path / "results.parquet", {"months": ["2024-01"]})
    writer.write(table)
    writer.close()
    file = pyarrow.parquet.ParquetFile(tmp_path / "results.parquet")
    group = file.metadata.row_group(0)
    assert [group.column(i).is_stats_set for i in range(3)] == [True, True, False]
    assert file.read().column("rsa_motif_refus@2024-01").to_pylist() == [
        "aucun",
        "residence",
        "aucun",
    ]


def test_computed_columns_are_written_as_never_missing(generated, tmp_path):
    """No definition level per cell (Parquet's `required`): a sixth of the writing."""
    path = tmp_path / "population.parquet"
    streaming.write_population(generated, path)
    output = tmp_path / "results.parquet"
    simulate_file(path, output, VARIABLES, MONTHS, backend=Backend(workers=1, batch_size=150))
    for written in (output, output.with_name("results.familles.parquet")):
        schema = pyarrow.parquet.ParquetFile(written).schema_arrow
        computed = [field for field in schema if "@" in field.name]
        assert computed and not any(field.nullable for field in computed)
    persons = pyarrow.parquet.read_table(output)
    assert persons["rsa_motif_refus@2024-01"].null_count == 0
