"""Every dated parameter value says where its date of effect comes from (issue 15, point 10).

A text published in the Journal officiel takes effect the day after its publication, unless it fixes
its own date (art. 1er du code civil, ordonnance n° 2004-164 du 20 février 2004; for the texts
published before 1 June 2004 the project keeps the same rule, the "jour franc" of the décret of
5 November 1870 never moving a date to another month). So a value's reference gives one of:

- the text's publication, "JORF <day> <month> <year>": the value is then dated the day after,
  unless the reference also quotes the date the text fixes ("en vigueur le ...", "à compter du ...",
  "immédiatement"...);
- the date the text fixes, for a text whose publication is not cited;
- a source outside the JORF, whose own date is the project's choice: a circular, a letter or note of
  a caisse or a ministry, a court decision, a treaty or act published in the Official Journal of the
  European Union, a documented choice of the project.

A series of revaluations (amounts, SMIC), each text fixing its own date, may say it once for the
series, in the parameter's `metadata: date_effet`. The values of the model's first day (1994-01-01)
describe the law then in force: their date is the model's start, not a date of effect.
"""

import re
from datetime import date, timedelta

import pytest
import yaml
from conftest import PARAMETERS, parameter_files, parameters_in

from openfisca_residence.legal_index.references import DATE_PARTS, MONTHS
from openfisca_residence.rules.dates import MODEL_START

JORF = re.compile(r"JORF(?: n° ?\d+)?(?: du)? " + DATE_PARTS.pattern, re.IGNORECASE)
# The date the text fixes; "en vigueur le lendemain" is the rule, not a date of the text's own.
OWN_DATE = re.compile(
    r"en vigueur(?! le lendemain)|à compter d|immédiatement|applicable|date d'effet|à partir du"
    r"|demandes déposées",
    re.IGNORECASE,
)
OUTSIDE_JORF = re.compile(
    r"circulaire|lettre|note d'information|note du|instruction|conseil d'état|cour de cassation"
    r"|cour de justice|CJUE|CJCE|JO UE|JO CE|traité|accord |décision du conseil|choix",
    re.IGNORECASE,
)


def dated_values():
    for path in parameter_files():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for name, parameter in parameters_in(data, str(path.relative_to(PARAMETERS))):
            series = parameter.get("metadata", {}).get("date_effet")
            for day, value in parameter["values"].items():
                reference = value.get("metadata", {}).get("reference") or ""
                texts = reference if isinstance(reference, list) else [reference]
                # A text holding ": " unquoted is read by YAML as a mapping, not as a reference.
                assert all(isinstance(text, str) for text in texts), f"{name} {day}: {reference}"
                yield f"{name} {day}", day, " ".join(texts), series


def publication_dates(reference: str) -> list[date]:
    return [
        date(int(year), MONTHS.index(month.lower()) + 1, 1 if day == "1er" else int(day))
        for day, month, year in JORF.findall(reference)
    ]


def misdated(day: date, reference: str, series) -> list[date]:
    """The publications a value dated `day` should follow by one day, if it does not."""
    published = publication_dates(reference)
    if day == MODEL_START or series or not published or OWN_DATE.search(reference):
        return []
    return [] if day - timedelta(days=1) in published else published


VALUES = list(dated_values())


def test_the_patterns_read_the_references():
    """The patterns find what they look for, or the checks below would check nothing."""
    assert publication_dates("Décret n° 2006-234 (JORF n° 50 du 28 février 2006)") == [
        date(2006, 2, 28)
    ]
    assert publication_dates("arrêté (JORF 1er novembre 2020) ; loi (JORF 18 juin 2020)") == [
        date(2020, 11, 1),
        date(2020, 6, 18),
    ]
    assert sum(bool(publication_dates(reference)) for *_, reference, _ in VALUES) > 20
    assert sum(bool(series) for *_, series in VALUES) > 100
    published = "Loi n° 2005-1579 (JORF n° 295 du 20 décembre 2005, en vigueur le lendemain)"
    assert misdated(date(2005, 12, 20), published, None) == [date(2005, 12, 20)]
    assert misdated(date(2005, 12, 21), published, None) == []
    fixed = "Décret n° 2009-404 (JORF 16 avril 2009, en vigueur le 1er juin 2009)"
    assert misdated(date(2009, 6, 1), fixed, None) == []


@pytest.mark.parametrize(
    ("value", "day", "reference", "series"), VALUES, ids=[v[0] for v in VALUES]
)
def test_every_date_of_effect_has_its_source(value, day, reference, series):
    if day == MODEL_START:
        return
    assert (
        publication_dates(reference)
        or OWN_DATE.search(reference)
        or OUTSIDE_JORF.search(reference)
        or series
    ), f"{value}: the reference gives neither the JORF publication, nor the date the text fixes"


@pytest.mark.parametrize(
    ("value", "day", "reference", "series"), VALUES, ids=[v[0] for v in VALUES]
)
def test_a_text_takes_effect_the_day_after_its_publication(value, day, reference, series):
    published = misdated(day, reference, series)
    assert not published, (
        f"{value}: published {[str(d) for d in published]}, so in force the day after, "
        "unless the reference quotes the date the text fixes"
    )
