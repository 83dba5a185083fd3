"""The limits of the served Web API, each an option of `openfisca-residence serve` with its default.

A public office's API answers many people at once: no request may take a worker for long, nor its
memory. `Limits` holds them all:

| option | default | what it bounds |
|---|---|---|
| `--max-body` | 10,000,000 bytes | a request's body (HTTP 413) |
| `--max-persons` | 10,000 | the persons of a request, axes included (413) |
| `--max-families` | 10,000 | its families (413) |
| `--max-depth` | 10 | how deep its JSON nests (400; a situation nests 5 deep) |
| `--max-input-months` | 240 | the months its inputs cover, each variable and period counted once (413) |
| `--time-budget` | 20 s | a request's computation: past it, HTTP 503, and the worker is replaced |
| `--read-timeout` | 10 s | the time a client has to send a request's whole body (HTTP 408) |
| `--queue` | 64 | requests waiting for a worker; one more is answered 503 at once |
| `--max-requests` | 500 | requests a worker answers before it is replaced (memory comes back) |
| `--max-worker-memory` | 1,500 MB | a worker using more once a request is answered is replaced |

The span of periods an input may cover is the months the law is modelled for, 1994-01 to 2100-12
(`system.requested_periods.input_period_problem`): it holds for YAML tests and `explain` too.
Within it, each month an input covers costs the same for one person or for 10,000 (OpenFisca
stores a value per variable and month): 17 inputs over `month:1994-01:1200` took 1.1 s of a
worker. `--max-input-months` bounds that cost (240 months: about 15 ms), whatever the persons.

`check_situation(data, limits)` is what `guard` (the app's side) checks once the body is read;
`web.front` (the buffering front) holds the body size and the read timeout, `web.workers` the
time budget and the replacement of workers.
"""

from __future__ import annotations

import dataclasses
import functools
import math

from openfisca_core import periods

from openfisca_residence.i18n import _
from openfisca_residence.system.linear_builder import period_of
from openfisca_residence.system.requested_periods import input_period_problem
from openfisca_residence.web.requests import RequestError

PERSONS, FAMILIES = "individus", "familles"


@dataclasses.dataclass(frozen=True)
class Limits:
    max_body: int = 10_000_000
    max_persons: int = 10_000
    max_families: int = 10_000
    max_depth: int = 10
    max_input_months: int = 240
    time_budget: float = 20.0
    read_timeout: float = 10.0
    queue: int = 64
    max_requests: int = 500
    max_worker_memory: int = 1_500  # MB

    def __post_init__(self) -> None:
        for field in dataclasses.fields(self):
            if not getattr(self, field.name) > 0:
                raise ValueError(f"--{option(field.name)}: a number above 0.")

    def as_options(self) -> dict:
        return dataclasses.asdict(self)


def option(name: str) -> str:
    return name.replace("_", "-")


class LimitError(RequestError):
    """A request beyond a limit of this server: answered with `status` and this message."""

    def __init__(self, message: str, status: int = 413) -> None:
        super().__init__(message)
        self.status = status


def check_situation(data, limits: Limits) -> None:
    """Refuse a request nesting too deep, or holding too many persons or families."""
    if nesting(data, limits.max_depth) > limits.max_depth:
        raise too_deep(limits)
    if not isinstance(data, dict):
        return
    persons = data.get(PERSONS)
    count = len(persons) if isinstance(persons, dict) else 0
    expanded = count * axes_factor(data.get("axes"))
    if expanded > limits.max_persons:
        axes = _(" ({count} × the counts of the axes)").format(count=count)
        raise LimitError(
            _(
                "The request holds {persons} persons{axes}; this server computes {most} at most "
                "in one request (--max-persons): split it, or compute a population file with "
                "`openfisca-residence simulate`."
            ).format(
                persons=expanded, axes=axes if expanded != count else "", most=limits.max_persons
            )
        )
    families = data.get(FAMILIES)
    if isinstance(families, dict) and len(families) > limits.max_families:
        raise LimitError(
            _(
                "The request holds {families} families; this server computes {most} at most in "
                "one request (--max-families): split it."
            ).format(families=len(families), most=limits.max_families)
        )
    if (months := input_months(data)) > limits.max_input_months:
        raise LimitError(
            _(
                "The request's inputs cover {months} months (each variable and period counted "
                "once, a year 12 months); this server takes {most} at most in one request "
                "(--max-input-months): give inputs for the months the computation reads."
            ).format(months=months, most=limits.max_input_months)
        )


def input_months(data: dict) -> int:
    """The months the inputs of a situation cover, each (variable, period) counted once."""
    given = set()
    for instances in data.values():
        for values in instances.values() if isinstance(instances, dict) else ():
            for name, by_period in values.items() if isinstance(values, dict) else ():
                for period, value in by_period.items() if isinstance(by_period, dict) else ():
                    if value is not None:
                        given.add((name, period))
    return sum(months_of(period) for _, period in given)


@functools.lru_cache(maxsize=4096)
def months_of(period) -> int:
    """The months a period covers (ETERNITY, a day or a week: 1; a period that cannot be read or
    that ends outside the modelled months: 0, the builder refuses it where it is)."""
    try:
        parsed = period_of(period)
    except (ValueError, TypeError):
        return 0
    if input_period_problem(period):
        return 0
    if parsed.unit == periods.DateUnit.MONTH:
        return parsed.size
    if parsed.unit == periods.DateUnit.YEAR:
        return 12 * parsed.size
    return 1


def too_deep(limits: Limits) -> LimitError:
    return LimitError(
        _(
            "The request's JSON nests deeper than {depth} levels (--max-depth of this server); a "
            "situation nests 5 levels deep: entities, id, variable, period, value."
        ).format(depth=limits.max_depth),
        400,
    )


def body_too_large(limits: Limits) -> str:
    return _(
        "The request's body is larger than {most} bytes, the most this server reads (--{option}): "
        "split the request."
    ).format(most=limits.max_body, option=option("max_body"))


def nesting(data, deepest: int) -> int:
    """How deep `data` nests (a scalar 0, `{}` 1, `{"a": []}` 2), read without recursion and no
    further than one level past `deepest`."""
    depth, level = 0, [data]
    while level and depth <= deepest:
        containers = [node for node in level if isinstance(node, dict | list)]
        if not containers:
            break
        depth += 1
        level = [
            child
            for node in containers
            for child in (node.values() if isinstance(node, dict) else node)
        ]
    return depth


def axes_factor(axes) -> int:
    """How many times the axes multiply the persons: the product, over the perpendicular groups of
    axes, of the largest `count` of each group (1 without axes)."""
    factor = 1
    for group in axes if isinstance(axes, list) else ():
        axes_of_group = group if isinstance(group, list) else [group]
        counts = [axis.get("count") for axis in axes_of_group if isinstance(axis, dict)]
        counts = [count for count in counts if isinstance(count, int | float)]
        if counts:
            factor *= max(1, int(min(max(counts), 1e12)) if not math.isnan(max(counts)) else 1)
    return factor
