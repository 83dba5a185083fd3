"""The units counted in one chunk: persons, or families through their reference person (their
first parent), each with its weight and its group of families (`tally`); and the field counted:
the persons in France in the month."""

from __future__ import annotations

from functools import cached_property

import numpy
import pyarrow

from openfisca_residence.analysis.tally import Counted, family_groups
from openfisca_residence.data.columns import family_numbers
from openfisca_residence.data.schema import FAMILY_ID, WEIGHT
from openfisca_residence.simulation.chunk import reference_rows
from openfisca_residence.system.registry import tax_benefit_system

# The variables the field is read from.
FIELD_VARIABLES = (
    "jours_presence_france",
    "foyer_permanent_france",
    "date_arrivee_france",
    "date_demande",
)


class Units:
    """Persons, or families through their reference person, within one chunk."""

    def __init__(self, table: pyarrow.Table) -> None:
        self.person_weights = table[WEIGHT].to_numpy()
        self.family, _ = family_numbers(table[FAMILY_ID])
        self.reference_rows = reference_rows(table, self.family)  # families in order
        self.person_groups = family_groups(table)

    def counted(self, family: bool) -> Counted:
        """The units counted, with their weights and groups: the persons, or the families through
        their reference persons."""
        return self._families if family else self._persons

    @cached_property
    def _persons(self) -> Counted:
        return Counted(self.person_weights, self.person_groups)

    @cached_property
    def _families(self) -> Counted:
        rows = self.reference_rows
        return Counted(self.person_weights[rows], self.person_groups[rows])

    def of(self, values: numpy.ndarray, family: bool) -> numpy.ndarray:
        """Person values for the units: the reference persons' for families."""
        return values[self.reference_rows] if family else values

    def family_head(self, values: numpy.ndarray) -> numpy.ndarray:
        """For each person, the value of its family's reference person."""
        return values[self.reference_rows][self.family]

    @cached_property
    def count(self) -> int:
        return len(self.person_weights)


def in_france(result, month: str) -> numpy.ndarray:
    """The persons in France in the month: arrived by the day the rules look at (the request's,
    the first day of the month unless given), and present a day at least or with their foyer
    there. The rows of a population that arrive later or have left count outside the field."""
    persons = result.persons
    arrived = persons[("date_arrivee_france", month)] <= persons[("date_demande", month)]
    present = persons[("jours_presence_france", month)] > 0
    return arrived & (present | persons[("foyer_permanent_france", month)])


def is_family_benefit(benefit: str) -> bool:
    return tax_benefit_system(None).variables[f"{benefit}_eligible"].entity.key == "famille"


def eligible(result, benefit: str, month: str) -> numpy.ndarray:
    key = (f"{benefit}_eligible", month)
    return (result.families if key in result.families else result.persons)[key]
