"""What the commands share: the user's mistakes, and the arguments several commands take."""

from __future__ import annotations

import argparse
from pathlib import Path

from openfisca_core import periods

from openfisca_residence.cli.output import joined
from openfisca_residence.i18n import _
from openfisca_residence.rules.dates import FIRST_MONTH, LAST_MONTH
from openfisca_residence.rules.inputs import ONE_PERIOD
from openfisca_residence.simulation.backends import BACKENDS, Backend
from openfisca_residence.simulation.chunk import DEFAULT_CHUNK_SIZE

OUTPUT_SUFFIXES = {".csv", ".parquet"}


class CommandError(Exception):
    """A mistake of the user: its message is printed, and the command exits with code 2."""


def parse_month(option: str, text: str) -> str:
    """One month written YYYY-MM (`--start`, `--end`), or a CommandError naming the option."""
    try:
        period = periods.period(text.strip())
    except ValueError:
        period = None
    if period is None or period.unit != periods.DateUnit.MONTH or period.size != 1:
        raise CommandError(
            _("{option} '{text}' is not one month: write YYYY-MM.").format(option=option, text=text)
        )
    return str(period)


def seed(seed: int) -> int:
    if seed < 0:
        raise CommandError(_("--seed {seed}: a whole number of 0 or more.").format(seed=seed))
    return seed


def output_path(path: str, overwrite: bool = False, inputs=(), companions=()) -> Path:
    """`--output`: a .parquet or .csv file that is none of the `inputs` and does not exist (nor
    do its `companions`, the files written with it), unless `overwrite`."""
    output = Path(path)
    if output.suffix.lower() not in OUTPUT_SUFFIXES:
        raise CommandError(_("--output {path}: write a .parquet or a .csv file.").format(path=path))
    written = [output, *companions]
    for given in inputs:
        for target in written:
            if target.resolve() == Path(given).resolve():
                raise CommandError(
                    _(
                        "--output {path}: {file} is the population file read: the results would "
                        "replace it. Choose another file."
                    ).format(path=path, file=target)
                )
    existing = [str(target) for target in written if target.exists()]
    if existing and not overwrite:
        if len(existing) == 1:
            message = _(
                "--output {path}: {file} already exists; give --overwrite to replace it, or "
                "choose another file."
            )
        else:
            message = _(
                "--output {path}: {files} already exist; give --overwrite to replace them, or "
                "choose another file."
            )
        raise CommandError(message.format(path=path, file=existing[0], files=joined(existing)))
    return output


def add_overwrite_argument(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--overwrite",
        action="store_true",
        help="replace the --output file (and its companions) if it exists",
    )


def one_modelled_month(option: str, text) -> str:
    """One month written YYYY-MM, within the months the law is modelled for (a legal expert's
    `explain --month`: the message in the language of the messages)."""
    try:
        period = periods.period(str(text).strip())
    except ValueError:
        period = None
    where = f"{option} {str(text)!r}"
    if period is None or period.unit != periods.DateUnit.MONTH or period.size != 1:
        example = f"{period.start.year}-01" if period is not None else "2018-02"
        problem = _("ask for {one}, such as {example}, not {period}.").format(
            one=_(ONE_PERIOD[periods.DateUnit.MONTH]), example=example, period=text
        )
        raise CommandError(_("{path}: {text}").format(path=where, text=problem))
    month = str(period)
    if not FIRST_MONTH <= month <= LAST_MONTH:
        problem = _("the law is modelled from {first} to {last}.").format(
            first=FIRST_MONTH, last=LAST_MONTH
        )
        raise CommandError(_("{path}: {text}").format(path=where, text=problem))
    return month


def months_before(month: str, count: int) -> str:
    return str(periods.period(month).offset(-count))


def add_backend_arguments(command: argparse.ArgumentParser) -> None:
    """--chunk-size, --workers, --backend, --scheduler, --in-memory, --quiet: where and how
    chunks are computed."""
    command.add_argument(
        "--chunk-size",
        type=int,
        default=DEFAULT_CHUNK_SIZE,
        help=f"persons per simulation (default {DEFAULT_CHUNK_SIZE}): bounds the memory",
    )
    command.add_argument(
        "--workers",
        type=int,
        default=None,
        help="processes computing chunks side by side (default: every core this process may "
        "run on for the local backend; 2 for a local Dask cluster; 1: this process alone)",
    )
    command.add_argument(
        "--backend",
        choices=BACKENDS,
        default="local",
        help="local (default): this machine, reading the file batch by batch; dask: a Dask "
        "cluster, local unless --scheduler is given",
    )
    command.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="the Dask scheduler of an existing cluster, e.g. tcp://127.0.0.1:8786 (implies "
        "--backend dask); the workers must be able to read the file",
    )
    command.add_argument(
        "--in-memory",
        action="store_true",
        help="read the whole file first (memory grows with it), for a file whose families "
        "are not on consecutive rows",
    )
    command.add_argument("--quiet", action="store_true", help="no progress bar")


def backend_of(arguments) -> Backend:
    if arguments.chunk_size < 1:
        raise CommandError(_("--chunk-size: a chunk holds 1 person or more."))
    if arguments.workers is not None and arguments.workers < 1:
        raise CommandError(_("--workers: 1 process or more."))
    name = "dask" if arguments.scheduler else arguments.backend
    return Backend(name, arguments.workers, arguments.scheduler, arguments.chunk_size)
