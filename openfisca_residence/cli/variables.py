"""`openfisca-residence variables [WORD]`: the inputs and outputs a YAML test can name, each with its
entity and period, its label, the values it takes and, for an input, its default value.

A WORD keeps the variables whose name or label holds it, ignoring case, accents and underscores
(`séjour`, `sejour` and `SEJOUR` find `titre_sejour` and "Titre de séjour"). An input is a variable
without a formula: the facts of a case; an output is computed. The values an input takes are those
its door accepts (`rules.inputs`: a domain such as "a whole number of days from 0 to 28–31", the
names of a category); its default value is written as a YAML test writes it, with its meaning
when it stands for a date not given.
"""

from __future__ import annotations

import datetime
import unicodedata

from openfisca_core import periods
from openfisca_core.indexed_enums import Enum

from openfisca_residence.analysis.explain.words import day
from openfisca_residence.i18n import N_, _
from openfisca_residence.rules.dates import LONG_AGO, NEVER
from openfisca_residence.rules.inputs import described, domain, expected_values
from openfisca_residence.system.registry import tax_benefit_system
from openfisca_residence.yaml_tests.failures import written

PER_PERIOD = {
    periods.DateUnit.MONTH: N_("by month"),
    periods.DateUnit.YEAR: N_("by year"),
    periods.DateUnit.ETERNITY: N_("for ever (ETERNITY)"),
}
DAYS_OF_A_MONTH = "28–31"


def list_variables(arguments) -> int:
    system = tax_benefit_system(None)
    word = _folded(arguments.word or "")
    chosen = [
        variable
        for name, variable in sorted(system.variables.items())
        if word in _folded(name) or word in _folded(variable.label or "")
    ]
    if not chosen:
        print(_("No variable's name or label holds '{word}'.").format(word=arguments.word))
        return 1
    inputs = [variable for variable in chosen if not variable.formulas]
    outputs = [variable for variable in chosen if variable.formulas]
    for title, found in ((_("Inputs"), inputs), (_("Outputs"), outputs)):
        if found:
            print(f"{title} ({len(found)})\n")
            print("\n\n".join(described_variable(variable) for variable in found) + "\n")
    return 0


def described_variable(variable) -> str:
    """`titre_sejour  (input, individu, by month)`, its label, its values, its default."""
    is_input = not variable.formulas
    kind = _("input") if is_input else _("output")
    period = _(PER_PERIOD.get(variable.definition_period, str(variable.definition_period)))
    lines = [
        f"{variable.name}  ({kind}, {variable.entity.key}, {period})",
        f"  {variable.label or ''}",
        "  " + _("values: {values}").format(values=_values(variable, is_input)),
    ]
    if is_input:
        lines.append("  " + _("default: {value}").format(value=_default(variable)))
    return "\n".join(lines)


def _values(variable, is_input: bool) -> str:
    check, domain_text = domain(variable) if is_input else (None, "")
    if check is not None and domain_text:
        return described(domain_text, DAYS_OF_A_MONTH)
    if variable.value_type is Enum:
        return ", ".join(item.name for item in variable.possible_values)
    return expected_values(variable)


def _default(variable) -> str:
    default = variable.default_value
    if isinstance(default, Enum):
        return default.name
    if isinstance(default, datetime.date) and default in (NEVER, LONG_AGO):
        return f"{written(default)} ({day(default)})"
    return written(default)


def _folded(text: str) -> str:
    """`Titre de séjour` → `titre de sejour`: what a search compares."""
    decomposed = unicodedata.normalize("NFKD", text.replace("_", " ").casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def register(commands) -> None:
    found = commands.add_parser(
        "variables",
        help="list the inputs and outputs a YAML test can name (WORD: those that hold it)",
        description="The inputs and outputs of the model, each with its entity, its period, its "
        "label, the values it takes and, for an input, its default value. WORD keeps those "
        "whose name or label holds it (case, accents and underscores ignored).",
    )
    found.add_argument("word", nargs="?", metavar="WORD", help="a word of the name or label")
    found.set_defaults(run=list_variables)
