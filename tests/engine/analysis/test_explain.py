"""`explain`: the decision of each benefit and the chain of conditions, with labels and references."""

import json
from pathlib import Path

import pytest

import openfisca_residence
from openfisca_residence import cli
from openfisca_residence.analysis.explain import explain, load_case, render

CASE = Path(openfisca_residence.__file__).parent / "examples" / "cas_demandeur_emploi_italien.yaml"


def test_the_jobseeker_is_refused_the_rsa_with_the_article_and_the_condition_that_decided():
    case, month = load_case(CASE)
    assert month == "2018-02"
    (rsa,) = explain(case, month, benefits=["rsa"])
    assert rsa.eligible == {"famille": False}
    reason = rsa.reasons["paolo"]
    assert reason.code == "demandeur_emploi_ue"
    assert reason.article == "loi n° 2007-290 du 5 mars 2007, art. 63"
    assert reason.link.startswith("https://www.legifrance.gouv.fr/")
    (paolo,) = rsa.persons
    sejour = next(node for node in paolo.tree if node.variable == "rsa_condition_sejour")
    assert (sejour.value, sejour.text, sejour.deciding) == (False, "non", True)
    exclusion = next(n for n in sejour.children if n.variable == "exclu_demandeur_emploi_ue")
    assert (exclusion.text, exclusion.deciding) == ("oui", True)
    assert any("Loi n° 2007-290" in reference for reference in exclusion.references)
    text = render([rsa])
    assert text.splitlines()[0].split() == [
        "Prestation",
        "Qui",
        "Décision",
        "Motif",
        "—",
        "Article",
        "—",
        "Dates",
        "décisives",
    ]
    assert "RMI puis RSA" in text and "la famille  refusé" in text
    assert "[exclu_demandeur_emploi_ue, 2018-02]" in text
    assert "18772" not in render([rsa], everything=True)  # the nationality in words
    assert "Italie (IT)" in render([rsa], everything=True)


def test_the_spouse_who_joins_an_insured_person_has_both_conditions_in_their_place():
    """The PUMa's residence of a family member reads the insured's own conditions, séjour
    included (D.160-2): the séjour condition is still shown as a condition, with what it reads."""
    titre = {
        "nationalite": {"ETERNITY": "MA"},
        "date_arrivee_france": {"ETERNITY": "2019-02-01"},
        "titre_sejour": {"ETERNITY": "carte_sejour_temporaire"},
        "titre_sejour_date_debut": {"ETERNITY": "2019-02-10"},
        "titre_sejour_date_fin": {"ETERNITY": "2020-02-09"},
    }
    case = {
        "individus": {"mari": {"heures_travail": {"2019-03": 151.67}}, "epouse": titre},
        "familles": {"f": {"parents": ["mari", "epouse"]}},
    }
    for benefit in explain(case, "2019-03", benefits=["puma", "css"]):
        epouse = next(person for person in benefit.persons if person.id == "epouse")
        assert epouse.eligible
        roots = {node.variable: node for node in epouse.tree}
        assert set(roots) == {
            f"{benefit.benefit}_condition_residence",
            f"{benefit.benefit}_condition_sejour",
        }
        assert roots[f"{benefit.benefit}_condition_sejour"].children


def test_the_expired_card_keeps_the_puma_until_the_deciding_date_in_words():
    case = {
        "nationalite": {"ETERNITY": "ML"},
        "titre_sejour": {"ETERNITY": "carte_sejour_temporaire"},
        "titre_sejour_date_fin": {"ETERNITY": "2017-03-01"},
    }
    (puma,) = explain(case, "2018-03", benefits=["puma"])
    (person,) = puma.answers
    assert person.id == "la personne" and person.eligible
    dates = {date.variable: date.text for date in person.dates}
    assert dates["date_fin_maintien_droits"] == "1er mars 2018"
    assert "2999-12-31" not in render([puma], everything=True)


def test_a_reform_and_a_depth(tmp_path):
    case = {
        "nationalite": "MA",
        "titre_sejour": "carte_sejour_temporaire",
        "titre_sejour_date_fin": "2027-03-31",
    }
    (today,) = explain(case, "2027-05", benefits=["puma"], depth=0)
    (reform,) = explain(case, "2027-05", "fin_droits_expiration_sejour", benefits=["puma"], depth=0)
    assert today.eligible == {"la personne": True}
    assert reform.eligible == {"la personne": False}
    assert reform.reasons["la personne"].label.startswith(
        "Titre de séjour expiré au-delà du maintien des droits"
    )
    assert all(not node.children for node in reform.persons[0].tree)


