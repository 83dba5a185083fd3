"""The published figures the synthetic population is drawn after and its results are set against.

`chiffres_publies.tsv`, beside this module, holds one figure a line: its key, the date it refers
to (a day for a stock, a year for a flow), its value (empty when no figure is published), the
published range, its unit, its source and a note. `stock(key, day)` reads a stock on any day,
`flow(key, year)` a yearly flow, each with the figures it was read from:

    stock("titres_valides", "2024-06-30").value   # 4,166,859: between end 2023 and end 2024
    stock("titres_valides", "2024-06-30").source  # "DGEF ... (2023-12-31) ; DGEF ... (2024-12-31)"
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy

FILE = Path(__file__).with_name("chiffres_publies.tsv")


@dataclass(frozen=True)
class Figure:
    """A published figure, or its absence (`value` None), with its source."""

    key: str
    date: str  # YYYY-MM-DD for a stock, YYYY for a yearly flow, "" when none is published
    value: float | None
    low: float | None
    high: float | None
    unit: str
    source: str
    note: str

    @property
    def year(self) -> str:
        return self.date[:4]

    @property
    def reference(self) -> str:
        """The source and the date, as a report cites them."""
        return f"{self.source} ({self.date})" if self.date else self.source


@cache
def figures() -> dict[str, list[Figure]]:
    """Every figure of the file, by key, in order of date."""
    found: dict[str, list[Figure]] = {}
    with FILE.open(encoding="utf-8") as lines:
        rows = csv.DictReader((line for line in lines if not line.startswith("#")), delimiter="\t")
        for row in rows:
            figure = Figure(
                row["cle"],
                row["date"],
                *(_number(row[column]) for column in ("valeur", "bas", "haut")),
                row["unite"],
                row["source"],
                row["note"],
            )
            found.setdefault(figure.key, []).append(figure)
    for key in found:
        found[key].sort(key=lambda figure: figure.date)
    return found


def series(key: str) -> list[Figure]:
    """The figures of `key`, in order of date (a KeyError names an unknown key)."""
    try:
        return figures()[key]
    except KeyError:
        raise KeyError(f"No published figure '{key}' in {FILE.name}.") from None


def stock(key: str, day) -> Figure:
    """The stock `key` on `day`: interpolated linearly between the two published dates around it,
    the first or the last published figure before or after them. `value` is None when no figure
    is published; `date` and `source` name the figures read."""
    known = [figure for figure in series(key) if figure.value is not None]
    if not known:
        return series(key)[0]
    day = numpy.datetime64(str(day)[:10], "D")
    dates = numpy.array([figure.date for figure in known], dtype="datetime64[D]")
    after = int(numpy.searchsorted(dates, day, side="left"))
    if after == 0 or after == len(known) or dates[after] == day:
        return known[min(after, len(known) - 1)]
    before, next_ = known[after - 1], known[after]
    share = float((day - dates[after - 1]) / (dates[after] - dates[after - 1]))

    def between(one, other):
        if one is None or other is None:
            return None
        return one + share * (other - one)

    return Figure(
        key,
        f"{before.date} – {next_.date}",
        between(before.value, next_.value),
        between(before.low, next_.low),
        between(before.high, next_.high),
        before.unit,
        before.source if before.source == next_.source else f"{before.source} ; {next_.source}",
        next_.note or before.note,
    )


def flow(key: str, year: int) -> Figure:
    """The yearly flow `key` of `year`, or of the published year closest to it."""
    known = [figure for figure in series(key) if figure.value is not None]
    if not known:
        return series(key)[0]
    return min(known, key=lambda figure: (abs(int(figure.year) - int(year)), -int(figure.year)))


def _number(text: str) -> float | None:
    return float(text) if text.strip() else None
