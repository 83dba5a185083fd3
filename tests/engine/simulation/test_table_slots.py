"""Results handed from forked workers through shared memory: read where they lie, the same as
computed here; tables too large for their slot, and workers that cannot inherit, still heard."""

import multiprocessing

import pyarrow
import pyarrow.parquet
import pytest

from openfisca_residence.data import streaming
from openfisca_residence.simulation import files, table_slots
from openfisca_residence.simulation.backends import Backend
from openfisca_residence.simulation.files import simulate_file
from openfisca_residence.simulation.table_slots import Held, TableSlots, slot_capacity

VARIABLES = ["reside_en_france", "rsa_eligible", "rsa_motif_refus"]  # rsa_eligible: a famille's
MONTHS = ["2024-01", "2024-06"]


def _tables(rows: int) -> dict[str, pyarrow.Table]:
    items = pyarrow.array(["aucun", "residence"])
    return {
        "individu": pyarrow.table(
            {
                "person_id": pyarrow.array(range(rows), pyarrow.int64()),
                "rsa_eligible@2024-01": [i % 3 == 0 for i in range(rows)],
                "rsa_motif_refus@2024-01": pyarrow.DictionaryArray.from_arrays(
                    pyarrow.array([i % 2 for i in range(rows)], pyarrow.int16()), items
                ),
            }
        ),
        "famille": pyarrow.table({"family_id": pyarrow.array(range(rows // 2), pyarrow.int64())}),
    }


def _put(slots: TableSlots, number: int, rows: int, answer) -> None:
    answer.send(slots.put(number, _tables(rows)))


def test_a_forked_worker_puts_tables_that_are_read_here_where_they_lie():
    slots = TableSlots(3, slot_capacity(1000, 8 * 3, 4))
    receiving, sending = multiprocessing.get_context("fork").Pipe(duplex=False)
    worker = multiprocessing.get_context("fork").Process(
        target=_put, args=(slots, 4, 1000, sending)
    )
    worker.start()
    held = receiving.recv()
    worker.join()
    assert worker.exitcode == 0
    assert isinstance(held, Held) and held.slot == 4 % 3
    tables = slots.take(held)
    assert tables.keys() == {"individu", "famille"}
    for name, table in _tables(1000).items():
        assert tables[name].equals(table)
    start = pyarrow.py_buffer(slots.memory[held.slot]).address
    address = tables["individu"]["person_id"].chunk(0).buffers()[1].address
    assert start <= address < start + slots.capacity  # not copied


def test_tables_larger_than_their_slot_are_handed_as_they_are():
    slots = TableSlots(2, 4096)
    tables = _tables(10_000)
    assert slots.put(0, tables) is tables
    assert slots.take(tables) is tables
    assert isinstance(slots.put(1, _tables(5)), Held)  # the slot's next partition, small: put


@pytest.fixture
def taken(monkeypatch) -> list:
    """What this process takes from the slots, partition by partition."""
    held = []
    take = TableSlots.take
    monkeypatch.setattr(TableSlots, "take", lambda self, h: held.append(h) or take(self, h))
    return held


def _simulated(path, output, workers, batch_size=60):
    backend = Backend(workers=workers, batch_size=batch_size)
    done = simulate_file(path, output, VARIABLES, MONTHS, backend=backend)
    persons = pyarrow.parquet.read_table(output).replace_schema_metadata()
    families = pyarrow.parquet.read_table(files.families_path(output)).replace_schema_metadata()
    return done, persons, families


def test_two_workers_write_through_slots_the_files_one_process_writes(generated, tmp_path, taken):
    path = tmp_path / "population.parquet"
    streaming.write_population(generated, path, row_group=60)
    alone, persons, families = _simulated(path, tmp_path / "one.parquet", workers=1)
    assert taken == []  # one process: no slot
    pooled, pooled_persons, pooled_families = _simulated(path, tmp_path / "two.parquet", 2)
    assert len(taken) == pooled.partitions > 2 and all(isinstance(h, Held) for h in taken)
    assert pooled_persons.equals(persons) and pooled_families.equals(families)
    assert pooled.counts == alone.counts
    for key in alone.totals:
        assert pooled.totals.value(*key) == alone.totals.value(*key)


def test_slots_too_small_for_a_partition_leave_its_tables_to_the_pipe(
    generated, tmp_path, monkeypatch, taken
):
    """Tables larger than their slot (texts longer than counted): pickled, the same."""
    path = tmp_path / "population.parquet"
    streaming.write_population(generated, path, row_group=60)
    _, persons, families = _simulated(path, tmp_path / "one.parquet", workers=1)
    monkeypatch.setattr(files, "slot_capacity", lambda rows, row_bytes, columns: 2048)
    _, small_persons, small_families = _simulated(path, tmp_path / "two.parquet", 2)
    assert taken and all(isinstance(h, dict) for h in taken)
    assert small_persons.equals(persons) and small_families.equals(families)


def test_memory_the_system_will_not_reserve_leaves_the_tables_to_the_pipe(
    generated, tmp_path, monkeypatch, taken
):
    path = tmp_path / "population.parquet"
    streaming.write_population(generated, path, row_group=60)
    _, persons, families = _simulated(path, tmp_path / "one.parquet", workers=1)

    def refused(*arguments):
        raise OSError(12, "Cannot allocate memory")

    monkeypatch.setattr(table_slots.mmap, "mmap", refused)
    _, pooled_persons, pooled_families = _simulated(path, tmp_path / "two.parquet", 2)
    assert taken == []  # no slot made
    assert pooled_persons.equals(persons) and pooled_families.equals(families)
