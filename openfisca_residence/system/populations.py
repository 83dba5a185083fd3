"""The populations and holders of this model's simulations: OpenFisca-Core's, by subclassing.

Every system of this model (`system.base.SystemBase`: the country's and its reforms) builds its
simulations' populations from these classes; nothing of OpenFisca-Core changes for other packages.

- `Holder`: an input defined by month may be given once for `ETERNITY`, as PUBLIC_NAMES.md promises
  for every boolean, enum, date or string input (Core refuses ETERNITY before asking the
  variable). The variable's `set_input` (`rules.inputs.dispatched`) keeps it as the holder's
  `permanent_value` (an array, or a function of the month), which `get_array` gives for any month
  without a value of its own; `known_array` reads only the values stored for that month. Another
  input given for ETERNITY, or a value for a year given to a variable that does not spread it over
  months, is refused with the period it takes (`rules.inputs.refuse_period`). A value
  written by hand (a scalar or a list, not an array) is held to its variable's type.
- `population("x", period)` of a value already known (computed, or an input): Core checks the
  variable and the period and goes through `Simulation.calculate` and its tracer at each call
  (about 15 µs; a chunk makes thousands of such calls). Without a trace, the value stored for that
  very period (or the permanent value of an input, for one period of its unit) is returned at
  once: the same array Core would return, since it was checked when it was stored. A tracer that
  only records who read what (`simulation.dependencies`: a comparison's today's law) is told of the
  read by its `record_known`. Anything else (a formula to run, options, a full trace, a
  neutralised variable) goes through Core. An input not given for that period is answered the
  same way: its permanent value or its default, kept as Core keeps it (a person's request asks
  for about 200 such defaults). A sum over the months of a period (`options=[ADD]`, a variable
  defined by month) asks each month the same way, where Core's `calculate_add` would send each
  month through `Simulation.calculate`. A formula to run for one period of its unit, without a
  trace, is run by `Holder.computed_value`: Core's own steps (tracer stack, cycle check, formula
  in force, cast, cache), without its dispatching and the checks already made (a person's
  request runs about 115 formulas this way; 0.6 ms of its 4 ms were Core's dispatching).
- `GroupPopulation.reduce` (a family's max, min, all): Core loops over the positions in the largest
  family, with a sort for each; one `ufunc.at` over the members gives the same values thirty
  times faster (docs/upstream/group-population-reduce-ufunc-at.md).

Core gives no parameter for the classes of a population's holders: `Population.get_holder` is
Core's, written again with our `Holder` (checked on openfisca-core 46).
"""

from __future__ import annotations

import numpy
from openfisca_core import errors, holders, periods, populations, projectors

from openfisca_residence.rules.dates import months_of
from openfisca_residence.rules.inputs import check_written_values, refuse_period

ETERNITY = periods.DateUnit.ETERNITY
MONTH = periods.DateUnit.MONTH
_ETERNITY_PERIOD = periods.period(ETERNITY)  # the key of a value stored for every period


class Holder(holders.Holder):
    permanent_value = None

    def set_input(self, period, array):
        period = periods.period(period)
        if not isinstance(array, numpy.ndarray):  # written by hand: a scalar or a list
            check_written_values(self, period, array)
        unit = self.variable.definition_period
        if unit != ETERNITY and (period.unit != unit or period.size != 1):
            if period.unit == ETERNITY and getattr(self.variable.set_input, "accepts_eternity", 0):
                return self.variable.set_input(self, period, array)
            if period.unit == ETERNITY or self.variable.set_input is None:
                refuse_period(self, period)
        return super().set_input(period, array)

    def known_value(self, period):
        """What `Simulation.calculate` returns for `period` without running a formula, when that
        is sure without Core's checks: the array stored for that very period (any period of a
        variable defined for ETERNITY), or an input's permanent value for one period of its unit
        (an array, or the array a permanent value that depends on the month gives for it, as
        `get_array` reads it: Core's `_calculate` returns it before any formula; kept for that
        month). None otherwise (ask Core)."""
        variable = self.variable
        if variable.is_neutralized:
            return None
        array = self._stored(period)
        if array is not None:
            return array
        permanent = self.permanent_value
        if permanent is None or period.unit != variable.definition_period or period.size != 1:
            return None
        if not callable(permanent):
            return permanent
        array = permanent(period)
        self._keep(array, period)  # the month's array, made once
        return array

    def input_value(self, period):
        """What `Simulation.calculate` returns for an input (a variable without formula) asked for
        one period of its unit: its value for that period, its permanent value, or its default,
        kept for that period as Core keeps it. None for a variable with a formula (ask Core)."""
        variable = self.variable
        if variable.formulas or variable.is_neutralized:
            return None
        unit = variable.definition_period
        if unit != ETERNITY and (period.unit != unit or period.size != 1):
            return None  # Core says what is wrong with the period
        array = self.get_array(period)
        if array is None:
            array = self.default_array()
            self._keep(array, period)
        return array

    def computed_value(self, period):
        """What `Simulation.calculate` returns for a formula's variable asked for one period of its
        unit (any period for ETERNITY), its value not yet known: Core's `_calculate` for that case,
        without the checks the caller made (the period, the variable, its holder, no value kept)
        and Core's dispatching (a third of a person's request). The same steps as Core: the
        tracer's stack and the cycle check (a spiral gives the default), the formula in force,
        the result cast to the variable's type, kept, the invalidated values purged. None when
        Core must answer (a period of another unit, a neutralised variable, a start of
        computation, values kept elsewhere than in memory)."""
        variable = self.variable
        unit = variable.definition_period
        simulation = self.simulation
        if (
            (unit != ETERNITY and (period.unit != unit or period.size != 1))
            or variable.is_neutralized
            or simulation.start_computation_period is not None
            or not self._in_memory_only
        ):
            return None
        tracer = simulation.tracer
        tracer.record_calculation_start(variable.name, period)
        try:
            simulation._check_for_cycle(variable.name, period)
            array = simulation._run_formula(variable, self.population, period)
            if array is None:
                array = self.default_array()
            array = simulation._cast_formula_result(array, variable)
            if array.ndim != 1 or len(array) != self.population.count:
                array = self._to_array(array)  # Core's error on a wrong length
            self._keep(array, period)
        except errors.SpiralError:
            array = self.default_array()
        finally:
            tracer.record_calculation_end()
            simulation.purge_cache_of_invalid_values()
        return array

    @property
    def _in_memory_only(self) -> bool:
        """Whether a value computed is kept in memory, as `_keep` does: not dropped
        (`memory_config`), not put on disk, not out of the cache (`opt_out_cache`)."""
        return not (self._do_not_store or self._on_disk_storable or self.simulation.opt_out_cache)

    def _keep(self, array, period) -> None:
        """Core's `put_in_cache` of an array already of the variable's type and length, for one
        period of its unit (`input_value`, `computed_value`)."""
        if self._in_memory_only:
            self._memory_storage._arrays[_ETERNITY_PERIOD if self._eternal else period] = array
        else:
            self.put_in_cache(array, period)

    def get_array(self, period):
        if type(period) is periods.Period and self._disk_storage is None:
            # Core's get_array, without converting the period again (about 230 times a request)
            if self.variable.is_neutralized:
                return self.default_array()
            array = self._stored(period)
        else:
            array = super().get_array(period)
        if array is not None or self.permanent_value is None:
            return array
        permanent = self.permanent_value
        # A permanent value may depend on the month (rules.inputs.dispatched's fill_unset).
        return permanent(periods.period(period)) if callable(permanent) else permanent

    def _stored(self, period):
        """The array kept in memory for `period` (a Period), as Core's storage finds it (under
        ETERNITY for a variable defined for ETERNITY), without converting the period again."""
        return self._memory_storage._arrays.get(_ETERNITY_PERIOD if self._eternal else period)

    def known_array(self, period):
        """The value stored for `period` itself, not the permanent value."""
        return super().get_array(period)


