"""Run as `python -m openfisca_residence.legal_index [--output -]`: what
`openfisca-residence index-juridique` does."""

import argparse
import sys

from openfisca_residence.legal_index.command import add_arguments, write


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m openfisca_residence.legal_index")
    add_arguments(parser)
    arguments = parser.parse_args(argv)
    write(arguments.output, arguments.tests)
    return 0


if __name__ == "__main__":
    sys.exit(main())
