"""The legal index: each article or source the model cites → the variables and parameters citing
it → the YAML tests that check those variables. It is written to `docs/index-juridique.md`:

    openfisca-residence index-juridique [--output docs/index-juridique.md]
    python -m openfisca_residence.legal_index [--output -]

References are read from the loaded tax-benefit system (each variable's `reference`, each parameter
value's `metadata.reference`) and from the reforms of `openfisca_residence.reforms`; tests from the
YAML files of `tests/`. A test checks a variable when the variable is one of its `output`s; a test
with `reforms:` checks only the variables its reform adds or replaces.

A reference is free text written by a lawyer ("Code de la sécurité sociale, art. L.512-2 et D.512-1
(décret n° 2006-234 du 27 février 2006)"). `citations(text)` reads the sources it names, each
normalised to one key whatever its spelling: a code's article ("CSS, art. D.512-1", the code named
before the articles or after them: "R.115-6 CSS"), a law, ordinance, decree or arrêté by number or
date, a European text, a court decision, a circular or an administrative letter, a source file
`sources/<name>.txt`, a Légifrance code article link (LEGIARTI). Quotations (« … ») are skipped:
they quote a text, they do not cite one. The output is deterministic: the same code and tests give
the same file, byte for byte.
"""

from __future__ import annotations

import argparse
import datetime
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from openfisca_core.parameters import Parameter

DEFAULT_OUTPUT = Path("docs") / "index-juridique.md"
DEFAULT_TESTS = Path("tests")

# The reforms indexed, as `reforms:` names them in a YAML test (the last part is the reform's key).
PYTHON_REFORMS = (
    "openfisca_residence.reforms.fin_droits_expiration_sejour.fin_droits_expiration_sejour",
    "openfisca_residence.reforms.loi_2024_42_art_19.loi_2024_42_art_19",
    "openfisca_residence.reforms.ppl_senat_2025_duree_residence.ppl_senat_2025_duree_residence",
)
PARAMETRIC_REFORMS = "openfisca_residence.reforms.parametriques"

# ---------------------------------------------------------------------------------------------
# Citations: what a reference names

CODES = {  # key: (title, pattern naming it, in full or abbreviated)
    "CSS": ("Code de la sécurité sociale", r"code de la sécurité sociale|\bCSS\b"),
    "CASF": (
        "Code de l'action sociale et des familles",
        r"code de l'action sociale et des familles|\bCASF\b",
    ),
    "CESEDA": (
        "Code de l'entrée et du séjour des étrangers et du droit d'asile",
        r"code de l'entrée et du séjour des étrangers et du droit d'asile|\bCESEDA\b",
    ),
    "CCH": (
        "Code de la construction et de l'habitation",
        r"code de la construction et de l'habitation|\bCCH\b",
    ),
    "CGI": ("Code général des impôts", r"code général des impôts|\bCGI\b"),
    "C. civ.": ("Code civil", r"code civil"),
}
CODE_MARKER = re.compile(
    "|".join(f"(?P<c{i}>{p})" for i, (_, p) in enumerate(CODES.values())), re.I
)
CODE_KEYS = list(CODES)
# L.262-9-1, R.111-4, D.512-1: the kind of article, then its number (the dot is required, so that
# "JO UE L 236" is no article).
ARTICLE = re.compile(r"\b([LRD])\.\s?(\d+(?:-\d+)+)")
# Codes numbered without a letter: "Code civil, art. 388", "Code général des impôts, art. 4 B".
PLAIN_ARTICLE = re.compile(r"\bart(?:icles?|\.)\s+(\d+(?: [A-Z]\b)?)")
DIVISION = re.compile(r"\blivre ([IVX]+)(?:, titre ([IVX]+))?(?:, chapitre ([IVX]+))?")
LETTER_ORDER = {"L": 0, "R": 1, "D": 2}
# A code named in an earlier sentence does not reach the articles of this one ("art." and "al." end
# no sentence).
SENTENCE_END = re.compile(r"(?<!\bart)(?<!\bal)(?<!\bp)\.\s+[A-ZÉÈÀ]")
# A code named before its articles ("Code de la sécurité sociale, art. L.512-2").
LEADING = re.compile(r"\s*,?\s*(?:art\.|articles?\b|livre\b)")
# What may stand between articles and the code named after them ("L.380-3 et L.524-1 CSS",
# "l'article R.111-3 du code de la sécurité sociale").
ARTICLE_LIST_GLUE = re.compile(r"\d+°|\b(?:et|art\.|articles?|alinéas?|du|de la)\b|[,\s]", re.I)

MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
DATE = r"(?:1er|\d{1,2}) (?:" + "|".join(MONTHS) + r") \d{4}"
DATE_PARTS = re.compile(r"(1er|\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})")
APOSTROPHE = re.compile("[’`]")
QUOTATION = re.compile(r"«[^»]*»")
URL = re.compile(r"https?://\S+")
SOURCE_FILE = re.compile(r"sources/[\w.-]+?\.txt")
LEGIARTI_LINK = re.compile(r"legifrance\.gouv\.fr/codes/article_lc/(LEGIARTI\d{12})")
LEGIFRANCE_LINK = re.compile(r"legifrance\.gouv\.fr/\S*?((?:LEGIARTI|LEGITEXT|JORFTEXT)\d{12})")

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


@dataclass(frozen=True)
class Citation:
    """A source named by a reference. `section` and `key` identify it (two spellings of the same
    text give the same key); `title` is how this reference names it, `date` its date if known."""

    section: str
    key: tuple
    title: str
    date: datetime.date | None = None


def french_date(text: str | None) -> datetime.date | None:
    match = DATE_PARTS.search(text or "")
    if not match:
        return None
    day = 1 if match[1] == "1er" else int(match[1])
    return datetime.date(int(match[3]), MONTHS.index(match[2]) + 1, day)


def written_date(date: datetime.date) -> str:
    day = "1er" if date.day == 1 else str(date.day)
    return f"{day} {MONTHS[date.month - 1]} {date.year}"


def _year(number: str) -> int:
    """The year of a text's number: 2007-290 → 2007, 88-1088 → 1988."""
    year = int(number.split("-")[0])
    return year if year > 999 else 1900 + year


def _dated(title: str, date: datetime.date | None) -> str:
    return f"{title} du {written_date(date)}" if date else title


def _after(text: str, end: int, span: int = 60) -> datetime.date | None:
    """A date written `du <date>` just after a match, in the same clause."""
    clause = re.split(r"[;,(:—]", text[end : end + span])[0]
    match = re.search(r"\bdu (" + DATE + ")", clause)
    return french_date(match[1]) if match else None