def test_the_command(capsys, tmp_path):
    assert cli.main(["explain", str(CASE), "--depth", "1", "--benefit", "rsa"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Prestation")
    assert "## RMI puis RSA (rsa_eligible)" in out
    assert "Citoyen de l'Union entré en France pour y chercher un emploi" in out
    assert "Aides au logement" not in out
    for format, start in (("markdown", "| Prestation |"), ("html", "<!DOCTYPE html>")):
        assert cli.main(["explain", str(CASE), "--benefit", "rsa", "--format", format]) == 0
        assert capsys.readouterr().out.startswith(start)
    assert cli.main(["explain", str(CASE), "--benefit", "rsa", "--format", "json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["benefits"][0]["persons"][0]["reason"]["code"] == "demandeur_emploi_ue"
    assert cli.main(["explain", str(CASE), "--benefit", "rsaa"]) == 2
    assert "--benefit : prestation inconnue 'rsaa' (vouliez-vous dire 'rsa' ?)" in (
        capsys.readouterr().err
    )
    bad = tmp_path / "bad.yaml"
    bad.write_text("individus: {paolo: {jours_absence_france: {2018-02: 30}}}\n", encoding="utf-8")
    assert cli.main(["explain", str(bad), "--month", "2018-02"]) == 2
    assert "individu paolo = 30" in capsys.readouterr().err


def test_a_family_refused_without_any_reason_says_it_has_no_child():
    case = {
        "individus": {"alice": {"nationalite": {"ETERNITY": "FR"}}},
        "familles": {"f": {"parents": ["alice"]}},
    }
    (family,) = explain(case, "2018-02", benefits=["prestations_familiales"], depth=0)
    assert family.eligible == {"f": False}
    assert family.reasons == {}  # alice meets her conditions: no reason of refusal
    assert family.answers[0].missing.startswith(
        "la famille n'a aucun enfant à charge ; règle : un parent"
    )
    assert "famille f  refusé    la famille n'a aucun enfant à charge" in render([family])


def test_a_reason_whose_label_starts_with_aucun_is_shown():
    case = {"nationalite": "MA", "date_arrivee_france": "2010-01-01"}  # no residence document
    (rsa,) = explain(case, "2018-02", benefits=["rsa"], depth=0)
    assert rsa.reasons["la personne"].label.startswith("Aucun titre de séjour en cours de validité")
    assert "la personne : Aucun titre de séjour" in render([rsa])


MULTI = """\
- name: Alice, française, en février 2018
  period: 2018-02
  input: {nationalite: FR}
  output: {puma_eligible: true}
- name: Bob, carte expirée le 31 mars 2027, sans maintien des droits
  period: 2027-05
  reforms: openfisca_residence.reforms.fin_droits_expiration_sejour.fin_droits_expiration_sejour
  input:
    nationalite: MA
    titre_sejour: {ETERNITY: carte_sejour_temporaire}
    titre_sejour_date_fin: {ETERNITY: 2027-03-31}
  output: {puma_eligible: false}
"""


def test_each_case_of_a_file_is_explained_in_turn_under_its_name_or_one_chosen(tmp_path, capsys):
    path = tmp_path / "cas.yaml"
    path.write_text(MULTI, encoding="utf-8")
    assert cli.main(["explain", str(path), "--depth", "0"]) == 0
    out = capsys.readouterr().out
    first = out.index("=== Cas 1/2 : Alice, française, en février 2018 (2018-02) ===")
    second = out.index(
        "=== Cas 2/2 : Bob, carte expirée le 31 mars 2027, sans maintien des droits (2027-05, "
        "réforme openfisca_residence.reforms.fin_droits_expiration_sejour."
    )
    assert first < second
    assert out.count("## RMI puis RSA (rsa_eligible)") == 2
    # the second case under its own reform: PuMa refused (today's law keeps it six months)
    assert "Titre de séjour expiré au-delà du maintien des droits" in out[second:]
    assert cli.main(["explain", str(path), "--case", "2", "--depth", "0"]) == 0
    chosen = capsys.readouterr().out
    assert chosen.startswith("=== Cas 2/2 : Bob") and "Cas 1/2" not in chosen
    assert cli.main(["explain", str(path), "--case", "Alice, française, en février 2018"]) == 0
    assert capsys.readouterr().out.startswith("=== Cas 1/2 : Alice")
    assert cli.main(["explain", str(path), "--case", "3"]) == 2
    assert capsys.readouterr().err == (
        f"openfisca-residence : erreur : --case 3 : aucun tel cas dans {path} ; donner son numéro "
        "ou son nom (1: Alice, française, en février 2018 ; 2: Bob, carte expirée le 31 mars "
        "2027, sans maintien des droits).\n"
    )


@pytest.mark.parametrize(
    ("content", "arguments", "message"),
    [
        (
            "individus: {alice: {titre_sejour_date_fin: {ETERNITY: 2019-02-30}}}\n",
            ["--month", "2018-02"],
            "{path} : individus/alice/titre_sejour_date_fin/ETERNITY : individu alice = "
            "'2019-02-30' ; attendu une date existante écrite AAAA-MM-JJ.",
        ),
        (
            "period: 2018-02\ninput: {individus: {alice: {titre_sejour: {2018-02: carte_bidon}}}}\n",
            [],
            "{path} : individus/alice/titre_sejour/2018-02 : individu alice = 'carte_bidon' ; "
            "attendu l'une des valeurs aucun, carte_resident,",
        ),
        (
            "individus:\n  alice: {date_naissance: [1980\n",
            ["--month", "2018-02"],
            "{path}, ligne 3, colonne 1 : YAML invalide : expected ',' or ']', but got "
            "'<stream end>'",
        ),
        (
            "nationalite: FR\n",
            ["--month", "2027"],
            "--month '2027' : demander un mois, par exemple 2027-01, et non 2027.",
        ),
        (
            "nationalite: FR\n",
            [],
            "{path} : le cas n'a pas de période ; donner le mois à expliquer",
        ),
    ],
    ids=["impossible date", "wrong category", "YAML syntax", "a year", "no month"],
)
def test_a_mistake_in_the_case_or_the_month_is_one_plain_line(
    tmp_path, capsys, content, arguments, message
):
    path = tmp_path / "cas.yaml"
    path.write_text(content, encoding="utf-8")
    assert cli.main(["explain", str(path), *arguments]) == 2
    error = capsys.readouterr().err
    assert error.startswith("openfisca-residence : erreur : " + message.format(path=path))
    assert error.endswith(".\n") and error.count("\n") == 1
    assert "{'" not in error and "\\'" not in error and "Traceback" not in error
