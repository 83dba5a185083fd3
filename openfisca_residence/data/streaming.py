"""Population files read and results written batch by batch, families whole, rows in order.

A file of 10 million persons never sits whole in memory:

1. `scan(path)` reads only `person_id` and `family_id` (a few bytes a person, dropped after the
   scan), checks what no batch can check alone (a person_id repeated in two batches, a family
   whose rows are not next to each other), and finds where each family starts;
2. `Scan.ranges(size)` cuts the rows into ranges of about `size` persons on family boundaries;
3. `read_ranges(path, ranges)` gives each range's rows, in order: from the range's own row
   groups when they fit it (a Parquet file written by `write_population`), otherwise reading
   the file sequentially (Parquet record batches, CSV blocks): rows read past a range's end, a
   family begun, are carried over to the next range, so that a file written without regard to
   families still gives whole families; `read_range(path, start, stop)` reads one range of a Parquet file directly (what a
   Dask worker does);
4. `ResultWriter` appends each range's results to a Parquet file (one row group per range) or a
   CSV file, under a temporary name that takes the final one only when every range is written;
   what it was computed from (`metadata`) goes in the Parquet file's metadata (key
   `openfisca_residence`), or beside a CSV file (`NAME.csv.metadata.json`).

`write_population(table, path)` writes a population with its row groups on family boundaries,
so that a reader never needs to carry a family over (the synthetic generator writes this way).
"""

from __future__ import annotations

import functools
import itertools
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy
import pyarrow
import pyarrow.compute as pc
import pyarrow.csv
import pyarrow.parquet

from openfisca_residence.data.columns import as_mask, identifiers
from openfisca_residence.data.problems import SHOWN, PopulationError, Problem, cell, no_persons
from openfisca_residence.data.schema import FAMILY_ID, PERSON_ID

READ_ROWS = 65_536  # rows of one Parquet record batch read at a time
CSV_BLOCK = 16 << 20  # bytes of CSV parsed at a time
ROW_GROUP = 100_000  # persons of a row group written by `write_population`
COLUMN_BLOCK = 64  # columns decoded at a time by `read_range` in row groups larger than its range
# A range fits its row groups when they hold at most FIT times its rows (ranges and row groups of
# about the same size, on family boundaries, overlap by a group at each end at most).
FIT = 3
SUFFIXES = (".parquet", ".csv")


class ScatteredFamiliesError(ValueError):
    """A file whose families are not on consecutive rows: it cannot be read batch by batch."""


@dataclass
class Scan:
    """What a file's ids say: its row count, the first row of each family, its problems."""

    path: Path
    rows: int
    family_starts: numpy.ndarray  # the first row of each family, in order
    problems: list[Problem] = field(default_factory=list)

    def ranges(self, size: int) -> list[tuple[int, int]]:
        """Consecutive [start, stop) ranges of whole families, of about `size` persons each: a
        family goes whole into the range where it starts (as `microsimulation.plan_chunks`)."""
        if size < 1:
            raise ValueError("A batch holds 1 person or more.")
        if not self.rows:
            return []
        chunk = self.family_starts // size
        firsts = self.family_starts[numpy.r_[0, numpy.flatnonzero(numpy.diff(chunk)) + 1]]
        bounds = [*firsts.tolist(), self.rows]
        return list(itertools.pairwise(bounds))


def scan(path: str | Path) -> Scan:
    """Read a file's `person_id` and `family_id` only; check the ids across the whole file.

    Raises `PopulationError` when the file cannot be read, `ScatteredFamiliesError` when a family's
    rows are not next to each other. Duplicate person_ids are returned as problems (reported
    with the problems of the batches).
    """
    path = Path(path)
    names = column_names(path)
    rows = row_count(path)
    if rows is None:  # a CSV: counted while its first column is read
        rows = len(read_columns(path, names[:1], texts=True)[0]) if names else 0
    # One column at a time, each dropped after its check: the peak stays a few bytes a person.
    problems = [] if rows else [no_persons()]
    if PERSON_ID in names:
        problems += _duplicates(read_columns(path, [PERSON_ID], texts=True)[0])
    family_id = None
    if FAMILY_ID in names:
        family_id = identifiers(_one(read_columns(path, [FAMILY_ID], texts=True)[0]))
    starts = _family_starts(family_id, rows, path)
    del family_id
    pyarrow.default_memory_pool().release_unused()  # the columns' buffers, back to the system
    return Scan(path, rows, starts, problems)