NUMBERED_TEXT = re.compile(r"\b(loi|décret|ordonnance)\s+n°\s*(\d{2,4}-\d+)", re.I)
DATED_TEXT = re.compile(r"\b(arrêté|décret)\s+du\s+(" + DATE + ")", re.I)
ALIASES = (  # texts named without their number
    (re.compile(r"\bloi de finances pour 2008\b", re.I), ("loi", "2007-1822")),
    (re.compile(r"\bordonnance de 1945\b", re.I), ("ordonnance", "45-2658")),
)
CONSTITUTIONAL = re.compile(r"(?:décision\s+)?n°\s*(\d{4}-\d+)\s+(DC|RIP|QPC)\b")
CJCE = re.compile(r"\b(CJCE|CJUE),\s*(" + DATE + r"),\s*([^,]+?),\s*(C-\d+/\d+|\d+/\d+)")
CONSEIL_ETAT = re.compile(r"\bConseil d'État,\s*(" + DATE + r"),(?:[^,;]*,)?\s*n°\s*(\d+)")
DIRECTIVE = re.compile(r"\bdirective\s+(\d{2,4}/\d+/CEE?)\b", re.I)
REGULATION = re.compile(r"\brèglement\s+\((CEE?)\)\s+n°\s*(\d+/\d+)(\s+du Conseil)?", re.I)
ACCESSION_TREATY = re.compile(r"\btraité d'adhésion signé à (.+?) le (" + DATE + ")", re.I)
ACCESSION_ACT = re.compile(
    r"\bactes? (?:relatif aux conditions )?d'adhésion (de la Croatie|de (?:\d{4}(?:, | et )?)+)",
    re.I,
)
ACCESSION_DATES = {"2003": "2003-04-16", "2005": "2005-04-25", "2011": "2011-12-09"}
NAMED_TEXTS = (  # pattern → section, key, title, date
    (
        r"\btraité instituant la Communauté économique européenne|\btraité CE\b",
        "europe",
        "traite-rome",
        "Traité instituant la Communauté économique européenne (traité de Rome, puis traité CE)",
        "1957-03-25",
    ),
    (
        r"\baccord sur l'Espace économique européen|\baccord EEE\b",
        "europe",
        "eee",
        "Accord sur l'Espace économique européen, signé à Porto le 2 mai 1992",
        "1992-05-02",
    ),
    (
        r"\bdécision du Conseil de l'EEE n° 1/95",
        "europe",
        "eee-1-95",
        "Décision du Conseil de l'EEE n° 1/95 du 10 mars 1995",
        "1995-03-10",
    ),
    (
        r"\baccord (?:entre la Communauté européenne[^;]*?)?sur la libre circulation des personnes",
        "europe",
        "suisse",
        "Accord entre la Communauté européenne et ses États membres et la Confédération suisse sur la libre circulation des personnes, signé le 21 juin 1999",
        "1999-06-21",
    ),
    (
        r"\baccord sur le retrait du Royaume-Uni",
        "europe",
        "retrait-royaume-uni",
        "Accord sur le retrait du Royaume-Uni de l'Union européenne (JO UE L 29 du 31.1.2020)",
        "2020-01-31",
    ),
    (r"\bISO 3166-1\b", "autre", "iso-3166", "Norme ISO 3166-1 (codes des pays)", None),
    (
        r"\bopenfisca-france\b",
        "autre",
        "openfisca-france",
        "openfisca-france (modèle de référence des prestations françaises)",
        None,
    ),
)
NAMED = [(re.compile(p, re.I), s, k, t, d) for p, s, k, t, d in NAMED_TEXTS]
SENATE_REPORT = re.compile(
    r"\brapport du Sénat (?:n° (\d+) \((\d{4}-\d{4})\)|(l\d+-\d+-\d+))", re.I
)
BILL = re.compile(r"\bproposition de loi.*?\btexte (?:adopté )?n° (\d+)", re.I)
PRESS = re.compile(r"\bASH (?:n° (\d+)|du (" + DATE + "))")
CIRCULAR_CNAV = re.compile(r"\bcirculaire CNAV\s+(\d{4})[/-](\d+)", re.I)
CIRCULAR_NUMBERED = re.compile(
    r"\bcirculaire\s+((?-i:(?:[A-Z0-9]+/)*[A-Z0-9]+)\s+)?n°\s*(\d{4}[-/]\d+)", re.I
)
CIRCULAR_SERVICE = re.compile(r"\bcirculaire\s+((?:[A-Z][A-Z0-9]*/)+)(\d{4})/(\d+)")
CIRCULAR_MINISTER = re.compile(
    r"\bcirculaires? du ministre de l'intérieur du (" + DATE + r")(?: et du (" + DATE + "))?",
    re.I,
)
CNAF_LETTER = re.compile(
    r"\blettre (d'information )?CNAF(?: (n° \d+))?(?: du (" + DATE + r")| de (\d{4}))?", re.I
)
CNAM_LETTER = re.compile(r"\blettre-réseau CNAM\s+(LR-[A-Z]+-\d+/\d{4})", re.I)
DGAS_NOTE = re.compile(r"\bnote (d'information )?(DGAS(?:/\w+)?)\s+n°\s*(\d{4}-\d+)", re.I)
DSS_LETTER = re.compile(r"\blettre DSS\s+n°\s*(D-[\d-]+\d)", re.I)
MSA_LETTER = re.compile(r"\blettre MSA\s+(DR-\d{4}-\d+)", re.I)
WRITTEN_QUESTION = re.compile(r"\b(?:question écrite|QE) AN n°\s*(\d+)", re.I)
INTERIOR = re.compile(r"\b(note du )?ministère de l'Intérieur(?:,| du) (" + DATE + ")", re.I)


