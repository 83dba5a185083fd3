"""The `openfisca-residence` command: population files and microsimulation.

    openfisca-residence population generate --persons 2000 --seed 2026 --output population.parquet
    openfisca-residence population validate population.parquet
    openfisca-residence simulate population.parquet --variables reside_en_france,sejour_principal_france \\
        --months 2024-01..2024-12 --output results.parquet
    openfisca-residence compare --reform fin_droits_expiration_sejour --months 2027-01..2027-12 \\
        --report reports/fin_droits
    openfisca-residence explain case.yaml --month 2018-02 [--case N|NAME]
    openfisca-residence index-juridique --output docs/index-juridique.md
    openfisca-residence simulate population.parquet ... --backend dask --workers 2
    openfisca-residence simulate population.parquet ... --scheduler tcp://127.0.0.1:8786

`simulate` reads the file batch by batch (`runner`, `streaming`): memory stays bounded whatever
its size. A wrong argument, an unreadable or invalid file, an unknown variable or reform, a Dask
scheduler that cannot be reached prints one message and exits with code 2.
"""

from __future__ import annotations

import argparse
import difflib
import sys
import time
from pathlib import Path

import numpy
import pyarrow
from openfisca_core import periods
from openfisca_core.errors import SituationParsingError, VariableNotFoundError
from openfisca_core.indexed_enums import Enum

from openfisca_residence import legal_index
from openfisca_residence.dates import FIRST_MONTH, LAST_MONTH
from openfisca_residence.microsimulation import (
    DEFAULT_CHUNK_SIZE,
    Microsimulation,
    tax_benefit_system,
)
from openfisca_residence.population import (
    GROUP_ENTITY,
    PERSON_ENTITY,
    WEIGHT,
    Population,
    PopulationError,
    split_column,
    write_table,
)
from openfisca_residence.runner import BACKENDS, Backend, simulate_file
from openfisca_residence.streaming import column_names, read_columns, row_count
from openfisca_residence.tables import table as text_table

USAGE_ERROR = 2
OUTPUT_SUFFIXES = {".csv", ".parquet"}


class CommandError(Exception):
    """A mistake of the user: its message is printed, and the command exits with code 2."""


def parse_months(text: str) -> list[str]:
    """`2024-01..2024-12`, `2024-01,2024-03` or `2024` (its twelve months) → ["2024-01", ...]."""
    months: list[str] = []
    for part in (p.strip() for p in text.split(",") if p.strip()):
        try:
            if ".." in part:
                first, last = (periods.period(x.strip()) for x in part.split("..", 1))
                if first.unit != periods.DateUnit.MONTH or last.unit != periods.DateUnit.MONTH:
                    raise ValueError
                count = (last.start.year - first.start.year) * 12 + last.start.month
                count -= first.start.month - 1
                if count < 1:
                    raise CommandError(f"--months {part}: the first month comes after the last.")
                months += [str(first.offset(i)) for i in range(count)]
            else:
                period = periods.period(part)
                if period.unit == periods.DateUnit.YEAR:
                    months += [str(month) for month in period.get_subperiods(periods.MONTH)]
                elif period.unit == periods.DateUnit.MONTH and period.size == 1:
                    months.append(str(period))
                else:
                    raise ValueError
        except (ValueError, TypeError, AttributeError) as error:
            raise CommandError(
                f"--months '{part}' is not a month: write YYYY-MM, a range "
                "YYYY-MM..YYYY-MM, a year YYYY, or several separated by commas."
            ) from error
    if not months:
        raise CommandError("--months names no month.")
    outside = [month for month in months if not FIRST_MONTH <= month <= LAST_MONTH]
    if outside:
        raise CommandError(
            f"--months {outside[0]}: the law is modelled from {FIRST_MONTH} to {LAST_MONTH}."
        )
    return list(dict.fromkeys(months))


def parse_month(option: str, text: str) -> str:
    """One month written YYYY-MM (`--start`, `--end`), or a CommandError naming the option."""
    try:
        period = periods.period(text.strip())
    except ValueError:
        period = None
    if period is None or period.unit != periods.DateUnit.MONTH or period.size != 1:
        raise CommandError(f"{option} '{text}' is not one month: write YYYY-MM.")
    return str(period)


def _seed(seed: int) -> int:
    if seed < 0:
        raise CommandError(f"--seed {seed}: a whole number of 0 or more.")
    return seed


def _output(path: str) -> Path:
    output = Path(path)
    if output.suffix.lower() not in OUTPUT_SUFFIXES:
        raise CommandError(f"--output {path}: write a .parquet or a .csv file.")
    return output


# ---------------------------------------------------------------------------------------------
# Commands


