"""The report of a comparison: a folder with report.md, report.html and PNG plots (matplotlib).

    write_report(comparison, "reports/fin_droits", title="...")

The tables give, for each reform and benefit, the units that meet the conditions before and after,
the losers and gainers of the last month, and the estimated cost change (an order of magnitude);
then the losers by nationality group, document and reason of refusal, and the payments made while
a condition fails, today and under each reform. The plots show the losers by benefit, by document
type, and month by month.
"""

from __future__ import annotations

import html
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only, no screen
import matplotlib.pyplot as pyplot
import pandas

from openfisca_residence.analysis.comparison import BASELINE, Comparison
from openfisca_residence.data.atomic import replaced_folder

PLOTS = {
    "losers_by_benefit.png": "Perdants par prestation, dernier mois",
    "losers_by_document.png": "Perdants par titre de séjour, dernier mois",
    "losers_over_months.png": "Perdants mois par mois",
}


def headline(comparison: Comparison) -> pandas.DataFrame:
    """Per reform and benefit: the last month's figures (units, losers, gainers, cost change)."""
    summary = comparison.summary
    last = summary[summary.month == summary.month.max()]
    table = last[
        [
            "reform",
            "benefit",
            "unit",
            "eligible_before",
            "eligible_after",
            "losers",
            "gainers",
            "cost_change",
        ]
    ].copy()
    table["cost_change"] = table["cost_change"].astype(float)
    return table.reset_index(drop=True)


def losers_by(comparison: Comparison, dimension: str) -> pandas.DataFrame:
    """The last month's losers and gainers by `dimension` (nationality_group, document, reason)."""
    breakdown = comparison.breakdown
    if breakdown.empty:
        return breakdown
    last = breakdown[
        (breakdown.month == breakdown.month.max()) & (breakdown.dimension == dimension)
    ]
    last = last[(last.losers > 0) | (last.gainers > 0)]
    return last[["reform", "benefit", "category", "losers", "gainers"]].sort_values(
        ["reform", "benefit", "losers"], ascending=[True, True, False]
    )


def undue_payments(comparison: Comparison) -> pandas.DataFrame:
    """The last month's payments made while a condition fails, by scenario, benefit and reason."""
    undue = comparison.undue
    if undue.empty:
        return undue
    last = undue[undue.month == undue.month.max()]
    table = last.pivot_table(
        index=["benefit", "reason"],
        columns="scenario",
        values="paid_while_ineligible",
        aggfunc="sum",
        fill_value=0.0,
    )
    ordered = [BASELINE, *(c for c in table.columns if c != BASELINE)]
    return table.reindex(columns=ordered, fill_value=0.0).reset_index()


def write_report(comparison: Comparison, folder, title: str, description: str = "") -> Path:
    """The report, written whole in a new folder that replaces `folder` once complete (a
    previous report, or nothing, is left by a run killed midway: `data.atomic`)."""
    with replaced_folder(folder, "report.md") as partial:
        _write_report(comparison, partial, title, description)
    return Path(folder)


def _write_report(comparison: Comparison, folder: Path, title: str, description: str) -> None:
    _plots(comparison, folder)
    sections = [
        ("Vue d'ensemble (dernier mois)", headline(comparison)),
        (
            "Perdants et gagnants par groupe de nationalité",
            losers_by(comparison, "nationality_group"),
        ),
        ("Perdants et gagnants par titre de séjour", losers_by(comparison, "document")),
        ("Perdants par motif de refus sous la réforme", losers_by(comparison, "reason")),
        (
            "Versements alors qu'une condition manque (indus), aujourd'hui et sous la réforme",
            undue_payments(comparison),
        ),
    ]
    note = (
        "Effectifs pondérés. « Remplit les conditions » : conditions de résidence et de séjour "
        "seules, sans condition de ressources. Coût : variation du nombre d'unités éligibles "
        "multipliée par le montant de base du mois (RSA, AAH, ASPA) — un ordre de grandeur."
    )
    markdown = [f"# {title}", "", description, "", note, ""]
    for heading, table in sections:
        markdown += [f"## {heading}", "", markdown_table(table), ""]
    markdown += ["## Graphiques", ""] + [f"![{label}]({name})" for name, label in PLOTS.items()]
    (folder / "report.md").write_text("\n".join(markdown) + "\n", encoding="utf-8")

    body = [
        f"<h1>{html.escape(title)}</h1>",
        f"<p>{html.escape(description)}</p>",
        f"<p><em>{html.escape(note)}</em></p>",
    ]
    for heading, table in sections:
        body += [f"<h2>{html.escape(heading)}</h2>", _html_table(table)]
    body += ["<h2>Graphiques</h2>"] + [
        f'<figure><img src="{name}" alt="{html.escape(label)}"></figure>'
        for name, label in PLOTS.items()
    ]
    (folder / "report.html").write_text(
        '<!doctype html>\n<html lang="fr"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>"
        "<style>body{font-family:sans-serif;max-width:70em;margin:auto}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}img{max-width:100%}</style>"
        "</head><body>\n" + "\n".join(body) + "\n</body></html>\n",
        encoding="utf-8",
    )


def markdown_table(table: pandas.DataFrame) -> str:
    if table.empty:
        return "_(aucun)_"
    rows = [[_cell(value) for value in row] for row in table.itertuples(index=False)]
    header = [str(column) for column in table.columns]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _html_table(table: pandas.DataFrame) -> str:
    if table.empty:
        return "<p><em>(aucun)</em></p>"
    return table.to_html(index=False, float_format=lambda value: f"{value:,.0f}", na_rep="")


def _cell(value) -> str:
    if isinstance(value, float):
        return "" if pandas.isna(value) else f"{value:,.0f}"
    return str(value)


def _plots(comparison: Comparison, folder: Path) -> None:
    summary = comparison.summary
    last_month = summary.month.max()
    last = summary[summary.month == last_month]

    figure, axes = pyplot.subplots(figsize=(9, 4.5))
    pivot = last.pivot_table(
        index="benefit", columns="reform", values="losers", aggfunc="sum", fill_value=0
    )
    pivot.plot.bar(ax=axes, rot=30)
    axes.set_title(f"{PLOTS['losers_by_benefit.png']} ({last_month})")
    axes.set_ylabel("perdants (pondérés)")
    _save(figure, folder / "losers_by_benefit.png")

    figure, axes = pyplot.subplots(figsize=(9, 5))
    documents = losers_by(comparison, "document")
    documents = documents[documents.losers > 0] if not documents.empty else documents
    if not documents.empty:
        documents.pivot_table(
            index="category", columns="benefit", values="losers", aggfunc="sum", fill_value=0
        ).plot.barh(ax=axes, stacked=True)
    axes.set_title(f"{PLOTS['losers_by_document.png']} ({last_month})")
    axes.set_xlabel("perdants (pondérés), cumulés sur les prestations")
    _save(figure, folder / "losers_by_document.png")

    figure, axes = pyplot.subplots(figsize=(9, 4.5))
    over_months = summary.pivot_table(
        index="month", columns=["reform", "benefit"], values="losers", aggfunc="sum"
    )
    over_months = over_months.loc[:, (over_months > 0).any()]
    if not over_months.empty:
        over_months.plot(ax=axes, marker="o")
    axes.set_title(PLOTS["losers_over_months.png"])
    axes.set_ylabel("perdants (pondérés)")
    _save(figure, folder / "losers_over_months.png")


def _save(figure, path: Path) -> None:
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    pyplot.close(figure)