def citations(reference: str, known_articles: dict[str, set[str]] | None = None) -> list[Citation]:
    """The sources a reference names, in a stable order, each once.

    An article cited without its code ("distincte de R.115-6") is given the code of
    `known_articles` ({"R.115-6": {"CSS"}}) when only one code has an article of that number;
    otherwise it is left out.
    """
    text = APOSTROPHE.sub("'", reference)
    found: list[Citation] = []
    for match in LEGIARTI_LINK.finditer(text):
        found.append(Citation("legifrance", (match[1],), match[1]))
    for match in SOURCE_FILE.finditer(text):
        found.append(Citation("fichier", (match[0],), match[0]))
    text = URL.sub(" ", SOURCE_FILE.sub(" ", text))
    text = QUOTATION.sub("« »", text)
    found += _articles(text, known_articles or {})
    found += _texts(text)
    found += _european(text)
    found += _case_law(text)
    found += _circulars(text)
    found += _others(text)
    if not found:  # a bare link to a text: "https://www.legifrance.gouv.fr/loda/id/JORFTEXT…"
        found = [Citation("legifrance", (m[1],), m[1]) for m in LEGIFRANCE_LINK.finditer(reference)]
    return list(dict.fromkeys(found))


def _articles(text: str, known: dict[str, set[str]]) -> list[Citation]:
    markers = [
        (m.start(), m.end(), CODE_KEYS[int(m.lastgroup[1:])]) for m in CODE_MARKER.finditer(text)
    ]
    result = []

    def code_of(start: int, end: int) -> str | None:
        following = next((m for m in markers if m[0] >= end), None)
        if (
            following
            and not LEADING.match(text, following[1])
            and not ARTICLE_LIST_GLUE.sub("", ARTICLE.sub("", text[end : following[0]]))
        ):
            return following[2]  # "L.380-3 et L.524-1 CSS"
        preceding = [m for m in markers if m[1] <= start]
        if preceding and not SENTENCE_END.search(text, preceding[-1][1], start):
            return preceding[-1][2]
        return None

    for match in ARTICLE.finditer(text):
        article = f"{match[1]}.{match[2]}"
        code = code_of(match.start(), match.end())
        if code is None:
            codes = known.get(article, set())
            if len(codes) != 1:
                continue
            code = next(iter(codes))
        if code in ("CGI", "C. civ."):
            continue
        result.append(_article(code, article))
    for match in PLAIN_ARTICLE.finditer(text):
        code = code_of(match.start(), match.end())
        if code in ("CGI", "C. civ."):  # "Code civil, art. 388"; "art. 63" of a law is no code's
            result.append(_article(code, match[1]))
    for match in DIVISION.finditer(text):
        code = code_of(match.start(), match.end())
        if code:
            parts = [f"livre {match[1]}"] + [
                f"{name} {value}"
                for name, value in (("titre", match[2]), ("chapitre", match[3]))
                if value
            ]
            result.append(Citation("code", (code, 9, (), ", ".join(parts)), ", ".join(parts)))
    return result


def _article(code: str, article: str) -> Citation:
    """`CSS, art. R.111-4` sorts as (CSS, R, 111, 4); `C. civ., art. 388` as (C. civ., 388)."""
    letter, _, number = article.rpartition(".")
    numbers = tuple(int(n) for n in re.findall(r"\d+", number))
    order = LETTER_ORDER.get(letter, -1)
    return Citation("code", (code, order, numbers, article), f"{code}, art. {article}")


