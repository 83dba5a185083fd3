"""Conditions and reasons of refusal, from one ordered list of failures.

A benefit lists the rules that can refuse it, in its order of precedence, as `(motif, failed)`
pairs (`failed` a boolean array). Its conditions hold where none of their rules failed, and its
reason of refusal is the first rule that failed: both come from the same list, so that `aucun` is
the reason exactly when the conditions hold.
"""

from __future__ import annotations

import numpy


def fulfilled(failures) -> numpy.ndarray:
    """Where none of the `(motif, failed)` pairs failed."""
    return ~numpy.any([failed for _, failed in failures], axis=0)


def first_refusal(failures, none) -> numpy.ndarray:
    """The index of the first motif that failed, or of `none` where none did."""
    return numpy.select(
        [failed for _, failed in failures],
        [motif.index for motif, _ in failures],
        default=none.index,
    )
