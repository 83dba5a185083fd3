"""Population files: persons read from CSV or Parquet, checked whole before any computation.

Layout (docs/population-format.md gives it in full):

- one row per person; rows are numbered from 1 (the first person; in a CSV, row N is line N + 1);
- required columns `person_id` (unique, whole numbers or texts) and `weight` (a number ≥ 0: how
  many persons of the real population the row stands for);
- optional `family_id` and `family_role` (`parent` or `enfant`): the persons sharing a family_id
  form one `famille`, with one or two parents; a person without family_id is a family of their
  own (as its parent);
- one column per input of the individu entity of the tax-benefit system:
  `<variable>` holds a value for every month (inputs that accept ETERNITY: booleans, enums, dates,
  `nationalite`; `date_naissance` is defined for ETERNITY), and `<variable>@YYYY-MM` the value of
  that month (any month input, and the only form for numbers given month by month, such as
  `jours_absence_france` or `heures_travail`). An empty cell is "not given": the month's value
  falls back to the `<variable>` column of the row, then to the variable's default.

Every problem of a file is collected, then reported at once by one `PopulationError`, which
lists each kind of problem with its first rows (row number and person_id), columns and values,
and the count of the others. A population is never filtered nor reordered: a validated
`Population` keeps the file's rows, in the file's order.

The values are checked with the domain checks of `openfisca_residence.rules.inputs` (days from 0 to
the days of the month, hours from 0 to 24 × days, non-negative amounts, country codes), the
same that stop a YAML test or a Web API request.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

import numpy
import pyarrow

from openfisca_residence.data.columns import as_array, family_numbers
from openfisca_residence.data.files import read_table
from openfisca_residence.data.schema import (
    FAMILY_ID,
    OPTIONAL,
    PERSON_ID,
    REQUIRED,
    WEIGHT,
    InputColumn,
    split_column,
)
from openfisca_residence.data.validation import validated_table


class Population:
    """A checked population: the file's rows in the file's order, with normalised columns.

    `table` holds `person_id`, `weight` (float64), `family_id` (as given, null for a person
    alone), `family_role` (int8: 0 parent, 1 enfant) and the input columns, typed: booleans,
    whole numbers (int32, or narrower when the file's are), float32, date32, enums as the index
    of their item (int8 or int16), texts. Build it with
    `Population.read(path)`, `Population.from_table(table)` or `Population.from_pandas(frame)`.
    """

    def __init__(self, table: pyarrow.Table, source: str = "population") -> None:
        self.table = table
        self.source = source

    # -- doors

    @classmethod
    def read(cls, path: str | Path, system=None) -> Population:
        population = validate(read_table(path), system=system, source=str(path))
        pyarrow.default_memory_pool().release_unused()  # the file's decoding buffers
        return population

    @classmethod
    def from_table(cls, table: pyarrow.Table, system=None, source="table") -> Population:
        return validate(table, system=system, source=source)

    @classmethod
    def from_pandas(cls, frame, system=None, source="DataFrame") -> Population:
        return validate(pyarrow.Table.from_pandas(frame, preserve_index=False), system, source)

    # -- what it holds

    def __len__(self) -> int:
        return self.table.num_rows

    @property
    def person_ids(self) -> pyarrow.Array:
        return as_array(self.table[PERSON_ID])

    @property
    def weights(self) -> numpy.ndarray:
        return self.table[WEIGHT].to_numpy()

    @cached_property
    def input_columns(self) -> list[InputColumn]:
        return [
            InputColumn(name, *split_column(name))
            for name in self.table.column_names
            if name not in REQUIRED + OPTIONAL
        ]

    @cached_property
    def months(self) -> list[str]:
        """The months given by a `<variable>@YYYY-MM` column, in order."""
        return sorted({column.month for column in self.input_columns if column.month})

    @cached_property
    def families(self) -> tuple[numpy.ndarray, int]:
        """The family number of each person (families numbered in order of first appearance)."""
        return family_numbers(self.table[FAMILY_ID])


def as_population(population, system=None) -> Population:
    """A `Population` from a Population, a path, an Arrow table or a pandas DataFrame."""
    if isinstance(population, Population):
        return population
    if isinstance(population, str | Path):
        return Population.read(population, system)
    if isinstance(population, pyarrow.Table):
        return Population.from_table(population, system)
    if hasattr(population, "to_records") and hasattr(population, "columns"):
        return Population.from_pandas(population, system)
    raise TypeError(
        f"A population is a file path, a pyarrow Table or a pandas DataFrame, not {type(population).__name__}."
    )


def validate(table: pyarrow.Table, system=None, source: str = "population") -> Population:
    """Check every row and column of `table`, then return the `Population` or raise one error."""
    return Population(validated_table(table, system, source), source)
