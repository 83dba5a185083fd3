"""The report of a comparison, in French: a folder with report.html (one file: its plots inside),
report.md with the plots beside it as PNG files, and every table as a CSV file.

    write_report(comparison, "reports/fin_droits", title="...", description="...")

It says what each reform changes and from when, gives the last month's figures (units meeting
the conditions, losers among the recipients and apart, gainers, cost) with their intervals and
sample sizes, the costs month by month and year by year with their sources, who loses what
(health cover before and after), the losers by nationality group, document and reason, the
payments made while a condition fails, today's law beside the published figures (calibration),
and how the intervals are computed.
"""

from __future__ import annotations

import base64
import html
import io
from pathlib import Path

import pandas

from openfisca_residence.analysis import labels, plots, tables
from openfisca_residence.analysis.calibration import unpublished
from openfisca_residence.analysis.comparison import Comparison, reform_labels
from openfisca_residence.analysis.reforms import describe, french_date
from openfisca_residence.analysis.tally import GROUPS, LEVEL, REPLICATES, SMALL
from openfisca_residence.data.atomic import replaced_folder
from openfisca_residence.simulation.backends import Backend

PLOTS = {
    "perdants_par_prestation.png": ("Perdants par prestation", plots.losers_by_benefit),
    "perdants_par_titre.png": ("Perdants par titre de séjour", plots.losers_by_document),
    "perdants_par_mois.png": ("Perdants mois par mois", plots.losers_over_months),
    "couts_par_mois.png": ("Variation du coût mois par mois", plots.costs_over_months),
    "calage.png": ("Calage du droit actuel", plots.calibration_over_months),
}
# The calibration's six panels take as long to draw as the four other figures: begun first, they
# are drawn beside them.
DRAWING_ORDER = sorted(PLOTS, key=lambda name: name != "calage.png")
FIELD = (
    "Champ : les personnes en France dans le mois (arrivées au premier jour du mois, présentes un "
    "jour au moins ou y ayant leur foyer). Chaque prestation est comptée sur son unité : les "
    "personnes, ou les foyers (RSA, prestations familiales, aides au logement) pondérés par leur "
    "personne de référence. « Remplissent les conditions » : les conditions de résidence et de "
    "séjour seules, sans condition de ressources, d'âge ni de handicap (pour l'AAH, l'ASPA et "
    "l'ASI, des personnes de tout âge) ; « allocataires » : les personnes (ou foyers) "
    "qui perçoivent la prestation aujourd'hui (entrées percoit_X)."
)


def write_report(
    comparison: Comparison, folder, title: str, description: str = "", flows=None, workers: int = 1
) -> Path:
    """Write the report, whole, in a new folder that replaces `folder` once complete (a run
    killed midway leaves the previous report, or nothing: `data.atomic`); `flows`: the yearly
    flows of a synthetic population's histories (`synthetic.flows.yearly_flows`), shown beside
    the calibration; `workers`: the processes that draw the figures (forked from this one, where
    the system can fork), while this one writes the tables."""
    with replaced_folder(folder, "report.md") as partial:
        _write_report(comparison, partial, title, description, flows, workers)
    return Path(folder)


def png(figure) -> bytes:
    """The figure as a PNG image, drawn once; the figure closed.

    A figure laid out by `tight_layout` keeps a placeholder layout engine, for which `savefig`
    lays the figure out again (a draw without rendering, each text measured) before drawing it:
    a third of the plots' time, for the same image. The axes being placed, the engine is dropped
    first."""
    figure.set_layout_engine(None)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110)
    plots.pyplot.close(figure)
    return buffer.getvalue()


def _write_report(comparison, folder: Path, title: str, description: str, flows, workers: int):
    with _drawing(workers).executor() as executor:
        drawn = {name: executor.submit(image, comparison, name) for name in DRAWING_ORDER}
        sections = _sections(comparison, flows)
        for _, blocks in sections:
            for block in blocks:
                if isinstance(block, tables.Table) and not block.frame.empty:
                    block.frame.to_csv(folder / f"{block.name}.csv", index=False, encoding="utf-8")
        _full_tables(comparison, folder)
        (folder / "report.md").write_text(_markdown(title, description, sections), encoding="utf-8")
        images = {name: executor.result(drawn[name]) for name in PLOTS}
    for name, data in images.items():
        (folder / name).write_bytes(data)
    (folder / "report.html").write_text(
        _html(title, description, sections, images), encoding="utf-8"
    )


def _drawing(workers: int) -> Backend:
    """Where the figures are drawn: in `workers` processes forked from this one, at most one a
    figure (each takes 0.1 to 0.5 s: the processes save the report that much), else here (a
    spawned process would first import the model)."""
    backend = Backend(workers=max(1, min(workers, len(PLOTS))))
    return backend if backend.forks else Backend(workers=1)


