"""A benefit's conditions and its reason of refusal, from ordered lists of named conditions.

A benefit lists the rules that can refuse it, in its order of precedence. Each rule pairs an item
of the benefit's `MotifRefus…` enum with a boolean variable, the sub-condition the law states:

    RESIDENCE = (
        requires(Motif.residence, "residence_permanente"),
    )
    SEJOUR = (
        excludes(Motif.decision_refus_sejour, "decision_refus_sejour_opposable"),
        requires(Motif.enfant_entree_irreguliere, "enfant_entree_reguliere", among="enfant_a_charge"),
    )

- `requires(motif, variable)` refuses where the variable is false (a condition to meet);
  `excludes(motif, variable)` refuses where it is true (an exclusion);
- `among="v"`: the rule concerns only the persons for whom the variable `v` is true;
  `unless="v"`: it does not concern them.

The benefit's variables are read from the same lists, so that its reason of refusal is `aucun`
exactly when its conditions hold:

    X_condition_residence    all_hold(individu, period, RESIDENCE)
    X_condition_sejour       all_hold(individu, period, SEJOUR)
    X_motif_refus            first_refusal(individu, period, RESIDENCE + SEJOUR, Motif.aucun)

The motif names its item; an item is looked up by its name in the enum of `first_refusal`, so
that two benefits whose enums share item names may share a list (the ASPA's and the ASI's L.816-1).

A reform adds a condition after all of a benefit's rules with `add_condition`:

    add_condition(self, "prestations_familiales",
                  requires("duree_residence_loi_2024_42", "loi_2024_42_duree_residence_prestations_familiales"),
                  "Moins de cinq ans de résidence… (loi n° 2024-42, art. 19)")

It adds the boolean variable (defined by the reform) to `<benefit>_condition_sejour`, and the item,
with its label, at the end of `<benefit>_motif_refus`'s enum: the benefit's own rules keep their
precedence, its eligibility (`<benefit>_eligible`, read from the reason of refusal) follows, and
a trace shows the new variable under both. The benefit's own formulas are not read again: the
reformed variables compute the baseline's formulas, then the new rule.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy
from openfisca_core.indexed_enums import Enum

from openfisca_residence.rules.variable import Variable

NONE = "aucun"  # the item of every reason of refusal that says the conditions are met


@dataclass(frozen=True)
class Rule:
    """`motif` refuses where `variable` is `refuses_if`, for those `among` and not `unless`."""

    motif: str
    variable: str
    refuses_if: bool
    among: str | None = None
    unless: str | None = None

    def refuses(self, population, period) -> numpy.ndarray:
        value = population(self.variable, period)
        refused = value if self.refuses_if else ~value
        if self.among:
            refused = refused * population(self.among, period)
        if self.unless:
            refused = refused * ~population(self.unless, period)
        return refused


def requires(motif, variable: str, among: str | None = None, unless: str | None = None) -> Rule:
    """A condition: `motif` refuses where the boolean `variable` is false."""
    return Rule(_name(motif), variable, False, among, unless)


def excludes(motif, variable: str, among: str | None = None, unless: str | None = None) -> Rule:
    """An exclusion: `motif` refuses where the boolean `variable` is true."""
    return Rule(_name(motif), variable, True, among, unless)


def _name(motif) -> str:
    return motif if isinstance(motif, str) else motif.name


def all_hold(population, period, rules) -> numpy.ndarray:
    """Where none of the rules refuses."""
    return ~numpy.any([rule.refuses(population, period) for rule in rules], axis=0)


def first_refusal(population, period, rules, none) -> numpy.ndarray:
    """The index of the motif of the first rule that refuses, or of `none` where none does."""
    enum = type(none)
    unknown = [rule.motif for rule in rules if rule.motif not in enum.__members__]
    if unknown:
        raise ValueError(f"{enum.__name__} has no item {unknown}: rules must name its items")
    return numpy.select(
        [rule.refuses(population, period) for rule in rules],
        [enum[rule.motif].index for rule in rules],
        default=none.index,
    )


def add_condition(reform, benefit: str, rule: Rule, label: str) -> None:
    """`rule` after all of `benefit`'s rules: in `<benefit>_condition_sejour`, and its motif,
    labelled `label` (with the reference of the reform), last in `<benefit>_motif_refus`."""
    condition = reform.get_variable(f"{benefit}_condition_sejour", check_existence=True)
    motif = reform.get_variable(f"{benefit}_motif_refus", check_existence=True)
    items = motif.possible_values
    if rule.motif in items.__members__:
        raise ValueError(f"{motif.name} already has the item '{rule.motif}'")
    extended = Enum(items.__name__, [(i.name, i.value) for i in items] + [(rule.motif, label)])
    added = extended[rule.motif].index
    none = items[NONE].index

    def holds(population, period, parameters):
        before = _baseline(condition, population, period, parameters)
        return before * ~rule.refuses(population, period)

    def first(population, period, parameters):
        before = numpy.asarray(_baseline(motif, population, period, parameters))
        return numpy.where((before == none) * rule.refuses(population, period), added, before)

    variable = reform.get_variable(rule.variable, check_existence=True)
    reform.update_variable(
        _variable(
            condition.name,
            label=f"{condition.label} ; et non : {label[0].lower()}{label[1:]}",
            reference=[*_references(condition), *_references(variable)],
            formula=holds,
        )
    )
    reform.update_variable(
        _variable(
            motif.name,
            possible_values=extended,
            default_value=extended[motif.default_value.name],
            reference=[*_references(motif), label],
            formula=first,
        )
    )


def _baseline(variable, population, period, parameters):
    """What `variable`'s formula for `period` gives (its default before its first formula)."""
    formula = variable.get_formula(period)
    if formula is None:
        return population.filled_array(variable.default_value)
    if formula.__code__.co_argcount == 2:  # OpenFisca's two signatures of a formula
        return formula(population, period)
    return formula(population, period, parameters)


def _variable(name: str, **attributes) -> type[Variable]:
    """A variable that replaces `name`, keeping what `attributes` do not change."""
    return type(name, (Variable,), attributes)


def _references(variable) -> list[str]:
    reference = variable.reference or []
    return [reference] if isinstance(reference, str) else list(reference)
