"""Reading a population file whole, and writing a table, as CSV or Parquet."""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow
import pyarrow.csv
import pyarrow.parquet

from openfisca_residence.data.problems import PopulationError, Problem


def read_table(path: str | Path) -> pyarrow.Table:
    """The rows of a CSV or Parquet file, as they are (CSV cells as texts: they are typed later)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in {".csv", ".parquet"}:
        reason = f"a population file ends in .csv or .parquet, not '{suffix or path.name}'"
        raise PopulationError([Problem("unreadable_file", str(path), detail=reason)], str(path))
    try:
        if suffix == ".parquet":
            return pyarrow.parquet.read_table(path, pre_buffer=False)  # a lower peak of memory
        with path.open(encoding="utf-8", newline="") as file:
            header = next(csv.reader(file), [])
        return pyarrow.csv.read_csv(
            path,
            convert_options=pyarrow.csv.ConvertOptions(
                column_types=dict.fromkeys(header, pyarrow.string()),
                null_values=[""],
                strings_can_be_null=True,
            ),
        )
    except (OSError, UnicodeDecodeError, pyarrow.ArrowException) as error:
        reason = " ".join(str(error).split()) or type(error).__name__
        raise PopulationError(
            [Problem("unreadable_file", str(path), detail=reason)], str(path)
        ) from error


def write_table(table: pyarrow.Table, path: str | Path) -> None:
    """Write a table as CSV or Parquet, after the file's extension."""
    path = Path(path)
    suffix = path.suffix.lower()
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".parquet":
        pyarrow.parquet.write_table(table, path, compression="zstd")
    elif suffix == ".csv":
        plain = pyarrow.table(
            {
                name: (
                    column.cast(column.type.value_type)
                    if pyarrow.types.is_dictionary(column.type)
                    else column
                )
                for name, column in zip(table.column_names, table.columns, strict=True)
            }
        )
        pyarrow.csv.write_csv(plain, path)
    else:
        raise ValueError(f"{path}: write .csv or .parquet, not '{suffix}'.")
