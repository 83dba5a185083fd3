"""`openfisca-residence explain`: why a person or a family is eligible or refused."""

from __future__ import annotations

import difflib

from openfisca_core.errors import SituationParsingError, VariableNotFoundError

from openfisca_residence.cli.arguments import CommandError, one_modelled_month
from openfisca_residence.system.errors import located
from openfisca_residence.system.registry import tax_benefit_system
from openfisca_residence.yaml_tests.checks import reform_problem


def explain(arguments) -> None:
    """Each case of the file in turn (a heading names it when there are several), or `--case`."""
    from openfisca_residence.analysis.explain import explain as explain_case
    from openfisca_residence.analysis.explain import load_cases, render

    if arguments.depth < 0:
        raise CommandError("--depth: 0 or more levels of conditions.")
    month = one_modelled_month("--month", arguments.month) if arguments.month else None
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
            case_month = one_modelled_month(f"{where}: period", case_month)
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
    if not case.reforms:
        return None
    if problem := reform_problem(str(case.reforms[0])):  # what a YAML test may name, no more
        raise CommandError(f"{where}: {problem}")
    return case.reforms[0]


def situation_message(error: SituationParsingError) -> str:
    """`individus/alice/titre_sejour/2018-02: Invalid input…` on one line (Core's `str` of the
    error is the repr of a nested dict, its quotes escaped)."""
    return " ".join(located(error).args[0].split())


def register(commands) -> None:
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
