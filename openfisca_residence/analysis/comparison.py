"""Today's law against one or more reforms, on a whole population: who loses, who gains, at what cost.

    from openfisca_residence.comparison import compare
    result = compare("population.parquet", ["fin_droits_expiration_sejour"], ["2027-01", "2027-02"])
    result.summary      # per reform, benefit and month: meeting the conditions before and after,
                        # losers (among them the recipients), gainers, cost change, intervals
    result.transitions  # health cover before → after (PUMa, AME, none), recipients' losses
    result.costs        # the cost change month by month and year by year
    result.breakdown    # losers and gainers by nationality group, document, reason of refusal
    result.undue        # paid while ineligible (`percoit_X` and not `X_eligible`), by reason
    result.calibration  # today's law beside the published figures (`calibration`)

The field is the persons in France in the month (`units.in_france`); each benefit is counted on
its own unit: persons for the individual benefits, families (foyers) for the RSA, the family
benefits and housing aid, a family taking its reference person's weight, group, document and
reason of refusal. Counts are weighted; each comes with the sampled units counted (`*_n`) and,
for the headline figures, a 95 % interval (`*_low`, `*_high`: a bootstrap over random groups of
families, `tally`). The cost change is that of the recipients (`costs`).

The work is done chunk by chunk (`compare_chunk`, a pure function of a chunk's rows, like
`microsimulation.compute_chunk`): each chunk gives a `Tally`, which adds up. In a chunk, today's
law and the reforms share what they can (`simulation.scenarios`): the columns are converted once,
and a reform computes only the values it can change. A file is read chunk
by chunk, and its chunks may be computed in worker processes or on a Dask cluster
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

from openfisca_residence.analysis import calibration
from openfisca_residence.analysis.costs import monthly_change, unit_cost
from openfisca_residence.analysis.tally import Tally, estimate
from openfisca_residence.analysis.units import Units, eligible, in_france, is_family_benefit
from openfisca_residence.data.problems import PopulationError
from openfisca_residence.data.validation import validated_table
from openfisca_residence.simulation.backends import Backend
from openfisca_residence.simulation.chunk import DEFAULT_CHUNK_SIZE
from openfisca_residence.simulation.files import mapped_partitions
from openfisca_residence.simulation.microsimulation import Microsimulation
from openfisca_residence.simulation.partitions import merged, shifted
from openfisca_residence.simulation.scenarios import compute_scenarios
from openfisca_residence.system.benefits import BENEFITS
from openfisca_residence.system.registry import reform_key, reform_label, tax_benefit_system

BASELINE = "droit_actuel"
DIMENSIONS = {"nationality_group": "groupe_nationalite", "document": "titre_sejour"}
# Health cover of a person: PUMa, else the AME, else none.
COVERS = ("puma", "ame", "aucune")


@dataclass
class Comparison:
    summary: pandas.DataFrame
    breakdown: pandas.DataFrame
    undue: pandas.DataFrame
    transitions: pandas.DataFrame = field(default_factory=pandas.DataFrame)
    costs: pandas.DataFrame = field(default_factory=pandas.DataFrame)
    yearly_costs: pandas.DataFrame = field(default_factory=pandas.DataFrame)
    calibration: pandas.DataFrame = field(default_factory=pandas.DataFrame)
    uncovered: pandas.DataFrame = field(default_factory=pandas.DataFrame)  # why no AME
    reforms: list = field(default_factory=list)  # the reforms' keys, in order
    persons: int = 0  # sampled persons


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
    tally = Tally()
    for part in _partial_tallies(
        population, reforms, months, list(benefits), chunk_size, progress, backend
    ):
        tally += part
    comparison = _frames(tally, reforms, months, list(benefits))
    return _labelled(comparison, reform_labels(reforms))


def calibrate(population, months: Sequence[str], **options) -> pandas.DataFrame:
    """The calibration table of a population (a file or in memory) under today's law
    (`calibration`); the options of `compare` (chunk_size, progress, backend)."""
    return compare(population, [], months, **options).calibration


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
        (comparison.transitions, "reform"),
        (comparison.costs, "reform"),
        (comparison.yearly_costs, "reform"),
        (comparison.uncovered, "reform"),
    ):
        if column in frame:
            frame[column] = frame[column].map(lambda key: labels.get(key, key))
    return comparison


def _partial_tallies(population, reforms, months, benefits, chunk_size, progress, backend):
    if not isinstance(population, str | Path):
        simulation = Microsimulation(population, chunk_size=chunk_size, backend=backend or "local")
        for rows, tally in simulation.map_chunks(compare_chunk, reforms, months, benefits):
            yield tally
            if progress is not None:
                progress(len(rows))
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
    """What one partition of a file gives: its rows, its tally (`compare_chunk`), or the
    problems of its rows."""

    rows: int
    sums: Tally = field(default_factory=Tally)
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
) -> Tally:
    """The tally of the persons of `table` (whole families). Keys:
    ("persons",); ("eligible", scenario, benefit, month); ("paid_eligible", benefit, month);
    ("losers"|"gainers"|"losers_paid", reform, benefit, month);
    ("by", "losers"|"gainers", reform, benefit, month, dimension, category);
    ("undue", scenario, benefit, month, reason); ("cover", reform, month, "all"|"paid", code)
    with code = before × 3 + after over COVERS; ("uncovered_reason", reform, month, reason);
    and the calibration's ("calibration", indicator, month...)."""
    months = [str(m) for m in months]
    units = Units(table)
    results = compute_scenarios(table, *compared_variables(benefits), months, reforms)
    baseline = results[None]
    scenarios = {BASELINE: baseline} | {reform: results[reform] for reform in reforms}
    tally = Tally()
    tally.add(("persons",), units.counted(False), numpy.ones(units.count, bool))
    for month in months:
        in_field = in_france(baseline, month)
        for benefit in benefits:
            _tally_benefit(tally, units, scenarios, reforms, benefit, month, in_field)
        for reform in reforms:
            _tally_cover(tally, units, baseline, scenarios[reform], reform, month, in_field)
    calibration.tally_calibration(baseline, units, months, tally)
    return tally


