"""What a legal expert reads when a YAML test is wrong: `openfisca test` run as they run it, in
French (the language of the messages by default), English on demand."""

import re
import textwrap

from conftest import openfisca_test

CASES = textwrap.dedent(
    """
    - name: misspelt input
      period: 2017-02
      input:
        jours_absense_france: 3
      output:
        reside_en_france: true
    - name: misspelt output
      period: 2017-02
      output:
        reside_en_franc: true
    - name: negative days
      period: 2017-02
      input:
        jours_absence_france: -3
      output:
        reside_en_france: true
    - name: too many days with entities
      period: 2017-02
      input:
        individus:
          alice:
            jours_absence_france: 29
      output:
        reside_en_france: [true]
    - name: impossible date
      period: 2017-02
      input:
        date_arrivee_france: 2017-02-30
      output:
        reside_en_france: true
    """
)


def test_each_mistake_is_named_without_a_traceback(tmp_path):
    path = tmp_path / "mistakes.yaml"
    path.write_text(CASES, encoding="utf-8")
    returncode, output = openfisca_test(path)
    assert returncode != 0
    assert "5 failed" in output
    assert (
        "input : variable inconnue 'jours_absense_france' (vouliez-vous dire "
        "'jours_absence_france' ?)" in output
    )
    assert (
        "output : variable inconnue 'reside_en_franc' (vouliez-vous dire 'reside_en_france' ?)"
        in output
    )
    assert "individu 0 = -3 ; attendu un nombre entier de jours de 0 à 28." in output
    assert "individu alice = 29 ; attendu un nombre entier de jours de 0 à 28." in output
    assert "2017-02-30" in output
    assert "attendu une date existante écrite AAAA-MM-JJ" in output
    assert "Traceback" not in output
    assert "Unexpected error" not in output
    assert "You tried to calculate" not in output  # no page of advice from OpenFisca


def reports(output: str) -> dict[str, str]:
    """What `openfisca test` prints under each failed test, by the test's name."""
    found = re.findall(r"  Test '([^']*)':\n(.*?)(?=\n_{5,}|\n=+ short test summary)", output, re.S)
    return {name: " ".join(message.split()) for name, message in found}


def run_cases(tmp_path, cases: str) -> tuple[int, str, dict[str, str]]:
    path = tmp_path / "cases.yaml"
    path.write_text(textwrap.dedent(cases), encoding="utf-8")
    returncode, output = openfisca_test(path)
    assert "Traceback" not in output
    return returncode, output, reports(output)


# A test's input with two persons, indented as the cases below.
TWO_PERSONS = "\n      input:\n        individus:\n          alice: {}\n          bob: {}"


def test_a_list_of_expected_values_has_one_value_per_person_or_family(tmp_path):
    cases = f"""
    - name: three values for two persons
      period: 2017-02{TWO_PERSONS}
      output:
        reside_en_france: [true, true, true]
    - name: one value in brackets for two persons
      period: 2017-02{TWO_PERSONS}
      output:
        reside_en_france: [true]
    - name: two values for one family
      period: 2017-02
      input:
        individus:
          alice: {{}}
        familles:
          f: {{parents: [alice]}}
      output:
        prestations_familiales_eligible: {{2017-02: [false, false]}}
    - name: two values for one person named
      period: 2017-02{TWO_PERSONS}
      output:
        individus:
          alice: {{reside_en_france: [true, true]}}
    - name: one value per person, a single value for all, a value per person named
      period: 2017-02{TWO_PERSONS}
      output:
        reside_en_france: [true, true]
        sejour_regulier: true
        individus:
          alice: {{reside_en_france: true}}
          bob: {{reside_en_france: {{2017-02: true}}, sejour_regulier: [true]}}
    """
    returncode, output, found = run_cases(tmp_path, cases)
    assert returncode != 0
    assert "4 failed, 1 passed" in output
    assert found == {
        "three values for two persons": "reside_en_france@2017-02 : 3 valeurs pour 2 individus ; "
        "donner une valeur par individu, dans l'ordre des individus, ou une seule valeur sans "
        "crochets pour tous.",
        "one value in brackets for two persons": "reside_en_france@2017-02 : 1 valeur pour 2 "
        "individus ; donner une valeur par individu, dans l'ordre des individus, ou une seule "
        "valeur sans crochets pour tous.",
        "two values for one family": "prestations_familiales_eligible@2017-02 : 2 valeurs pour "
        "1 famille ; donner une valeur par famille, dans l'ordre des familles, ou une seule "
        "valeur sans crochets pour tous.",
        "two values for one person named": "reside_en_france@2017-02 : 2 valeurs pour individu "
        "alice ; donner une seule valeur.",
    }