def _texts(text: str) -> list[Citation]:
    result = []
    for match in NUMBERED_TEXT.finditer(text):
        kind, number = match[1].lower(), match[2]
        date = _after(text, match.end())
        result.append(_text(kind, number, date))
    for pattern, (kind, number) in ALIASES:
        if pattern.search(text):
            result.append(_text(kind, number, None))
    for match in DATED_TEXT.finditer(text):
        kind, date = match[1].lower(), french_date(match[2])
        result.append(
            Citation("texte", (kind, date.isoformat()), _dated(kind.capitalize(), date), date)
        )
    return result


def _text(kind: str, number: str, date: datetime.date | None) -> Citation:
    return Citation("texte", (kind, number), _dated(f"{kind.capitalize()} n° {number}", date), date)


def _european(text: str) -> list[Citation]:
    result = []
    for match in DIRECTIVE.finditer(text):
        date = _after(text, match.end())
        title = _dated(f"Directive {match[1]}", date)
        result.append(Citation("europe", ("directive", match[1]), title, date))
    for match in REGULATION.finditer(text):
        date = _after(text, match.end())
        title = _dated(f"Règlement ({match[1]}) n° {match[2]}{match[3] or ''}", date)
        result.append(Citation("europe", ("règlement", match[2]), title, date))
    for match in ACCESSION_TREATY.finditer(text):
        date = french_date(match[2])
        title = f"Traité d'adhésion signé à {match[1]} le {written_date(date)}"
        result.append(Citation("europe", ("adhésion", date.isoformat()), title, date))
    for match in ACCESSION_ACT.finditer(text):
        years = ["2011"] if "Croatie" in match[1] else re.findall(r"\d{4}", match[1])
        for year in years:
            date = datetime.date.fromisoformat(ACCESSION_DATES.get(year, f"{year}-12-31"))
            title = f"Acte relatif aux conditions d'adhésion de {year}" + (
                " (Croatie)" if year == "2011" else ""
            )
            result.append(Citation("europe", ("adhésion", date.isoformat(), "acte"), title, date))
    for pattern, section, key, title, date in NAMED:
        if pattern.search(text):
            date = datetime.date.fromisoformat(date) if date else None
            result.append(Citation(section, (key,), title, date))
    return result


def _case_law(text: str) -> list[Citation]:
    result = []
    for match in CONSTITUTIONAL.finditer(text):
        date = _after(text, match.end())
        title = _dated(f"Conseil constitutionnel, décision n° {match[1]} {match[2]}", date)
        result.append(Citation("jurisprudence", ("cc", match[1]), title, date))
    for match in CJCE.finditer(text):
        date = french_date(match[2])
        title = f"{match[1]}, {written_date(date)}, {match[3]}, {match[4]}"
        result.append(Citation("jurisprudence", ("cjue", match[4]), title, date))
    for match in CONSEIL_ETAT.finditer(text):
        date = french_date(match[1])
        title = f"Conseil d'État, {written_date(date)}, n° {match[2]}"
        result.append(Citation("jurisprudence", ("ce", match[2]), title, date))
    return result