def image(comparison: Comparison, name: str) -> bytes:
    """The figure `name` of PLOTS, as a PNG image."""
    return png(PLOTS[name][1](comparison))


def _full_tables(comparison: Comparison, folder: Path) -> None:
    """The month-by-month tables, whole, as CSV (the report shows their last month)."""
    everything = {
        "resume_mois_par_mois.csv": comparison.summary,
        "transitions_mois_par_mois.csv": comparison.transitions,
        "perdants_gagnants_mois_par_mois.csv": comparison.breakdown,
        "indus_mois_par_mois.csv": comparison.undue,
        "calage_mois_par_mois.csv": comparison.calibration,
    }
    for name, frame in everything.items():
        frame.to_csv(folder / name, index=False, encoding="utf-8")


def _sections(comparison: Comparison, flows=None) -> list[tuple[str, list]]:
    months = sorted(set(comparison.summary.month)) if len(comparison.summary) else []
    shown_months = sorted({months[0], months[len(months) // 2], months[-1]}) if months else None
    return [
        ("Les réformes comparées", _reforms(comparison)),
        ("Vue d'ensemble du dernier mois", [FIELD, tables.overview(comparison)]),
        (
            "Coûts",
            [
                COSTS_NOTE,
                tables.yearly_costs(comparison),
                tables.monthly_costs(comparison),
                tables.unit_costs(sorted(set(comparison.summary.benefit), key=_order)),
            ],
        ),
        ("Qui perd vraiment", [*_who_loses(comparison), tables.transitions(comparison)]),
        (
            "Perdants et gagnants par groupe de nationalité, par titre et par motif",
            [
                tables.by_dimension(
                    comparison,
                    "nationality_group",
                    "Par groupe de nationalité",
                    "perdants_par_groupe",
                ),
                tables.by_dimension(
                    comparison, "document", "Par titre de séjour détenu", "perdants_par_titre"
                ),
                tables.by_dimension(
                    comparison, "reason", "Par motif de refus sous la réforme", "perdants_par_motif"
                ),
            ],
        ),
        ("Versements alors qu'une condition manque (indus)", [tables.undue(comparison)]),
        (
            "Calage : le droit actuel face aux chiffres publiés",
            [
                CALIBRATION_NOTE,
                tables.calibration(comparison, shown_months),
                tables.coherence(comparison, shown_months),
                *([FLOWS_NOTE, tables.flows(flows)] if flows is not None and len(flows) else []),
                _unpublished(),
            ],
        ),
        ("Incertitude", [_uncertainty(comparison)]),
    ]


def _order(benefit: str) -> int:
    from openfisca_residence.system.benefits import BENEFITS

    return BENEFITS.index(benefit)


def _reforms(comparison: Comparison) -> list:
    names = reform_labels(comparison.reforms)
    blocks = []
    for key in comparison.reforms:
        described = describe(key)
        label = "" if described.label == names[key] else f" — {described.label}"
        blocks.append(
            f"**{names[key]}**{label}. Date d'effet : "
            f"{french_date(described.date_of_effect)}. Ce qu'elle change :"
        )
        blocks.append(("citation", described.changes))
    return blocks or ["Aucune réforme : le droit actuel seul (calage)."]


COSTS_NOTE = (
    "Variation du coût d'un mois = (gagnants × taux de recours − perdants allocataires) × coût "
    "annuel par unité ÷ 12. Le taux de recours est celui du droit actuel le même mois : la part des "
    "unités remplissant les conditions qui perçoivent la prestation. Les perdants qui ne perçoivent "
    "pas la prestation ne coûtent rien. Le coût annuel par unité est un chiffre publié (source et "
    "année ci-dessous) ; là où aucun n'est publié, le rapport le dit au lieu de laisser un blanc."
)
CALIBRATION_NOTE = (
    "Chaque indicateur compte, sous le droit actuel, les personnes (ou foyers) en France dans le "
    "mois que les règles placent dans une situation, et le met à côté du chiffre publié de ce mois "
    "(interpolé entre deux publications ; le dernier publié ensuite). Un indicateur tient quand "
    "l'intervalle du modèle rejoint la tolérance autour du chiffre publié, ou la fourchette "
    "publiée. Les enfants ressortissants de pays tiers ne détiennent pas de titre : le modèle les "
    "compte en séjour irrégulier et remplissant les conditions de l'AME quels que soient leurs "
    "parents (les mineurs ne sont pas dispensés de la condition de séjour régulier dans "
    "variables/) ; les indicateurs du séjour irrégulier et de l'AME comptent donc les adultes, et les "
    "enfants des familles dont la personne de référence est dans cette situation. Le tableau montre "
    "le premier mois, celui du milieu et le dernier ; le fichier calage_mois_par_mois.csv les donne "
    "tous."
)


FLOWS_NOTE = (
    "Les histoires de la population synthétique sont tirées à des taux pris des flux publiés : "
    "voici les flux qu'elles donnent, année par année, à côté des chiffres publiés (l'année la plus "
    "proche quand celle-ci n'est pas publiée). La première année tirée compte en plus les demandes "
    "en cours au premier jour ; les départs du séjour irrégulier comptent tous les départs, "
    "éloignements ou non, quand seuls les éloignements sont publiés."
)


def _unpublished() -> str:
    missing = [f"{figure.key} ({figure.note or figure.source})" for figure in unpublished()]
    return "Aucun chiffre publié trouvé pour : " + " ; ".join(missing) + "."


def _who_loses(comparison: Comparison) -> list:
    summary = tables.last_month(comparison.summary)
    transitions = tables.last_month(comparison.transitions)
    reasons = comparison.uncovered
    blocks = []
    for reform in dict.fromkeys(summary.reform):
        rows = summary[summary.reform == reform].set_index("benefit")
        lost = [
            f"{labels.benefit_name(b)} : {labels.number(r.losers_recipients)} allocataires "
            f"{labels.interval(r.losers_recipients_low, r.losers_recipients_high)} sur "
            f"{labels.number(r.losers)} perdants"
            for b, r in rows.iterrows()
            if r.losers > 0
        ]
        if not lost:
            blocks.append(f"**{reform}** : personne ne perd une prestation le dernier mois.")
            continue
        blocks.append(
            f"**{reform}** — perdants parmi les allocataires d'aujourd'hui, et en tout (le reste "
            f"remplit seulement les conditions sans percevoir la prestation) : "
            + " ; ".join(lost)
            + "."
        )
        if "puma" in rows.index and rows.loc["puma"].losers > 0:
            blocks.append(_puma_gap(reform, rows, transitions, reasons))
    return blocks


def _puma_gap(reform, rows, transitions, reasons) -> str:
    moves = transitions[(transitions.reform == reform) & (transitions.population == "all")]

    def moved(before, after):
        found = moves[(moves.before == before) & (moves.after == after)]
        return float(found.weighted.sum()) if len(found) else 0.0

    to_ame, to_none = moved("puma", "ame"), moved("puma", "aucune")
    gainers = rows.loc["ame"].gainers if "ame" in rows.index else 0.0
    month = rows.month.iloc[0]
    why = (
        reasons[(reasons.reform == reform) & (reasons.month == month)] if len(reasons) else reasons
    )
    why_text = ", ".join(
        f"{labels.number(r.weighted)} : {labels.item_label('ame_motif_refus', r.reason)}"
        for r in why.itertuples()
    )
    return (
        f"Pourquoi les perdants de la PUMa ({labels.number(rows.loc['puma'].losers)}) ne sont pas "
        f"tous gagnants de l'AME ({labels.number(gainers)}) : {labels.number(to_ame)} passent de la "
        f"PUMa à l'AME, {labels.number(to_none)} n'ont plus aucune prise en charge. L'AME n'est "
        f"ouverte qu'après trois mois de séjour irrégulier (CASF, L.251-1) : sans le maintien des "
        f"droits de R.111-4, le séjour irrégulier commence à l'expiration du titre (ou à la décision de "
        f"refus), et pendant ses trois premiers mois la personne n'a ni PUMa ni AME. Motif du refus de "
        f"l'AME pour ceux qui n'ont plus rien : {why_text or 'aucun'}."
    )


def _uncertainty(comparison: Comparison) -> str:
    return (
        f"La population est un échantillon de {labels.number(comparison.persons)} personnes "
        f"tirées, pondérées pour représenter la France : chaque chiffre pondéré est accompagné du "
        f"nombre d'unités tirées qui le composent (« unités tirées ») ; un chiffre compté sur moins "
        f"de {SMALL} unités tirées est marqué {tables.FLAG}, car il bouge beaucoup d'un tirage à "
        f"l'autre. Intervalles à {LEVEL:.0%} : les familles sont réparties, par un hachage de leur "
        f"identifiant (le même quels que soient les morceaux de calcul), en {GROUPS} groupes "
        f"aléatoires ; on retire {labels.number(REPLICATES)} fois {GROUPS} groupes avec remise (un "
        f"bootstrap sur les familles, prises ensemble comme elles sont tirées), et l'intervalle va "
        f"du 2,5e au 97,5e centile des chiffres obtenus. Le tirage par groupes de familles ignore "
        f"les strates de la population synthétique (chaque groupe de nationalité y pèse un total "
        f"fixé) : les intervalles des totaux dominés par un groupe sont donc prudents (trop "
        f"larges). Il mesure le bruit d'échantillonnage de la "
        f"population synthétique, et lui seul : ni l'incertitude des chiffres publiés sur lesquels "
        f"elle est calée, ni celle des hypothèses du générateur (taux de départ, de refus), ni celle "
        f"du modèle juridique. Il rétrécit quand la population grandit (à peu près comme l'inverse de "
        f"la racine de sa taille)."
    ).replace("%", f"{labels.NBSP}%")


# -- writing


def _markdown(title: str, description: str, sections) -> str:
    lines = [f"# {title}", "", description, ""]
    for heading, blocks in sections:
        lines += [f"## {heading}", ""]
        for block in blocks:
            lines += [_markdown_block(block), ""]
    lines += ["## Graphiques", ""]
    lines += [f"![{label}]({name})" for name, (label, _) in PLOTS.items()]
    lines += ["", "Chaque tableau est aussi écrit en CSV dans ce dossier (nom du fichier indiqué)."]
    return "\n".join(lines) + "\n"


def _markdown_block(block) -> str:
    if isinstance(block, tables.Table):
        return (
            f"### {block.title}\n\n{markdown_table(block.shown())}\n\n_Fichier : {block.name}.csv_"
        )
    if isinstance(block, tuple):
        return "\n".join(f"> {line}" if line else ">" for line in block[1].split("\n"))
    return block


def markdown_table(table: pandas.DataFrame) -> str:
    if table.empty:
        return "_(aucun)_"
    header = [str(column) for column in table.columns]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += [
        "| " + " | ".join(str(cell) for cell in row) + " |" for row in table.itertuples(index=False)
    ]
    return "\n".join(lines)


def _html(title: str, description: str, sections, images: dict[str, bytes]) -> str:
    body = [f"<h1>{html.escape(title)}</h1>", f"<p>{html.escape(description)}</p>"]
    for heading, blocks in sections:
        body.append(f"<h2>{html.escape(heading)}</h2>")
        body += [_html_block(block) for block in blocks]
    body.append("<h2>Graphiques</h2>")
    for name, (label, _) in PLOTS.items():
        data = base64.b64encode(images[name]).decode("ascii")
        body.append(
            f'<figure><img src="data:image/png;base64,{data}" alt="{html.escape(label)}">'
            f"<figcaption>{html.escape(label)}</figcaption></figure>"
        )
    return (
        '<!doctype html>\n<html lang="fr"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>"
        "<style>body{font-family:sans-serif;max-width:110em;margin:auto;padding:0 1em}"
        "div.table{overflow-x:auto}"
        "table{border-collapse:collapse;font-size:90%;margin-bottom:1em}"
        "td,th{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top}"
        "td.n{text-align:right;white-space:nowrap}blockquote{color:#333;border-left:3px solid #ccc;"
        "padding-left:1em;white-space:pre-line}img{max-width:100%}figcaption{font-style:italic}"
        "</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )


def _html_block(block) -> str:
    if isinstance(block, tables.Table):
        return (
            f"<h3>{html.escape(block.title)}</h3>{_html_table(block)}"
            f"<p><small>Fichier : {html.escape(block.name)}.csv</small></p>"
        )
    if isinstance(block, tuple):
        return f"<blockquote>{html.escape(block[1])}</blockquote>"
    text = html.escape(block)
    while "**" in text:
        text = text.replace("**", "<strong>", 1).replace("**", "</strong>", 1)
    return f"<p>{text}</p>"


def _html_table(table: tables.Table) -> str:
    """A table's shown cells; figures aligned on the right, words on the left."""
    shown = table.shown()
    if shown.empty:
        return "<p><em>(aucun)</em></p>"
    numeric = {
        column for column in shown.columns if pandas.api.types.is_numeric_dtype(table.frame[column])
    }
    header = "".join(f"<th>{html.escape(str(column))}</th>" for column in shown.columns)
    rows = []
    for values in shown.itertuples(index=False):
        cells = "".join(
            f'<td class="n">{html.escape(str(value))}</td>'
            if column in numeric
            else f"<td>{html.escape(str(value))}</td>"
            for column, value in zip(shown.columns, values, strict=True)
        )
        rows.append(f"<tr>{cells}</tr>")
    return (
        f'<div class="table"><table><thead><tr>{header}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def headline(comparison: Comparison) -> pandas.DataFrame:
    """Per reform and benefit: the last month's figures (the command's table)."""
    return tables.last_month(comparison.summary).reset_index(drop=True)