def test_a_misspelt_category_in_output_is_named_with_the_admitted_ones(tmp_path):
    cases = """
    - name: misspelt category
      period: 2018-04
      output:
        puma_motif_refus: titre_expirre
    - name: unknown category in a list
      period: 2017-02
      output:
        rsa_motif_refus: {2017-02: [pas_de_motif]}
    - name: impossible date
      period: 2017-02
      output:
        date_fin_maintien_droits: 2018-02-30
    """
    returncode, output, found = run_cases(tmp_path, cases)
    assert returncode != 0
    assert "3 failed" in output
    assert found["misspelt category"].startswith(
        "puma_motif_refus@2018-04 : 'titre_expirre' n'est pas une catégorie de puma_motif_refus "
        "(vouliez-vous dire 'titre_expire' ?) ; attendu l'une des valeurs aucun,"
    )
    assert found["unknown category in a list"].startswith(
        "rsa_motif_refus@2017-02 : 'pas_de_motif' n'est pas une catégorie de rsa_motif_refus ; "
        "attendu l'une des valeurs aucun, residence,"
    )
    assert found["impossible date"] == (
        "date_fin_maintien_droits@2017-02 : '2018-02-30' illisible ; "
        "attendu une date existante écrite AAAA-MM-JJ."
    )
    assert "calculé" not in output


def test_an_unreadable_period_in_output_is_named(tmp_path):
    cases = """
    - name: month 13
      period: 2022-12
      output:
        reside_en_france: {2022-12: true, 2022-13: true}
    - name: good after
      period: 2022-12
      output:
        reside_en_france: {2022-12: true}
    """
    returncode, output, found = run_cases(tmp_path, cases)
    assert returncode != 0
    assert "1 failed, 1 passed" in output
    assert found == {
        "month 13": "reside_en_france@2022-13 : période '2022-13' illisible ; écrire un mois "
        "AAAA-MM."
    }


def test_a_misspelt_reform_is_named_with_the_closest(tmp_path):
    package = "openfisca_residence.reforms"
    cases = f"""
    - name: misspelt reform
      period: 2027-05
      reforms: {package}.fin_droits_expiration_sejour.fin_droit_expiration_sejour
      output:
        reside_en_france: true
    - name: misspelt parametric reform
      period: 2027-05
      reforms: [{package}.parametriques.maintien_droit_trois_mois]
      output:
        reside_en_france: true
    - name: short name with a date
      period: 2027-05
      reforms: ppl_senat_2025@2027-01-01
      output:
        reside_en_france: true
    - name: good reform and parametric reform
      period: 2027-05
      reforms:
        - {package}.fin_droits_expiration_sejour.fin_droits_expiration_sejour
        - {package}.parametriques.maintien_droits_trois_mois
      output:
        reside_en_france: true
    """
    returncode, output, found = run_cases(tmp_path, cases)
    assert returncode != 0
    assert "3 failed, 1 passed" in output
    assert found["misspelt reform"] == (
        f"Réforme inconnue '{package}.fin_droits_expiration_sejour.fin_droit_expiration_sejour' ; "
        "vouliez-vous dire "
        f"'{package}.fin_droits_expiration_sejour.fin_droits_expiration_sejour' ?"
    )
    assert found["misspelt parametric reform"] == (
        f"Réforme inconnue '{package}.parametriques.maintien_droit_trois_mois' ; "
        f"vouliez-vous dire '{package}.parametriques.maintien_droits_trois_mois' ?"
    )
    assert found["short name with a date"] == (
        "Réforme inconnue 'ppl_senat_2025@2027-01-01' ; vouliez-vous dire "
        f"'{package}.ppl_senat_2025_duree_residence.ppl_senat_2025_duree_residence' ? Un test "
        "YAML ne prend pas de date d'effet : écrire une réforme paramétrique pour une autre date."
    )


