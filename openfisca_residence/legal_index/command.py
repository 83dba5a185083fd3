"""The command: `openfisca-residence index-juridique` builds the index and writes it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from openfisca_residence.legal_index.index import DEFAULT_TESTS, build
from openfisca_residence.legal_index.markdown import render

DEFAULT_OUTPUT = Path("docs") / "index-juridique.md"


def write(output: Path | str = DEFAULT_OUTPUT, tests_folder: Path | str = DEFAULT_TESTS) -> str:
    """Build the index and write it to `output` ("-": standard output); return its text."""
    if not Path(tests_folder).is_dir():
        raise FileNotFoundError(f"--tests {tests_folder}: no such folder of YAML tests.")
    text = render(build(Path(tests_folder)))
    if str(output) == "-":
        sys.stdout.write(text)
    else:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        Path(output).write_text(text, encoding="utf-8")
    return text


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--output",
        default=str(DEFAULT_OUTPUT),
        help=f"the Markdown file to write, '-' for the standard output (default {DEFAULT_OUTPUT})",
    )
    parser.add_argument(
        "--tests",
        default=str(DEFAULT_TESTS),
        help=f"the YAML tests folder (default {DEFAULT_TESTS})",
    )
