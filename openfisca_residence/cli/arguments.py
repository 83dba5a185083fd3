"""What the commands share: the user's mistakes, and the arguments several commands take."""

from __future__ import annotations

import argparse
from pathlib import Path

from openfisca_core import periods

from openfisca_residence.rules.dates import FIRST_MONTH, LAST_MONTH
from openfisca_residence.simulation.backends import BACKENDS, Backend

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
        raise CommandError(f"{option} '{text}' is not one month: write YYYY-MM.")
    return str(period)


def seed(seed: int) -> int:
    if seed < 0:
        raise CommandError(f"--seed {seed}: a whole number of 0 or more.")
    return seed


def output_path(path: str) -> Path:
    output = Path(path)
    if output.suffix.lower() not in OUTPUT_SUFFIXES:
        raise CommandError(f"--output {path}: write a .parquet or a .csv file.")
    return output


def one_modelled_month(option: str, text) -> str:
    """One month written YYYY-MM, within the months the law is modelled for."""
    try:
        period = periods.period(str(text).strip())
    except ValueError:
        period = None
    if period is None or period.unit != periods.DateUnit.MONTH or period.size != 1:
        example = f"{period.start.year}-01" if period is not None else "2018-02"
        raise CommandError(
            f"{option} {str(text)!r}: ask for one month, such as {example} (YYYY-MM)."
        )
    month = str(period)
    if not FIRST_MONTH <= month <= LAST_MONTH:
        raise CommandError(
            f"{option} {month}: the law is modelled from {FIRST_MONTH} to {LAST_MONTH}."
        )
    return month


def months_before(month: str, count: int) -> str:
    return str(periods.period(month).offset(-count))


def add_chunk_size_argument(command: argparse.ArgumentParser) -> None:
    from openfisca_residence.simulation.chunk import DEFAULT_CHUNK_SIZE

    command.add_argument(
        "--chunk-size",
        type=int,
        default=DEFAULT_CHUNK_SIZE,
        help=f"persons per simulation (default {DEFAULT_CHUNK_SIZE}): bounds the memory",
    )


def add_backend_arguments(command: argparse.ArgumentParser) -> None:
    """--workers, --backend, --scheduler, --in-memory: where and how chunks are computed."""
    command.add_argument(
        "--workers",
        type=int,
        default=None,
        help="processes computing chunks side by side (default: 1 for the local backend, "
        "this one; 2 for a local Dask cluster)",
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


def backend_of(arguments) -> Backend:
    if arguments.chunk_size < 1:
        raise CommandError("--chunk-size: a chunk holds 1 person or more.")
    if arguments.workers is not None and arguments.workers < 1:
        raise CommandError("--workers: 1 process or more.")
    name = "dask" if arguments.scheduler else arguments.backend
    workers = arguments.workers or (2 if name == "dask" and not arguments.scheduler else 1)
    return Backend(name, workers, arguments.scheduler, arguments.chunk_size)
