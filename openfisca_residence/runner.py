"""Alias of `openfisca_residence.simulation.files`, kept for version 0.2 only: import from there."""

import warnings

from openfisca_residence.simulation.backends import Backend
from openfisca_residence.simulation.files import FileSimulation, partition_results, simulate_file

__all__ = ["Backend", "FileSimulation", "partition_results", "simulate_file"]

warnings.warn(
    "openfisca_residence.runner moved to openfisca_residence.simulation.files; this alias goes in 0.3.",
    DeprecationWarning,
    stacklevel=2,
)
