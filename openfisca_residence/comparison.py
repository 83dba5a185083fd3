"""Alias of `openfisca_residence.analysis.comparison`, kept for version 0.2 only: import from there."""

import warnings

from openfisca_residence.analysis.comparison import Comparison, compare

__all__ = ["Comparison", "compare"]

warnings.warn(
    "openfisca_residence.comparison moved to openfisca_residence.analysis.comparison; this alias goes in 0.3.",
    DeprecationWarning,
    stacklevel=2,
)
