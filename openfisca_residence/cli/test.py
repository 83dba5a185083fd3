"""`openfisca-residence test FILE...`: the legal experts' YAML tests (`yaml_tests`)."""

from __future__ import annotations


def run_tests(arguments) -> int:
    from openfisca_residence.yaml_tests.command import run  # pytest, for this command alone

    options = {
        "name_filter": arguments.name_filter,
        "verbose": arguments.verbose,
        "max_depth": arguments.max_depth,
        "only_variables": arguments.only_variables,
        "ignore_variables": arguments.ignore_variables,
        "pdb": arguments.pdb,
    }
    return run(arguments.paths, options, arguments.reform)


def register(commands) -> None:
    runner = commands.add_parser(
        "test",
        help="run YAML tests (files or folders), as `openfisca test` does",
        description="Run the legal experts' YAML tests. Each file is read with a safe loader; "
        "a mistake in a case (a misspelt variable or key, a value that cannot be read, an unknown "
        "reform) fails that case alone, with a message, and the other cases run.",
    )
    runner.add_argument("paths", nargs="+", metavar="FILE", help="YAML test files or folders")
    runner.add_argument(
        "-n", "--name-filter", help="only the cases whose name or file name holds this text"
    )
    runner.add_argument("-v", "--verbose", action="store_true", help="print each computation")
    runner.add_argument(
        "-d", "--max-depth", type=int, default=None, help="with -v, the levels of computation shown"
    )
    runner.add_argument(
        "-o", "--only-variables", nargs="+", metavar="VARIABLE", help="check only these outputs"
    )
    runner.add_argument(
        "-i", "--ignore-variables", nargs="+", metavar="VARIABLE", help="do not check these outputs"
    )
    runner.add_argument("-r", "--reform", help="run every case under this reform")
    runner.add_argument("--pdb", action="store_true", help="debug a failure with pdb")
    runner.set_defaults(run=run_tests)