def _circulars(text: str) -> list[Citation]:
    result = []
    for match in CIRCULAR_CNAV.finditer(text):
        date = _after(text, match.end())
        number = f"{match[1]}/{int(match[2])}"
        title = _dated(f"Circulaire CNAV {number}", date)
        result.append(Citation("circulaire", ("cnav", int(match[1]), int(match[2])), title, date))
    for match in CIRCULAR_NUMBERED.finditer(text):
        if match[1] and match[1].strip().upper() == "CNAV":
            continue
        date = _after(text, match.end())
        service = f"{match[1].strip()} " if match[1] else ""
        title = _dated(f"Circulaire {service}n° {match[2]}", date)
        result.append(
            Citation("circulaire", ("circulaire", match[2].replace("/", "-")), title, date)
        )
    for match in CIRCULAR_SERVICE.finditer(text):
        date = _after(text, match.end(), 80)
        title = _dated(f"Circulaire {match[1]}{match[2]}/{match[3]}", date)
        result.append(Citation("circulaire", ("circulaire", f"{match[2]}-{match[3]}"), title, date))
    for match in CIRCULAR_MINISTER.finditer(text):
        for written in filter(None, (match[1], match[2])):
            date = french_date(written)
            title = f"Circulaire du ministre de l'Intérieur du {written_date(date)}"
            result.append(Citation("circulaire", ("intérieur", date.isoformat()), title, date))
    for match in CNAF_LETTER.finditer(text):
        date = french_date(match[3])
        year = date.year if date else int(match[4]) if match[4] else None
        if year is None:
            continue
        title = "Lettre d'information CNAF" + (f" {match[2]}" if match[2] else "")
        title = _dated(title, date) if date else f"{title} de {year}"
        result.append(Citation("circulaire", ("cnaf", year), title, date))
    for match in CNAM_LETTER.finditer(text):
        date = _after(text, match.end())
        title = _dated(f"Lettre-réseau CNAM {match[1]}", date)
        year = int(match[1][-4:])
        result.append(
            Citation("circulaire", ("cnam", match[1]), title, date or datetime.date(year, 12, 31))
        )
    for match in DGAS_NOTE.finditer(text):
        date = _after(text, match.end())
        title = _dated(f"Note {match[1] or ''}{match[2]} n° {match[3]}", date)
        result.append(Citation("circulaire", ("dgas", match[3]), title, date))
    for match in DSS_LETTER.finditer(text):
        date = _after(text, match.end())
        result.append(
            Citation(
                "circulaire", ("dss", match[1]), _dated(f"Lettre DSS n° {match[1]}", date), date
            )
        )
    for match in MSA_LETTER.finditer(text):
        date = _after(text, match.end())
        result.append(
            Citation("circulaire", ("msa", match[1]), _dated(f"Lettre MSA {match[1]}", date), date)
        )
    for match in WRITTEN_QUESTION.finditer(text):
        published = re.search(r"\bJO (?:du )?(" + DATE + ")", text)
        date = french_date(published[1]) if published else None
        title = f"Réponse ministérielle à la question écrite AN n° {match[1]}" + (
            f" (JO du {written_date(date)})" if date else ""
        )
        result.append(Citation("circulaire", ("qe-an", match[1]), title, date))
    for match in INTERIOR.finditer(text):
        date = french_date(match[2])
        title = "Ministère de l'Intérieur, " + ("note du " if match[1] else "") + written_date(date)
        result.append(Citation("circulaire", ("intérieur", date.isoformat()), title, date))
    return result


def _others(text: str) -> list[Citation]:
    result = []
    for match in SENATE_REPORT.finditer(text):
        number = f"n° {match[1]} ({match[2]})" if match[1] else match[3]
        result.append(Citation("autre", ("sénat-rapport", number), f"Rapport du Sénat {number}"))
    for match in BILL.finditer(text):
        adopted = re.search(r"adoptée par le Sénat le (" + DATE + ")", text)
        date = french_date(adopted[1]) if adopted else None
        title = (
            "Proposition de loi"
            + (f" adoptée par le Sénat le {written_date(date)}" if date else ", Sénat")
            + f" (texte n° {match[1]})"
        )
        result.append(Citation("autre", ("sénat-ppl", match[1]), title, date))
    for match in PRESS.finditer(text):
        number = f"n° {match[1]}" if match[1] else f"du {written_date(french_date(match[2]))}"
        title = f"Actualités sociales hebdomadaires (ASH) {number}"
        result.append(Citation("autre", ("ash", number), title))
    return result


# ---------------------------------------------------------------------------------------------
# What cites what


@dataclass(frozen=True)
class Use:
    """A variable, a parameter or a reform citing a source; `reform` when a reform adds or replaces
    the variable or parameter."""

    kind: str  # "variable", "parametre" or "reforme"
    name: str
    reform: str | None = None


@dataclass(frozen=True)
class TestCase:
    file: str  # relative to the tests folder: <domain>/<name>.yaml
    number: int  # its place in the file, from 1
    name: str
    reform: str | None  # the last part of its `reforms:` path
    outputs: frozenset


@dataclass(frozen=True)
class ReformInfo:
    key: str
    path: str
    name: str
    date_effet: str | None
    documentation: str  # its name and docstring (a parametric reform: its description)


