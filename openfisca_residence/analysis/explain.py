"""Why a person is eligible or refused: each benefit's decision and the chain of conditions behind it.

    openfisca-residence explain case.yaml [--month 2018-02] [--case N|NAME] [--reform NAME] [--depth 3]

    from openfisca_residence.explain import explain, render
    print(render(explain(case, "2018-02")))

A case is a person or a family in the input format of the YAML tests: a mapping with `individus`
(and `familles`), or the short form `{variable: value}`, or a YAML test (one case with `period` and
`input`, or a list of them: `load_cases` gives each, with its `name`, its `period` as default month
and its `reforms`). The computation is traced (OpenFisca's full tracer); for each benefit the
explanation gives the decision, the reason of refusal with its article, then the conditions read
to reach it, each with its French label, its value for each person (or family) and its legal
references, down to `depth` levels.

A family refused although none of its members has a reason of refusal lacks a member the benefit
needs: family benefits open for a parent and at least one child who meet their conditions, the RSA
and housing aid for a parent. The explanation then says which ("la famille n'a aucun enfant à
charge"), with the rule of the benefit and the fact that decided it (`enfant_a_charge`, each
member's role, with its label and reference).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy
from openfisca_core import periods
from openfisca_core.indexed_enums import EnumArray

from openfisca_residence.system import yaml_files
from openfisca_residence.system.benefits import BENEFITS
from openfisca_residence.system.registry import tax_benefit_system
from openfisca_residence.system.situations import SituationBuilder

NAMES = {
    "rsa": "RMI puis RSA",
    "aah": "Allocation aux adultes handicapés",
    "prestations_familiales": "Prestations familiales",
    "aspa": "ASPA (minimum vieillesse)",
    "asi": "Allocation supplémentaire d'invalidité",
    "puma": "Prise en charge des frais de santé (CMU puis PUMa)",
    "css": "CMU-C puis complémentaire santé solidaire",
    "ame": "Aide médicale de l'État",
    "aide_logement": "Aides au logement",
}
YES, NO = "oui", "non"
NO_REASON = "aucun"  # the item of every reason of refusal that says the conditions are met
ROLE = "enfant_a_charge"  # the fact that makes a member a child of the family, else a parent


@dataclass
class Condition:
    name: str
    label: str
    reference: str
    values: dict[str, str]
    conditions: list[Condition] = field(default_factory=list)


@dataclass
class Decision:
    benefit: str
    entity: str
    eligible: dict[str, str]
    reasons: dict[str, str]
    conditions: list[Condition]
    # A family refused with no reason of refusal for any member: what it lacks, per family, and the
    # fact that decided it (each member's role).
    missing: dict[str, str] = field(default_factory=dict)
    facts: list[Condition] = field(default_factory=list)


@dataclass
class Case:
    """One case of a file: its situation, its name, its month and reforms when it is a YAML test."""

    situation: dict
    name: str | None = None
    month: str | None = None
    reforms: list[str] = field(default_factory=list)


def load_cases(path) -> list[Case]:
    """Each case of a case file: a YAML test (one, or a list of them) or a bare situation."""
    data = yaml_files.load(path)
    tests = data if isinstance(data, list) else [data]
    if not tests:
        raise ValueError(f"{path}: the file holds no case.")
    cases = []
    for number, test in enumerate(tests, 1):
        where = f"{path}, case {number}" if isinstance(data, list) else str(path)
        if not isinstance(test, dict):
            raise ValueError(
                f"{where}: expected a situation (individus, familles) or a YAML test "
                "(period, input)."
            )
        if "input" not in test:
            cases.append(Case(test))
            continue
        if not isinstance(test["input"] or {}, dict):
            raise ValueError(f"{where}: 'input' must be a situation (individus, familles).")
        reforms = test.get("reforms") or []
        cases.append(
            Case(
                test["input"] or {},
                str(test["name"]) if test.get("name") is not None else None,
                str(test["period"]) if test.get("period") is not None else None,
                [reforms] if isinstance(reforms, str) else [str(r) for r in reforms],
            )
        )
    return cases


def load_case(path) -> tuple[dict, str | None]:
    """The situation and the default month (`period` of a YAML test) of a file's first case."""
    case = load_cases(path)[0]
    return case.situation, case.month


def explain(
    case: dict, month: str, reform: str | None = None, depth: int = 3, benefits=BENEFITS
) -> list[Decision]:
    system = tax_benefit_system(reform)
    month = str(periods.period(month))
    builder = SituationBuilder()
    builder.set_default_period(month)
    simulation = builder.build_from_dict(system, case)
    simulation.trace = True
    conditions = ("condition_residence", "condition_sejour")
    for benefit in benefits:
        for name in ("eligible", "motif_refus", *conditions):
            simulation.calculate(f"{benefit}_{name}", month)
    computed = _computations(simulation.tracer.trees)
    decisions = []
    for benefit in benefits:
        eligible = computed[(f"{benefit}_eligible", month)]
        reasons = computed[(f"{benefit}_motif_refus", month)]
        entity = system.variables[f"{benefit}_eligible"].entity
        # The decision reads the reason of refusal; the two conditions tell why.
        chain = [
            _condition(
                system, simulation, computed, computed[(f"{benefit}_{name}", month)], depth - 1
            )
            for name in conditions
        ]
        names = _values(simulation, system, reasons)
        decision = Decision(
            benefit,
            entity.key,
            _values(simulation, system, eligible),
            {
                who: reason
                for who, reason in _values(simulation, system, reasons, labels=True).items()
                if names[who] != NO_REASON
            },
            chain,
        )
        if not entity.is_person:
            _missing_member(decision, system, simulation, month)
        decisions.append(decision)
    return decisions