def _duplicates(column) -> list[Problem]:
    ids = identifiers(_one(column))
    if pyarrow.types.is_integer(ids.type):  # sorted in numpy: less memory than a hash table
        values = _sorted(ids.drop_null().to_numpy())
        repeated = pyarrow.array(numpy.unique(values[1:][values[1:] == values[:-1]]))
        del values
    else:
        counts = pc.value_counts(ids)
        repeated = counts.field("values").filter(pc.greater(counts.field("counts"), 1))
        repeated = repeated.filter(pc.is_valid(repeated))
    if not len(repeated):
        return []
    rows = numpy.flatnonzero(as_mask(pc.is_in(ids, repeated)))
    shown = [cell(ids, row) for row in rows[:SHOWN]]
    return [Problem("duplicate_person_id", PERSON_ID, rows, shown, persons=list(shown))]


def _sorted(values: numpy.ndarray) -> numpy.ndarray:
    """The ids in increasing order: as they are when a file numbers its persons or families in
    order (a look, instead of a sort of 10 million ids: 0.2 s)."""
    return values if (values[1:] > values[:-1]).all() else numpy.sort(values)


def _family_starts(family_id, rows: int, path: Path) -> numpy.ndarray:
    """The first row of each family; a family's rows must be consecutive."""
    if family_id is None or family_id.null_count == rows:
        return numpy.arange(rows, dtype=numpy.int64)
    given = ~as_mask(pc.is_null(family_id))
    same = numpy.zeros(rows, dtype=bool)  # the row continues the family of the row before
    if rows > 1:
        equal = pc.equal(family_id.slice(1), family_id.slice(0, rows - 1))
        same[1:] = as_mask(equal)
    starts = numpy.flatnonzero(~same)
    begun = pc.filter(family_id, pyarrow.array(given & ~same))  # the id of each run of rows
    if pyarrow.types.is_integer(begun.type):
        values = _sorted(begun.to_numpy())
        scattered = bool((values[1:] == values[:-1]).any())  # a family in two runs
        del values
    else:
        scattered = len(begun) != pc.count_distinct(begun).as_py()
    if scattered:
        counts = pc.value_counts(begun)
        scattered = counts.field("values").filter(pc.greater(counts.field("counts"), 1))
        example = scattered[0].as_py()
        where = numpy.flatnonzero(as_mask(pc.equal(family_id, pyarrow.scalar(example))))[:3] + 1
        raise ScatteredFamiliesError(
            f"{path}: the persons of a family are not on consecutive rows "
            f"({len(scattered)} families, e.g. family_id {example!r} at rows "
            f"{', '.join(map(str, where.tolist()))}...): a file read batch by batch needs "
            "each family's rows together. Write the file with its families grouped, or read "
            "it whole (--in-memory; memory then grows with the file)."
        )
    return starts.astype(numpy.int64)


# ---------------------------------------------------------------------------------------------
# Reading


def read_ranges(path: str | Path, ranges: list[tuple[int, int]]) -> Iterator[pyarrow.Table]:
    """The rows of each range, in order, reading the file once from its start.

    A Parquet file whose row groups fit the ranges (each range's groups hold at most FIT times
    its rows, as `write_population` writes them) gives each range from its own row groups
    (`read_range`): the memory is the range's. Otherwise rows come in record batches (Parquet)
    or blocks (CSV) that need not end on a range's end: the rows past it, a family begun, are
    carried over to the next range (a record batch keeps its whole row group's buffers).
    """
    path = Path(path)
    if _row_groups_fit(path, ranges):  # each range read from its own row groups
        for start, stop in ranges:
            yield read_range(path, start, stop)
        return
    batches = _record_batches(path)
    carried: list[pyarrow.RecordBatch] = []
    held = 0  # rows in `carried`
    position = 0  # the population's row of carried[0]'s first row
    for start, stop in ranges:
        if start != position:
            raise ValueError(f"Ranges follow each other: {start} after row {position}.")
        while held < stop - start:
            batch = next(batches, None)
            if batch is None:
                raise _unreadable(path, EOFError(f"the file ends before row {stop}"))
            carried.append(batch)
            held += batch.num_rows
        table = pyarrow.Table.from_batches(carried)
        yield table.slice(0, stop - start)
        rest = table.slice(stop - start)  # the next families, begun
        carried = rest.to_batches() if rest.num_rows else []
        held = rest.num_rows
        position = stop
        del table, rest


def _record_batches(path: Path) -> Iterator[pyarrow.RecordBatch]:
    try:
        if path.suffix.lower() == ".parquet":
            yield from parquet_file(path).iter_batches(batch_size=READ_ROWS)
            return
        header = pyarrow.csv.open_csv(path).schema.names
        reader = pyarrow.csv.open_csv(
            path,
            read_options=pyarrow.csv.ReadOptions(block_size=CSV_BLOCK),
            convert_options=pyarrow.csv.ConvertOptions(
                column_types=dict.fromkeys(header, pyarrow.string()),
                null_values=[""],
                strings_can_be_null=True,
            ),
        )
        yield from reader
    except (OSError, pyarrow.ArrowException) as error:
        raise _unreadable(path, error) from error


