"""The Markdown file: `render` writes a `LegalIndex` as `docs/index-juridique.md`."""

from __future__ import annotations

import datetime
import re
from collections import defaultdict

from openfisca_residence.legal_index.index import PARAMETRIC_REFORMS, Entry, LegalIndex, Use
from openfisca_residence.legal_index.references import CODES, citations

INTRODUCTION = """\
# Index juridique

Fichier généré à partir du code par `make index` (ou `openfisca-residence index-juridique`) : ne
pas le modifier à la main. Un test vérifie qu'il est à jour (`tests/engine/legal_index/test_legal_index.py`).

Pour chaque source que le modèle cite — article de code, loi, ordonnance, décret, arrêté, texte
européen, décision de justice, circulaire ou lettre ministérielle, fichier source, lien
Légifrance —, l'index donne :

- les **variables** dont la référence (`reference`) la cite ;
- les **paramètres** dont une valeur la cite (`metadata: reference`), avec entre parenthèses la
  date d'effet de ces valeurs ;
- les **réformes** de `reforms/` qui la citent (voir [Réformes](#réformes)) ;
- les **tests** qui vérifient ces variables, fichier par fichier de `tests/` avec leur nombre de
  cas : un cas vérifie une variable quand elle figure dans son `output` (un cas avec `reforms:` ne
  vérifie que les variables que sa réforme ajoute ou remplace) ; en retrait, les cas dont le nom
  cite la source.

Les références sont normalisées : « Code de la sécurité sociale, art. R.115-6, alinéa 3 » et
« R.115-6 CSS » sont un même article (l'alinéa n'est pas distingué) ; un article cité sans son code
prend le seul code qui en a un de ce numéro ; un texte est reconnu à son numéro, ou à sa date pour
un arrêté ; les citations entre guillemets (« … ») ne comptent pas. Un lien Légifrance ou un
fichier source toujours cité avec un même article ou un même texte renvoie à celui-ci (« voir »).
Les angles morts — ce que le modèle ne code pas, et pourquoi, tels que la documentation d'une
variable les écrit (« Angle mort : … ») — sont listés après les réformes. Les libellés des variables
et les descriptions des paramètres sont en fin de document.
"""
SECTIONS = {  # key: title, in the order of the index
    "code": "Codes",
    "texte": "Lois, ordonnances, décrets et arrêtés",
    "europe": "Droit de l'Union européenne et accords internationaux",
    "jurisprudence": "Jurisprudence",
    "circulaire": "Circulaires, instructions, lettres et réponses ministérielles",
    "autre": "Travaux parlementaires et autres sources",
    "fichier": "Textes sources (`sources/`, dans ce dépôt)",
    "legifrance": "Liens Légifrance",
}
CODE_ORDER = {code: i for i, code in enumerate(CODES)}


def _year(number: str) -> int:
    """The year of a text's number: 2007-290 → 2007, 88-1088 → 1988."""
    year = int(number.split("-")[0])
    return year if year > 999 else 1900 + year


def _order(entry: Entry) -> tuple:
    if entry.section == "code":
        code, letter, numbers, article = entry.key
        return (CODE_ORDER[code], letter, numbers, article)
    if entry.section == "texte":
        date = entry.date or datetime.date(_year(entry.key[1]), 12, 31)
        return (date, entry.key)
    if entry.section in ("fichier", "legifrance"):
        return entry.key
    return (entry.date or datetime.date.max, entry.title)


def _name(use: Use) -> str:
    return f"`{use.name}`" + (f" (réforme `{use.reform}`)" if use.reform else "")


def _use_order(use: Use) -> tuple:
    return (use.reform or "", use.name)


def _uses(uses: dict, variables: list, parameters: list) -> list[str]:
    parts = []
    if variables:
        parts.append("variables : " + ", ".join(f"`{u.name}`" for u in variables))
    if parameters:
        parts.append(
            "paramètres : "
            + ", ".join(f"`{u.name}` ({', '.join(sorted(uses[u]))})" for u in parameters)
        )
    return parts


def _same_as(index: LegalIndex, entry: Entry) -> tuple[Entry | None, list]:
    """For a link or a source file: the one source it is always cited with, if any (its entry then
    says "voir"), else the sources it is always cited with."""
    if not entry.companions:
        return None, []
    common = set.intersection(*entry.companions)
    wanted = {"LEGIARTI": ("code", "texte"), "LEGITEXT": ("texte",), "JORFTEXT": ("texte",)}.get(
        entry.key[0][:8], ("circulaire", "texte")
    )
    for section in wanted:
        beside = sorted(
            (index.entries[k] for k in common if k[0] == section and k in index.entries), key=_order
        )
        if len(beside) == 1 and set(entry.uses) <= set(beside[0].uses):
            return beside[0], beside
        if beside:
            return None, beside
    return None, []


