"""`openfisca-residence population generate|validate`: write the synthetic population, check a file."""

from __future__ import annotations

import time

from openfisca_residence.cli.arguments import (
    CommandError,
    add_overwrite_argument,
    output_path,
    parse_month,
    seed,
)
from openfisca_residence.cli.output import weighted
from openfisca_residence.data.population import Population
from openfisca_residence.data.schema import WEIGHT
from openfisca_residence.data.streaming import column_names, read_columns


def generate(arguments) -> None:
    from openfisca_residence.synthetic import write as write_population

    output = output_path(arguments.output, arguments.overwrite)
    if arguments.persons < 1:
        raise CommandError("--persons: a population holds 1 person or more.")
    start = parse_month("--start", arguments.start)
    end = parse_month("--end", arguments.end)
    if start > end:
        raise CommandError(f"--start {start} --end {end}: the first month comes after the last.")
    # written block by block, row groups on family boundaries
    rows = write_population(output, arguments.persons, seed(arguments.seed), start, end)
    weights = read_columns(output, [WEIGHT])
    print(
        f"{output}: {rows} persons (seed {arguments.seed}, months "
        f"{start}..{end}), {len(column_names(output))} columns, "
        f"{weighted(weights[WEIGHT].to_numpy())} persons weighted."
    )


def validate(arguments) -> None:
    started = time.perf_counter()
    population = Population.read(arguments.file)
    table = population.table
    families = population.families[1]
    months = population.months
    period = f", months {months[0]}..{months[-1]}" if months else ""
    print(
        f"{arguments.file}: valid. {table.num_rows} persons in {families} families, "
        f"{len(population.input_columns)} input columns{period}; "
        f"{weighted(population.weights)} persons weighted "
        f"({time.perf_counter() - started:.1f} s)."
    )


def register(commands) -> None:
    population = commands.add_parser("population", help="generate or validate a population file")
    actions = population.add_subparsers(dest="action", required=True, metavar="ACTION")
    create = actions.add_parser("generate", help="write the synthetic population")
    create.add_argument("--persons", type=int, required=True, help="number of persons")
    create.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    create.add_argument("--output", required=True, help="FILE.parquet or FILE.csv")
    add_overwrite_argument(create)
    create.add_argument("--start", default="2023-01", help="first month given (default 2023-01)")
    create.add_argument("--end", default="2024-12", help="last month given (default 2024-12)")
    create.set_defaults(run=generate)
    check = actions.add_parser("validate", help="check a population file, compute nothing")
    check.add_argument("file", help="FILE.parquet or FILE.csv")
    check.set_defaults(run=validate)
