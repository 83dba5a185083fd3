"""What the commands print, in the language of the messages (`i18n`): weighted figures, counts,
files named together, the line of an error, and a progress bar on the terminal."""

from __future__ import annotations

import sys

import numpy

from openfisca_residence.i18n import _, ngettext


def weighted(value) -> str:
    return f"{float(numpy.sum(value)):,.0f}".replace(",", " ")


def counted_persons(count: int) -> str:
    """`1 person`, `300 persons`."""
    return ngettext("{count} person", "{count} persons", count).format(count=count)


def joined(texts) -> str:
    """`a and b`, `a, b and c`: files named one after the other."""
    texts = [str(text) for text in texts]
    if len(texts) < 2:
        return "".join(texts)
    return _("{first} and {last}").format(first=", ".join(texts[:-1]), last=texts[-1])


def error_line(program: str, message: str) -> str:
    """`openfisca-residence: error: MESSAGE`: what a command prints before it exits with code 2."""
    return _("{program}: error: {message}").format(program=program, message=message)


class Quiet:
    def update(self, _count) -> None:
        pass

    def close(self) -> None:
        pass


def progress_bar(total: int, quiet: bool, description: str = "simulate"):
    if quiet:
        return Quiet()
    from tqdm import tqdm

    unit = " " + _("persons")
    return tqdm(total=total, unit=unit, unit_scale=True, desc=description, file=sys.stderr)
