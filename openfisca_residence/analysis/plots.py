"""The plots of a report (matplotlib), drawn so as not to mislead.

One panel per reform (alternative reforms are never stacked); benefits side by side, never
summed (the same person loses PUMa and the CSS); French names from the variables' and enums'
labels; thousands separated; every line visible (series that coincide are drawn once, and named
together); each figure's interval drawn. Each function returns its matplotlib Figure.
"""

from __future__ import annotations

import textwrap

import matplotlib

matplotlib.use("Agg")  # files only, no screen
import matplotlib.pyplot as pyplot
import numpy
import pandas
from matplotlib.ticker import FuncFormatter

from openfisca_residence.analysis import labels
from openfisca_residence.analysis.comparison import Comparison
from openfisca_residence.analysis.tables import last_month
from openfisca_residence.synthetic.published import series
from openfisca_residence.system.benefits import BENEFITS

COLORS = dict(zip(BENEFITS, pyplot.get_cmap("tab10").colors, strict=False))
MARKERS = dict(zip(BENEFITS, "osD^v<>Xp", strict=True))
STYLES = dict(zip(BENEFITS, ["-", "--", "-.", ":", "-", "--", "-.", ":", "-"], strict=True))
THOUSANDS = FuncFormatter(lambda value, _: labels.number(value))
MILLIONS = FuncFormatter(lambda value, _: labels.number(value / 1e6, 1))


def _panels(count: int, width: float = 6.5, height: float = 4.2, share_y=True):
    columns = min(count, 2)
    rows = (count + columns - 1) // columns
    figure, axes = pyplot.subplots(
        rows, columns, figsize=(width * columns, height * rows), squeeze=False, sharey=share_y
    )
    for extra in axes.flat[count:]:
        extra.remove()
    return figure, list(axes.flat[:count])


def _title(axes, text: str) -> None:
    axes.set_title("\n".join(textwrap.wrap(text, 60)), fontsize=10)


def losers_by_benefit(comparison: Comparison):
    """The last month's losers of each benefit (and among them the recipients), side by side,
    one panel per reform, with their intervals."""
    summary = last_month(comparison.summary)
    reforms = list(dict.fromkeys(summary.reform))
    figure, panels = _panels(max(len(reforms), 1))
    for axes, reform in zip(panels, reforms, strict=False):
        rows = (
            summary[summary.reform == reform]
            .set_index("benefit")
            .reindex([b for b in BENEFITS if b in set(summary.benefit)])
        )
        positions = numpy.arange(len(rows))
        for offset, (column, label, color, hatch) in zip(
            (-0.2, 0.2),
            (
                ("losers", "perdants (remplissent les conditions aujourd'hui)", "tab:blue", None),
                ("losers_recipients", "dont allocataires aujourd'hui", "tab:orange", "//"),
            ),
            strict=True,
        ):
            values = rows[column].fillna(0).to_numpy()
            high = rows[f"{column}_high"].fillna(0).to_numpy()
            errors = numpy.vstack([values - rows[f"{column}_low"].fillna(0), high - values]).clip(
                min=0
            )
            axes.bar(
                positions + offset,
                values,
                width=0.4,
                label=label,
                color=color,
                hatch=hatch,
                edgecolor="black",
                linewidth=0.5,
                yerr=errors,
                capsize=3,
            )
            for x, value, top in zip(positions + offset, values, high, strict=True):
                if value:
                    axes.annotate(
                        labels.number(value),
                        (x, max(top, value)),
                        xytext=(0, 3),
                        textcoords="offset points",
                        ha="center",
                        va="bottom",
                        fontsize=7,
                        rotation=90,
                    )
        axes.margins(y=0.3)
        axes.set_xticks(
            positions, [labels.benefit_name(b) for b in rows.index], rotation=30, ha="right"
        )
        axes.yaxis.set_major_formatter(THOUSANDS)
        axes.set_ylabel("unités (personnes ou foyers), pondérées")
        _title(axes, f"{reform} — {summary.month.max()}")
    handles, names = panels[0].get_legend_handles_labels()
    figure.legend(handles, names, loc="lower center", ncol=2, fontsize=8)
    figure.suptitle("Perdants par prestation (intervalles à 95 %)", fontsize=11)
    figure.tight_layout(rect=(0, 0.06, 1, 1))
    return figure


def losers_by_document(comparison: Comparison, top: int = 10):
    """The last month's losers by document held, each benefit its own bar (never stacked), one
    panel per reform."""
    breakdown = last_month(comparison.breakdown)
    if len(breakdown):
        breakdown = breakdown[(breakdown.dimension == "document") & (breakdown.losers > 0)]
    reforms = list(dict.fromkeys(comparison.summary.reform))
    figure, panels = _panels(max(len(reforms), 1), width=7.5, height=4.8, share_y=False)
    for axes, reform in zip(panels, reforms, strict=False):
        rows = breakdown[breakdown.reform == reform] if len(breakdown) else breakdown
        _title(axes, reform)
        if rows.empty:
            axes.text(0.5, 0.5, "aucun perdant", ha="center", va="center", transform=axes.transAxes)
            axes.set_axis_off()
            continue
        table = rows.pivot_table(
            index="category", columns="benefit", values="losers", aggfunc="sum", fill_value=0
        )
        table = table.loc[table.max(axis=1).sort_values(ascending=True).index[-top:]]
        benefits = [b for b in BENEFITS if b in table.columns]
        height = 0.8 / len(benefits)
        positions = numpy.arange(len(table))
        for index, benefit in enumerate(benefits):
            axes.barh(
                positions - 0.4 + height * (index + 0.5),
                table[benefit],
                height=height,
                color=COLORS[benefit],
                label=labels.benefit_name(benefit),
                edgecolor="black",
                linewidth=0.4,
            )
        axes.set_yticks(
            positions,
            [labels.shorten(labels.item_label("titre_sejour", name), 45) for name in table.index],
            fontsize=8,
        )
        axes.xaxis.set_major_formatter(THOUSANDS)
        axes.set_xlabel("perdants, pondérés (chaque prestation sa barre)")
        axes.legend(fontsize=8, loc="lower right")
    figure.suptitle(
        f"Perdants par titre de séjour détenu — {comparison.summary.month.max()}", fontsize=11
    )
    figure.tight_layout()
    return figure


