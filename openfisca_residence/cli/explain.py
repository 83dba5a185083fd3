"""`openfisca-residence explain`: why a person or a family is eligible or refused."""

from __future__ import annotations

from openfisca_core.errors import SituationParsingError, VariableNotFoundError

from openfisca_residence.cli.arguments import CommandError, one_modelled_month
from openfisca_residence.i18n import _, listed
from openfisca_residence.i18n.hints import did_you_mean
from openfisca_residence.system.benefits import BENEFITS
from openfisca_residence.system.errors import located, unknown_variable
from openfisca_residence.system.registry import tax_benefit_system
from openfisca_residence.yaml_tests.checks import reform_problem


def explain(arguments) -> None:
    """Each case of the file in turn (a heading names it when there are several), or `--case`."""
    from openfisca_residence.analysis.explain import explain as explain_case
    from openfisca_residence.analysis.explain import load_cases, render

    if arguments.depth < 0:
        raise CommandError(_("--depth: 0 or more levels of conditions."))
    benefits = chosen_benefits(arguments.benefit)
    month = one_modelled_month("--month", arguments.month) if arguments.month else None
    if arguments.reform:
        tax_benefit_system(arguments.reform)  # an unknown reform fails here, before any case
    cases = load_cases(arguments.case)
    chosen = list(enumerate(cases, 1))
    if arguments.which is not None:
        chosen = [(n, case) for n, case in chosen if arguments.which in (str(n), case.name)]
        if not chosen:
            names = listed(f"{n}: {_case_name(case)}" for n, case in enumerate(cases, 1))
            raise CommandError(
                _(
                    "--case {which}: no such case in {file}; give its number or its name ({names})."
                ).format(which=arguments.which, file=arguments.case, names=names)
            )
    texts = []
    for number, case in chosen:
        where = f"{arguments.case}"
        if len(cases) > 1:
            where = _("{file}, case {number}").format(file=arguments.case, number=number)
        case_month = month or case.month
        if case_month is None:
            raise CommandError(
                _(
                    "{where}: the case has no period; give the month to explain: --month YYYY-MM."
                ).format(where=where)
            )
        if month is None:
            case_month = one_modelled_month(f"{where}: period", case_month)
        reform = arguments.reform or _case_reform(case, where)
        try:
            decisions = explain_case(
                case.situation,
                case_month,
                reform,
                arguments.depth,
                benefits=benefits,
                everything=arguments.all,
            )
        except SituationParsingError as error:
            message = situation_message(error)
            raise CommandError(_("{path}: {text}").format(path=where, text=message)) from error
        except VariableNotFoundError as error:
            message = unknown_variable(error.variable_name, tax_benefit_system(None).variables)
            raise CommandError(_("{path}: {text}").format(path=where, text=message)) from error
        heading = ""
        if len(cases) > 1:
            when = case_month
            if reform:
                when = _("{month}, reform {reform}").format(month=case_month, reform=reform)
            heading = _("=== Case {number}/{count}: {name} ({when}) ===").format(
                number=number, count=len(cases), name=_case_name(case), when=when
            )
            heading += "\n\n"
        texts.append(heading + render(decisions, arguments.format, arguments.all))
    print("\n".join(texts), end="")


def chosen_benefits(names: list[str] | None) -> tuple[str, ...]:
    """The benefits asked with --benefit (all by default), each checked."""
    if not names:
        return BENEFITS
    chosen = [name.strip() for given in names for name in given.split(",") if name.strip()]
    for name in chosen:
        if name not in BENEFITS:
            raise CommandError(
                _("--benefit: unknown benefit '{name}'{hint}; the benefits are {known}.").format(
                    name=name, hint=did_you_mean(name, BENEFITS), known=", ".join(BENEFITS)
                )
            )
    return tuple(chosen)


def _case_name(case) -> str:
    return case.name or _("(no name)")


def _case_reform(case, where: str) -> str | None:
    """The reform a YAML test names under `reforms:` (one at most)."""
    if len(case.reforms) > 1:
        raise CommandError(
            _(
                "{where}: explain applies one reform at a time; the case names {count} "
                "(choose one with --reform)."
            ).format(where=where, count=len(case.reforms))
        )
    if not case.reforms:
        return None
    if problem := reform_problem(str(case.reforms[0])):  # what a YAML test may name, no more
        raise CommandError(_("{path}: {text}").format(path=where, text=problem))
    return case.reforms[0]


def situation_message(error: SituationParsingError) -> str:
    """`individus/alice/titre_sejour/2018-02: Invalid input…` on one line (Core's `str` of the
    error is the repr of a nested dict, its quotes escaped)."""
    return " ".join(located(error).args[0].split())


def register(commands) -> None:
    why = commands.add_parser(
        "explain",
        help="why a person or a family is eligible or refused",
        description="A summary table first (benefit, person or family, decision, reason, article, "
        "deciding dates), then for each benefit the deciding branch of its conditions (--all for "
        "the rest), values in words. A file of several YAML tests is explained case by "
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
    why.add_argument(
        "--benefit",
        action="append",
        metavar="X",
        help=f"explain this benefit only ({', '.join(BENEFITS)}); repeat or separate by commas",
    )
    why.add_argument(
        "--all",
        action="store_true",
        help="show every condition read, not only the deciding branch",
    )
    why.add_argument(
        "--format",
        choices=("text", "markdown", "html", "json"),
        default="text",
        help="text (default), markdown, html or json",
    )
    why.add_argument("--depth", type=int, default=3, help="levels of conditions shown (default 3)")
    why.set_defaults(run=explain)
