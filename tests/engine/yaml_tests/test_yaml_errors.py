"""What a legal expert reads when a YAML test is wrong: `openfisca test` run as they run it."""

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
    assert "variable 'jours_absense_france'" in output
    assert "Did you mean 'jours_absence_france'?" in output
    assert "variable 'reside_en_franc'" in output
    assert "individu 0 = -3; expected a whole number of days from 0 to 28" in output
    assert "individu alice = 29; expected a whole number of days from 0 to 28" in output
    assert "2017-02-30" in output
    assert "expected an existing date written YYYY-MM-DD" in output
    assert "Traceback" not in output
    assert "Unexpected error" not in output


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
        "three values for two persons": "reside_en_france@2017-02: 3 values given for 2 "
        "individus; give one value per individu, in the order of individus, or a single value "
        "without brackets for all.",
        "one value in brackets for two persons": "reside_en_france@2017-02: 1 value given for 2 "
        "individus; give one value per individu, in the order of individus, or a single value "
        "without brackets for all.",
        "two values for one family": "prestations_familiales_eligible@2017-02: 2 values given "
        "for 1 famille; give one value per famille, in the order of familles, or a single value "
        "without brackets for all.",
        "two values for one person named": "reside_en_france@2017-02: 2 values given for "
        "individu alice; give a single value.",
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
        "puma_motif_refus@2018-04: 'titre_expirre' is not a category of puma_motif_refus "
        "(did you mean 'titre_expire'?); expected one of aucun,"
    )
    assert found["unknown category in a list"].startswith(
        "rsa_motif_refus@2017-02: 'pas_de_motif' is not a category of rsa_motif_refus; "
        "expected one of aucun, residence,"
    )
    assert found["impossible date"] == (
        "date_fin_maintien_droits@2017-02: '2018-02-30' cannot be read; "
        "expected an existing date written YYYY-MM-DD."
    )
    assert "differs" not in output


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
        "month 13": 'reside_en_france@2022-13: Invalid period for variable "reside_en_france": '
        "2022-13 cannot be read; it is defined by month: write one month as YYYY-MM."
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
        f"Unknown reform '{package}.fin_droits_expiration_sejour.fin_droit_expiration_sejour'; "
        f"did you mean '{package}.fin_droits_expiration_sejour.fin_droits_expiration_sejour'?"
    )
    assert found["misspelt parametric reform"] == (
        f"Unknown reform '{package}.parametriques.maintien_droit_trois_mois'; "
        f"did you mean '{package}.parametriques.maintien_droits_trois_mois'?"
    )
    assert found["short name with a date"] == (
        "Unknown reform 'ppl_senat_2025@2027-01-01'; did you mean "
        f"'{package}.ppl_senat_2025_duree_residence.ppl_senat_2025_duree_residence'? A YAML "
        "test takes no date of effect: write a parametric reform for another date."
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
        assert found[name].startswith(f"Unknown reform '{reform}';"), found[name]
    assert not marker.exists()
    assert "nothing else" in found["standard module"]


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
        "jours_absence_france/2101-01: Invalid period for an input: 2101-01; the law is modelled "
        "from 1994-01 to 2100-12, with the 24 months before for the history its rules read: give "
        "inputs within 1992-01..2100-12 (ETERNITY for a fact that never changes)."
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
    assert f"{path}, line 5, column 4: not a valid YAML file (did not find expected key)." in output
    assert "Traceback" not in output
    assert "stack trace" not in output
    assert len(output.splitlines()) < 20