def compared_variables(benefits) -> tuple[list[str], list[str]]:
    """What `compare_chunk` reads: under today's law, and under each reform."""
    names = [f"{b}_{suffix}" for b in benefits for suffix in ("eligible", "motif_refus")]
    health = ["puma_eligible", "ame_eligible", "ame_motif_refus"]
    paid = [f"percoit_{b}" for b in benefits]
    today = [*names, *health, "percoit_puma", *paid, *DIMENSIONS.values(), *calibration.VARIABLES]
    return list(dict.fromkeys(today)), list(dict.fromkeys([*names, *health]))


def _tally_benefit(tally, units, scenarios, reforms, benefit, month, in_field) -> None:
    baseline = scenarios[BASELINE]
    family = is_family_benefit(benefit)
    counted = units.counted(family)
    field_ = units.of(in_field, family)
    paid = units.of(baseline.persons[(f"percoit_{benefit}", month)], family)
    dimensions = {
        name: units.of(baseline.persons[(variable, month)], family)
        for name, variable in DIMENSIONS.items()
    }
    before = eligible(baseline, benefit, month) & field_
    tally.add(("paid_eligible", benefit, month), counted, paid & before)
    for scenario, result in scenarios.items():
        meets = eligible(result, benefit, month) & field_
        tally.add(("eligible", scenario, benefit, month), counted, meets)
        reason = units.of(result.persons[(f"{benefit}_motif_refus", month)], family)
        undue = paid & field_ & ~eligible(result, benefit, month)
        tally.add_by(("undue", scenario, benefit, month), reason, counted, undue)
    for reform in reforms:
        result = scenarios[reform]
        after = eligible(result, benefit, month) & field_
        reason_after = units.of(result.persons[(f"{benefit}_motif_refus", month)], family)
        changes = {"losers": before & ~after, "gainers": ~before & after}
        for kind, mask in changes.items():
            tally.add((kind, reform, benefit, month), counted, mask)
            for name, categories in (*dimensions.items(), ("reason", reason_after)):
                key = ("by", kind, reform, benefit, month, name)
                tally.add_by(key, categories, counted, mask)
        tally.add(("losers_paid", reform, benefit, month), counted, changes["losers"] & paid)


def _cover(result, month) -> numpy.ndarray:
    puma = result.persons[("puma_eligible", month)]
    ame = result.persons[("ame_eligible", month)]
    return numpy.select([puma, ame], [0, 1], 2)


