"""What a computation read, and which of its values a reform leaves unchanged.

A `RecordingSimulation` computes as OpenFisca's `Simulation` does, and records, for each
(variable, period) it computes, the (variable, period) its formula asked for and the parameters it
read (`DependencyTracer`):

- a variable is read through `simulation.calculate` (what `individu("x", period)`, the projections
  and `calculate_add` call): OpenFisca's tracer hook `record_calculation_start` sees every such
  call, a value already in the cache included;
- a parameter at an instant is read through the formula's `parameters` argument: OpenFisca wraps
  it in a tracing node only when the simulation traces, and this simulation's node
  (`RecordedParameters`) records every read, whatever it gives: a value, a vectorial node (the
  whole node), or anything else than a child (iterating, `_children`: the whole node);
- the dated history of a parameter is read through `rules.lookup.parameters_of`, which asks the
  simulation for its tree (`parameter_tree`): each read below it is recorded with no instant
  (every date of the parameter, or of every parameter below the node read).

Formulas read nothing else (`tests/engine/simulation/test_dependencies.py` checks that no formula
reaches the tax-benefit system, the simulation or a holder another way).

`unchanged(tracer, baseline, reform)` is then the set of (variable, period) computed under
`baseline` whose value `reform` cannot change: the variable is the same object in both systems
(same formulas, same type, same `set_input`), every parameter it read has the same value at the
instant read (the same history when read with no instant), and every (variable, period) it read
is itself unchanged. By induction on the computation: a formula given the same values does the
same reads and gives the same result. When in doubt (a cycle, a name the reform removed), a value
is taken as changed, and computed again.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from openfisca_core.parameters import ParameterNode, ParameterNodeAtInstant
from openfisca_core.simulations import Simulation
from openfisca_core.tracers import SimpleTracer, TracingParameterNodeAtInstant

ALL_DATES = None  # the instant of a read of a parameter's whole history (`parameters_of`)


class DependencyTracer(SimpleTracer):
    """For each (variable, period) computed: the (variable, period) and the parameters it read."""

    def __init__(self) -> None:
        super().__init__()
        self.nodes: set = set()
        self.reads: defaultdict = defaultdict(set)
        self.parameters: defaultdict = defaultdict(set)

    def _current(self):
        frame = self.stack[-1]
        return frame["name"], frame["period"]

    def record_calculation_start(self, variable, period) -> None:
        self.record_known(variable, period)
        super().record_calculation_start(variable, period)

    def record_known(self, variable, period) -> None:
        """A read of a value already known (computed, or an input), which the population answers
        without Core (`system.populations`): recorded as Core's `calculate` records it, a
        (variable, period) that reads nothing itself."""
        key = (variable, period)
        self.nodes.add(key)
        if self.stack:
            self.reads[self._current()].add(key)

    def record_parameter_access(self, parameter: str, period, value=None) -> None:
        if self.stack:
            self.parameters[self._current()].add((parameter, period))


def _child_name(node_name: str, children, key) -> str:
    """A read of `key` under the node `node_name`: the child's name when `key` names a child of the
    node, the node's own name otherwise (a vectorial read, an attribute of the node)."""
    if isinstance(key, str) and key in children:
        return f"{node_name}.{key}" if node_name else key
    return node_name


class RecordedParameters(TracingParameterNodeAtInstant):
    """The parameters at an instant, as a formula of a `RecordingSimulation` reads them."""

    def __iter__(self):
        self._record_whole_node()
        return super().__iter__()

    def __contains__(self, key) -> bool:
        self._record_whole_node()
        return super().__contains__(key)

    def _record_whole_node(self) -> None:
        node = self.parameter_node_at_instant
        self.tracer.record_parameter_access(node._name, node._instant_str)

    def get_traced_child(self, child, key):
        node = self.parameter_node_at_instant
        if isinstance(node, ParameterNodeAtInstant) and isinstance(child, ParameterNodeAtInstant):
            return RecordedParameters(child, self.tracer)
        children = node._children if isinstance(node, ParameterNodeAtInstant) else ()
        self.tracer.record_parameter_access(
            _child_name(node._name, children, key), node._instant_str
        )
        return child