def test_a_reform_that_is_not_the_packages_is_refused_and_not_imported(tmp_path):
    """A YAML test may come from anyone: its `reforms:` imports nothing but the package's reforms,
    and reads no parametric file outside reforms/parametriques/ (the cases run from tmp_path,
    where a module `piege` would be imported)."""
    marker = tmp_path / "imported"
    (tmp_path / "piege.py").write_text(
        f"import pathlib\npathlib.Path({str(marker)!r}).write_text('x')\nReform = None\n"
    )
    outside = tmp_path / "hors_dossier.yaml"
    outside.write_text((tmp_path / "piege.py").read_text())
    names = {
        "module of the folder": "piege.Reform",
        "standard module": "os.system",
        "absolute path": "openfisca_residence.reforms.parametriques./etc/hostname",
        "relative path": f"openfisca_residence.reforms.parametriques.{'../' * 8}{outside}",
    }
    cases = "".join(
        f"""
    - name: {name}
      period: 2027-05
      reforms: {reform!r}
      output:
        reside_en_france: true"""
        for name, reform in names.items()
    )
    returncode, output, found = run_cases(tmp_path, cases)
    assert returncode != 0 and "4 failed" in output
    for name, reform in names.items():
        assert found[name].startswith(f"Réforme inconnue '{reform}' ;"), found[name]
    assert not marker.exists()
    assert "rien d'autre" in found["standard module"]


def test_an_input_outside_the_modelled_months_is_named(tmp_path):
    cases = """
    - name: input in 2101
      period: 2100-12
      input:
        jours_absence_france:
          2101-01: 3
      output:
        reside_en_france: true
    """
    returncode, _output, found = run_cases(tmp_path, cases)
    assert returncode != 0
    assert found["input in 2101"].endswith(
        "jours_absence_france/2101-01 : une entrée ne peut pas être donnée pour 2101-01 : le droit "
        "est modélisé de 1994-01 à 2100-12, avec les 24 mois précédents pour l'historique que "
        "lisent ses règles ; donner les entrées entre 1992-01 et 2100-12 (ETERNITY pour un fait qui "
        "ne change jamais)."
    )


def test_a_yaml_syntax_error_gives_the_line_and_column(tmp_path):
    path = tmp_path / "mon_cas.yaml"
    path.write_text(
        "- name: Paulo réside en France\n"
        "  period: 2017-02\n"
        "  output:\n"
        "    reside_en_france: true\n"
        "   sejour_regulier: true\n",
        encoding="utf-8",
    )
    returncode, output = openfisca_test(path)
    assert returncode != 0
    assert (
        f"{path}, ligne 5, colonne 4 : YAML invalide : did not find expected key (while parsing "
        "a block mapping)." in output
    )
    assert "Traceback" not in output
    assert "stack trace" not in output
    assert len(output.splitlines()) < 20


def test_every_misspelt_name_is_named_with_the_closest_whatever_else_the_case_holds(tmp_path):
    cases = """
    - name: misspelt input beside other inputs, misspelt outputs
      period: 2018-02
      input:
        nationalite: ML
        titre_sejours: carte_resident
      output:
        sejour_reguliers: true
        reside_en_france: true
    - name: misspelt names under persons and families
      period: 2018-02
      input:
        individus:
          alice: {nationalite: ML, titre_sejours: carte_resident}
        familles:
          f: {parent: [alice]}
      output:
        individus:
          alice: {sejour_reguliers: true}
    - name: no close name
      period: 2018-02
      output:
        zzzz: true
    """
    returncode, output, found = run_cases(tmp_path, cases)
    assert returncode != 0 and "3 failed" in output
    assert found == {
        "misspelt input beside other inputs, misspelt outputs": "input : variable inconnue "
        "'titre_sejours' (vouliez-vous dire 'titre_sejour' ?) ; output : variable inconnue "
        "'sejour_reguliers' (vouliez-vous dire 'sejour_regulier' ?)",
        "misspelt names under persons and families": "input individus/alice : variable inconnue "
        "'titre_sejours' (vouliez-vous dire 'titre_sejour' ?) ; input familles/f : variable "
        "inconnue 'parent' (vouliez-vous dire 'parents' ?) ; output individus/alice : variable "
        "inconnue 'sejour_reguliers' (vouliez-vous dire 'sejour_regulier' ?)",
        "no close name": "output : variable inconnue 'zzzz'",
    }
    assert "You tried to calculate" not in output and "changelog" not in output