def _missing_member(decision: Decision, system, simulation, month: str) -> None:
    """For each family refused while no member has a reason of refusal: the member it lacks."""
    population = simulation.populations[decision.entity]
    members = population.members_entity_id
    person_ids = [str(who) for who in simulation.persons.ids]
    child = numpy.asarray(simulation.calculate(ROLE, month), dtype=bool)
    rule = system.variables[f"{decision.benefit}_eligible"].label.split(" : ", 1)[-1]
    for index, family in enumerate(str(who) for who in population.ids):
        inside = numpy.flatnonzero(members == index)
        if decision.eligible.get(family) != NO or any(
            person_ids[i] in decision.reasons for i in inside
        ):
            continue
        if not (~child[inside]).any():
            lacks = "la famille n'a aucun parent (allocataire ou demandeur)"
        elif not child[inside].any():
            lacks = "la famille n'a aucun enfant à charge"
        else:
            lacks = "la règle d'ouverture du droit n'est pas remplie"
        decision.missing[family] = f"{lacks} ; règle : {rule}"
    if decision.missing:
        variable = system.variables[ROLE]
        decision.facts.append(
            Condition(
                f"{ROLE}<{month}>",
                variable.label,
                " ; ".join(_references(variable)),
                {who: YES if value else NO for who, value in zip(person_ids, child, strict=True)},
            )
        )


def _references(variable) -> list[str]:
    reference = variable.reference or []
    return [reference] if isinstance(reference, str) else list(reference)


def _computations(trees) -> dict:
    """Each (variable, period) once: the node where it was computed, with its own conditions."""
    found = {}

    def visit(node):
        key = (node.name, str(node.period))
        if key not in found or (node.children and not found[key].children):
            found[key] = node
        for child in node.children:
            visit(child)

    for tree in trees:
        visit(tree)
    return found


def _condition(system, simulation, computed, node, depth) -> Condition:
    node = computed.get((node.name, str(node.period)), node)
    variable = system.variables[node.name]
    children = []
    if depth > 0:
        seen = set()
        for child in node.children:  # a variable read twice is shown once
            if (child.name, str(child.period)) not in seen:
                seen.add((child.name, str(child.period)))
                children.append(_condition(system, simulation, computed, child, depth - 1))
    return Condition(
        f"{node.name}<{node.period}>",
        variable.label,
        " ; ".join(_references(variable)),
        _values(simulation, system, node),
        children,
    )


def _values(simulation, system, node, labels: bool = False) -> dict[str, str]:
    variable = system.variables[node.name]
    ids = simulation.populations[variable.entity.key].ids
    value = node.value
    if isinstance(value, EnumArray):
        items = list(value.possible_values)
        shown = [
            items[index].value if labels else items[index].name for index in numpy.asarray(value)
        ]
    elif value is not None and value.dtype == bool:
        shown = [YES if item else NO for item in value]
    elif value is not None and value.dtype.kind == "f":
        shown = [f"{item:g}" for item in value]
    else:
        shown = [str(item) for item in (value if value is not None else [])]
    return {str(who): text for who, text in zip(ids, shown, strict=False)}


def render(decisions: list[Decision]) -> str:
    lines = []
    for decision in decisions:
        lines.append(
            f"{NAMES.get(decision.benefit, decision.benefit)} ({decision.benefit}_eligible)"
        )
        for who, value in decision.eligible.items():
            lines.append(f"  {decision.entity} {who} : {'éligible' if value == YES else 'refusé'}")
        for who, reason in decision.reasons.items():
            lines.append(f"  motif pour {who} : {reason}")
        for who, missing in decision.missing.items():
            lines.append(f"  motif pour {decision.entity} {who} : {missing}")
        for condition in [*decision.facts, *decision.conditions]:
            lines += _render_condition(condition, "  ")
        lines.append("")
    return "\n".join(lines)


def _render_condition(condition: Condition, indent: str) -> list[str]:
    values = ", ".join(f"{who} = {value}" for who, value in condition.values.items())
    lines = [f"{indent}- {condition.name} : {values}", f"{indent}    {condition.label}"]
    if condition.reference:
        lines.append(f"{indent}    [{condition.reference}]")
    for child in condition.conditions:
        lines += _render_condition(child, indent + "    ")
    return lines