class _OwnHolders:
    """A population whose holders are this module's `Holder`, which answers at once a value
    already known."""

    def __call__(self, variable_name, period, options=None):
        simulation = self.simulation
        if type(period) is periods.Period and simulation is not None:
            holder = self._holders.get(variable_name) or self._new_holder(variable_name)
            record = _known_reads_recorder(simulation)
            if type(holder) is Holder and record is not None:
                if options is None:
                    array = holder.known_value(period)
                    if array is None:
                        array = holder.input_value(period)
                    if array is not None:
                        record(variable_name, period)
                        return array
                    if record is _no_record:  # a trace sees every formula run by Core
                        array = holder.computed_value(period)
                        if array is not None:
                            return array
                elif _adds_months(holder.variable, period, options):
                    # Core's calculate_add, each month asked here rather than to Core.
                    return sum(self(variable_name, month) for month in months_of(period))
        return super().__call__(variable_name, period, options)

    def get_holder(self, variable_name):
        """Core's, with our `Holder`; a holder already made is returned at once (Core checks the
        variable's entity at each call: a holder of this population passed that check when it
        was made)."""
        holder = self._holders.get(variable_name)
        if holder is not None:
            return holder
        self.entity.check_variable_defined_for_entity(variable_name)
        holder = self._holders[variable_name] = Holder(
            self.entity.get_variable(variable_name), self
        )
        return holder

    def _new_holder(self, variable_name):
        """The holder of a variable of this population's entity not yet asked (Core makes it at
        its first `calculate`); None for another entity's variable or an unknown name (Core
        says what is wrong)."""
        variable = self.simulation.tax_benefit_system.variables.get(variable_name)
        if variable is None or variable.entity.key != self.entity.key:
            return None
        return self.get_holder(variable_name)

    def clone(self, simulation):
        result = super().clone(simulation)
        result.__class__ = type(self)  # Core's clone builds its own class
        return result


def _no_record(variable_name, period) -> None:
    pass


def _known_reads_recorder(simulation):
    """How a value answered at once is told to the simulation's tracer: not at all without a
    trace; by the tracer's `record_known` when it keeps only who read what
    (`simulation.dependencies.DependencyTracer`); None for any other trace, which must see Core's
    calculation of every value (ask Core)."""
    if not simulation.trace:
        return _no_record
    return getattr(simulation.tracer, "record_known", None)


def _adds_months(variable, period, options) -> bool:
    """Whether `options` ask the sum over the months of `period` (a month or a year) of a variable
    defined by month: what Core's `calculate_add` computes, one month after the other."""
    return (
        len(options) == 1
        and options[0] == populations.ADD
        and variable.definition_period == MONTH
        and period.unit in (MONTH, periods.DateUnit.YEAR)
    )


class Population(_OwnHolders, populations.Population):
    pass


class GroupPopulation(_OwnHolders, populations.GroupPopulation):
    @projectors.projectable
    def reduce(self, array, reducer, neutral_element, role=None):
        self.members.check_array_compatible_with_entity(array)
        self.entity.check_role_validity(role)
        if role is not None:
            array = numpy.where(self.members.has_role(role), array, neutral_element)
        result = self.filled_array(neutral_element)
        # ufunc.at is fast only when the values have the result's type (float32: 20 times).
        reducer.at(result, self.members_entity_id, numpy.asarray(array, dtype=result.dtype))
        return result
