"""The tables of a report, in French, from a comparison: each with its raw figures (written to
CSV as they are) and how to show them (thousands separated, intervals, small samples flagged)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas

from openfisca_residence.analysis import labels
from openfisca_residence.analysis.comparison import BASELINE, Comparison
from openfisca_residence.analysis.costs import unit_cost
from openfisca_residence.analysis.tally import SMALL
from openfisca_residence.system.benefits import BENEFITS

FLAG = "†"  # beside a figure counted on fewer than SMALL sampled units


@dataclass
class Table:
    name: str  # the CSV file's name, without .csv
    title: str
    frame: pandas.DataFrame  # raw figures, French headers: the CSV
    formats: dict[str, Callable] = field(default_factory=dict)
    flags: dict[str, str] = field(default_factory=dict)  # column: the column of its sample size
    missing: dict[str, str] = field(default_factory=dict)  # column: what an empty cell says
    # column: its interval's two columns, shown in its cell after it (and not on their own)
    intervals: dict[str, tuple[str, str]] = field(default_factory=dict)

    def shown(self) -> pandas.DataFrame:
        """The frame as text: each column formatted, a figure counted on few units flagged, its
        interval beside it."""
        shown = self.frame.copy()
        for column in shown.columns:
            format_ = self.formats.get(column)
            if format_ is None:
                format_ = labels.number if pandas.api.types.is_numeric_dtype(shown[column]) else str
            empty = self.missing.get(column, "")
            shown[column] = [_text(value, format_) or empty for value in self.frame[column]]
        for column, counts in self.flags.items():
            small = (self.frame[counts] > 0) & (self.frame[counts] < SMALL)
            if small.any():
                shown.loc[small, column] = shown.loc[small, column] + labels.NBSP + FLAG
        for column, (low, high) in self.intervals.items():
            format_ = self.formats.get(column, labels.number)
            bounds = [
                labels.interval(a, b, format_)
                for a, b in zip(self.frame[low], self.frame[high], strict=True)
            ]
            shown[column] = [
                f"{text} {bound}".strip() if text and bound else text
                for text, bound in zip(shown[column], bounds, strict=True)
            ]
            shown = shown.drop(columns=[low, high])
        return shown


def _text(value, format_) -> str:
    if value is None or (isinstance(value, float) and pandas.isna(value)):
        return ""
    return format_(value)


def last_month(frame: pandas.DataFrame) -> pandas.DataFrame:
    return frame[frame.month == frame.month.max()] if len(frame) else frame


def overview(comparison: Comparison) -> Table:
    """Per reform and benefit, the last month: units meeting the conditions, losers (among
    them the recipients), gainers and the cost change, with intervals and sample sizes."""
    rows = last_month(comparison.summary)
    frame = pandas.DataFrame(
        {
            "Réforme": rows.reform,
            "Prestation": rows.benefit.map(labels.benefit_name),
            "Unité": rows.unit,
            "Remplissent les conditions (droit actuel)": rows.eligible_before,
            "Remplissent les conditions (réforme)": rows.eligible_after,
            "Perdants": rows.losers,
            "Perdants : bas": rows.losers_low,
            "Perdants : haut": rows.losers_high,
            "dont allocataires": rows.losers_recipients,
            "Allocataires perdants : bas": rows.losers_recipients_low,
            "Allocataires perdants : haut": rows.losers_recipients_high,
            "Gagnants": rows.gainers,
            "Gagnants : bas": rows.gainers_low,
            "Gagnants : haut": rows.gainers_high,
            "Variation du coût (€ par mois)": rows.cost_change,
            "Coût : bas": rows.cost_change_low,
            "Coût : haut": rows.cost_change_high,
            "Unités tirées (perdants)": rows.losers_n,
            "Unités tirées (gagnants)": rows.gainers_n,
        }
    )
    return Table(
        "vue_ensemble",
        "Vue d'ensemble du dernier mois (entre crochets : intervalles à 95 %)",
        frame,
        {"Variation du coût (€ par mois)": labels.euros},
        {"Perdants": "Unités tirées (perdants)", "Gagnants": "Unités tirées (gagnants)"},
        {"Variation du coût (€ par mois)": NO_COST},
        {
            "Perdants": ("Perdants : bas", "Perdants : haut"),
            "dont allocataires": ("Allocataires perdants : bas", "Allocataires perdants : haut"),
            "Gagnants": ("Gagnants : bas", "Gagnants : haut"),
            "Variation du coût (€ par mois)": ("Coût : bas", "Coût : haut"),
        },
    )


NO_COST = "pas de coût publié"


def monthly_costs(comparison: Comparison) -> Table:
    """The cost change of each month, for the benefits whose cost changes (every month in the
    CSV)."""
    costs = comparison.costs
    changing = costs.groupby(["reform", "benefit"]).cost_change.transform(
        lambda values: values.fillna(0).abs().sum() > 0
    )
    costs = costs[changing]
    frame = pandas.DataFrame(
        {
            "Réforme": costs.reform,
            "Prestation": costs.benefit.map(labels.benefit_name),
            "Mois": costs.month,
            "Variation du coût (€)": costs.cost_change,
            "Intervalle à 95 % : bas": costs.cost_change_low,
            "Intervalle à 95 % : haut": costs.cost_change_high,
        }
    )
    return Table(
        "couts_mensuels",
        "Variation du coût, mois par mois, des prestations dont le coût change",
        frame,
        {"Variation du coût (€)": labels.euros},
        intervals={
            "Variation du coût (€)": ("Intervalle à 95 % : bas", "Intervalle à 95 % : haut")
        },
    )


def yearly_costs(comparison: Comparison) -> Table:
    costs = comparison.yearly_costs
    frame = pandas.DataFrame(
        {
            "Réforme": costs.reform,
            "Prestation": costs.benefit.map(labels.benefit_name),
            "Année": costs.year,
            "Mois comptés": costs.months,
            "Variation du coût (€)": costs.cost_change,
            "Intervalle à 95 % : bas": costs.cost_change_low,
            "Intervalle à 95 % : haut": costs.cost_change_high,
        }
    )
    return Table(
        "couts_annuels",
        "Variation du coût, année par année (somme des mois comptés)",
        frame,
        {"Variation du coût (€)": labels.euros},
        missing={"Variation du coût (€)": NO_COST},
        intervals={
            "Variation du coût (€)": ("Intervalle à 95 % : bas", "Intervalle à 95 % : haut")
        },
    )


def unit_costs(benefits=BENEFITS) -> Table:
    rows = []
    for benefit in benefits:
        cost = unit_cost(benefit)
        rows.append(
            {
                "Prestation": labels.benefit_name(benefit),
                "Coût par an (€)": cost.value,
                "Unité": cost.unit,
                "Source": cost.source,
                "Année": cost.year,
                "Note": cost.note,
            }
        )
    frame = pandas.DataFrame(rows)
    return Table(
        "couts_unitaires",
        "Coût annuel par bénéficiaire ou par foyer : les chiffres publiés",
        frame,
        {"Coût par an (€)": labels.euros, "Année": str},
        missing={"Coût par an (€)": NO_COST},
    )


def transitions(comparison: Comparison) -> Table:
    frame = last_month(comparison.transitions)
    frame = frame[frame.weighted > 0]
    shown = pandas.DataFrame(
        {
            "Réforme": frame.reform,
            "Personnes": frame.population.map(
                {"all": "toutes", "paid": "prises en charge par la PUMa aujourd'hui"}
            ),
            "Aujourd'hui": frame.before.map(labels.COVERS),
            "Sous la réforme": frame.after.map(labels.COVERS),
            "Effectif pondéré": frame.weighted,
            "Intervalle à 95 % : bas": frame.low,
            "Intervalle à 95 % : haut": frame.high,
            "Unités tirées": frame.n,
        }
    )
    return Table(
        "transitions_couverture_maladie",
        "Prise en charge des frais de santé, aujourd'hui et sous la réforme (dernier mois)",
        shown,
        flags={"Effectif pondéré": "Unités tirées"},
        intervals={"Effectif pondéré": ("Intervalle à 95 % : bas", "Intervalle à 95 % : haut")},
    )


def by_dimension(comparison: Comparison, dimension: str, title: str, name: str) -> Table:
    breakdown = last_month(comparison.breakdown)
    breakdown = breakdown[breakdown.dimension == dimension] if len(breakdown) else breakdown
    breakdown = (
        breakdown[(breakdown.losers > 0) | (breakdown.gainers > 0)] if len(breakdown) else breakdown
    )
    breakdown = breakdown.sort_values(
        ["reform", "benefit", "losers"], ascending=[True, True, False]
    )
    frame = pandas.DataFrame(
        {
            "Réforme": breakdown.reform,
            "Prestation": breakdown.benefit.map(labels.benefit_name),
            "Catégorie": [
                labels.category_label(dimension, category, benefit, _reform_key(comparison, reform))
                for category, benefit, reform in zip(
                    breakdown.category, breakdown.benefit, breakdown.reform, strict=True
                )
            ],
            "Perdants": breakdown.losers,
            "Gagnants": breakdown.gainers,
            "Unités tirées (perdants)": breakdown.losers_n,
            "Unités tirées (gagnants)": breakdown.gainers_n,
        }
    )
    flags = {"Perdants": "Unités tirées (perdants)", "Gagnants": "Unités tirées (gagnants)"}
    return Table(name, title, frame, flags=flags)


def _reform_key(comparison: Comparison, label: str):
    """The reform's key from its label in the frames (labels are unique)."""
    from openfisca_residence.analysis.comparison import reform_labels

    keys = {value: key for key, value in reform_labels(comparison.reforms).items()}
    return keys.get(label, label)


