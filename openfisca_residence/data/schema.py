"""The layout of a population file: its id columns, its input columns, and the entities.

One row per person: `person_id` and `weight` required, `family_id` and `family_role` optional,
then one column per input of the individu entity, `<variable>` (every month) or
`<variable>@YYYY-MM` (that month). docs/population-format.md gives it in full.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import numpy
import pyarrow
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import DateUnit

PERSON_ID, WEIGHT, FAMILY_ID, FAMILY_ROLE = "person_id", "weight", "family_id", "family_role"
REQUIRED = (PERSON_ID, WEIGHT)
OPTIONAL = (FAMILY_ID, FAMILY_ROLE)
ROLES = ("parent", "enfant")  # family_role values; normalised to 0 (parent) and 1 (enfant)
PARENT, CHILD = 0, 1
MAX_PARENTS = 2
# The persons a row may stand for: more than France's population (68 million) is a mistake, and
# weights above it would overflow the weighted totals (1e308 × 2 is infinite).
MAX_WEIGHT = 100_000_000
MONTH_SEPARATOR = "@"
MONTH_PATTERN = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
PERSON_ENTITY = "individu"
GROUP_ENTITY = "famille"

# The Arrow type each value type is normalised to (an enum: the index of its item, int8 when it
# has fewer than 128 items; a whole number: int32, or the narrower integer type of the file).
ARROW_TYPES = {
    bool: pyarrow.bool_(),
    int: pyarrow.int32(),
    float: pyarrow.float32(),
    date: pyarrow.date32(),
    Enum: pyarrow.int16(),
    str: pyarrow.string(),
}
TRUE_TEXTS, FALSE_TEXTS = ("true", "1", "yes", "oui"), ("false", "0", "no", "non")
INTEGER_TEXT = r"^[+-]?\d+(\.0*)?$"
NUMBER_TEXT = r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$"
DATE_TEXT = r"^\d{4}-\d{2}-\d{2}$"
INT32 = numpy.iinfo(numpy.int32)


@dataclass(frozen=True)
class InputColumn:
    """A column of the file that gives an input: the variable, and its month (None: every month)."""

    name: str
    variable: str
    month: str | None


def split_column(name: str) -> tuple[str, str | None]:
    """`jours_absence_france@2024-01` → (`jours_absence_france`, `2024-01`); `nationalite` → (…, None)."""
    variable, separator, month = name.partition(MONTH_SEPARATOR)
    return variable, (month if separator else None)


def input_variables(system) -> dict:
    """The inputs a population file may give: variables of the individu entity without formula."""
    return {
        name: variable
        for name, variable in system.variables.items()
        if not variable.formulas and variable.entity.key == PERSON_ENTITY
    }


def accepts_every_month(variable) -> bool:
    """Whether a column without month may give the variable: ETERNITY variables, dispatched inputs."""
    return variable.definition_period == DateUnit.ETERNITY or getattr(
        variable.set_input, "accepts_eternity", False
    )


def default_value(variable):
    """The default as a value of the normalised column (an enum: the index of its item)."""
    if variable.value_type is Enum:
        return variable.default_value.index
    return variable.default_value


def numpy_dtype(variable):
    return numpy.int16 if variable.value_type is Enum else variable.dtype