def generate(arguments) -> None:
    from openfisca_residence.synthetic import write as write_population

    output = _output(arguments.output)
    if arguments.persons < 1:
        raise CommandError("--persons: a population holds 1 person or more.")
    start = parse_month("--start", arguments.start)
    end = parse_month("--end", arguments.end)
    if start > end:
        raise CommandError(f"--start {start} --end {end}: the first month comes after the last.")
    # written block by block, row groups on family boundaries
    rows = write_population(output, arguments.persons, _seed(arguments.seed), start, end)
    weights = read_columns(output, [WEIGHT])
    print(
        f"{output}: {rows} persons (seed {arguments.seed}, months "
        f"{start}..{end}), {len(column_names(output))} columns, "
        f"{_weighted(weights[WEIGHT].to_numpy())} persons weighted."
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
        f"{_weighted(population.weights)} persons weighted "
        f"({time.perf_counter() - started:.1f} s)."
    )


def warn_months_beyond_file(path, months: list[str]) -> None:
    """Say so when months asked come after the last month a file gives inputs for: they are computed
    with no month-by-month facts (no day abroad, no hour of work, a document not renewed)."""
    given = [month for _, month in map(split_column, column_names(path)) if month]
    if given and (later := [month for month in months if month > max(given)]):
        print(
            f"note: {path} gives month-by-month inputs up to {max(given)}; {later[0]}..{later[-1]} "
            "are computed without them (no day abroad, no hour of work, documents as they stand: "
            "none is renewed). Generate or extend the file to cover the months asked.",
            file=sys.stderr,
        )


def simulate(arguments) -> None:
    variables = [v.strip() for v in arguments.variables.split(",") if v.strip()]
    if not variables:
        raise CommandError("--variables names no variable.")
    months = parse_months(arguments.months)
    output = _output(arguments.output)
    system = tax_benefit_system(arguments.reform)
    for name in variables:
        if name not in system.variables:
            closest = difflib.get_close_matches(name, system.variables, n=1)
            hint = f" (did you mean '{closest[0]}'?)" if closest else ""
            raise CommandError(f"--variables: unknown variable '{name}'{hint}.")
        if system.variables[name].entity.key not in (PERSON_ENTITY, GROUP_ENTITY):
            raise CommandError(f"{name}: only individu and famille variables are computed.")

    backend = _backend(arguments)
    warn_months_beyond_file(arguments.file, months)
    started = time.perf_counter()
    if arguments.in_memory:
        simulation, written, persons, chunks = _simulate_in_memory(
            arguments, variables, months, output, backend
        )
    else:  # batch by batch, in bounded memory (see openfisca_residence.runner)
        progress = _progress(row_count(arguments.file), arguments.quiet)
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
    print(
        f"\n{persons} persons × {len(months)} months in {chunks} "
        f"chunk{'s' if chunks > 1 else ''} ({backend.name} backend), "
        f"{time.perf_counter() - started:.1f} s; written to {' and '.join(written)}."
    )


def _simulate_in_memory(arguments, variables, months, output, backend):
    """The whole file read first: for a file whose families are scattered over its rows."""
    population = Population.read(arguments.file)
    simulation = Microsimulation(
        population,
        arguments.reform,
        chunk_size=arguments.chunk_size,
        workers=backend.workers,
        backend=backend.name,
        scheduler=backend.scheduler,
    )
    progress = _progress(len(population), arguments.quiet)
    try:
        results = simulation.calculate_many(variables, months, progress=progress.update)
    finally:
        progress.close()
    write_table(pyarrow.Table.from_pandas(results.persons, preserve_index=False), output)
    written = [str(output)]
    if len(results.families.columns) > 3:
        families_path = output.with_name(f"{output.stem}.familles{output.suffix}")
        write_table(
            pyarrow.Table.from_pandas(results.families, preserve_index=False), families_path
        )
        written.append(str(families_path))
    return simulation, written, len(population), simulation.chunk_count


def compare(arguments) -> None:
    from openfisca_residence.comparison import compare as compare_population
    from openfisca_residence.comparison import reform_labels
    from openfisca_residence.report import headline, write_report

    months = parse_months(arguments.months)
    reforms = arguments.reform
    for reform in reforms:
        tax_benefit_system(reform)  # an unknown reform or reform file fails here, before any work
    backend = _backend(arguments)
    if not arguments.file and arguments.synthetic < 1:
        raise CommandError("--synthetic: a population holds 1 person or more.")
    if backend.name == "dask" and (not arguments.file or arguments.in_memory):
        raise CommandError(
            "--backend dask: the workers read a population file; give one (.parquet), "
            "without --in-memory."
        )
    _seed(arguments.seed)
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
            arguments.synthetic, arguments.seed, _months_before(first, 12), last
        )
        persons = len(population)
        source = (
            f"population synthétique de {arguments.synthetic} personnes (graine {arguments.seed})"
        )
    progress = _progress(persons, arguments.quiet, "compare")
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
                _weighted(row.eligible_before),
                _weighted(row.eligible_after),
                _weighted(row.losers),
                _weighted(row.gainers),
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