def _entry(index: LegalIndex, entry: Entry, tests_by_output: dict) -> list[str]:
    label = _label(entry)
    same, beside = _same_as(index, entry)
    if same is not None:
        return [f"- **{label}** — voir {_reference_to(same)}"]
    uses = entry.uses
    by_reform = defaultdict(lambda: ([], []))
    for use in sorted(uses, key=_use_order):
        if use.kind == "reforme":
            by_reform[use.name]  # a reform citing the source in its documentation
        else:
            by_reform[use.reform][0 if use.kind == "variable" else 1].append(use)
    parts = _uses(uses, *by_reform.pop(None, ([], [])))
    for reform, (variables, parameters) in sorted(by_reform.items()):
        detail = " ; ".join(_uses(uses, variables, parameters))
        parts.append(f"réforme `{reform}`" + (f" ({detail})" if detail else ""))
    variables = [u for u in uses if u.kind == "variable"]
    cases = sorted(
        {case for u in variables for case in tests_by_output.get((u.name, u.reform), ())},
        key=lambda c: (c.file, c.number),
    )
    if cases:
        files = defaultdict(int)
        for case in cases:
            files[case.file] += 1
        parts.append("tests : " + ", ".join(f"`{f}` ({n} cas)" for f, n in files.items()))
    if beside:
        parts.append("cité avec : " + " ; ".join(_reference_to(e) for e in beside))
    lines = [f"- **{label}** — " + " ; ".join(parts)]
    key = (entry.section, entry.key)
    for case in cases:
        if key in {(c.section, c.key) for c in citations(case.name, index.known_articles)}:
            lines.append(f"  - « {case.name} » (`{case.file}`)")
    return lines


def _reference_to(entry: Entry) -> str:
    return entry.title if entry.section != "code" else f"{entry.key[0]}, {_label(entry)}"


def _label(entry: Entry) -> str:
    if entry.section == "code":
        article = entry.key[3]
        return article if entry.key[1] == 9 else f"art. {article}"
    if entry.section == "legifrance":
        identifier = entry.key[0]
        route = {"LEGIARTI": "codes/article_lc", "LEGITEXT": "loda/id", "JORFTEXT": "jorf/id"}
        return (
            f"[{identifier}](https://www.legifrance.gouv.fr/{route[identifier[:8]]}/{identifier})"
        )
    if entry.section == "fichier":  # the text itself, in the repository (the index is in docs/)
        return f"[{entry.title}](../{entry.title})"
    return entry.title


def render(index: LegalIndex) -> str:
    tests_by_output = defaultdict(set)
    for case in index.tests:
        for output in case.outputs:
            tests_by_output[output, case.reform].add(case)
    entries = sorted(
        index.entries.values(), key=lambda e: (list(SECTIONS).index(e.section), _order(e))
    )
    used = {u for e in entries for u in e.uses if u.kind != "reforme"}
    variables = {u for u in used if u.kind == "variable"}
    lines = [INTRODUCTION]
    lines.append(
        f"{len(entries)} sources, {len({u.name for u in variables})} variables, "
        f"{len({u.name for u in used if u.kind == 'parametre'})} paramètres, "
        f"{len(index.reforms)} réformes ; {len(index.tests)} cas de test.\n"
    )
    section = code = None
    for entry in entries:
        if entry.section != section:
            section = entry.section
            lines.append(f"\n## {SECTIONS[section]}\n")
        if section == "code" and entry.key[0] != code:
            code = entry.key[0]
            title = CODES[code][0] + (f" ({code})" if code != "C. civ." else "")
            lines.append(f"\n### {title}\n")
        lines += _entry(index, entry, tests_by_output)

    lines.append("\n## Réformes\n")
    for info in index.reforms:
        cases = [c for c in index.tests if c.reform == info.key]
        files = sorted({c.file for c in cases})
        default = "" if info.path.startswith(PARAMETRIC_REFORMS) else " (par défaut)"
        parts = [info.name.rstrip("."), f"date d'effet : {info.date_effet}{default}"]
        parts.append(f"`reforms: {info.path}`")
        if files:
            parts.append(f"tests : {', '.join(f'`{f}`' for f in files)} ({len(cases)} cas)")
        lines.append(f"- **`{info.key}`** — " + " ; ".join(parts))

    if index.unrecognised:
        lines.append("\n## Références sans source reconnue\n")
        for reference, uses in sorted(index.unrecognised.items()):
            names = ", ".join(_name(u) for u in sorted(uses, key=_use_order))
            lines.append(f"- « {reference} » — {names}")

    if index.blind_spots:
        lines.append("\n## Angles morts : ce que le modèle ne code pas, et pourquoi\n")
        for name, text in index.blind_spots.items():
            lines.append(f"- `{name}` — {text}")

    for kind, title in (("variable", "Variables citées"), ("parametre", "Paramètres cités")):
        lines.append(f"\n## {title}\n")
        for use in sorted(
            (u for u in used if u.kind == kind), key=lambda u: (u.name, u.reform or "")
        ):
            lines.append(f"- {_name(use)} — {index.labels[use]}")
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)) + "\n"