def test_a_period_that_cannot_be_read_is_told_the_forms_accepted(tmp_path):
    cases = """
    - name: the case period written the French way
      period: 03/2025
      output:
        reside_en_france: true
    - name: a fact that takes a month, a year or ETERNITY
      period: 2025-03
      input:
        nationalite: {15/03/2025: IT}
      output:
        reside_en_france: true
    - name: a number given month by month
      period: 2025-03
      input:
        individus:
          alice: {jours_absence_france: {mars 2025: 3}}
      output:
        reside_en_france: [true]
    - name: an output asked the French way
      period: 2025-03
      output:
        reside_en_france: {03/2025: true}
    """
    returncode, output, found = run_cases(tmp_path, cases)
    assert returncode != 0 and "4 failed" in output
    assert found == {
        "the case period written the French way": "period : période '03/2025' illisible ; "
        "écrire un mois AAAA-MM, par exemple 2025-03.",
        "a fact that takes a month, a year or ETERNITY": "nationalite : période '15/03/2025' "
        "illisible ; écrire un mois AAAA-MM, une année AAAA ou ETERNITY, par exemple 2025-03.",
        "a number given month by month": "individus/alice/jours_absence_france : période "
        "'mars 2025' illisible ; écrire un mois AAAA-MM.",
        "an output asked the French way": "reside_en_france@03/2025 : période '03/2025' "
        "illisible ; écrire un mois AAAA-MM, par exemple 2025-03.",
    }
    assert "2017" not in output  # OpenFisca's example, a year, which a month variable refuses


def test_a_failure_names_each_person_or_family_that_differs_and_the_month(tmp_path):
    persons = "\n".join(f"          p{n}: {{nationalite: ML}}" for n in range(7))
    cases = f"""
    - name: two persons, one differs
      period: 2025-03
      input:
        individus:
          aminata: {{nationalite: ML, titre_sejour: carte_resident}}
          moussa: {{nationalite: ML}}
      output:
        sejour_regulier: [true, true]
    - name: a family
      period: 2025-03
      input:
        individus:
          aminata: {{nationalite: ML}}
        familles:
          f: {{parents: [aminata]}}
      output:
        rsa_eligible: {{2025-03: true}}
    - name: a person named, a category, a date
      period: 2018-04
      input:
        individus:
          amadou:
            nationalite: {{ETERNITY: ML}}
            titre_sejour: {{ETERNITY: carte_sejour_temporaire}}
            titre_sejour_date_fin: {{ETERNITY: 2017-03-01}}
      output:
        individus:
          amadou: {{date_fin_maintien_droits: 2018-02-28}}
    - name: one person without entities, a number within a margin it exceeds
      period: 2018-01
      absolute_error_margin: 2
      input:
        foyer_permanent_france: false
        jours_absence_france: {{2017-04: 30, 2017-05: 31, 2017-06: 30, 2017-07: 31, 2017-08: 31, 2017-09: 16, 2017-12: 10}}
      output:
        jours_presence_france_retenus: 180
    - name: seven persons differ
      period: 2025-03
      input:
        individus:
{persons}
      output:
        sejour_regulier: true
    - name: within the margin
      period: 2018-01
      absolute_error_margin: 6
      input:
        foyer_permanent_france: false
        jours_absence_france: {{2017-04: 30, 2017-05: 31, 2017-06: 30, 2017-07: 31, 2017-08: 31, 2017-09: 16, 2017-12: 10}}
      output:
        jours_presence_france_retenus: 180
    """
    returncode, output, found = run_cases(tmp_path, cases)
    assert returncode != 0 and "5 failed, 1 passed" in output
    assert found == {
        "two persons, one differs": "sejour_regulier@2025-03 : individu moussa : calculé false, "
        "attendu true.",
        "a family": "rsa_eligible@2025-03 : famille f : calculé false, attendu true.",
        "a person named, a category, a date": "date_fin_maintien_droits@2018-04 : individu "
        "amadou : calculé 2018-03-01, attendu 2018-02-28.",
        "one person without entities, a number within a margin it exceeds": "jours_presence_"
        "france_retenus@2018-01 : calculé 186, attendu 180 ± 2.",
        "seven persons differ": "sejour_regulier@2025-03 : individu p0 : calculé false, attendu "
        "true ; individu p1 : calculé false, attendu true ; individu p2 : calculé false, attendu "
        "true ; individu p3 : calculé false, attendu true ; individu p4 : calculé false, attendu "
        "true et 2 autres.",
    }
    assert "differs from" not in output and "[1. 0.]" not in output