def read_range(path: str | Path, start: int, stop: int) -> pyarrow.Table:
    """Rows [start, stop) of a Parquet file, reading only the row groups that hold them.

    Row groups of more than FIT times the range's rows (a file written by another tool:
    pyarrow's groups hold a million rows by default) are decoded `COLUMN_BLOCK` columns at a time, each
    block cut to the range and copied: the memory is the range's, not its row groups' (a million
    rows of 681 columns take a gigabyte); their decoding still costs the whole groups' time."""
    path = Path(path)
    try:
        file = parquet_file(path)
        groups, first, held = _row_groups(_group_sizes(file), start, stop)
        if held <= FIT * (stop - start):
            return file.read_row_groups(groups).slice(start - first, stop - start)
        names = file.schema_arrow.names
        columns = []
        for block in range(0, len(names), COLUMN_BLOCK):
            read = file.read_row_groups(groups, columns=names[block : block + COLUMN_BLOCK])
            rows = pyarrow.array(numpy.arange(start - first, stop - first))
            columns += read.take(rows).columns  # a copy: the groups' buffers are dropped
            del read
    except (OSError, pyarrow.ArrowException) as error:
        raise _unreadable(path, error) from error
    return pyarrow.Table.from_arrays(columns, schema=file.schema_arrow)


def parquet_file(path: Path) -> pyarrow.parquet.ParquetFile:
    """The Parquet file at `path`, its footer read once by this process while the file stays the
    same (its size and modification time): each batch read opens the file again, and a large
    file's footer describes every column of every row group (10 million persons, 100 row groups
    of 681 columns: 73 MB, 60 to 90 ms to parse, once per batch of 100,000, more for each
    batch as the file grows)."""
    status = path.stat()
    footer = _footer(str(path.resolve()), status.st_size, status.st_mtime_ns)
    return pyarrow.parquet.ParquetFile(path, metadata=footer, pre_buffer=False)


@functools.lru_cache(maxsize=1)  # the file being read: a process reads one at a time
def _footer(path: str, size: int, modified: int) -> pyarrow.parquet.FileMetaData:
    return pyarrow.parquet.read_metadata(path)


def _group_sizes(file: pyarrow.parquet.ParquetFile) -> list[int]:
    return [file.metadata.row_group(i).num_rows for i in range(file.metadata.num_row_groups)]


def _row_groups(sizes: list[int], start: int, stop: int) -> tuple[list[int], int, int]:
    """The row groups holding rows [start, stop), the first row of the first, their rows."""
    groups, first, offset = [], None, 0
    for index, size in enumerate(sizes):
        if offset < stop and offset + size > start:
            groups.append(index)
            first = offset if first is None else first
        offset += size
    return groups, first or 0, sum(sizes[index] for index in groups)


def _row_groups_fit(path: Path, ranges: list[tuple[int, int]]) -> bool:
    """Whether `path` is a Parquet file whose ranges' row groups hold at most FIT times their
    rows."""
    if path.suffix.lower() != ".parquet":
        return False
    try:
        sizes = _group_sizes(parquet_file(path))
    except (OSError, pyarrow.ArrowException) as error:
        raise _unreadable(path, error) from error
    return all(_row_groups(sizes, a, b)[2] <= FIT * (b - a) for a, b in ranges)


def read_columns(path: str | Path, names: list[str], texts: bool = False) -> pyarrow.Table:
    """Some columns of a Parquet or CSV file, and nothing else (`texts`: a CSV's cells as texts,
    typed later as `population.validate` types them)."""
    path = Path(path)
    _check_suffix(path)
    try:
        if path.suffix.lower() == ".parquet":
            return parquet_file(path).read(columns=names)
        options = pyarrow.csv.ConvertOptions(include_columns=names)
        if texts:
            options.column_types = dict.fromkeys(names, pyarrow.string())
            options.null_values, options.strings_can_be_null = [""], True
        return pyarrow.csv.read_csv(path, convert_options=options)
    except (OSError, pyarrow.ArrowException) as error:
        raise _unreadable(path, error) from error


def column_names(path: str | Path) -> list[str]:
    """The columns of a Parquet or CSV file, read from its schema or header."""
    path = Path(path)
    _check_suffix(path)
    try:
        if path.suffix.lower() == ".parquet":
            return parquet_file(path).schema_arrow.names
        return pyarrow.csv.open_csv(path).schema.names
    except (OSError, pyarrow.ArrowException) as error:
        raise _unreadable(path, error) from error


