"""Why each benefit is granted or refused: the decision, the reason of refusal with its article,
the deciding dates and the tree of conditions, read from OpenFisca's trace.

The tree reads whatever the formulas computed, generically: for each person, the benefit's two
conditions (`X_condition_residence`, `X_condition_sejour`), then each variable they read, and so
on. A condition is on the **deciding branch** when it is a yes-or-no condition with the same value
as the condition above it (a refusal is explained by the conditions that fail, a grant by those
that hold), or a rule of refusal that holds and is named after the person's reason of refusal
(`exclu_demandeur_emploi_ue` for `demandeur_emploi_ue`); the facts it read (dates, categories,
numbers) are on it too. The deciding branch comes first. The **deciding dates** are the dates the model computed in the person's tree (such as
`date_fin_maintien_droits`, the end of the keeping of rights), not those the user gave.

A variable that only codes another (`code_nationalite`) is shown through: its source is shown in
its place, in words. A family refused although none of its members has a reason of refusal is
told what it lacks (no child for family benefits, no parent for the RSA and housing aid).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy
from openfisca_core import periods

from openfisca_residence.analysis.explain.words import article, in_words, link, plain
from openfisca_residence.i18n import N_, _
from openfisca_residence.system.benefits import BENEFITS
from openfisca_residence.system.registry import tax_benefit_system
from openfisca_residence.system.situations import SituationBuilder

NO_REASON = "aucun"  # the item of every reason of refusal that says the conditions are met
ROLE = "enfant_a_charge"  # the fact that makes a member a child of the family, else a parent
CONDITIONS = ("condition_residence", "condition_sejour")
THROUGH = frozenset({"code_nationalite"})  # codes of another variable: their source is shown
TITLES = {
    "rsa": N_("RMI then RSA"),
    "aah": N_("Allowance for disabled adults (AAH)"),
    "prestations_familiales": N_("Family benefits"),
    "aspa": N_("ASPA (old-age minimum)"),
    "asi": N_("Supplementary invalidity allowance (ASI)"),
    "puma": N_("Health cover (CMU then PUMa)"),
    "css": N_("CMU-C then complementary health cover (CSS)"),
    "ame": N_("State medical aid (AME)"),
    "aide_logement": N_("Housing aid"),
}


def title(benefit: str) -> str:
    return _(TITLES[benefit]) if benefit in TITLES else benefit


@dataclass
class Node:
    """A condition or a fact of the tree, for one person (or the person's family)."""

    variable: str
    period: str
    label: str
    references: list[str]
    value: object  # as JSON holds it
    text: str  # in words
    deciding: bool
    computed: bool  # computed from other variables (False for a fact given, or its default)
    children: list[Node] = field(default_factory=list)


@dataclass
class Reason:
    code: str
    label: str
    article: str | None
    link: str | None


@dataclass
class Answer:
    """The answer of a benefit for one person or one family."""

    entity: str
    id: str
    eligible: bool
    reason: Reason | None = None  # its own reason of refusal (a person's)
    missing: str | None = None  # what a family refused without any member's reason lacks
    dates: list[Node] = field(default_factory=list)
    tree: list[Node] = field(default_factory=list)


@dataclass
class Decision:
    """A benefit: the answer of each of its units (persons, or families), and each person's
    reason and tree (for a family benefit, each member's conditions)."""

    benefit: str
    title: str
    entity: str
    month: str
    answers: list[Answer]
    persons: list[Answer]

    @property
    def eligible(self) -> dict[str, bool]:
        return {answer.id: answer.eligible for answer in self.answers}

    @property
    def reasons(self) -> dict[str, Reason]:
        return {answer.id: answer.reason for answer in self.persons if answer.reason is not None}


def explain(
    case: dict,
    month: str,
    reform: str | None = None,
    depth: int | None = None,
    benefits=BENEFITS,
    everything: bool = True,
) -> list[Decision]:
    """The decision of each benefit for `case` (a situation, as in a YAML test's input) in
    `month`, under `reform`; `depth` levels of the tree below each condition (all by default:
    the deciding dates are read in the whole tree); unless `everything`, a condition off the
    deciding branch is kept without what it read."""
    system = tax_benefit_system(reform)
    month = str(periods.period(month))
    builder = SituationBuilder()
    builder.set_default_period(month)
    simulation = builder.build_from_dict(system, _with_entities(system, case))
    simulation.trace = True
    for benefit in benefits:
        for name in ("eligible", "motif_refus", *CONDITIONS):
            simulation.calculate(f"{benefit}_{name}", month)
    computed = _computations(simulation.tracer.trees)
    reader = _Reader(system, simulation, computed)
    decisions = [reader.decision(benefit, month) for benefit in benefits]
    for decision in decisions:
        for person in decision.persons:
            for root in person.tree:
                _cut(root, depth, everything)
    return decisions


def _cut(node: Node, depth: int | None, everything: bool) -> None:
    """Keep `depth` levels below `node` (all when None), and nothing below a condition off the
    deciding branch unless `everything`."""
    if (depth is not None and depth <= 0) or not (everything or node.deciding):
        node.children = []
    for child in node.children:
        _cut(child, None if depth is None else depth - 1, everything)


def _with_entities(system, case: dict) -> dict:
    """A case written without entities (`nationalite: ML`) as one person named "la personne"."""
    entities = {entity.plural for entity in system.entities} | {e.key for e in system.entities}
    if not case or set(case) & entities or not set(case) <= set(system.variables):
        return case  # with entities, or a misspelt name the builder names
    return {system.person_entity.plural: {_("the person"): case}}


def _computations(trees) -> dict:
    """Each (variable, period) once: the node where it was computed, with what it read."""
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


class _Reader:
    def __init__(self, system, simulation, computed) -> None:
        self.system = system
        self.simulation = simulation
        self.computed = computed
        self.persons = [str(who) for who in simulation.persons.ids]
        self.refusal: str | None = None  # the reason of refusal of the person read

    def value(self, name: str, period: str, index: int, entity: str | None = None):
        """The value of a computed variable for the person `index` (or the person's group)."""
        node = self.computed[(name, period)]
        variable = self.system.variables[name]
        position = index
        if not variable.entity.is_person and entity != variable.entity.key:
            position = self.simulation.populations[variable.entity.key].members_entity_id[index]
        value = node.value
        if hasattr(value, "decode"):
            return value.decode()[position]
        return numpy.asarray(value)[position]

    def decision(self, benefit: str, month: str) -> Decision:
        eligible = self.system.variables[f"{benefit}_eligible"]
        persons = [self.person(benefit, month, index) for index in range(len(self.persons))]
        if eligible.entity.is_person:
            answers = persons
        else:
            answers = self.groups(benefit, month, eligible.entity.key, persons)
        return Decision(benefit, title(benefit), eligible.entity.key, month, answers, persons)

    def person(self, benefit: str, month: str, index: int) -> Answer:
        reason = self.value(f"{benefit}_motif_refus", month, index)
        variable = self.system.variables[f"{benefit}_eligible"]
        if variable.entity.is_person:
            eligible = bool(self.value(f"{benefit}_eligible", month, index))
        else:
            eligible = reason.name == NO_REASON
        self.refusal = None if reason.name == NO_REASON else reason.name
        conditions = [self.computed[(f"{benefit}_{name}", month)] for name in CONDITIONS]
        seen: set = set()
        tree = []
        for position, condition in enumerate(conditions):
            # A later condition, and what it reads itself, are shown in their place, not where an
            # earlier condition reaches them through another person's (the family member who joins
            # an insured person: the residence of the PUMa reads the insured's own conditions).
            later = {key for other in conditions[position + 1 :] for key in self.own(other)}
            later -= seen
            seen |= later
            tree.append(self.node(condition, index, eligible, seen))
            seen -= later
        tree.sort(key=lambda node: not node.deciding)
        return Answer(
            self.system.person_entity.key,
            self.persons[index],
            eligible,
            None if reason.name == NO_REASON else self.reason(reason),
            dates=_deciding_dates(tree),
            tree=tree,
        )

    def own(self, trace) -> set:
        """The keys of a condition and of the variables it reads itself."""
        period = str(trace.period)
        trace = self.computed.get((trace.name, period), trace)
        return {(trace.name, period)} | {
            (child.name, str(child.period)) for child in trace.children
        }

    def reason(self, item) -> Reason:
        cited = article(item.value)
        return Reason(item.name, str(item.value), cited, link(self.system, cited))

    def groups(self, benefit, month, key, persons) -> list[Answer]:
        population = self.simulation.populations[key]
        members = population.members_entity_id
        eligible = numpy.asarray(self.computed[(f"{benefit}_eligible", month)].value)
        child = numpy.asarray(self.simulation.calculate(ROLE, month), dtype=bool)
        rule = self.system.variables[f"{benefit}_eligible"].label.split(" : ", 1)[-1]
        answers = []
        for index, group in enumerate(str(who) for who in population.ids):
            inside = numpy.flatnonzero(members == index)
            answer = Answer(key, group, bool(eligible[index]))
            dates = [date for i in inside for date in persons[i].dates]
            answer.dates = list({date.variable: date for date in dates}.values())
            if not answer.eligible and not any(persons[i].reason for i in inside):
                if not (~child[inside]).any():
                    lacks = _("the family has no parent (claimant or applicant)")
                elif not child[inside].any():
                    lacks = _("the family has no dependent child")
                else:
                    lacks = _("the rule that opens the right is not met")
                answer.missing = f"{lacks} ; " + _("rule: {rule}").format(rule=rule)
            answers.append(answer)
        return answers

    def node(self, trace, index: int, expected, seen: set) -> Node | None:
        """The node of `trace` for the person `index`, or None when the tree already shows it."""
        period = str(trace.period)
        trace = self.computed.get((trace.name, period), trace)
        if trace.name in THROUGH and trace.children:
            return self.node(trace.children[0], index, expected, seen)
        key = (trace.name, period)
        if key in seen:
            return None
        seen.add(key)
        variable = self.system.variables[trace.name]
        raw = self.value(trace.name, period, index)
        is_bool = variable.value_type is bool
        if expected is _OFF:
            deciding = False
        elif is_bool and expected is not None:
            named = self.refusal is not None and self.refusal in trace.name
            deciding = bool(raw) == expected or (named and bool(raw) and expected is False)
        else:  # a fact read by a deciding condition, or read to compute a deciding fact
            deciding = True
        node = Node(
            trace.name,
            period,
            variable.label or trace.name,
            _references(variable),
            plain(variable, raw),
            in_words(variable, raw),
            deciding,
            bool(trace.children) and not variable.is_input_variable(),
        )
        below = _OFF if not deciding else bool(raw) if is_bool else None
        for child in trace.children:
            if (shown := self.node(child, index, below, seen)) is not None:
                node.children.append(shown)
        node.children.sort(key=lambda child: not child.deciding)
        return node


_OFF = object()  # what a node expects below a condition off the deciding branch


def _references(variable) -> list[str]:
    reference = variable.reference or []
    return [reference] if isinstance(reference, str) else list(reference)


def _deciding_dates(tree: list[Node]) -> list[Node]:
    """The dates the model computed on the deciding branch, set (not "never"), each once: the
    first met from the conditions down (`date_fin_maintien_droits`, not the dates it was computed
    from)."""
    found: dict[str, Node] = {}

    def visit(node: Node) -> None:
        if not node.deciding:
            return
        if node.computed and _is_date(node.value):
            if node.text not in (_("never"), _("not given")):
                found.setdefault(node.variable, node)
            return
        for child in node.children:
            visit(child)

    for root in tree:
        visit(root)
    return list(found.values())


def _is_date(value) -> bool:
    return isinstance(value, str) and len(value) == 10 and value[4] == value[7] == "-"
