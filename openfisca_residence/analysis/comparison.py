"""Today's law against one or more reforms, on a whole population: who loses, who gains, at what cost.

    from openfisca_residence.comparison import compare
    result = compare("population.parquet", ["fin_droits_expiration_sejour"], ["2027-01", "2027-02"])
    result.summary     # per reform, benefit and month: eligible before/after, losers, gainers, cost
    result.breakdown   # the losers and gainers by nationality group, document type, reason of refusal
    result.undue       # paid while ineligible (`percoit_X` and not `X_eligible`), by reason

Each benefit is counted on its own entity: persons for the individual benefits, families (foyers)
for the RSA, the family benefits and housing aid, a family taking its reference person's weight,
nationality group, document and reason of refusal. Counts are weighted. The cost change is the
change in eligible units times the benefit's base amount of the month (RSA montant forfaitaire, AAH,
ASPA for a single person): an order of magnitude, not a costing of the households' entitlements.

The work is done chunk by chunk (`compare_chunk`, a pure function of a chunk's rows, like
`microsimulation.compute_chunk`): each chunk gives weighted partial sums, which add up. A file is
read chunk by chunk, and its chunks may be computed in worker processes or on a Dask cluster
(`compare_partition`, `runner.mapped_partitions`): memory stays that of one chunk, whatever the
population.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy
import pandas
import pyarrow

from openfisca_residence.data.columns import family_numbers
from openfisca_residence.data.problems import PopulationError
from openfisca_residence.data.schema import FAMILY_ID, FAMILY_ROLE, PARENT, WEIGHT
from openfisca_residence.data.validation import validated_table
from openfisca_residence.simulation.backends import Backend
from openfisca_residence.simulation.chunk import DEFAULT_CHUNK_SIZE, compute_chunk
from openfisca_residence.simulation.files import mapped_partitions
from openfisca_residence.simulation.microsimulation import Microsimulation
from openfisca_residence.simulation.partitions import merged, shifted
from openfisca_residence.system.benefits import BENEFITS
from openfisca_residence.system.registry import reform_key, reform_label, tax_benefit_system

BASELINE = "droit_actuel"
# The benefits with a dated base amount: the parameter, and how many months it covers.
AMOUNTS = {
    "rsa": ("prestations.montants.rmi_rsa.montant_forfaitaire", 1),
    "aah": ("prestations.montants.aah.montant_mensuel", 1),
    "aspa": ("prestations.montants.aspa.montant_annuel_personne_seule", 12),
}
DIMENSIONS = {"nationality_group": "groupe_nationalite", "document": "titre_sejour"}


@dataclass
class Comparison:
    summary: pandas.DataFrame
    breakdown: pandas.DataFrame
    undue: pandas.DataFrame


def compare(
    population,
    reforms: Sequence,
    months: Sequence[str],
    benefits: Sequence[str] = BENEFITS,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    progress: Callable[[int], None] | None = None,
    backend: Backend | None = None,
) -> Comparison:
    """Compare today's law with each reform of `reforms` (names, YAML files or reform classes).

    `population`: a CSV or Parquet file, read batch by batch of `chunk_size` persons (the memory
    is that of a batch, whatever the file's size) and computed on `backend` (here by default, in
    worker processes, or on a Dask cluster: `runner.Backend`); or a population in memory (a
    table, a frame, a `Population`), computed here chunk by chunk.
    """
    reforms = [reform_key(reform) for reform in reforms]
    months = [str(m) for m in months]
    totals: dict[tuple, float] = {}
    for sums in _partial_sums(
        population, reforms, months, list(benefits), chunk_size, progress, backend
    ):
        for key, value in sums.items():
            totals[key] = totals.get(key, 0.0) + value
    return _labelled(_frames(totals, reforms, months, benefits), reform_labels(reforms))


def reform_labels(reforms: Sequence[str]) -> dict[str, str]:
    """Each reform's name in tables and reports: a parametric reform file's `nom` (its path when
    it has none, or when two reforms would get the same name), the name given for the others."""
    labels = {key: reform_label(key) for key in reforms}
    if len({BASELINE, *labels.values()}) < len(labels) + 1:
        return {key: key for key in reforms}
    return labels


def _labelled(comparison: Comparison, labels: dict[str, str]) -> Comparison:
    for frame, column in (
        (comparison.summary, "reform"),
        (comparison.breakdown, "reform"),
        (comparison.undue, "scenario"),  # also droit_actuel
    ):
        if column in frame:
            frame[column] = frame[column].map(lambda key: labels.get(key, key))
    return comparison


def _partial_sums(population, reforms, months, benefits, chunk_size, progress, backend):
    if not isinstance(population, str | Path):
        for table in Microsimulation(population, chunk_size=chunk_size).chunks():
            yield compare_chunk(table, reforms, months, benefits)
            if progress is not None:
                progress(len(table))
        return
    problems: list = []

    def arguments():  # read as each partition is sent: only checked once a problem is met
        return reforms, months, [] if problems else benefits, str(population)

    backend = backend or Backend(batch_size=chunk_size)
    with mapped_partitions(population, compare_partition, arguments, backend, progress) as parts:
        for part in parts:
            problems += part.problems
            if not problems:
                yield part.sums
    if problems:
        raise PopulationError(merged(problems), str(population))


@dataclass
class ComparedPartition:
    """What one partition of a file gives: its rows, its weighted partial sums (`compare_chunk`),
    or the problems of its rows."""

    rows: int
    sums: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)


def compare_partition(table, start, reforms, months, benefits, source) -> ComparedPartition:
    """The raw rows of a file's partition (whole families, from row `start`): checked, then
    compared. A pure, picklable function: worker processes and Dask workers run it as it is."""
    try:
        table = validated_table(table, source=source)
    except PopulationError as error:
        return ComparedPartition(table.num_rows, problems=shifted(error.problems, start))
    if not benefits:
        return ComparedPartition(table.num_rows)
    return ComparedPartition(table.num_rows, compare_chunk(table, reforms, months, benefits))


def compare_chunk(
    table: pyarrow.Table, reforms: Sequence[str], months: Sequence[str], benefits
) -> dict:
    """Weighted partial sums for the persons of `table` (whole families): `{key: weight}`.

    Keys: ("eligible", scenario, benefit, month), ("losers"|"gainers", reform, benefit, month,
    dimension, category) and ("undue", scenario, benefit, month, reason).
    """
    months = [str(m) for m in months]
    units = _Units(table)
    names = [f"{b}_{suffix}" for b in benefits for suffix in ("eligible", "motif_refus")]
    paid = [f"percoit_{b}" for b in benefits]
    baseline = compute_chunk(table, [*names, *paid, *DIMENSIONS.values()], months, None)
    scenarios = {BASELINE: baseline}
    for reform in reforms:
        scenarios[reform] = compute_chunk(table, names, months, reform)
    sums: dict[tuple, float] = {}
    for benefit in benefits:
        family = _is_family_benefit(benefit)
        weights = units.weights(family)
        for month in months:
            dims = {
                name: units.of(baseline.persons[(var, month)], family)
                for name, var in DIMENSIONS.items()
            }
            paid_now = units.of(baseline.persons[(f"percoit_{benefit}", month)], family)
            for scenario, result in scenarios.items():
                eligible = _eligible(result, benefit, month)
                reason = units.of(result.persons[(f"{benefit}_motif_refus", month)], family)
                sums[("eligible", scenario, benefit, month)] = float(weights[eligible].sum())
                _add_by(
                    sums,
                    ("undue", scenario, benefit, month),
                    reason,
                    weights * (paid_now & ~eligible),
                )
            before = _eligible(baseline, benefit, month)
            for reform in reforms:
                after = _eligible(scenarios[reform], benefit, month)
                reason_after = units.of(
                    scenarios[reform].persons[(f"{benefit}_motif_refus", month)], family
                )
                for kind, mask in (("losers", before & ~after), ("gainers", ~before & after)):
                    changed = weights * mask
                    for name, categories in (*dims.items(), ("reason", reason_after)):
                        _add_by(sums, (kind, reform, benefit, month, name), categories, changed)
    return sums


class _Units:
    """Persons, or families through their reference person (first parent), within one chunk."""

    def __init__(self, table: pyarrow.Table) -> None:
        self.person_weights = table[WEIGHT].to_numpy()
        families, _ = family_numbers(table[FAMILY_ID])
        roles = table[FAMILY_ROLE].to_numpy(zero_copy_only=False)
        rows = numpy.arange(len(families))
        order = numpy.argsort(numpy.where(roles == PARENT, rows, rows + len(rows)), kind="stable")
        _, first = numpy.unique(families[order], return_index=True)
        self.reference_rows = order[first]  # families numbered in order of first appearance

    def weights(self, family: bool) -> numpy.ndarray:
        return self.person_weights[self.reference_rows] if family else self.person_weights

    def of(self, values: numpy.ndarray, family: bool) -> numpy.ndarray:
        return values[self.reference_rows] if family else values


def _is_family_benefit(benefit: str) -> bool:
    return tax_benefit_system(None).variables[f"{benefit}_eligible"].entity.key == "famille"


def _eligible(result, benefit: str, month: str) -> numpy.ndarray:
    key = (f"{benefit}_eligible", month)
    return (result.families if key in result.families else result.persons)[key]


def _add_by(sums: dict, key: tuple, categories: numpy.ndarray, weights: numpy.ndarray) -> None:
    totals = numpy.bincount(categories.astype(numpy.int64), weights=weights)
    for category in numpy.flatnonzero(totals):
        sums[(*key, int(category))] = sums.get((*key, int(category)), 0.0) + float(totals[category])


def _frames(totals: dict, reforms: list, months: list, benefits) -> Comparison:
    system = tax_benefit_system(None)
    unit = {b: "foyers" if _is_family_benefit(b) else "personnes" for b in benefits}

    def reason_name(scenario, benefit, index):
        enum = (
            tax_benefit_system(None if scenario == BASELINE else scenario)
            .variables[f"{benefit}_motif_refus"]
            .possible_values
        )
        return list(enum)[index].name

    def category_name(scenario, benefit, dimension, index):
        if dimension == "reason":
            return reason_name(scenario, benefit, index)
        return list(system.variables[DIMENSIONS[dimension]].possible_values)[index].name

    summary = []
    for reform in reforms:
        for benefit in benefits:
            for month in months:
                before = totals.get(("eligible", BASELINE, benefit, month), 0.0)
                after = totals.get(("eligible", reform, benefit, month), 0.0)
                losers = _sum(totals, ("losers", reform, benefit, month, "reason"))
                gainers = _sum(totals, ("gainers", reform, benefit, month, "reason"))
                amount = _amount(system, benefit, month)
                summary.append(
                    {
                        "reform": reform,
                        "benefit": benefit,
                        "month": month,
                        "unit": unit[benefit],
                        "eligible_before": before,
                        "eligible_after": after,
                        "losers": losers,
                        "gainers": gainers,
                        "net_change": after - before,
                        "monthly_amount": amount,
                        "cost_change": None if amount is None else (after - before) * amount,
                    }
                )
    breakdown = [
        {
            "reform": key[1],
            "benefit": key[2],
            "month": key[3],
            "dimension": key[4],
            "category": category_name(key[1], key[2], key[4], key[5]),
            "kind": key[0],
            "weighted": value,
        }
        for key, value in totals.items()
        if key[0] in ("losers", "gainers")
    ]
    undue = [
        {
            "scenario": key[1],
            "benefit": key[2],
            "month": key[3],
            "reason": reason_name(key[1], key[2], key[4]),
            "paid_while_ineligible": value,
        }
        for key, value in totals.items()
        if key[0] == "undue" and value > 0
    ]
    breakdown_frame = pandas.DataFrame(
        breakdown,
        columns=["reform", "benefit", "month", "dimension", "category", "kind", "weighted"],
    )
    breakdown_frame = (
        breakdown_frame.pivot_table(
            index=["reform", "benefit", "month", "dimension", "category"],
            columns="kind",
            values="weighted",
            aggfunc="sum",
            fill_value=0.0,
        )
        .reindex(columns=["losers", "gainers"], fill_value=0.0)
        .reset_index()
        if breakdown
        else pandas.DataFrame(
            columns=["reform", "benefit", "month", "dimension", "category", "losers", "gainers"]
        )
    )
    breakdown_frame.columns.name = None
    undue_frame = pandas.DataFrame(
        undue, columns=["scenario", "benefit", "month", "reason", "paid_while_ineligible"]
    )
    return Comparison(pandas.DataFrame(summary), breakdown_frame, undue_frame)


def _sum(totals: dict, prefix: tuple) -> float:
    return sum(value for key, value in totals.items() if key[: len(prefix)] == prefix)


def _amount(system, benefit: str, month: str) -> float | None:
    if benefit not in AMOUNTS:
        return None
    path, months = AMOUNTS[benefit]
    node = system.parameters(f"{month}-01")
    for part in path.split("."):
        node = node[part]
    return float(node) / months
