"""Citations: what a reference names. `citations(reference)` reads the sources a reference
names, each normalised to one `Citation` whatever its spelling."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

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
    "C. trav.": ("Code du travail", r"code du travail"),
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
CASSATION = re.compile(
    r"\bCour de cassation,\s*([^,;]+?),\s*(" + DATE + r"),\s*n°\s*(\d{2}-\d{2}\.\d{3})"
)
DIRECTIVE = re.compile(r"\bdirective\s+(\d{2,4}/\d+/(?:CEE?|UE))\b", re.I)
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
    (
        r"\baccord franco-algérien|\baccord entre le Gouvernement de la République française et le "
        r"Gouvernement de la République algérienne",
        "europe",
        "franco-algerien",
        "Accord franco-algérien du 27 décembre 1968 relatif à la circulation, à l'emploi et au séjour en France des ressortissants algériens et de leurs familles",
        "1968-12-27",
    ),
    (
        r"\baccords? euro-méditerranéens?[^;]*?Algérie",
        "europe",
        "euromed-algerie",
        "Accord euro-méditerranéen établissant une association entre la Communauté européenne et l'Algérie, signé le 22 avril 2002",
        "2002-04-22",
    ),
    (
        r"\baccords? euro-méditerranéens?[^;]*?Maroc",
        "europe",
        "euromed-maroc",
        "Accord euro-méditerranéen établissant une association entre les Communautés européennes et le Maroc, signé le 26 février 1996",
        "1996-02-26",
    ),
    (
        r"\baccords? euro-méditerranéens?[^;]*?Tunisie",
        "europe",
        "euromed-tunisie",
        "Accord euro-méditerranéen établissant une association entre les Communautés européennes et la Tunisie, signé le 17 juillet 1995",
        "1995-07-17",
    ),
    (
        r"\bdécision n° 3/80 du conseil d'association",
        "europe",
        "cee-turquie-3-80",
        "Décision n° 3/80 du conseil d'association CEE-Turquie du 19 septembre 1980 (sécurité sociale des travailleurs turcs)",
        "1980-09-19",
    ),
    (
        r"\bconvention de Genève du 28 juillet 1951",
        "europe",
        "convention-refugies",
        "Convention de Genève du 28 juillet 1951 relative au statut des réfugiés",
        "1951-07-28",
    ),
    (
        r"\bconvention de New York du 28 septembre 1954",
        "europe",
        "convention-apatrides",
        "Convention de New York du 28 septembre 1954 relative au statut des apatrides",
        "1954-09-28",
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
    for match in CASSATION.finditer(text):
        date = french_date(match[2])
        title = f"Cour de cassation, {match[1]}, {written_date(date)}, n° {match[3]}"
        result.append(Citation("jurisprudence", ("cass", match[3]), title, date))
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