def test_an_output_computed_with_defaults_in_a_month_without_facts_warns_without_failing(
    tmp_path,
):
    cases = """
    - name: facts of January only, an output in December
      period: 2018-01
      input:
        foyer_permanent_france: false
        jours_absence_france: {2017-04: 30, 2017-05: 31, 2017-06: 30, 2017-07: 31, 2017-08: 31, 2017-09: 30, 2017-10: 31}
      output:
        reside_en_france: {2018-01: false, 2018-12: true}
    - name: facts for the year
      period: 2018-01
      input:
        foyer_permanent_france: {2018: false}
        jours_absence_france: {2017-04: 30, 2017-05: 31, 2017-06: 30, 2017-07: 31, 2017-08: 31, 2017-09: 30, 2017-10: 31}
      output:
        reside_en_france: {2018-12: true}
    - name: facts for ever
      period: 2018-01
      input:
        nationalite: {ETERNITY: IT}
      output:
        reside_en_france: {2030-06: true}
    - name: no fact at all
      period: 2018-01
      output:
        reside_en_france: {2030-06: true}
    - name: an output that reads only the past year
      period: 2018-01
      input:
        jours_absence_france: {2017-04: 30, 2017-05: 31, 2017-06: 30, 2017-07: 31, 2017-08: 31, 2017-09: 16, 2017-12: 10}
      output:
        jours_presence_france: {2017-12: 21}
    - name: the days of presence of 2017 read the last arrival of January 2018, given
      period: 2018-01
      input:
        date_arrivee_france: 1990-01-01
        jours_absence_france: {2017-04: 30, 2017-05: 31, 2017-06: 30, 2017-07: 31, 2017-08: 31, 2017-09: 16, 2017-12: 10}
      output:
        sejour_principal_france: true
    """
    returncode, output, _ = run_cases(tmp_path, cases)
    assert returncode == 0 and "6 passed" in output
    warnings = output[output.index(" avertissements ") :]
    assert warnings.count("  Test '") == 1
    assert (
        "  Test 'facts of January only, an output in December':\n    reside_en_france : aucun "
        "fait n'est donné pour 2018-12 (ni pour son année, ni pour ETERNITY) ; les entrées y "
        "prennent leur valeur par défaut." in warnings
    )


def test_the_messages_are_in_english_on_demand(tmp_path):
    path = tmp_path / "cases.yaml"
    path.write_text(
        textwrap.dedent(
            """
            - name: misspelt input
              period: 03/2025
              input:
                titre_sejours: carte_resident
              output:
                sejour_regulier: true
            - name: two persons, one differs
              period: 2025-03
              input:
                individus:
                  aminata: {nationalite: ML, titre_sejour: carte_resident}
                  moussa: {nationalite: ML}
              output:
                sejour_regulier: true
                reside_en_france: {2025-04: true}
            - name: impossible days
              period: 2017-02
              input:
                jours_absence_france: 29
              output:
                reside_en_france: true
            """
        ),
        encoding="utf-8",
    )
    returncode, output = openfisca_test(path, language="en")
    assert returncode != 0
    found = reports(output)
    assert found == {
        "misspelt input": "input: unknown variable 'titre_sejours' (did you mean 'titre_sejour'?)",
        "two persons, one differs": "sejour_regulier@2025-03: individu moussa: computed false, "
        "expected true.",
        "impossible days": "jours_absence_france/2017-02: individu 0 = 29; expected a whole "
        "number of days from 0 to 28.",
    }
    assert "===== warnings =====" not in output  # the failing case stops at its first output
