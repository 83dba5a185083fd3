"""`openfisca-residence index-juridique`: the legal index, sources → variables → tests."""

from openfisca_residence import legal_index
from openfisca_residence.i18n import ngettext


def write_legal_index(arguments) -> None:
    text = legal_index.write(arguments.output, arguments.tests)
    if arguments.output != "-":
        lines = text.count("\n")
        print(
            ngettext("{path}: {count} line.", "{path}: {count} lines.", lines).format(
                path=arguments.output, count=lines
            )
        )


def register(commands) -> None:
    index = commands.add_parser(
        "index-juridique", help="write the legal index: sources → variables → tests"
    )
    legal_index.add_arguments(index)
    index.set_defaults(run=write_legal_index)