def row_count(path: str | Path) -> int | None:
    """The rows of a Parquet file, from its footer (None for a CSV: it must be read)."""
    path = Path(path)
    if path.suffix.lower() != ".parquet":
        return None
    try:
        return parquet_file(path).metadata.num_rows
    except (OSError, pyarrow.ArrowException):
        return None


# ---------------------------------------------------------------------------------------------
# Writing


METADATA_KEY = b"openfisca_residence"


class ResultWriter:
    """Tables appended to a Parquet file (a row group each) or a CSV file, written under a
    temporary name (`.NAME.partial`) that becomes NAME on `close()`; `abort()` removes it.
    `metadata` (a JSON-able dict, or a function that gives it, called at the first write): in the
    Parquet file's metadata, or in `NAME.metadata.json` beside a CSV file, renamed with it."""

    def __init__(self, path: str | Path, metadata: dict | Callable[[], dict] | None = None) -> None:
        self.path = Path(path)
        _check_suffix(self.path)
        self.partial = self.path.with_name(f".{self.path.name}.partial")
        self._metadata = metadata
        self.metadata: str | None = None
        self._writer = None
        self.rows = 0

    def write(self, table: pyarrow.Table) -> None:
        if self._writer is None:
            metadata = self._metadata() if callable(self._metadata) else self._metadata
            self.metadata = json.dumps(metadata, ensure_ascii=False) if metadata else None
        csv = self.path.suffix.lower() == ".csv"
        if csv:
            table = _plain_columns(table)
        elif self.metadata:
            table = table.replace_schema_metadata(
                {**(table.schema.metadata or {}), METADATA_KEY: self.metadata.encode()}
            )
        if self._writer is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if csv:
                self._writer = pyarrow.csv.CSVWriter(self.partial, table.schema)
            else:
                self._writer = pyarrow.parquet.ParquetWriter(
                    self.partial,
                    table.schema,
                    compression="zstd",
                    write_statistics=_statistics_kept(table.schema),
                )
        self._writer.write_table(table)
        self.rows += table.num_rows

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None
            if self.metadata and self.path.suffix.lower() == ".csv":
                beside = self.path.with_name(f"{self.path.name}.metadata.json")
                partial = beside.with_name(f".{beside.name}.partial")
                partial.write_text(self.metadata + "\n", encoding="utf-8")
                os.replace(partial, beside)
            os.replace(self.partial, self.path)

    def abort(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        self.partial.unlink(missing_ok=True)


def _statistics_kept(schema: pyarrow.Schema) -> list[str]:
    """The columns whose row groups record their smallest and largest values: not the texts kept
    as dictionaries (an enum's items, a country code), whose statistics no reader uses and which
    took a third of the time of writing a results table (computed on every decoded text)."""
    return [field.name for field in schema if not pyarrow.types.is_dictionary(field.type)]


def write_population(tables, path: str | Path, row_group: int = ROW_GROUP) -> int:
    """Write population tables (whole families each, in order) to one Parquet or CSV file, each
    Parquet row group holding whole families, about `row_group` persons. Returns the rows."""
    writer = ResultWriter(path)
    try:
        for table in [tables] if isinstance(tables, pyarrow.Table) else tables:
            starts = _family_starts(
                identifiers(_one(table[FAMILY_ID])) if FAMILY_ID in table.column_names else None,
                table.num_rows,
                Path(path),
            )
            for start, stop in Scan(Path(path), table.num_rows, starts).ranges(row_group):
                writer.write(table.slice(start, stop - start))
    except BaseException:
        writer.abort()
        raise
    writer.close()
    return writer.rows


def _plain_columns(table: pyarrow.Table) -> pyarrow.Table:
    """Dictionary columns as their values (a CSV holds texts)."""
    return pyarrow.table(
        {
            name: (
                column.cast(column.type.value_type)
                if pyarrow.types.is_dictionary(column.type)
                else column
            )
            for name, column in zip(table.column_names, table.columns, strict=True)
        }
    )


def _one(column) -> pyarrow.Array:
    if isinstance(column, pyarrow.ChunkedArray):
        column = column.combine_chunks() if column.num_chunks != 1 else column.chunk(0)
    if pyarrow.types.is_dictionary(column.type):
        column = column.cast(column.type.value_type)
    return column


def _check_suffix(path: Path) -> None:
    if path.suffix.lower() not in SUFFIXES:
        raise _unreadable(path, ValueError(f"a file ends in .csv or .parquet, not '{path.name}'"))


def _unreadable(path: Path, error: BaseException) -> PopulationError:
    reason = " ".join(str(error).split()) or type(error).__name__
    return PopulationError([Problem("unreadable_file", str(path), detail=reason)], str(path))