def explain(arguments) -> None:
    """Each case of the file in turn (a heading names it when there are several), or `--case`."""
    from openfisca_residence.explain import explain as explain_case
    from openfisca_residence.explain import load_cases, render

    if arguments.depth < 0:
        raise CommandError("--depth: 0 or more levels of conditions.")
    month = _one_modelled_month("--month", arguments.month) if arguments.month else None
    if arguments.reform:
        tax_benefit_system(arguments.reform)  # an unknown reform fails here, before any case
    cases = load_cases(arguments.case)
    chosen = list(enumerate(cases, 1))
    if arguments.which is not None:
        chosen = [(n, case) for n, case in chosen if arguments.which in (str(n), case.name)]
        if not chosen:
            names = "; ".join(f"{n}: {case.name or '(no name)'}" for n, case in enumerate(cases, 1))
            raise CommandError(
                f"--case {arguments.which}: no such case in {arguments.case}; give its number "
                f"or its name ({names})."
            )
    texts = []
    for number, case in chosen:
        where = f"{arguments.case}" + (f", case {number}" if len(cases) > 1 else "")
        case_month = month or case.month
        if case_month is None:
            raise CommandError(
                f"{where}: the case has no period; give the month to explain: --month YYYY-MM."
            )
        if month is None:
            case_month = _one_modelled_month(f"{where}: period", case_month)
        reform = arguments.reform or _case_reform(case, where)
        try:
            decisions = explain_case(case.situation, case_month, reform, arguments.depth)
        except SituationParsingError as error:
            raise CommandError(f"{where}: {situation_message(error)}") from error
        except VariableNotFoundError as error:
            name = error.variable_name
            closest = difflib.get_close_matches(name, tax_benefit_system(None).variables, n=1)
            hint = f" (did you mean '{closest[0]}'?)" if closest else ""
            raise CommandError(f"{where}: unknown variable '{name}'{hint}.") from error
        heading = ""
        if len(cases) > 1:
            heading = f"=== Cas {number}/{len(cases)} : {case.name or '(sans nom)'} ({case_month}"
            heading += f", réforme {reform})" if reform else ")"
            heading += " ===\n\n"
        texts.append(heading + render(decisions))
    print("\n".join(texts), end="")


def _case_reform(case, where: str) -> str | None:
    """The reform a YAML test names under `reforms:` (one at most)."""
    if len(case.reforms) > 1:
        raise CommandError(
            f"{where}: explain applies one reform at a time; the case names {len(case.reforms)} "
            "(choose one with --reform)."
        )
    return case.reforms[0] if case.reforms else None


def _one_modelled_month(option: str, text) -> str:
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


def situation_message(error: SituationParsingError) -> str:
    """`individus/alice/titre_sejour/2018-02: Invalid input…` on one line: the text core adjustment 5
    gives the error (its `str` is the repr of a nested dict, its quotes escaped)."""
    return " ".join(error.args[0].split())


def write_legal_index(arguments) -> None:
    text = legal_index.write(arguments.output, arguments.tests)
    if arguments.output != "-":
        print(f"{arguments.output}: {text.count(chr(10))} lines.")


def _months_before(month: str, count: int) -> str:
    return str(periods.period(month).offset(-count))


def summary(simulation: Microsimulation, variables, months) -> str:
    """Weighted counts (booleans, enum items) and totals (numbers), per variable and month."""
    rows = [["variable", "month", "rows", "weighted total", "share"]]
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
                        rows.append(
                            [f"{name} = {item}", month, str(count), _weighted(value), share]
                        )
                continue
            value = totals[month]
            share = f"{value / weight:.1%}" if weight and definition.value_type is bool else ""
            rows.append([name, month, str(count), _weighted(value), share])
    return text_table(rows)


def _weighted(value) -> str:
    return f"{float(numpy.sum(value)):,.0f}".replace(",", " ")


class _Quiet:
    def update(self, _count) -> None:
        pass

    def close(self) -> None:
        pass


def _progress(total: int, quiet: bool, description: str = "simulate"):
    if quiet:
        return _Quiet()
    from tqdm import tqdm

    return tqdm(total=total, unit=" persons", unit_scale=True, desc=description, file=sys.stderr)


