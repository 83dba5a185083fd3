"""Why a person is eligible or refused: each benefit's decision and the chain of conditions behind it.

    openfisca-residence explain case.yaml --month 2018-02 [--reform NAME] [--depth 3]

    from openfisca_residence.explain import explain, render
    print(render(explain(case, "2018-02")))

A case is a person or a family in the input format of the YAML tests: a mapping with `individus`
(and `familles`), or the short form `{variable: value}`, or a YAML test (a list of cases, or one
case with `period` and `input`; its `period` is the default month). The computation is traced
(OpenFisca's full tracer); for each benefit the explanation gives the decision, the reason of
refusal with its article, then the conditions read to reach it, each with its French label, its
value for each person (or family) and its legal references, down to `depth` levels.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy
import yaml
from openfisca_core import periods
from openfisca_core.indexed_enums import EnumArray
from openfisca_core.simulations import SimulationBuilder

from openfisca_residence.benefits import BENEFITS
from openfisca_residence.microsimulation import tax_benefit_system

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


def load_case(path) -> tuple[dict, str | None]:
    """The situation and the default month (`period` of a YAML test) of a case file."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    if isinstance(data, list):
        if not data:
            raise ValueError(f"{path}: the file holds no case.")
        data = data[0]
    if isinstance(data, dict) and "input" in data:
        return data["input"] or {}, str(data["period"]) if "period" in data else None
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a situation (individus, familles) or a YAML test.")
    return data, None


def explain(
    case: dict, month: str, reform: str | None = None, depth: int = 3, benefits=BENEFITS
) -> list[Decision]:
    system = tax_benefit_system(reform)
    month = str(periods.period(month))
    builder = SimulationBuilder()
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
        decisions.append(
            Decision(
                benefit,
                entity.key,
                _values(simulation, system, eligible),
                {
                    who: reason
                    for who, reason in _values(simulation, system, reasons, labels=True).items()
                },
                chain,
            )
        )
    return decisions


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
        " ; ".join(variable.reference or []),
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
            if not reason.startswith("Aucun"):
                lines.append(f"  motif pour {who} : {reason}")
        for condition in decision.conditions:
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