@dataclass
class Entry:
    section: str
    key: tuple
    titles: set = field(default_factory=set)
    dates: set = field(default_factory=set)
    uses: dict = field(default_factory=dict)  # Use → dates of the values citing it
    companions: list = field(default_factory=list)  # for a link or a file: what it is cited with

    @property
    def title(self) -> str:
        """The most complete of the ways the references name it (the longest, then the first)."""
        return min(self.titles, key=lambda t: (-len(t), t))

    @property
    def date(self) -> datetime.date | None:
        return min(self.dates) if self.dates else None


@dataclass
class LegalIndex:
    entries: dict  # (section, key) → Entry
    labels: dict  # Use → label of the variable or description of the parameter
    tests: list  # TestCase
    reforms: list  # ReformInfo
    known_articles: dict  # article → codes, to read articles named without their code
    unrecognised: dict  # reference → Uses, when it names no source


def _references(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(item) for item in value]


def _parameters(node):
    for parameter in node.get_descendants():
        if isinstance(parameter, Parameter):
            yield parameter


def _cited(system, reform: str | None = None, baseline=None):
    """(Use, label, reference, date of the value or None) for each reference of a system; for a
    reform, only what it adds or replaces."""
    for name, variable in sorted(system.variables.items()):
        before = baseline.variables.get(name) if baseline else None
        if before is variable:
            continue
        references = _references(variable.reference)
        if before is not None:
            references = [r for r in references if r not in _references(before.reference)]
        for reference in references:
            yield Use("variable", name, reform), variable.label, reference, None
    known = {p.name for p in _parameters(baseline.parameters)} if baseline else set()
    for parameter in _parameters(system.parameters):
        if parameter.name in known:
            continue
        for at in parameter.values_list:
            for reference in _references((at.metadata or {}).get("reference")):
                use = Use("parametre", parameter.name, reform)
                yield use, parameter.description, reference, at.instant_str


def _reforms(baseline):
    """(ReformInfo, reformed system) of each reform of PYTHON_REFORMS and each parametric reform."""
    import importlib

    from openfisca_residence import legal_folder

    folder = legal_folder("reforms") / "parametriques"
    paths = list(PYTHON_REFORMS) + [
        f"{PARAMETRIC_REFORMS}.{path.stem}" for path in sorted(folder.glob("*.yaml"))
    ]
    for path in paths:
        module_name, _, key = path.rpartition(".")
        module = importlib.import_module(module_name)
        reform = getattr(module, key)
        if module_name == PARAMETRIC_REFORMS:
            data = yaml.safe_load((folder / f"{key}.yaml").read_text(encoding="utf-8"))
            documentation, date_effet = str(data["description"]), str(data["date_effet"])
        else:
            documentation, date_effet = f"{reform.name}\n{module.__doc__}", reform.date_effet
        yield ReformInfo(key, path, str(reform.name), date_effet, documentation), reform(baseline)


def read_tests(folder: Path) -> list[TestCase]:
    """The cases of the YAML tests of `folder` (but `infrastructure/`), in the order of the files."""
    folder = Path(folder)
    cases = []
    for path in sorted(folder.rglob("*.yaml")):
        relative = path.relative_to(folder)
        if relative.parts[0] == "infrastructure":
            continue
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        for number, case in enumerate(content if isinstance(content, list) else [content], 1):
            outputs = set()
            for key, value in (case.get("output") or {}).items():
                if key in ("individus", "familles") and isinstance(value, dict):
                    for person in value.values():
                        outputs.update(person or {})
                else:
                    outputs.add(key)
            reforms = _references(case.get("reforms"))
            reform = reforms[-1].rpartition(".")[2] if reforms else None
            name = " ".join(str(case.get("name", "")).split())
            cases.append(TestCase(relative.as_posix(), number, name, reform, frozenset(outputs)))
    return cases


