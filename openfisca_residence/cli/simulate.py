"""`openfisca-residence simulate`: variables of a population file, month by month, to a results file."""

from __future__ import annotations

import sys
import time

import pyarrow
from openfisca_core.indexed_enums import Enum

from openfisca_residence.cli.arguments import (
    CommandError,
    add_backend_arguments,
    add_overwrite_argument,
    backend_of,
    output_path,
)
from openfisca_residence.cli.output import counted_persons, joined, progress_bar, weighted
from openfisca_residence.cli.tables import text_table
from openfisca_residence.data.population import Population
from openfisca_residence.data.schema import GROUP_ENTITY, PERSON_ENTITY, split_column
from openfisca_residence.data.streaming import ResultWriter, column_names, row_count
from openfisca_residence.i18n import _, ngettext
from openfisca_residence.simulation.files import families_path, result_metadata, simulate_file
from openfisca_residence.simulation.microsimulation import Microsimulation
from openfisca_residence.system.errors import unknown_variable
from openfisca_residence.system.months import parse_months
from openfisca_residence.system.registry import tax_benefit_system


def warn_months_beyond_file(path, months: list[str]) -> None:
    """Say so when months asked come after the last month a file gives inputs for: they are computed
    with no month-by-month facts (no day abroad, no hour of work, a document not renewed)."""
    given = [month for _name, month in map(split_column, column_names(path)) if month]
    if given and (later := [month for month in months if month > max(given)]):
        note = _(
            "note: {path} gives month-by-month inputs up to {given}; {first}..{last} are computed "
            "without them (no day abroad, no hour of work, documents as they stand: none is "
            "renewed). Generate or extend the file to cover the months asked."
        )
        print(
            note.format(path=path, given=max(given), first=later[0], last=later[-1]),
            file=sys.stderr,
        )


def simulate(arguments) -> None:
    variables = [v.strip() for v in arguments.variables.split(",") if v.strip()]
    if not variables:
        raise CommandError(_("--variables names no variable."))
    months = parse_months(arguments.months)
    output = output_path(
        arguments.output, arguments.overwrite, [arguments.file], [families_path(arguments.output)]
    )
    system = tax_benefit_system(arguments.reform)
    for name in variables:
        if name not in system.variables:
            problem = unknown_variable(name, system.variables)
            raise CommandError(_("--variables: {problem}.").format(problem=problem))
        if system.variables[name].entity.key not in (PERSON_ENTITY, GROUP_ENTITY):
            raise CommandError(
                _("{name}: only individu and famille variables are computed.").format(name=name)
            )

    backend = backend_of(arguments)
    warn_months_beyond_file(arguments.file, months)
    started = time.perf_counter()
    if arguments.in_memory:
        simulation, written, persons, chunks = _simulate_in_memory(
            arguments, variables, months, output, backend
        )
    else:  # batch by batch, in bounded memory (see openfisca_residence.runner)
        progress = progress_bar(row_count(arguments.file), arguments.quiet)
        try:
            simulation = simulate_file(
                arguments.file,
                output,
                variables,
                months,
                arguments.reform,
                backend,
                progress.update,
            )
        finally:
            progress.close()
        written = [str(path) for path in simulation.written]
        persons, chunks = simulation.entity_size(PERSON_ENTITY)[0], simulation.partitions
    print(summary(simulation, variables, months))
    done = _(
        "{persons} × {months} in {chunks} ({backend} backend), {seconds} s; written to {files}."
    )
    print(
        "\n"
        + done.format(
            persons=counted_persons(persons),
            months=ngettext("{count} month", "{count} months", len(months)).format(
                count=len(months)
            ),
            chunks=ngettext("{count} chunk", "{count} chunks", chunks).format(count=chunks),
            backend=backend.name,
            seconds=f"{time.perf_counter() - started:.1f}",
            files=joined(written),
        )
    )


def _simulate_in_memory(arguments, variables, months, output, backend):
    """The whole file read first: for a file whose families are scattered over its rows."""
    population = Population.read(arguments.file)
    simulation = Microsimulation(
        population,
        arguments.reform,
        chunk_size=arguments.chunk_size,
        backend=backend,
    )
    progress = progress_bar(len(population), arguments.quiet)
    try:
        results = simulation.calculate_many(variables, months, progress=progress.update)
    finally:
        progress.close()
    metadata = result_metadata(arguments.file, variables, months, arguments.reform)
    tables = {PERSON_ENTITY: (output, results.persons)}
    if len(results.families.columns) > 3:
        tables[GROUP_ENTITY] = (families_path(output), results.families)
    else:
        families_path(output).unlink(missing_ok=True)
    for entity, (path, frame) in tables.items():  # the persons' first, as simulate_file
        writer = ResultWriter(path, {**metadata, "entity": entity})
        writer.write(pyarrow.Table.from_pandas(frame, preserve_index=False))
        writer.close()
    written = [str(path) for path, _frame in tables.values()]
    return simulation, written, len(population), simulation.chunk_count


def summary(simulation: Microsimulation, variables, months) -> str:
    """Weighted counts (booleans, enum items) and totals (numbers), per variable and month."""
    rows = [[_("variable"), _("month"), _("rows"), _("weighted total"), _("share")]]
    for name in variables:
        definition = simulation.system.variables[name]
        count, weight = simulation.entity_size(definition.entity.key)
        if definition.value_type not in (bool, int, float, Enum):
            continue
        totals = simulation.total(name, months)
        for month in months:
            if definition.value_type is Enum:
                for item, value in totals[month].items():
                    if value:
                        share = f"{value / weight:.1%}" if weight else ""
                        rows.append([f"{name} = {item}", month, str(count), weighted(value), share])
                continue
            value = totals[month]
            share = f"{value / weight:.1%}" if weight and definition.value_type is bool else ""
            rows.append([name, month, str(count), weighted(value), share])
    return text_table(rows)


def register(commands) -> None:
    run = commands.add_parser("simulate", help="compute variables for a population")
    run.add_argument("file", help="population file, FILE.parquet or FILE.csv")
    run.add_argument("--variables", required=True, help="names separated by commas")
    run.add_argument(
        "--months", required=True, help="YYYY-MM..YYYY-MM, YYYY, or months separated by commas"
    )
    run.add_argument(
        "--output",
        required=True,
        help="results, FILE.parquet or FILE.csv (and FILE.familles.parquet for famille "
        "variables); never the population file; an existing file only with --overwrite",
    )
    add_overwrite_argument(run)
    run.add_argument(
        "--reform", help="a reform of openfisca_residence.reforms, or module:attribute"
    )
    add_backend_arguments(run)
    run.set_defaults(run=simulate)
