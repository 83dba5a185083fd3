"""`openfisca-residence population generate|validate|calibrate`: write the synthetic population,
check a file, set a population's results beside the published figures."""

from __future__ import annotations

import time

from openfisca_residence.cli.arguments import (
    CommandError,
    add_overwrite_argument,
    backend_of,
    months_before,
    output_path,
    parse_month,
    seed,
)
from openfisca_residence.cli.output import counted_persons, progress_bar, weighted
from openfisca_residence.cli.sources import add_population_arguments, population_of
from openfisca_residence.data.population import Population
from openfisca_residence.data.schema import WEIGHT
from openfisca_residence.data.streaming import column_names, read_columns
from openfisca_residence.i18n import _, ngettext
from openfisca_residence.system.months import parse_months


def generate(arguments) -> None:
    from openfisca_residence.synthetic import write as write_population

    output = output_path(arguments.output, arguments.overwrite)
    if arguments.persons < 1:
        raise CommandError(
            _("{option}: a population holds 1 person or more.").format(option="--persons")
        )
    start = parse_month("--start", arguments.start)
    end = parse_month("--end", arguments.end)
    if start > end:
        raise CommandError(
            _("--start {start} --end {end}: the first month comes after the last.").format(
                start=start, end=end
            )
        )
    # written block by block, row groups on family boundaries
    rows = write_population(output, arguments.persons, seed(arguments.seed), start, end)
    weights = read_columns(output, [WEIGHT])
    written = _(
        "{path}: {persons} (seed {seed}, months {start}..{end}), {columns} columns; "
        "weighted count: {weighted}."
    )
    print(
        written.format(
            path=output,
            persons=counted_persons(rows),
            seed=arguments.seed,
            start=start,
            end=end,
            columns=len(column_names(output)),
            weighted=weighted(weights[WEIGHT].to_numpy()),
        )
    )


def validate(arguments) -> None:
    started = time.perf_counter()
    population = Population.read(arguments.file)
    table = population.table
    families = population.families[1]
    months = population.months
    period = (
        _(", months {first}..{last}").format(first=months[0], last=months[-1]) if months else ""
    )
    columns = len(population.input_columns)
    valid = _(
        "{path}: valid. {persons} in {families}, {columns}{period}; weighted count: {weighted} "
        "({seconds} s)."
    )
    print(
        valid.format(
            path=arguments.file,
            persons=counted_persons(table.num_rows),
            families=ngettext("{count} family", "{count} families", families).format(
                count=families
            ),
            columns=ngettext("{count} input column", "{count} input columns", columns).format(
                count=columns
            ),
            period=period,
            weighted=weighted(population.weights),
            seconds=f"{time.perf_counter() - started:.1f}",
        )
    )


DEFAULT_WINDOW = "2023-01..2027-12"


def calibrate(arguments) -> None:
    """Print, month by month, each indicator of today's law beside its published figure."""
    from openfisca_residence.analysis import labels
    from openfisca_residence.analysis.comparison import calibrate as calibration_table

    months = parse_months(arguments.months)
    started = time.perf_counter()
    population, persons, source = population_of(arguments, months)
    progress = progress_bar(persons, arguments.quiet, "calibrate")
    try:
        table = calibration_table(
            population,
            months,
            chunk_size=arguments.chunk_size,
            progress=progress.update,
            backend=backend_of(arguments),
        )
    finally:
        progress.close()
    print(f"Calage du droit actuel : {source}, mois {months[0]} à {months[-1]}.")
    print("Modèle pondéré [intervalle à 95 %] (unités tirées) ; chiffre publié (sa date) ; écart.")
    for _indicator, rows in table.groupby("indicator", sort=False):
        print(f"\n{rows.label.iloc[0]} — tolérance : {rows.tolerance.iloc[0]}")
        print(f"  source : {rows.source.iloc[0]}")
        for row in rows.itertuples(index=False):
            shown = labels.share if row.unit == "part" else labels.number
            model = f"{shown(row.model)} {labels.interval(row.model_low, row.model_high, shown)}"
            verdict = {True: "tenu", False: "NON TENU"}.get(row.holds, "")
            line = (
                f"  {row.month}  {model:>44} ({row.sample:>6})  publié "
                f"{labels.number(row.published) or '—':>11} {_dated(row.published_date):<26}"
                f" {labels.share(row.deviation):>8}  {verdict}"
            )
            print(line.replace(labels.NBSP, " "))
    if not arguments.file:
        _print_flows(arguments, months)
    checked = table[table.holds.notna()]
    held = int(checked.holds.astype(bool).sum())
    print(
        f"\n{held} mois-indicateurs tenus sur {len(checked)} ({time.perf_counter() - started:.1f} s)."
    )
    if arguments.output:
        output = output_path(arguments.output)
        table.to_csv(output, index=False, encoding="utf-8")
        print(f"Tableau complet : {output}")
    if held < len(checked):
        raise CommandError(_("some indicators are outside their tolerance (NON TENU above)."))


def _dated(date) -> str:
    return f"({date})" if isinstance(date, str) and date else ""


def _print_flows(arguments, months) -> None:
    """The yearly flows of the synthetic histories beside the published ones."""
    from openfisca_residence.analysis import labels
    from openfisca_residence.synthetic.flows import yearly_flows

    first = months[0]
    if arguments.history_months:
        first = months_before(first, arguments.history_months)
    flows = yearly_flows(arguments.synthetic, arguments.seed, first, months[-1])
    print("\nFlux annuels des histoires de la population synthétique (adultes), chiffres publiés :")
    for row in flows.itertuples(index=False):
        line = (
            f"  {row.year}  {row.label:<55} {labels.number(row.model):>11}  publié "
            f"{labels.number(row.published) or 'aucun':>9} {_dated(row.published_year):<7}"
            f" {labels.share(row.deviation):>8}"
        )
        print(line.replace(labels.NBSP, " "))


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
    calibration = actions.add_parser(
        "calibrate", help="today's law on a population beside the published figures, month by month"
    )
    add_population_arguments(calibration)
    calibration.add_argument(
        "--months",
        default=DEFAULT_WINDOW,
        help=f"YYYY-MM..YYYY-MM, YYYY, or months separated by commas (default {DEFAULT_WINDOW})",
    )
    calibration.add_argument("--output", help="the whole table, every month, as FILE.csv")
    calibration.set_defaults(run=calibrate)
