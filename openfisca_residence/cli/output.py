"""What the commands print: weighted figures, and a progress bar on the terminal."""

from __future__ import annotations

import sys

import numpy


def weighted(value) -> str:
    return f"{float(numpy.sum(value)):,.0f}".replace(",", " ")


class Quiet:
    def update(self, _count) -> None:
        pass

    def close(self) -> None:
        pass


def progress_bar(total: int, quiet: bool, description: str = "simulate"):
    if quiet:
        return Quiet()
    from tqdm import tqdm

    return tqdm(total=total, unit=" persons", unit_scale=True, desc=description, file=sys.stderr)
