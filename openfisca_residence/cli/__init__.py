"""The `openfisca-residence` command (thin: each subcommand parses its arguments and calls the
engine)."""

from openfisca_residence.cli.main import USAGE_ERROR, main

__all__ = ["USAGE_ERROR", "main"]
