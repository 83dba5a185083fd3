"""The `openfisca-residence` command: population files, microsimulation, explanations.

    openfisca-residence population generate --persons 2000 --seed 2026 --output population.parquet
    openfisca-residence population validate population.parquet
    openfisca-residence simulate population.parquet --variables reside_en_france,sejour_principal_france \\
        --months 2024-01..2024-12 --output results.parquet
    openfisca-residence compare --reform fin_droits_expiration_sejour --months 2027-01..2027-12 \\
        --report reports/fin_droits
    openfisca-residence explain case.yaml --month 2018-02 [--case N|NAME]
    openfisca-residence variables [WORD]
    openfisca-residence index-juridique --output docs/index-juridique.md

Each subcommand is a module of this package with `register(commands)`, which adds its arguments,
and the function it runs. A wrong argument, an unreadable or invalid file, an unknown variable or
reform, a Dask scheduler that cannot be reached prints one message and exits with code 2.
"""

from __future__ import annotations

import argparse
import sys

from openfisca_core.errors import SituationParsingError, VariableNotFoundError

from openfisca_residence.cli import (
    compare,
    explain,
    index,
    population,
    serve,
    simulate,
    test,
    variables,
)
from openfisca_residence.cli.arguments import CommandError
from openfisca_residence.cli.explain import situation_message
from openfisca_residence.cli.output import error_line
from openfisca_residence.data.problems import PopulationError

USAGE_ERROR = 2
COMMANDS = (population, simulate, compare, explain, test, variables, serve, index)


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="openfisca-residence",
        description="Population files and microsimulation of the residence and stay conditions.",
    )
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.register(commands)
    return main


def main(argv=None) -> int:
    arguments = parser().parse_args(argv)
    try:
        code = arguments.run(arguments)
    except PopulationError as error:
        return _fail(str(error))
    except VariableNotFoundError as error:
        return _fail(" ".join(str(error.message).split()[:40]))
    except SituationParsingError as error:
        return _fail(situation_message(error))
    except (CommandError, ValueError, OSError) as error:
        return _fail(" ".join(str(error).split()))
    return code or 0


def _fail(message: str) -> int:
    print(error_line("openfisca-residence", message), file=sys.stderr)
    return USAGE_ERROR


if __name__ == "__main__":
    sys.exit(main())