class RecordedTree:
    """A node of the parameter tree (every date), as a formula reads it through `parameters_of`."""

    def __init__(self, node: ParameterNode, tracer: DependencyTracer) -> None:
        self._node, self._tracer = node, tracer

    def __getattr__(self, key):
        child = getattr(self._node, key)
        if isinstance(child, ParameterNode) and key in self._node.children:
            return RecordedTree(child, self._tracer)
        name = _child_name(self._node.name, self._node.children, key)
        self._tracer.record_parameter_access(name, ALL_DATES)
        return child

    def __call__(self, instant):
        """The node at an instant: all the parameters below it."""
        self._tracer.record_parameter_access(self._node.name, ALL_DATES)
        return self._node(instant)


class RecordingSimulation(Simulation):
    """A simulation that records what each of its formulas reads (`DependencyTracer`)."""

    def __init__(self, tax_benefit_system, populations) -> None:
        super().__init__(tax_benefit_system, populations)
        self.trace = True  # formulas get their parameters from trace_parameters_at_instant
        self.tracer = DependencyTracer()

    def trace_parameters_at_instant(self, formula_period):
        parameters = self.tax_benefit_system.get_parameters_at_instant(formula_period)
        return RecordedParameters(parameters, self.tracer)

    def parameter_tree(self) -> RecordedTree:
        """The parameter tree, for `rules.lookup.parameters_of`."""
        return RecordedTree(self.tax_benefit_system.parameters, self.tracer)


# -- What a reform changes


def _leaves(node, prefix: str = "") -> dict:
    found = {}
    for key, child in node.children.items():
        name = f"{prefix}{key}"
        if isinstance(child, ParameterNode):
            found.update(_leaves(child, f"{name}."))
        else:
            found[name] = child
    return found


def _history(parameter) -> list | None:
    values = getattr(parameter, "values_list", None)
    if values is None:  # a scale, or a name only one system has: not compared, changed
        return None
    return [(at.instant_str, at.value) for at in values]


class ParameterChanges:
    """The parameters whose values differ between two systems, and whether a read meets one."""

    def __init__(self, baseline, reform) -> None:
        self.baseline, self.reform = _leaves(baseline.parameters), _leaves(reform.parameters)
        self.changed = [
            name
            for name in sorted(set(self.baseline) | set(self.reform))
            if _history(self.baseline.get(name)) is None
            or _history(self.baseline.get(name)) != _history(self.reform.get(name))
        ]
        self._memo: dict = {}

    def affect(self, name: str, instant) -> bool:
        """Whether a read of `name` (a parameter, or a node: all the parameters below it) at
        `instant` (or at every date: ALL_DATES) may give another value under the reform."""
        key = (name, instant)
        if key not in self._memo:
            below = [
                leaf
                for leaf in self.changed
                if not name or leaf == name or leaf.startswith(f"{name}.")
            ]
            self._memo[key] = any(
                instant is ALL_DATES or self._differs_at(leaf, instant) for leaf in below
            )
        return self._memo[key]

    def _differs_at(self, leaf: str, instant) -> bool:
        before, after = self.baseline.get(leaf), self.reform.get(leaf)
        if before is None or after is None or _history(before) is None:
            return True
        return before(instant) != after(instant)


@lru_cache(maxsize=8)
def parameter_changes(baseline, reform) -> ParameterChanges:
    """Computed once per pair of systems (each built once per process: `system.registry`)."""
    return ParameterChanges(baseline, reform)


def unchanged(tracer: DependencyTracer, baseline, reform) -> set:
    """The (variable, period) computed under `baseline` (recorded by `tracer`) that `reform`
    cannot change (see the module's documentation). A walk in depth of what each read, without
    recursion: the chains of months read one after the other may be long."""
    changes = parameter_changes(baseline, reform)

    def own(key) -> bool:  # the variable and the parameters it read
        variable = baseline.variables.get(key[0])
        return (
            variable is not None
            and reform.variables.get(key[0]) is variable
            and not any(changes.affect(*read) for read in tracer.parameters.get(key, ()))
        )

    verdicts: dict = {}
    for root in tracer.nodes:
        stack = [(root, False)]
        while stack:
            key, read_all = stack.pop()
            reads = tracer.reads.get(key, ())
            if read_all:
                verdicts[key] = own(key) and all(verdicts[read] for read in reads)
            elif key not in verdicts:
                verdicts[key] = False  # until its reads are known: a cycle is changed
                stack.append((key, True))
                stack.extend((read, False) for read in reads if read not in verdicts)
    return {key for key, same in verdicts.items() if same}
