"""`openfisca-residence compare`: reforms against today's law on a population, and their report."""

from __future__ import annotations

import time

import numpy

from openfisca_residence.cli.arguments import (
    CommandError,
    add_backend_arguments,
    backend_of,
    months_before,
    seed,
)
from openfisca_residence.cli.output import progress_bar, weighted
from openfisca_residence.cli.simulate import warn_months_beyond_file
from openfisca_residence.cli.tables import text_table
from openfisca_residence.data.population import Population
from openfisca_residence.data.streaming import row_count
from openfisca_residence.system.months import parse_months
from openfisca_residence.system.registry import tax_benefit_system


def compare(arguments) -> None:
    from openfisca_residence.analysis.comparison import compare as compare_population
    from openfisca_residence.analysis.comparison import reform_labels
    from openfisca_residence.analysis.report import headline, write_report

    months = parse_months(arguments.months)
    reforms = arguments.reform
    for reform in reforms:
        tax_benefit_system(reform)  # an unknown reform or reform file fails here, before any work
    backend = backend_of(arguments)
    if not arguments.file and arguments.synthetic < 1:
        raise CommandError("--synthetic: a population holds 1 person or more.")
    if backend.name == "dask" and (not arguments.file or arguments.in_memory):
        raise CommandError(
            "--backend dask: the workers read a population file; give one (.parquet), "
            "without --in-memory."
        )
    seed(arguments.seed)
    if arguments.file:
        warn_months_beyond_file(arguments.file, months)
    started = time.perf_counter()
    if arguments.file and arguments.in_memory:
        population = Population.read(arguments.file)
        persons = len(population)
        source = arguments.file
    elif arguments.file:  # read batch by batch by compare: bounded memory
        population = arguments.file
        persons = row_count(arguments.file)
        source = arguments.file
    else:
        from openfisca_residence.synthetic import generate as generate_population

        first, last = months[0], months[-1]
        population = generate_population(
            arguments.synthetic, arguments.seed, months_before(first, 12), last
        )
        persons = len(population)
        source = (
            f"population synthétique de {arguments.synthetic} personnes (graine {arguments.seed})"
        )
    progress = progress_bar(persons, arguments.quiet, "compare")
    done = []  # the persons of each chunk compared

    def advance(count: int) -> None:
        done.append(count)
        progress.update(count)

    try:
        comparison = compare_population(
            population,
            reforms,
            months,
            chunk_size=arguments.chunk_size,
            progress=advance,
            backend=backend,
        )
    finally:
        progress.close()
    persons = sum(done)
    rows = [
        [
            "reform",
            "benefit",
            "unit",
            "meet before",
            "meet after",
            "losers",
            "gainers",
            "cost/month",
        ]
    ]
    for row in headline(comparison).itertuples(index=False):
        cost = "" if numpy.isnan(row.cost_change) else f"{row.cost_change:,.0f} €".replace(",", " ")
        rows.append(
            [
                row.reform,
                row.benefit,
                row.unit,
                weighted(row.eligible_before),
                weighted(row.eligible_after),
                weighted(row.losers),
                weighted(row.gainers),
                cost,
            ]
        )
    print(f"Last month, {months[-1]} (weighted; cost: order of magnitude)\n")
    print(text_table(rows))
    if arguments.report:
        labels = reform_labels(reforms)
        title = "Comparaison avec le droit actuel : " + ", ".join(labels[r] for r in reforms)
        description = f"{source}, mois {months[0]} à {months[-1]}."
        files = [f"{labels[r]} ({r})" for r in reforms if labels[r] != r]
        if files:  # a parametric reform file is named by its `nom`: say where it was read
            description += " Réformes lues dans un fichier : " + ", ".join(files) + "."
        folder = write_report(comparison, arguments.report, title, description)
        print(f"\nReport: {folder / 'report.md'}, {folder / 'report.html'} and plots.")
    print(
        f"{persons} persons × {len(months)} months × {len(reforms) + 1} scenarios in {time.perf_counter() - started:.1f} s."
    )


def register(commands) -> None:
    versus = commands.add_parser("compare", help="compare reforms with today's law on a population")
    versus.add_argument("file", nargs="?", help="population file (default: a synthetic population)")
    versus.add_argument(
        "--synthetic",
        type=int,
        default=20_000,
        help="persons of the synthetic population (default 20000)",
    )
    versus.add_argument("--seed", type=int, default=2026, help="its random seed (default 2026)")
    versus.add_argument(
        "--reform",
        action="append",
        required=True,
        help="a reform of openfisca_residence.reforms (NAME or NAME@YYYY-MM-DD), a parametric "
        "reform file (FILE.yaml) or module:attribute; repeat for several",
    )
    versus.add_argument(
        "--months", required=True, help="YYYY-MM..YYYY-MM, YYYY, or months separated by commas"
    )
    versus.add_argument("--report", help="folder for report.md, report.html and the plots")
    add_backend_arguments(versus)
    versus.set_defaults(run=compare)
