"""Adjustment 1: a value given for ETERNITY to an input defined by month (see the package's
docstring)."""

import numpy
from openfisca_core import periods
from openfisca_core.holders import Holder

from openfisca_residence.rules.inputs import check_written_values

_core_set_input = Holder.set_input
_core_get_array = Holder.get_array


def _set_input(self: Holder, period, array):
    period = periods.period(period)
    if not isinstance(array, numpy.ndarray):  # written by hand: a scalar or a list
        check_written_values(self, period, array)
    if (
        period.unit == periods.DateUnit.ETERNITY
        and not self._eternal
        and getattr(self.variable.set_input, "accepts_eternity", False)
    ):
        return self.variable.set_input(self, period, array)
    return _core_set_input(self, period, array)


def _get_array(self: Holder, period):
    array = _core_get_array(self, period)
    if array is not None:
        return array
    permanent = getattr(self, "permanent_value", None)
    # A permanent value may depend on the month (inputs.dispatched's fill_unset).
    return permanent(periods.period(period)) if callable(permanent) else permanent


Holder.set_input = _set_input
Holder.get_array = _get_array
Holder.known_array = _core_get_array
