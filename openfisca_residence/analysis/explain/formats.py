"""The decisions written for a reader: a summary table first (benefit, person or family, decision,
reason, article, deciding dates), then each benefit's tree of conditions, the deciding branch only
unless `everything`; as text, Markdown, HTML or JSON."""

from __future__ import annotations

import dataclasses
import html
import json

from openfisca_residence.analysis.explain.decisions import Answer, Decision, Node
from openfisca_residence.i18n import _

FORMATS = ("text", "markdown", "html", "json")


def decision_text(answer: Answer) -> str:
    return _("eligible") if answer.eligible else _("refused")


def who(answer: Answer) -> str:
    """A person by their id; a family by its id, "the family" when its id is `famille`."""
    if answer.entity != "famille":
        return answer.id
    return _("the family") if answer.id == "famille" else _("family {id}").format(id=answer.id)


def reasons(decision: Decision, answer: Answer) -> list[tuple[str, str, str | None, str | None]]:
    """(whose, reason, article, link) of an answer: a person's own reason, or for a family each
    member's reason, or what it lacks."""
    if answer.missing:
        return [(who(answer), answer.missing, None, None)]
    if answer.entity != "famille":
        found = [answer] if answer.reason else []
    else:
        members = _members(decision, answer)
        found = [person for person in members if person.reason and not answer.eligible]
    return [
        (
            person.id,
            _without_article(person.reason.label),
            person.reason.article,
            person.reason.link,
        )
        for person in found
    ]


def _members(decision: Decision, family: Answer) -> list[Answer]:
    ids = getattr(family, "members", None)
    return [person for person in decision.persons if ids is None or person.id in ids]


def _without_article(label: str) -> str:
    head, _sep, tail = label.rstrip().rpartition(" (")
    return head if head and tail.endswith(")") else label


def dates_text(answer: Answer) -> str:
    return " ; ".join(f"{date.label} : {date.text}" for date in answer.dates)


def rows(decisions: list[Decision]) -> list[dict]:
    """The summary table: one row per benefit and person or family."""
    table = []
    for decision in decisions:
        for answer in decision.answers:
            found = reasons(decision, answer)
            table.append(
                {
                    "benefit": decision.title,
                    "who": who(answer),
                    "decision": decision_text(answer),
                    "reason": " ; ".join(
                        (f"{whose} : " if whose != who(answer) else "") + reason
                        for whose, reason, _article, _link in found
                    ),
                    "article": " ; ".join(a for _w, _r, a, _l in found if a),
                    "dates": dates_text(answer),
                }
            )
    return table


def shown(nodes: list[Node], everything: bool) -> list[Node]:
    return [node for node in nodes if everything or node.deciding]


def render(decisions: list[Decision], format: str = "text", everything: bool = False) -> str:
    """The decisions as `format` (text, markdown, html, json)."""
    if format == "json":
        return json.dumps(as_json(decisions), ensure_ascii=False, indent=2) + "\n"
    return {"text": _text, "markdown": _markdown, "html": _html}[format](decisions, everything)


def as_json(decisions: list[Decision]) -> dict:
    return {
        "period": decisions[0].month if decisions else None,
        "benefits": [dataclasses.asdict(decision) for decision in decisions],
    }


def _headers() -> list[str]:
    return [_("Benefit"), _("Who"), _("Decision"), _("Reason"), _("Article"), _("Deciding dates")]


KEYS = ["benefit", "who", "decision", "reason", "article", "dates"]


def _text(decisions, everything) -> str:
    table = rows(decisions)
    widths = [
        max(len(h), *(len(row[k]) for row in table))
        for h, k in zip(_headers(), KEYS[:3], strict=False)
    ]
    lines = []
    for cells in [dict(zip(KEYS, _headers(), strict=True)), *table]:
        first = "  ".join(cells[k].ljust(w) for k, w in zip(KEYS[:3], widths, strict=True))
        rest = " — ".join(cells[k] for k in KEYS[3:] if cells[k])
        lines.append(f"{first}  {rest}".rstrip())
    lines.append("")
    for decision in decisions:
        lines.append(f"## {decision.title} ({decision.benefit}_eligible)")
        for person in decision.persons:
            lines.append(f"  {person.id} :")
            for node in shown(person.tree, everything):
                lines += _text_node(node, "    ", everything)
        lines.append("")
    return "\n".join(lines)


def _text_node(node: Node, indent: str, everything: bool) -> list[str]:
    mark = "" if node.deciding or not everything else "  " + _("(not deciding)")
    lines = [f"{indent}- {node.label} : {node.text}  [{node.variable}, {node.period}]{mark}"]
    if node.references and node.computed:
        lines.append(f"{indent}    {' ; '.join(node.references)}")
    for child in shown(node.children, everything):
        lines += _text_node(child, indent + "    ", everything)
    return lines


def _markdown(decisions, everything) -> str:
    cell = lambda text: text.replace("|", "\\|")  # noqa: E731
    lines = ["| " + " | ".join(_headers()) + " |", "|" + "---|" * len(KEYS)]
    lines += ["| " + " | ".join(cell(row[k]) for k in KEYS) + " |" for row in rows(decisions)]
    lines.append("")
    for decision in decisions:
        lines.append(f"## {decision.title} (`{decision.benefit}_eligible`)")
        lines.append("")
        for person in decision.persons:
            lines.append(f"### {person.id}")
            lines.append("")
            for node in shown(person.tree, everything):
                lines += _markdown_node(node, "", everything)
            lines.append("")
    return "\n".join(lines)


def _markdown_node(node: Node, indent: str, everything: bool) -> list[str]:
    references = f" — {' ; '.join(node.references)}" if node.references else ""
    lines = [
        f"{indent}- **{node.label}** : {node.text} (`{node.variable}`, {node.period}){references}"
    ]
    for child in shown(node.children, everything):
        lines += _markdown_node(child, indent + "  ", everything)
    return lines


def _html(decisions, everything) -> str:
    e = html.escape
    head = "".join(f"<th scope='col'>{e(h)}</th>" for h in _headers())
    body = "".join(
        "<tr>" + "".join(f"<td>{e(row[k])}</td>" for k in KEYS) + "</tr>" for row in rows(decisions)
    )
    parts = [
        "<!DOCTYPE html>",
        f"<html lang='{e(_('en'))}'><head><meta charset='utf-8'><title>{e(_('Explanation'))}</title></head><body>",
        f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>",
    ]
    for decision in decisions:
        parts.append(f"<h2>{e(decision.title)}</h2>")
        for person in decision.persons:
            parts.append(f"<h3>{e(person.id)}</h3><ul>")
            parts += [_html_node(node, everything) for node in shown(person.tree, everything)]
            parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _html_node(node: Node, everything: bool) -> str:
    e = html.escape
    children = "".join(_html_node(child, everything) for child in shown(node.children, everything))
    references = f" <small>{e(' ; '.join(node.references))}</small>" if node.references else ""
    return (
        f"<li><strong>{e(node.label)}</strong> : {e(node.text)} <code>{e(node.variable)}</code>"
        f"{references}{f'<ul>{children}</ul>' if children else ''}</li>"
    )
