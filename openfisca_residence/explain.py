"""Alias of `openfisca_residence.analysis.explain`, kept for version 0.2 only: import from there."""

import warnings

from openfisca_residence.analysis.explain import explain, load_cases, render

__all__ = ["explain", "load_cases", "render"]

warnings.warn(
    "openfisca_residence.explain moved to openfisca_residence.analysis.explain; this alias goes in 0.3.",
    DeprecationWarning,
    stacklevel=2,
)