# ---------------------------------------------------------------------------------------------
# Arguments


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="openfisca-residence",
        description="Population files and microsimulation of the residence and stay conditions.",
    )
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")

    population = commands.add_parser("population", help="generate or validate a population file")
    actions = population.add_subparsers(dest="action", required=True, metavar="ACTION")
    create = actions.add_parser("generate", help="write the synthetic population")
    create.add_argument("--persons", type=int, required=True, help="number of persons")
    create.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    create.add_argument("--output", required=True, help="FILE.parquet or FILE.csv")
    create.add_argument("--start", default="2023-01", help="first month given (default 2023-01)")
    create.add_argument("--end", default="2024-12", help="last month given (default 2024-12)")
    create.set_defaults(run=generate)
    check = actions.add_parser("validate", help="check a population file, compute nothing")
    check.add_argument("file", help="FILE.parquet or FILE.csv")
    check.set_defaults(run=validate)

    run = commands.add_parser("simulate", help="compute variables for a population")
    run.add_argument("file", help="population file, FILE.parquet or FILE.csv")
    run.add_argument("--variables", required=True, help="names separated by commas")
    run.add_argument(
        "--months", required=True, help="YYYY-MM..YYYY-MM, YYYY, or months separated by commas"
    )
    run.add_argument("--output", required=True, help="results, FILE.parquet or FILE.csv")
    run.add_argument(
        "--reform", help="a reform of openfisca_residence.reforms, or module:attribute"
    )
    run.add_argument(
        "--chunk-size",
        type=int,
        default=DEFAULT_CHUNK_SIZE,
        help=f"persons per simulation (default {DEFAULT_CHUNK_SIZE}): bounds the memory",
    )
    add_backend_arguments(run)
    run.add_argument("--quiet", action="store_true", help="no progress bar")
    run.set_defaults(run=simulate)

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
    versus.add_argument(
        "--chunk-size",
        type=int,
        default=DEFAULT_CHUNK_SIZE,
        help=f"persons per simulation (default {DEFAULT_CHUNK_SIZE}): bounds the memory",
    )
    add_backend_arguments(versus)
    versus.add_argument("--quiet", action="store_true", help="no progress bar")
    versus.set_defaults(run=compare)

    why = commands.add_parser(
        "explain",
        help="why a person or a family is eligible or refused",
        description="For each benefit: the decision, the reason of refusal with its article, and "
        "the conditions read to reach it. A file of several YAML tests is explained case by "
        "case, each under a heading with its number and name; --case chooses one.",
    )
    why.add_argument(
        "case",
        help="a case in the input format of the YAML tests (FILE.yaml): a YAML test, a list of "
        "them (each explained in turn, under a heading with its number and name) or a situation",
    )
    why.add_argument(
        "--case",
        dest="which",
        metavar="N|NAME",
        help="explain only this case of the file: its number (from 1) or its name",
    )
    why.add_argument(
        "--month",
        help="one month, YYYY-MM (default: each case's period), for every case of the file",
    )
    why.add_argument(
        "--reform",
        help="a reform, named as for compare (default: the case's `reforms:`, if it names one)",
    )
    why.add_argument("--depth", type=int, default=3, help="levels of conditions shown (default 3)")
    why.set_defaults(run=explain)
    index = commands.add_parser(
        "index-juridique", help="write the legal index: sources → variables → tests"
    )
    legal_index.add_arguments(index)
    index.set_defaults(run=write_legal_index)
    return main


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


def _backend(arguments) -> Backend:
    if arguments.chunk_size < 1:
        raise CommandError("--chunk-size: a chunk holds 1 person or more.")
    if arguments.workers is not None and arguments.workers < 1:
        raise CommandError("--workers: 1 process or more.")
    name = "dask" if arguments.scheduler else arguments.backend
    workers = arguments.workers or (2 if name == "dask" and not arguments.scheduler else 1)
    return Backend(name, workers, arguments.scheduler, arguments.chunk_size)


def main(argv=None) -> int:
    arguments = parser().parse_args(argv)
    try:
        arguments.run(arguments)
    except PopulationError as error:
        return _fail(str(error))
    except VariableNotFoundError as error:
        return _fail(" ".join(str(error.message).split()[:40]))
    except SituationParsingError as error:
        return _fail(situation_message(error))
    except (CommandError, ValueError, OSError) as error:
        return _fail(" ".join(str(error).split()))
    return 0


def _fail(message: str) -> int:
    print(f"openfisca-residence: error: {message}", file=sys.stderr)
    return USAGE_ERROR


if __name__ == "__main__":
    sys.exit(main())
