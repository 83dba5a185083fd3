"""What a legal expert reads when a YAML test is wrong: `openfisca test` run as they run it."""

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
