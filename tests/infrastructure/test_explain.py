"""`explain`: the decision of each benefit and the chain of conditions, with labels and references."""

from pathlib import Path

import openfisca_residence
from openfisca_residence import cli
from openfisca_residence.explain import explain, load_case, render

CASE = Path(openfisca_residence.__file__).parent / "data" / "cas_demandeur_emploi_italien.yaml"


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
