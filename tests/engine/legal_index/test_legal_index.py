"""The legal index (docs/index-juridique.md): up to date with the code, and references read right."""

import datetime
from pathlib import Path

import pytest

from openfisca_residence import cli
from openfisca_residence.legal_index import build, citations, render

ROOT = Path(__file__).parents[3]
INDEX = ROOT / "docs" / "index-juridique.md"
CNAF_FILE = "sources/cnaf-lettre-information-2008-02-28-droit-sejour-ue.txt"


@pytest.fixture(scope="module")
def index(tax_benefit_system):
    return build(ROOT / "tests", tax_benefit_system)


def test_the_legal_index_is_up_to_date(index):
    assert render(index) == INDEX.read_text(encoding="utf-8"), (
        "docs/index-juridique.md is not the index of today's code and tests: regenerate it with "
        "`make index` (or `.venv/bin/openfisca-residence index-juridique`) and commit it."
    )


def test_the_command_prints_the_same_index(capsys):
    assert cli.main(["index-juridique", "--output", "-", "--tests", str(ROOT / "tests")]) == 0
    assert capsys.readouterr().out == INDEX.read_text(encoding="utf-8")


def test_every_reference_of_today_s_law_names_a_source(index):
    assert not index.unrecognised


def keys(reference, known=None):
    return [(c.section, c.key[0], c.key[-1]) for c in citations(reference, known)]


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        (  # several articles of two codes, then texts by number
            "Code de la sécurité sociale, art. L.512-2, L.831-1, D.542-1 et R.831-1 (jusqu'au 31 "
            "août 2019) ; code de la construction et de l'habitation, art. L.822-2, R.822-23 et "
            "R.823-2 (ordonnance n° 2019-770 et décret n° 2019-772, depuis le 1er septembre 2019)",
            [
                ("code", "CSS", "L.512-2"),
                ("code", "CSS", "L.831-1"),
                ("code", "CSS", "D.542-1"),
                ("code", "CSS", "R.831-1"),
                ("code", "CCH", "L.822-2"),
                ("code", "CCH", "R.822-23"),
                ("code", "CCH", "R.823-2"),
                ("texte", "ordonnance", "2019-770"),
                ("texte", "décret", "2019-772"),
            ],
        ),
        (  # the code named after its articles; a letter and its source file
            "Loi n° 2007-290 du 5 mars 2007 instituant le droit au logement opposable, art. 63 "
            "(JORF 6 mars 2007) — art. L.262-9-1 CASF, L.380-3 et L.524-1 CSS ; lettre "
            "d'information CNAF du 28 février 2008, § 4 "
            "(sources/cnaf-lettre-information-2008-02-28-droit-sejour-ue.txt)",
            [
                ("fichier", CNAF_FILE, CNAF_FILE),
                ("code", "CASF", "L.262-9-1"),
                ("code", "CSS", "L.380-3"),
                ("code", "CSS", "L.524-1"),
                ("texte", "loi", "2007-290"),
                ("circulaire", "cnaf", 2008),
            ],
        ),
        (  # "…, et code de l'action sociale…, art." names the code of what follows, not before
            "Code de la sécurité sociale, art. L.821-1, et code de l'action sociale et des "
            "familles, art. L.262-1 (résidence en France)",
            [("code", "CSS", "L.821-1"), ("code", "CASF", "L.262-1")],
        ),
        (  # a quotation cites nothing; the alinéa and the ° are not distinguished
            "Code de la sécurité sociale, art. R.111-2, 1°, modifié par le décret n° 2024-361 du "
            "19 avril 2024 (JORF 21 avril 2024, en vigueur le 1er janvier 2025) — « pendant plus "
            "de neuf mois … pour les prestations mentionnées aux articles L.512-1 et L.815-1 »",
            [("code", "CSS", "R.111-2"), ("texte", "décret", "2024-361")],
        ),
        (  # an arrêté by its date, the code named after the article ("du code de…")
            "Arrêté du 10 mai 2017 fixant la liste des titres de séjour prévue au I de l'article "
            "R.111-3 du code de la sécurité sociale (JORF 11 mai 2017)",
            [("code", "CSS", "R.111-3"), ("texte", "arrêté", "2017-05-10")],
        ),
        (  # a Légifrance code article link, an article named without its code
            "CESEDA, art. R.233-7 (décret n° 2020-1734 du 16 décembre 2020, en vigueur le 1er mai "
            "2021), qui reprend R.121-6 — https://www.legifrance.gouv.fr/codes/article_lc/"
            "LEGIARTI000042808052 — « plus d'un an »",
            [
                ("legifrance", "LEGIARTI000042808052", "LEGIARTI000042808052"),
                ("code", "CESEDA", "R.233-7"),
                ("code", "CESEDA", "R.121-6"),
                ("texte", "décret", "2020-1734"),
            ],
        ),
        (  # a circular, a case of the Conseil d'État, the Code civil
            "Conseil d'État, 7 juin 2006, Association Aides et autres, n° 285576 ; circulaire "
            "DSS/2A/DGAS/DHOS n° 2008-04 du 7 janvier 2008 ; Code civil, art. 388",
            [
                ("code", "C. civ.", "388"),
                ("jurisprudence", "ce", "285576"),
                ("circulaire", "circulaire", "2008-04"),
            ],
        ),
        (  # a case of the Cour de cassation, an association agreement, a directive of the Union
            "Cour de cassation, assemblée plénière, 5 avril 2013, n° 11-17.520 : accord "
            "euro-méditerranéen CE-Algérie, art. 68 ; directive 2011/98/UE, art. 12",
            [
                ("europe", "directive", "2011/98/UE"),
                ("europe", "euromed-algerie", "euromed-algerie"),
                ("jurisprudence", "cass", "11-17.520"),
            ],
        ),
        ("Avant la date d'effet de la réforme", []),
    ],
)
def test_a_reference_names_its_sources(reference, expected):
    assert keys(reference) == expected