def losers_over_months(comparison: Comparison):
    """Losers month by month, a line per benefit with its interval, one panel per reform;
    benefits whose series coincide share one line, named together."""
    return _over_months(comparison, "losers", THOUSANDS, "perdants, pondérés", "Perdants")


def costs_over_months(comparison: Comparison):
    """The cost change month by month, a line per benefit with its interval, one panel per
    reform (millions of euros)."""
    ylabel = "variation du coût, millions d'euros par mois"
    return _over_months(comparison, "cost_change", MILLIONS, ylabel, "Variation du coût")


def _over_months(comparison: Comparison, column: str, formatter, ylabel: str, what: str):
    summary = comparison.summary
    reforms = list(dict.fromkeys(summary.reform))
    figure, panels = _panels(max(len(reforms), 1))
    for axes, reform in zip(panels, reforms, strict=False):
        rows = summary[summary.reform == reform]
        _series_lines(axes, rows, column, zero_line=column == "cost_change")
        axes.yaxis.set_major_formatter(formatter)
        axes.set_ylabel(ylabel)
        _title(axes, reform)
    figure.suptitle(f"{what} mois par mois (bandes : intervalles à 95 %)", fontsize=11)
    figure.tight_layout()
    return figure


def _series_lines(axes, rows: pandas.DataFrame, column: str, zero_line: bool = False) -> None:
    months = sorted(set(rows.month))
    drawn: dict[tuple, list[str]] = {}
    for benefit in BENEFITS:
        values = rows[rows.benefit == benefit].set_index("month").reindex(months)
        if values.empty or values[column].isna().all() or not values[column].fillna(0).any():
            continue
        key = tuple(numpy.round(values[column].fillna(0).to_numpy(), 6))
        drawn.setdefault(key, []).append(benefit)
    positions = numpy.arange(len(months))
    for benefits in drawn.values():
        first = benefits[0]
        values = rows[rows.benefit == first].set_index("month").reindex(months)
        name = " et ".join(labels.benefit_name(b) for b in benefits)
        if len(benefits) > 1:
            name += " (séries identiques)"
        axes.plot(
            positions,
            values[column],
            color=COLORS[first],
            marker=MARKERS[first],
            linestyle=STYLES[first],
            label=name,
        )
        axes.fill_between(
            positions,
            values[f"{column}_low"],
            values[f"{column}_high"],
            color=COLORS[first],
            alpha=0.15,
        )
    if zero_line:
        axes.axhline(0, color="grey", linewidth=0.8)
    step = max(1, len(months) // 8)
    axes.set_xticks(positions[::step], months[::step], rotation=30, ha="right")
    if drawn:
        axes.legend(fontsize=8)
    else:
        axes.text(0.5, 0.5, "aucune variation", ha="center", va="center", transform=axes.transAxes)


CALIBRATION_PLOTTED = (
    "titres_valides",
    "personnes_protegees",
    "sejour_irregulier",
    "ame_conditions",
    "percoit_ame",
    "citoyens_ue",
)


def calibration_over_months(comparison: Comparison):
    """The model's stocks month by month (line and interval) beside the published figures
    (points, and the published range)."""
    frame = comparison.calibration
    figure, panels = _panels(len(CALIBRATION_PLOTTED), width=6.0, height=3.6, share_y=False)
    for axes, key in zip(panels, CALIBRATION_PLOTTED, strict=True):
        rows = frame[frame.indicator == key].sort_values("month")
        months = list(rows.month)
        positions = numpy.arange(len(months))
        axes.plot(positions, rows.model, color="tab:blue", marker="o", markersize=3, label="modèle")
        axes.fill_between(positions, rows.model_low, rows.model_high, color="tab:blue", alpha=0.2)
        if rows.published_low.notna().any():
            axes.fill_between(
                positions,
                rows.published_low,
                rows.published_high,
                color="tab:orange",
                alpha=0.15,
                label="fourchette publiée",
            )
        if rows.published.notna().any():
            axes.plot(
                positions,
                rows.published,
                color="tab:orange",
                linestyle="--",
                label="chiffre publié (interpolé)",
            )
        _published_points(axes, _published_key(key), months)
        axes.yaxis.set_major_formatter(THOUSANDS)
        step = max(1, len(months) // 6)
        axes.set_xticks(positions[::step], months[::step], rotation=30, ha="right", fontsize=8)
        _title(axes, labels.shorten(rows.label.iloc[0], 90))
        axes.legend(fontsize=7)
    figure.suptitle("Calage : le modèle et les chiffres publiés, mois par mois", fontsize=11)
    figure.tight_layout()
    return figure


def _published_key(indicator: str) -> str:
    from openfisca_residence.analysis.calibration import indicators

    found = {i.key: i.published for i in indicators()}
    return found.get(indicator)


def _published_points(axes, key: str | None, months: list[str]) -> None:
    """The published figures themselves, at the month of their date, within the months."""
    if key is None:
        return
    shown = False
    for figure in series(key):
        month = figure.date[:7]
        if figure.value is None or month not in months:
            continue
        axes.plot(
            months.index(month),
            figure.value,
            "k*",
            markersize=8,
            label=None if shown else "chiffre publié à cette date",
        )
        shown = True
