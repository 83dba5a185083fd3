"""Run as `python -m openfisca_residence.legal_index [--output -]`."""

import sys

from openfisca_residence import cli


def main(argv=None) -> int:
    """`python -m openfisca_residence.legal_index`: `openfisca-residence index-juridique`."""
    return cli.main(["index-juridique", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    sys.exit(main())
