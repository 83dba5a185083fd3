"""Arrow tables handed from forked worker processes to the process that forked them, through
memory they share: the results of `simulate_file`'s partitions on their way to its writer.

    slots = TableSlots(5, slot_capacity(rows, row_bytes, columns))        # before the fork
    held = slots.put(number, {"individu": persons, "famille": families})  # in a worker
    tables = slots.take(held)                                             # here, zero-copy

A worker writes the tables of its partition number `number` in slot `number % count`, as an
Arrow IPC stream, and returns where they lie (a few bytes); this process reads them where they
lie, without copying them, until it asks for the next result. Tables larger than their slot
travel as they are (pickled), as they do to a spawned worker or on Dask.

Why: the results of a 100,000-person partition (18 variables × 12 months, 35 MB) crossed the
pool's pipe by 64 kB: the workers spent 2.5 to 3.5 s of system time writing them at 1M persons,
this process 1.2 s reading them into fresh pages (215,000 faults), on two cores the three
share. Through reused slots: 0.4 s here (47,000 faults), and the workers 1.1 to 1.4 s.
"""

from __future__ import annotations

import mmap
from dataclasses import dataclass

import pyarrow

SLOT_MARGIN = 1 << 20  # bytes beyond the columns' values: the IPC messages' headers and padding


def slot_capacity(rows: int, row_bytes: int, columns: int) -> int:
    """The bytes of a slot that holds `rows` rows of `row_bytes` bytes in `columns` columns,
    with the Arrow IPC stream's schema, headers and 64-byte padding of each buffer."""
    return rows * row_bytes + columns * 3 * 64 + SLOT_MARGIN


@dataclass(frozen=True)
class Held:
    """Where a worker put its tables: the slot, and each table's (offset, length) in it."""

    slot: int
    places: tuple[tuple[str, int, int], ...]


class TableSlots:
    """`count` slots of `capacity` bytes of anonymous shared memory, made before the workers are
    forked. The memory is reserved, not taken: a page counts once something is written in it."""

    def __init__(self, count: int, capacity: int) -> None:
        self.capacity = capacity
        self.memory = [mmap.mmap(-1, capacity) for _ in range(count)]

    def put(self, number: int, tables: dict[str, pyarrow.Table]) -> Held | dict:
        """In a worker: the tables written in slot `number % count`, and where; or the tables
        themselves when they do not fit."""
        slot = number % len(self.memory)
        sink = pyarrow.FixedSizeBufferWriter(pyarrow.py_buffer(self.memory[slot]))
        places = []
        for name, table in tables.items():
            offset = sink.tell()
            try:
                with pyarrow.ipc.new_stream(sink, table.schema) as stream:
                    stream.write_table(table)
            except OSError:  # "Write out of bounds": the slot is too small for them
                return tables
            places.append((name, offset, sink.tell() - offset))
        return Held(slot, tuple(places))

    def take(self, held: Held | dict) -> dict[str, pyarrow.Table]:
        """Here: the tables a worker put, read where they lie (valid until the slot's next
        partition is sent: write them before asking for the next result)."""
        if isinstance(held, dict):
            return held
        memory = pyarrow.py_buffer(self.memory[held.slot])
        return {
            name: pyarrow.ipc.open_stream(memory.slice(offset, length)).read_all()
            for name, offset, length in held.places
        }