def test_an_article_named_without_its_code_takes_the_only_code_that_has_it():
    reference = (
        "Circulaire DSS/2A/2B/3A n° 2008-245 du 22 juillet 2008 : condition propre aux aides au "
        "logement, distincte de R.115-6 (sources/controle-residence-r115-6-circulaire-2008-07-22.txt)"
    )
    assert ("code", "CSS", "R.115-6") not in keys(reference)
    assert ("code", "CSS", "R.115-6") in keys(reference, {"R.115-6": {"CSS"}})
    assert ("code", "CSS", "R.115-6") not in keys(reference, {"R.115-6": {"CSS", "CASF"}})


@pytest.mark.parametrize(
    ("spellings", "title"),
    [
        (
            ["Circulaire CNAV 2023-34 du 29 décembre 2023, p. 10", "circulaire CNAV 2023/34"],
            "Circulaire CNAV 2023/34 du 29 décembre 2023",
        ),
        (
            [
                "Lettre d'information CNAF n° 1 du 28 février 2008, § 3",
                "lettre CNAF du 28 février 2008",
                "avant la lettre CNAF de 2008",
            ],
            "Lettre d'information CNAF n° 1 du 28 février 2008",
        ),
        (
            [
                "Note d'information DGAS/1C n° 2005-165 du 24 mars 2005, III",
                "note DGAS n° 2005-165",
            ],
            "Note d'information DGAS/1C n° 2005-165 du 24 mars 2005",
        ),
        (
            [
                "l'ordonnance de 1945",
                "Ordonnance n° 45-2658 du 2 novembre 1945, avant l'article 6-1",
            ],
            "Ordonnance n° 45-2658 du 2 novembre 1945",
        ),
    ],
)
def test_the_spellings_of_a_text_are_one_source(spellings, title):
    found = [c for spelling in spellings for c in citations(spelling)]
    assert len({(c.section, c.key) for c in found}) == 1
    assert max((c.title for c in found), key=len) == title


def test_articles_sort_by_kind_then_number(index):
    entries = [e for e in index.entries.values() if e.section == "code" and e.key[0] == "CASF"]
    order = [e.key[3] for e in sorted(entries, key=lambda e: e.key)]
    assert order.index("L.262-9") < order.index("L.262-9-1") < order.index("R.252-1")
    assert order.index("R.262-2-1") < order.index("R.262-5")
    css = sorted(e.key for e in index.entries.values() if e.key[0] == "CSS")
    assert [k[3] for k in css].index("D.115-1") > [k[3] for k in css].index("R.831-1")


def test_a_text_takes_its_date_from_any_reference(index):
    decree = index.entries["texte", ("décret", "2017-240")]
    assert decree.title == "Décret n° 2017-240 du 24 février 2017"
    assert decree.date == datetime.date(2017, 2, 24)


def test_a_reform_s_test_checks_the_reform_s_variables(index):
    text = render(index)
    line = next(line for line in text.splitlines() if line.startswith("- **art. L.512-2-1**"))
    assert "réforme `ppl_senat_2025_duree_residence`" in line
    assert "`reforms/ppl_senat_2025_duree_residence.yaml`" in line


def test_the_index_lists_each_blind_spot_with_why(index, tax_benefit_system):
    """Issue 15, point 13: what remains uncoded is listed in the index, with its reason."""
    documented = {
        name
        for name, variable in tax_benefit_system.variables.items()
        if "Angle mort" in (variable.documentation or "")
    }
    assert set(index.blind_spots) == documented
    assert "sejour_principal_france" in index.blind_spots
    assert "appréciation de la caisse" in index.blind_spots["sejour_principal_france"]
    text = render(index)
    assert "## Angles morts" in text
    assert "- `sejour_principal_france` — la circulaire recommande" in text