def _tally_cover(tally, units, baseline, result, reform, month, in_field) -> None:
    """Health cover before and after (PUMa, AME, none), for everyone and for PUMa's recipients;
    and why those who lose PUMa without the AME are refused the AME."""
    persons = units.counted(False)
    before, after = _cover(baseline, month), _cover(result, month)
    code = before * len(COVERS) + after
    paid = baseline.persons[("percoit_puma", month)]
    tally.add_by(("cover", reform, month, "all"), code, persons, in_field)
    tally.add_by(("cover", reform, month, "paid"), code, persons, in_field & paid)
    uncovered = in_field & (before == 0) & (after == 2)
    reason = result.persons[("ame_motif_refus", month)]
    tally.add_by(("uncovered_reason", reform, month), reason, persons, uncovered)


# -- the tables


def _frames(tally: Tally, reforms: list, months: list, benefits: list) -> Comparison:
    system = tax_benefit_system(None)
    summary, costs = [], []
    for reform in reforms:
        for benefit in benefits:
            cost = unit_cost(benefit)
            for month in months:
                row, cost_row = _summary_row(tally, reform, benefit, month, cost)
                summary.append(row)
                costs.append(cost_row)
    summary = pandas.DataFrame(summary, columns=SUMMARY_COLUMNS)
    costs = pandas.DataFrame(costs, columns=COST_COLUMNS)
    return Comparison(
        summary,
        _breakdown(tally, system),
        _undue(tally, system),
        _transitions(tally, system, reforms, months),
        costs,
        _yearly_costs(tally, reforms, benefits, months),
        calibration.calibration_frame(tally, months),
        _uncovered(tally, system),
        list(reforms),
        tally.count(("persons",)),
    )


SUMMARY_COLUMNS = [
    "reform",
    "benefit",
    "month",
    "unit",
    "eligible_before",
    "eligible_before_n",
    "eligible_after",
    "losers",
    "losers_n",
    "losers_low",
    "losers_high",
    "losers_recipients",
    "losers_recipients_n",
    "losers_recipients_low",
    "losers_recipients_high",
    "gainers",
    "gainers_n",
    "gainers_low",
    "gainers_high",
    "net_change",
    "take_up",
    "yearly_cost",
    "monthly_amount",
    "cost_change",
    "cost_change_low",
    "cost_change_high",
]
COST_COLUMNS = [
    "reform",
    "benefit",
    "month",
    "cost_change",
    "cost_change_low",
    "cost_change_high",
    "yearly_cost",
    "cost_source",
]


def _keys(reform, benefit, month) -> dict[str, tuple]:
    return {
        "losers_paid": ("losers_paid", reform, benefit, month),
        "gainers": ("gainers", reform, benefit, month),
        "paid_eligible": ("paid_eligible", benefit, month),
        "eligible": ("eligible", BASELINE, benefit, month),
    }


def _summary_row(tally: Tally, reform, benefit, month, cost) -> tuple[dict, dict]:
    unit = "foyers" if is_family_benefit(benefit) else "personnes"
    before = tally.total(("eligible", BASELINE, benefit, month))
    after = tally.total(("eligible", reform, benefit, month))
    row = {
        "reform": reform,
        "benefit": benefit,
        "month": month,
        "unit": unit,
        "eligible_before": before,
        "eligible_before_n": tally.count(("eligible", BASELINE, benefit, month)),
        "eligible_after": after,
        "net_change": after - before,
    }
    for name, kind in (
        ("losers", "losers"),
        ("losers_recipients", "losers_paid"),
        ("gainers", "gainers"),
    ):
        key = (kind, reform, benefit, month)
        value, low, high = estimate(tally, {"count": key})
        row |= {
            name: value,
            f"{name}_n": tally.count(key),
            f"{name}_low": low,
            f"{name}_high": high,
        }
    paid_eligible = tally.total(("paid_eligible", benefit, month))
    row["take_up"] = paid_eligible / before if before else None
    yearly = cost.value
    row["yearly_cost"] = yearly
    row["monthly_amount"] = None if yearly is None else yearly / 12
    if yearly is None:
        change = low = high = None
    else:
        change, low, high = estimate(
            tally,
            _keys(reform, benefit, month),
            lambda **parts: monthly_change(**parts, yearly=yearly),
        )
    row |= {"cost_change": change, "cost_change_low": low, "cost_change_high": high}
    cost_row = {
        "reform": reform,
        "benefit": benefit,
        "month": month,
        "cost_change": change,
        "cost_change_low": low,
        "cost_change_high": high,
        "yearly_cost": yearly,
        "cost_source": f"{cost.source} ({cost.date})"
        if yearly is not None
        else f"{cost.source} : {cost.note}",
    }
    return row, cost_row


