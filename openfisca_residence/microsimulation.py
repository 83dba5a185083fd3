"""Alias of `openfisca_residence.simulation.microsimulation`, kept for version 0.2 only: import from there."""

import warnings

from openfisca_residence.simulation.microsimulation import Microsimulation, Results

__all__ = ["Microsimulation", "Results"]

warnings.warn(
    "openfisca_residence.microsimulation moved to openfisca_residence.simulation.microsimulation; this alias goes in 0.3.",
    DeprecationWarning,
    stacklevel=2,
)
