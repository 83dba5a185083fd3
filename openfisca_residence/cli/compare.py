"""`openfisca-residence compare`: reforms against today's law on a population, and their report."""

from __future__ import annotations

import time

import numpy

from openfisca_residence.cli.arguments import backend_of, months_before
from openfisca_residence.cli.output import progress_bar, weighted
from openfisca_residence.cli.sources import add_population_arguments, population_of
from openfisca_residence.cli.tables import text_table
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
    started = time.perf_counter()
    backend = backend_of(arguments)
    population, persons, source = population_of(arguments, months)
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
    print(
        f"Dernier mois, {months[-1]} : effectifs pondérés, intervalles à 95 % entre crochets, "
        f"{weighted(comparison.persons)} personnes tirées\n"
    )
    print(text_table(headline_rows(headline(comparison))))
    if arguments.report:
        labels = reform_labels(reforms)
        title = "Comparaison avec le droit actuel : " + ", ".join(labels[r] for r in reforms)
        description = f"{source}, mois {months[0]} à {months[-1]}."
        files = [f"{labels[r]} ({r})" for r in reforms if labels[r] != r]
        if files:  # a parametric reform file is named by its `nom`: say where it was read
            description += " Réformes lues dans un fichier : " + ", ".join(files) + "."
        flows = None
        if not arguments.file:  # the synthetic population: its histories' yearly flows
            from openfisca_residence.synthetic.flows import yearly_flows

            first = months_before(months[0], arguments.history_months)
            flows = yearly_flows(arguments.synthetic, arguments.seed, first, months[-1])
        # The figures are drawn on this machine's workers (a Dask cluster's are elsewhere).
        drawing = backend.workers if backend.name == "local" else 1
        folder = write_report(comparison, arguments.report, title, description, flows, drawing)
        print(
            f"\nRapport : {folder / 'report.html'} (un fichier), {folder / 'report.md'}, graphiques et tableaux CSV."
        )
    print(
        f"{sum(done)} personnes × {len(months)} mois × {len(reforms) + 1} scénarios en "
        f"{time.perf_counter() - started:.1f} s."
    )


def headline_rows(table) -> list[list[str]]:
    """The terminal's table of the last month, in French."""
    from openfisca_residence.analysis import labels

    rows = [
        [
            "réforme",
            "prestation",
            "unité",
            "conditions (droit actuel)",
            "conditions (réforme)",
            "perdants [IC 95 %]",
            "dont allocataires",
            "gagnants",
            "coût / mois [IC 95 %]",
        ]
    ]
    for row in table.itertuples(index=False):
        cost = "pas de coût publié"
        if row.cost_change is not None and not numpy.isnan(row.cost_change):
            cost = f"{labels.euros(row.cost_change)} {labels.interval(row.cost_change_low, row.cost_change_high)}"
        rows.append(
            [
                row.reform,
                labels.benefit_name(row.benefit),
                row.unit,
                weighted(row.eligible_before),
                weighted(row.eligible_after),
                f"{weighted(row.losers)} {labels.interval(row.losers_low, row.losers_high)}",
                weighted(row.losers_recipients),
                weighted(row.gainers),
                cost,
            ]
        )
    return [[cell.replace(labels.NBSP, " ") for cell in row] for row in rows]


def register(commands) -> None:
    versus = commands.add_parser("compare", help="compare reforms with today's law on a population")
    add_population_arguments(versus)
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
    versus.add_argument(
        "--report", help="folder for the report (report.html, report.md, plots, CSV tables)"
    )
    versus.set_defaults(run=compare)