def build(tests_folder: Path = DEFAULT_TESTS, system=None) -> LegalIndex:
    """The index of a tax-benefit system (by default `CountryTaxBenefitSystem()`) and its tests."""
    from openfisca_residence import CountryTaxBenefitSystem

    system = system or CountryTaxBenefitSystem()
    cited = list(_cited(system))
    reforms = []
    for info, reformed in _reforms(system):
        reforms.append(info)
        cited += _cited(reformed, info.key, system)

    known: dict[str, set[str]] = defaultdict(set)
    for _, _, reference, _ in cited:
        for citation in citations(reference):
            if citation.section == "code" and citation.key[1] >= 0:
                known[citation.key[3]].add(citation.key[0])

    found = [(use, date, citations(reference, known)) for use, _, reference, date in cited]
    by_value = defaultdict(set)  # all that a variable, or a parameter's value, cites
    for use, date, citing in found:
        by_value[use, date].update(citing)

    entries: dict = {}
    labels = {use: " ".join(str(label or "").split()) for use, label, _, _ in cited}
    unrecognised: dict = defaultdict(set)

    def add(citation: Citation, use: Use, date: str | None) -> Entry:
        entry = entries.setdefault(
            (citation.section, citation.key), Entry(citation.section, citation.key)
        )
        entry.titles.add(citation.title)
        if citation.date:
            entry.dates.add(citation.date)
        entry.uses.setdefault(use, set())
        if date:
            entry.uses[use].add(date)
        return entry

    for (use, date, citing), (_, _, reference, _) in zip(found, cited, strict=True):
        if not citing and use.reform is None:
            unrecognised[" ".join(reference.split())].add(use)
        for citation in citing:
            entry = add(citation, use, date)
            if citation.section in ("legifrance", "fichier"):
                beside = {c for c in citing if c.section not in ("legifrance", "fichier")}
                context = beside or {
                    c for c in by_value[use, date] if c.section not in ("legifrance", "fichier")
                }
                entry.companions.append({(c.section, c.key) for c in context})
    for info in reforms:
        for citation in citations(info.documentation, known):
            add(citation, Use("reforme", info.key), None)
    return LegalIndex(entries, labels, read_tests(Path(tests_folder)), reforms, known, unrecognised)


# ---------------------------------------------------------------------------------------------
# The Markdown file

INTRODUCTION = """\
# Index juridique

Fichier généré à partir du code par `make index` (ou `openfisca-residence index-juridique`) : ne
pas le modifier à la main. Un test vérifie qu'il est à jour (`tests/infrastructure/test_legal_index.py`).

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
Les libellés des variables et les descriptions des paramètres sont en fin de document.
"""
CODE_ORDER = {code: i for i, code in enumerate(CODES)}


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

    for kind, title in (("variable", "Variables citées"), ("parametre", "Paramètres cités")):
        lines.append(f"\n## {title}\n")
        for use in sorted(
            (u for u in used if u.kind == kind), key=lambda u: (u.name, u.reform or "")
        ):
            lines.append(f"- {_name(use)} — {index.labels[use]}")
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)) + "\n"


# ---------------------------------------------------------------------------------------------
# The command


def write(output: Path | str = DEFAULT_OUTPUT, tests_folder: Path | str = DEFAULT_TESTS) -> str:
    """Build the index and write it to `output` ("-": standard output); return its text."""
    if not Path(tests_folder).is_dir():
        raise FileNotFoundError(f"--tests {tests_folder}: no such folder of YAML tests.")
    text = render(build(Path(tests_folder)))
    if str(output) == "-":
        sys.stdout.write(text)
    else:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        Path(output).write_text(text, encoding="utf-8")
    return text


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--output",
        default=str(DEFAULT_OUTPUT),
        help=f"the Markdown file to write, '-' for the standard output (default {DEFAULT_OUTPUT})",
    )
    parser.add_argument(
        "--tests",
        default=str(DEFAULT_TESTS),
        help=f"the YAML tests folder (default {DEFAULT_TESTS})",
    )


def main(argv=None) -> int:
    """`python -m openfisca_residence.legal_index`: `openfisca-residence index-juridique`."""
    from openfisca_residence import cli

    return cli.main(["index-juridique", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    sys.exit(main())