def undue(comparison: Comparison) -> Table:
    frame = last_month(comparison.undue)
    if frame.empty:
        return Table(
            "indus", "Versements alors qu'une condition manque (dernier mois)", pandas.DataFrame()
        )
    pivot = frame.pivot_table(
        index=["benefit", "reason"],
        columns="scenario",
        values="paid_while_ineligible",
        aggfunc="sum",
        fill_value=0.0,
    )
    ordered = [BASELINE, *(c for c in pivot.columns if c != BASELINE)]
    pivot = pivot.reindex(columns=ordered, fill_value=0.0).reset_index()
    shown = pandas.DataFrame(
        {
            "Prestation": pivot.benefit.map(labels.benefit_name),
            "Motif": [
                labels.item_label(f"{benefit}_motif_refus", reason)
                for benefit, reason in zip(pivot.benefit, pivot.reason, strict=True)
            ],
        }
    )
    for scenario in ordered:
        title = "Droit actuel" if scenario == BASELINE else f"Sous {scenario}"
        shown[title] = pivot[scenario]
    return Table("indus", "Versements alors qu'une condition manque (dernier mois)", shown)


def calibration(comparison: Comparison, months=None) -> Table:
    """The indicators counted, beside the published figures."""
    frame = _indicators(comparison, months, shares=False)
    shown = pandas.DataFrame(
        {
            "Indicateur": frame.label,
            "Mois": frame.month,
            "Modèle": frame.model,
            "Modèle : bas": frame.model_low,
            "Modèle : haut": frame.model_high,
            "Unités tirées": frame["sample"],
            "Chiffre publié": frame.published,
            "Publié : bas": frame.published_low,
            "Publié : haut": frame.published_high,
            "Écart": frame.deviation,
            "Tolérance": frame.tolerance,
            "Tenu": frame.holds.map({True: "oui", False: "NON"}),
            "Source (date du chiffre)": [
                f"{source} ({date})" if isinstance(date, str) and date else source
                for source, date in zip(frame.source, frame.published_date, strict=True)
            ],
        }
    )
    return Table(
        "calage",
        "Calage : le modèle (droit actuel) à côté des chiffres publiés",
        shown,
        {"Écart": labels.share},
        {"Modèle": "Unités tirées"},
        intervals={
            "Modèle": ("Modèle : bas", "Modèle : haut"),
            "Chiffre publié": ("Publié : bas", "Publié : haut"),
        },
    )


