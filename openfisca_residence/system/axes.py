"""A situation's axes, checked before OpenFisca-Core expands them.

An axis repeats the situation `count` times, a number input of one person or family (`index`,
the first by default) going from `min` to `max` over the repetitions, for `period` (the
situation's default period when it has one):

    "axes": [[{"name": "jours_absence_france", "count": 3, "min": 0, "max": 28,
               "period": "2024-01"}]]

The axes are a list of groups, each a list of axes varying together; the groups multiply each
other. Core reads them without a check: an unknown variable, a missing period or count, a count
that is no number end in a traceback (HTTP 500). `check_axes` raises a `SituationError` located at
the axis and its key, in the language of the messages.
"""

from __future__ import annotations

from openfisca_residence.i18n import _
from openfisca_residence.system.errors import SituationError, unknown_variable
from openfisca_residence.system.linear_builder import period_of
from openfisca_residence.system.requested_periods import (
    input_forms,
    input_period_problem,
    unreadable_period,
)

KEYS = ("name", "count", "min", "max", "period", "index")
REQUIRED = ("name", "count", "min", "max")
EXAMPLE = (
    '[[{"name": "jours_absence_france", "count": 3, "min": 0, "max": 28, "period": "2024-01"}]]'
)


def check_axes(system, situation: dict, default_period) -> None:
    """Raise a SituationError at the first mistake of `situation["axes"]`."""
    axes = situation["axes"]
    if not isinstance(axes, list) or not axes or not all(isinstance(g, list) and g for g in axes):
        raise SituationError(
            ["axes"],
            _("expected the axes as a list of groups, each a list of axes: {example}.").format(
                example=EXAMPLE
            ),
        )
    for group_index, group in enumerate(axes):
        for axis_index, axis in enumerate(group):
            _check_axis(system, situation, default_period, ["axes", group_index, axis_index], axis)


def _check_axis(system, situation, default_period, path, axis) -> None:
    if not isinstance(axis, dict):
        raise SituationError(
            path, _("expected an axis, such as {example}.").format(example=EXAMPLE[2:-2])
        )
    for key in axis:
        if key not in KEYS:
            raise SituationError(
                [*path, key],
                _("unknown key '{key}' in an axis; an axis takes {keys}.").format(
                    key=key, keys=", ".join(KEYS)
                ),
            )
    for key in REQUIRED:
        if key not in axis:
            raise SituationError(path, _("an axis needs '{key}'.").format(key=key))
    variable = system.variables.get(axis["name"])
    if variable is None:
        raise SituationError([*path, "name"], unknown_variable(axis["name"], system.variables))
    if variable.value_type not in (int, float):
        raise SituationError(
            [*path, "name"],
            _("an axis varies a number; {name} is not one.").format(name=variable.name),
        )
    if not _whole(axis["count"]) or axis["count"] < 1:
        raise SituationError(
            [*path, "count"],
            _("expected a whole number of points, 1 or more, not {value!r}.").format(
                value=axis["count"]
            ),
        )
    for key in ("min", "max"):
        if not isinstance(axis[key], int | float) or isinstance(axis[key], bool):
            raise SituationError(
                [*path, key], _("expected a number, not {value!r}.").format(value=axis[key])
            )
    _check_period(variable, default_period, path, axis)
    instances = situation.get(variable.entity.plural)
    count = len(instances) if isinstance(instances, dict) else 0
    index = axis.get("index", 0)
    if not _whole(index) or not 0 <= index < count:
        raise SituationError(
            [*path, "index"],
            _(
                "expected the position of one of the {count} {plural} of the situation, from 0 to "
                "{last}, not {value!r}."
            ).format(count=count, plural=variable.entity.plural, last=count - 1, value=index),
        )


def _check_period(variable, default_period, path, axis) -> None:
    period = axis.get("period", default_period)
    if period is None:
        raise SituationError(
            path,
            _(
                "an axis needs 'period' (the situation has no default period), such as {example}."
            ).format(example='"period": "2024-01"'),
        )
    try:
        period_of(str(period))
    except ValueError:
        raise SituationError(
            [*path, "period"], unreadable_period(period, input_forms(variable))
        ) from None
    if problem := input_period_problem(str(period)):
        raise SituationError([*path, "period"], problem)


def _whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
