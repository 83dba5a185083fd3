"""Alias of `openfisca_residence.system.parametric_reforms`, kept for version 0.2 only: import from there."""

import warnings

from openfisca_residence.system.parametric_reforms import (
    ParametricReformError,
    reform_from_dict,
    reform_from_file,
)

__all__ = ["ParametricReformError", "reform_from_dict", "reform_from_file"]

warnings.warn(
    "openfisca_residence.parametric_reforms moved to openfisca_residence.system.parametric_reforms; this alias goes in 0.3.",
    DeprecationWarning,
    stacklevel=2,
)
