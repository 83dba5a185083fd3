"""`explain`: the decision of each benefit and the chain of conditions, with labels and references."""

from pathlib import Path

import pytest

import openfisca_residence
from openfisca_residence import cli
from openfisca_residence.analysis.explain import explain, load_case, render

CASE = Path(openfisca_residence.__file__).parent / "examples" / "cas_demandeur_emploi_italien.yaml"


def test_the_jobseeker_is_refused_the_rsa_with_the_article_and_the_condition_that_failed():
    case, month = load_case(CASE)
    assert month == "2018-02"
    (rsa,) = explain(case, month, benefits=["rsa"])
    assert rsa.eligible == {"famille": "non"}
    assert "loi n° 2007-290 du 5 mars 2007, art. 63" in rsa.reasons["paolo"]
    sejour = next(c for c in rsa.conditions if c.name == "rsa_condition_sejour<2018-02>")
    assert sejour.values == {"paolo": "non"}
    exclusion = next(c for c in sejour.conditions if c.name == "exclu_demandeur_emploi_ue<2018-02>")
    assert exclusion.values == {"paolo": "oui"}
    assert "Loi n° 2007-290" in exclusion.reference
    text = render([rsa])
    assert "famille famille : refusé" in text
    assert "exclu_demandeur_emploi_ue<2018-02> : paolo = oui" in text


def test_a_reform_and_a_depth(tmp_path):
    case = {
        "nationalite": "MA",
        "titre_sejour": "carte_sejour_temporaire",
        "titre_sejour_date_fin": "2027-03-31",
    }
    (today,) = explain(case, "2027-05", benefits=["puma"], depth=0)
    (reform,) = explain(case, "2027-05", "fin_droits_expiration_sejour", benefits=["puma"], depth=0)
    assert today.eligible == {"0": "oui"}
    assert reform.eligible == {"0": "non"}
    assert reform.reasons["0"].startswith("Titre de séjour expiré au-delà du maintien des droits")
    assert all(not condition.conditions for condition in reform.conditions)


def test_the_command(capsys, tmp_path):
    assert cli.main(["explain", str(CASE), "--depth", "1"]) == 0
    out = capsys.readouterr().out
    assert "RMI puis RSA (rsa_eligible)" in out
    assert "motif pour paolo : Citoyen de l'Union entré en France pour y chercher un emploi" in out
    bad = tmp_path / "bad.yaml"
    bad.write_text("individus: {paolo: {jours_absence_france: {2018-02: 30}}}\n", encoding="utf-8")
    assert cli.main(["explain", str(bad), "--month", "2018-02"]) == 2
    assert "individu paolo = 30" in capsys.readouterr().err


def test_a_family_refused_without_any_reason_says_it_has_no_child_with_the_fact_that_decided():
    case = {
        "individus": {"alice": {"nationalite": {"ETERNITY": "FR"}}},
        "familles": {"f": {"parents": ["alice"]}},
    }
    (family,) = explain(case, "2018-02", benefits=["prestations_familiales"], depth=0)
    assert family.eligible == {"f": "non"}
    assert family.reasons == {}  # alice meets her conditions: no reason of refusal
    assert family.missing["f"].startswith(
        "la famille n'a aucun enfant à charge ; règle : un parent"
    )
    (role,) = family.facts
    assert role.name == "enfant_a_charge<2018-02>"
    assert role.values == {"alice": "non"}
    assert "L.512-1 et L.513-1" in role.reference
    text = render([family])
    assert "motif pour famille f : la famille n'a aucun enfant à charge" in text
    assert "enfant_a_charge<2018-02> : alice = non" in text
    assert "La personne est un enfant à charge de sa famille" in text


def test_a_reason_whose_label_starts_with_aucun_is_shown():
    case = {"nationalite": "MA", "date_arrivee_france": "2010-01-01"}  # no residence document
    (rsa,) = explain(case, "2018-02", benefits=["rsa"], depth=0)
    assert rsa.reasons["0"].startswith("Aucun titre de séjour en cours de validité")
    assert "motif pour 0 : Aucun titre de séjour" in render([rsa])


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
    assert out.count("RMI puis RSA (rsa_eligible)") == 2
    # the second case under its own reform: PuMa refused (today's law keeps it six months)
    assert "motif pour 0 : Titre de séjour expiré au-delà du maintien des droits" in out[second:]
    assert cli.main(["explain", str(path), "--case", "2", "--depth", "0"]) == 0
    chosen = capsys.readouterr().out
    assert chosen.startswith("=== Cas 2/2 : Bob") and "Cas 1/2" not in chosen
    assert cli.main(["explain", str(path), "--case", "Alice, française, en février 2018"]) == 0
    assert capsys.readouterr().out.startswith("=== Cas 1/2 : Alice")
    assert cli.main(["explain", str(path), "--case", "3"]) == 2
    assert capsys.readouterr().err == (
        f"openfisca-residence: error: --case 3: no such case in {path}; give its number or its "
        "name (1: Alice, française, en février 2018; 2: Bob, carte expirée le 31 mars 2027, sans "
        "maintien des droits).\n"
    )


@pytest.mark.parametrize(
    ("content", "arguments", "message"),
    [
        (
            "individus: {alice: {titre_sejour_date_fin: {ETERNITY: 2019-02-30}}}\n",
            ["--month", "2018-02"],
            "{path}: individus/alice/titre_sejour_date_fin/ETERNITY: Invalid input for variable "
            "\"titre_sejour_date_fin\", period ETERNITY: individu alice = '2019-02-30'; expected "
            "an existing date written YYYY-MM-DD.",
        ),
        (
            "period: 2018-02\ninput: {individus: {alice: {titre_sejour: {2018-02: carte_bidon}}}}\n",
            [],
            "{path}: individus/alice/titre_sejour/2018-02: Invalid input for variable "
            "\"titre_sejour\", period 2018-02: individu alice = 'carte_bidon'; expected one of "
            "aucun, carte_resident,",
        ),
        (
            "individus:\n  alice: {date_naissance: [1980\n",
            ["--month", "2018-02"],
            "{path}, line 3, column 1: not valid YAML: expected ',' or ']', but got '<stream end>'",
        ),
        (
            "nationalite: FR\n",
            ["--month", "2027"],
            "--month '2027': ask for one month, such as 2027-01 (YYYY-MM).",
        ),
        ("nationalite: FR\n", [], "{path}: the case has no period; give the month to explain"),
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
    assert error.startswith("openfisca-residence: error: " + message.format(path=path))
    assert error.endswith(".\n") and error.count("\n") == 1
    assert "{'" not in error and "\\'" not in error and "Traceback" not in error
