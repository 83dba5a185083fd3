"""Today's law and reforms on one chunk, what they share computed once.

    results = compute_scenarios(table, variables, reform_variables, months, reforms)
    results[None]      # today's law: `variables` for `months` (a ChunkResult)
    results[reform]    # each reform: `reform_variables` for `months`

The same values as `compute_chunk(table, variables, months, None)` and
`compute_chunk(table, reform_variables, months, reform)` for each reform
(`tests/engine/simulation/test_scenarios.py`), at a lower cost:

- the chunk's columns are converted and checked once: each reform's simulation is given the
  inputs of today's law's simulation as they were stored, not the columns again (`_twin`); a reform
  that changes an input variable gets its own simulation from the columns;
- today's law is computed by a `RecordingSimulation` (when there is a reform), which records what
  each formula read; every value a reform cannot change (`dependencies.unchanged`) is put in the
  reform's simulation before it computes, which then computes only what the reform changes.

A pure function of the chunk's rows, like `compute_chunk`: worker processes and Dask workers run it
as it is, the systems being built once per process (`system.registry`).
"""

from __future__ import annotations

from collections.abc import Sequence

import pyarrow
from openfisca_core.simulations import Simulation

from openfisca_residence.simulation.chunk import (
    ChunkResult,
    build_simulation,
    calculated,
    empty_simulation,
    release,
)
from openfisca_residence.simulation.dependencies import RecordingSimulation, unchanged
from openfisca_residence.system.registry import tax_benefit_system


def compute_scenarios(
    table: pyarrow.Table,
    variables: Sequence[str],
    reform_variables: Sequence[str],
    months: Sequence[str],
    reforms: Sequence[str],
) -> dict[str | None, ChunkResult]:
    baseline = tax_benefit_system(None)
    recording = RecordingSimulation if reforms else Simulation  # nothing to share otherwise
    simulation = build_simulation(table, baseline, recording)
    inputs = _stored_inputs(simulation)
    try:
        results = {None: calculated(simulation, variables, months)}
        for reform in reforms:
            system = tax_benefit_system(reform)
            twin = _twin(table, inputs, system)
            try:
                _share(simulation, twin, unchanged(simulation.tracer, baseline, system))
                results[reform] = calculated(twin, reform_variables, months)
            finally:
                release(twin)
    finally:
        release(simulation)
    return results


def _stored_inputs(simulation) -> list:
    """Every input a simulation holds before it computes: (variable, period or None for the
    permanent value, value)."""
    stored = []
    for population in simulation.populations.values():
        for holder in population._holders.values():
            for period in holder.get_known_periods():
                stored.append((holder.variable, period, holder.known_array(period)))
            if holder.permanent_value is not None:
                stored.append((holder.variable, None, holder.permanent_value))
    return stored


def _twin(table: pyarrow.Table, inputs: list, system):
    """A simulation of the same persons under `system`, holding `inputs` as they were stored
    (checked, spread over months); built from the columns when the system defines one of these
    inputs otherwise."""
    if any(system.variables.get(variable.name) is not variable for variable, _, _ in inputs):
        return build_simulation(table, system)
    twin = empty_simulation(table, system)
    for variable, period, value in inputs:
        holder = twin.get_holder(variable.name)
        if period is None:
            holder.permanent_value = value
        else:
            holder.put_in_cache(value, period)
    return twin


def _share(source, target, keys) -> None:
    """Put in `target` the values `source` computed for `keys` (variable, period)."""
    for name, period in keys:
        holder = target.get_holder(name)
        if holder.known_array(period) is None:
            value = source.get_holder(name).known_array(period)
            if value is not None:
                holder.put_in_cache(value, period)