def _indicators(comparison: Comparison, months, shares: bool) -> pandas.DataFrame:
    """The calibration's rows of `months` (all when None): the shares of recipients meeting the
    conditions (`shares`), or the other indicators."""
    frame = comparison.calibration
    frame = frame[(frame.unit == "part") == shares]
    return frame if months is None else frame[frame.month.isin(months)]


def coherence(comparison: Comparison, months=None) -> Table:
    """The share of each benefit's recipients that meet its conditions under today's law."""
    frame = _indicators(comparison, months, shares=True)
    shown = pandas.DataFrame(
        {
            "Indicateur": frame.label,
            "Mois": frame.month,
            "Part": frame.model,
            "Part : bas": frame.model_low,
            "Part : haut": frame.model_high,
            "Allocataires tirés": frame["sample"],
        }
    )
    return Table(
        "coherence_allocataires",
        "Allocataires qui remplissent les conditions du droit actuel",
        shown,
        {"Part": labels.share},
        {"Part": "Allocataires tirés"},
        intervals={"Part": ("Part : bas", "Part : haut")},
    )


def flows(frame: pandas.DataFrame) -> Table:
    """The yearly flows of the synthetic histories beside the published ones (`synthetic.flows`)."""
    shown = pandas.DataFrame(
        {
            "Flux": frame.label,
            "Année": frame.year.astype(str),
            "Histoires synthétiques": frame.model,
            "Chiffre publié": frame.published,
            "Année du chiffre": frame.published_year,
            "Écart": frame.deviation,
            "Source": frame.source,
        }
    )
    return Table(
        "flux_annuels",
        "Flux annuels des histoires de la population synthétique (adultes), à côté des chiffres publiés",
        shown,
        {"Écart": labels.share},
        missing={"Chiffre publié": "aucun"},
    )