def _yearly_costs(tally: Tally, reforms, benefits, months) -> pandas.DataFrame:
    """The cost change of each year of the months (the sum of its months), with its interval."""
    rows = []
    years = sorted({month[:4] for month in months})
    for reform in reforms:
        for benefit in benefits:
            yearly = unit_cost(benefit).value
            for year in years:
                in_year = [month for month in months if month.startswith(year)]
                if yearly is None:
                    rows.append([reform, benefit, year, len(in_year), None, None, None])
                    continue
                keys = {
                    f"{name}@{month}": key
                    for month in in_year
                    for name, key in _keys(reform, benefit, month).items()
                }

                def total(in_year=in_year, yearly=yearly, **parts):
                    return sum(
                        monthly_change(
                            **{name: parts[f"{name}@{month}"] for name in _keys("", "", "")},
                            yearly=yearly,
                        )
                        for month in in_year
                    )

                value, low, high = estimate(tally, keys, total)
                rows.append([reform, benefit, year, len(in_year), value, low, high])
    return pandas.DataFrame(
        rows,
        columns=[
            "reform",
            "benefit",
            "year",
            "months",
            "cost_change",
            "cost_change_low",
            "cost_change_high",
        ],
    )


def _transitions(tally: Tally, system, reforms, months) -> pandas.DataFrame:
    rows = []
    for reform in reforms:
        for month in months:
            for population in ("all", "paid"):
                for code in range(len(COVERS) ** 2):
                    before, after = divmod(code, len(COVERS))
                    if before == after:
                        continue
                    key = ("cover", reform, month, population, code)
                    value, low, high = estimate(tally, {"count": key})
                    rows.append(
                        [
                            reform,
                            month,
                            population,
                            COVERS[before],
                            COVERS[after],
                            value,
                            tally.count(key),
                            low,
                            high,
                        ]
                    )
    columns = ["reform", "month", "population", "before", "after", "weighted", "n", "low", "high"]
    return pandas.DataFrame(rows, columns=columns)


def _uncovered(tally: Tally, system) -> pandas.DataFrame:
    """Why those who lose PUMa without the AME are refused the AME: by reason, month, reform."""
    reasons = list(system.variables["ame_motif_refus"].possible_values)
    rows = [
        [key[1], key[2], reasons[key[3]].name, tally.total(key), tally.count(key)]
        for key in tally.matching(("uncovered_reason",))
    ]
    return pandas.DataFrame(rows, columns=["reform", "month", "reason", "weighted", "n"])


def _reason_name(scenario, benefit, index) -> str:
    enum = (
        tax_benefit_system(None if scenario == BASELINE else scenario)
        .variables[f"{benefit}_motif_refus"]
        .possible_values
    )
    return list(enum)[index].name


def _breakdown(tally: Tally, system) -> pandas.DataFrame:
    rows = []
    for key in tally.matching(("by",)):
        _, kind, reform, benefit, month, dimension, index = key
        if dimension == "reason":
            category = _reason_name(reform, benefit, index)
        else:
            category = list(system.variables[DIMENSIONS[dimension]].possible_values)[index].name
        rows.append(
            [reform, benefit, month, dimension, category, kind, tally.total(key), tally.count(key)]
        )
    columns = ["reform", "benefit", "month", "dimension", "category"]
    frame = pandas.DataFrame(rows, columns=[*columns, "kind", "weighted", "n"])
    if frame.empty:
        return pandas.DataFrame(columns=[*columns, "losers", "gainers", "losers_n", "gainers_n"])
    wide = frame.pivot_table(
        index=columns, columns="kind", values=["weighted", "n"], aggfunc="sum", fill_value=0
    )
    wide.columns = [kind if value == "weighted" else f"{kind}_n" for value, kind in wide.columns]
    wide = wide.reindex(columns=["losers", "gainers", "losers_n", "gainers_n"], fill_value=0)
    wide[["losers_n", "gainers_n"]] = wide[["losers_n", "gainers_n"]].astype(int)
    return wide.reset_index()


def _undue(tally: Tally, system) -> pandas.DataFrame:
    rows = [
        [
            key[1],
            key[2],
            key[3],
            _reason_name(key[1], key[2], key[4]),
            tally.total(key),
            tally.count(key),
        ]
        for key in tally.matching(("undue",))
        if tally.total(key) > 0
    ]
    return pandas.DataFrame(
        rows, columns=["scenario", "benefit", "month", "reason", "paid_while_ineligible", "n"]
    )
