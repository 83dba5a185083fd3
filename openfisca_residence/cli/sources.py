"""The population a command reads: a file, or the synthetic population (`compare`, `calibrate`)."""

from __future__ import annotations

from openfisca_residence.cli.arguments import (
    CommandError,
    add_backend_arguments,
    backend_of,
    months_before,
    seed,
)
from openfisca_residence.cli.simulate import warn_months_beyond_file
from openfisca_residence.data.population import Population
from openfisca_residence.data.streaming import row_count
from openfisca_residence.i18n import _


def add_population_arguments(command, history_months: int = 12) -> None:
    """FILE, or --synthetic N and --seed S; --chunk-size, the backend, --quiet
    (`add_backend_arguments`)."""
    command.add_argument(
        "file", nargs="?", help="population file (default: a synthetic population)"
    )
    command.add_argument(
        "--synthetic",
        type=int,
        default=20_000,
        help="persons of the synthetic population (default 20000)",
    )
    command.add_argument("--seed", type=int, default=2026, help="its random seed (default 2026)")
    add_backend_arguments(command)
    command.set_defaults(history_months=history_months)


def population_of(arguments, months) -> tuple:
    """The population to read: a file (streamed, or whole with `--in-memory`), or the synthetic
    population of `--synthetic` persons over the months and the `history_months` before them;
    its persons, and how a report names it."""
    backend = backend_of(arguments)
    if not arguments.file and arguments.synthetic < 1:
        raise CommandError(
            _("{option}: a population holds 1 person or more.").format(option="--synthetic")
        )
    if backend.name == "dask" and (not arguments.file or arguments.in_memory):
        raise CommandError(
            _(
                "--backend dask: the workers read a population file; give one (.parquet), "
                "without --in-memory."
            )
        )
    seed(arguments.seed)
    if arguments.file:
        warn_months_beyond_file(arguments.file, months)
    if arguments.file and arguments.in_memory:
        population = Population.read(arguments.file)
        return population, len(population), arguments.file
    if arguments.file:  # read batch by batch: bounded memory
        return arguments.file, row_count(arguments.file), arguments.file
    from openfisca_residence.synthetic import generate

    first = months[0]
    if arguments.history_months:
        first = months_before(first, arguments.history_months)
    population = generate(arguments.synthetic, arguments.seed, first, months[-1])
    source = f"population synthétique de {arguments.synthetic} personnes (graine {arguments.seed})"
    return population, len(population), source
