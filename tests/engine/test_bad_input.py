"""Bad input, door by door: each class of mistake gives one clear message naming the field and the
value — an HTTP 400 (404 for an unknown variable, as OpenFisca's spec says) with a JSON error for
the Web API, never a 500 or a traceback — and nothing else in the batch is lost.

The messages legal experts read (YAML tests, the Web API and its page, `explain` and the files it
reads, parametric reform files) and those of the commands (`simulate`, `compare`, `population`:
their arguments, the line of an error) are in French, the language of the messages by default
(`i18n`); the problems of a population file, argparse's own messages and the months of `--months`
(`system.months`) are in English. A cell quotes a message in the language it is shown in.

| class                   | YAML test (`openfisca test`)  | population file           | Web API JSON            | CLI arguments               | files the CLI reads                    |
|-------------------------|-------------------------------|---------------------------|-------------------------|-----------------------------|----------------------------------------|
| unknown variable        | variable inconnue, vouliez-   | unknown column, did you   | 404, vouliez-vous dire  | --variables : inconnue,     | reform file: paramètre inconnu,        |
|                         | vous dire (input and output)  | mean 'x@YYYY-MM'?         |                         | vouliez-vous dire           | vouliez-vous dire; case: as a YAML test|
| unknown enum value      | attendu l'une des valeurs …;  | unknown enum value, one of| 400, l'une des valeurs  | --reform: unknown, the known| case: l'une des valeurs … (plain text) |
|                         | in output: pas une catégorie  |                           |                         | reforms, did you mean       |                                        |
| unknown reform          | reforms: inconnue, vouliez-   | —                         | —                       | (above: --reform)           | —                                      |
|                         | vous dire                     |                           |                         |                             |                                        |
| impossible date         | une date existante, in output | bad date                  | 400, une date existante | --reform NAME@2027-02-30    | reform date_effet 2026-02-30, case     |
|                         | too                           |                           |                         |                             |                                        |
| wrong type              | 2.5 days, 'peut-etre', [1, 2] | wrong type                | 400: 2.5, 'false', 12,  | --persons deux (argparse)   | reform file: 'trois' for months;       |
|                         |                               |                           | 3 for an enum, [1, 2]   |                             | demo: a YAML test for its population   |
| negative, too many      | hours from 0 to 24 × 28       | value out of its domain   | 400, days from 0 to 28  | --seed -1, --chunk-size 0   | reform file: -4 or 2.5 months, .nan    |
| wrong number of values  | output: 3 values for 2        | —                         | —                       | —                           | —                                      |
|                         | individus                     |                           |                         |                             |                                        |
| missing                 | no output; a family's unknown | missing required column,  | 400, a family's unknown | a required argument         | explain: a case without a period;      |
|                         | person; an unknown test key   | missing value             | person; no individu     |                             | explain --case 3                       |
| period of the wrong size| days for a year; an output for| 'x@2024': one month per   | 400: days for a year; a | --months 2024-01-15,        | explain, demo --month 2027: one        |
|                         | a year; an unreadable period, | column                    | month variable for a    | --start 2024, --months      | month; a YAML syntax error: file,      |
|                         | in output too; a month before |                           | year, a day, ETERNITY,  | 1990-01                     | line and column                        |
|                         | 1994                          |                           | before 1994             |                             |                                        |

Files the CLI reads (a parametric reform file, an `explain` case, the demo's population): one line
naming the file, the key or variable and the value, exit code 2. Nothing lost: a YAML file's other
tests run; a population file's problems are all reported at
once and nothing is computed (no output written); the Web API answers the next request; a CLI
mistake writes nothing.
"""

import re
import textwrap

import pytest
from conftest import openfisca_test

from openfisca_residence import cli

# ---------------------------------------------------------------------------------------------
# YAML test

YAML_CASES = textwrap.dedent(
    """
    - name: good before
      period: 2017-02
      input:
        jours_absence_france: 3
      output:
        reside_en_france: true
    - name: unknown variable
      period: 2017-02
      input:
        individus:
          alice:
            jours_absense_france: 3
      output:
        reside_en_france: [true]
    - name: unknown enum value
      period: 2017-02
      input:
        individus:
          alice:
            titre_sejour: carte_residant
      output:
        sejour_regulier: [false]
    - name: impossible date
      period: 2017-02
      input:
        individus:
          alice:
            date_naissance:
              ETERNITY: 2017-02-29
      output:
        age: [0]
    - name: wrong type days
      period: 2017-02
      input:
        individus:
          alice:
            jours_absence_france: 2.5
      output:
        reside_en_france: [true]
    - name: wrong type boolean
      period: 2017-02
      input:
        foyer_permanent_france: peut-etre
      output:
        reside_en_france: true
    - name: wrong type list
      period: 2017-02
      input:
        individus:
          alice:
            jours_absence_france: [1, 2]
      output:
        reside_en_france: [true]
    - name: too many hours
      period: 2017-02
      input:
        individus:
          alice:
            heures_travail: 700
      output:
        reside_en_france: [true]
    - name: missing output
      period: 2017-02
      input:
        jours_absence_france: 3
    - name: missing person
      period: 2017-02
      input:
        individus:
          alice: {}
        familles:
          f:
            parents: [alice, bob]
      output:
        reside_en_france: [true]
    - name: misspelt key
      period: 2017-02
      inputs:
        jours_absence_france: 3
      output:
        reside_en_france: true
    - name: days for a year
      period: 2017-02
      input:
        individus:
          alice:
            jours_absence_france:
              2017: 100
      output:
        reside_en_france: [true]
    - name: output for a year
      period: 2017-02
      output:
        reside_en_france:
          2017: true
    - name: unreadable period
      period: 2017-13
      output:
        reside_en_france: true
    - name: before the model
      period: 1990-05
      output:
        reside_en_france: true
    - name: unknown enum value in output
      period: 2017-02
      output:
        puma_motif_refus: titre_expirre
    - name: unknown reform
      period: 2017-02
      reforms: openfisca_residence.reforms.loi_2024_42.loi_2024_42_art_19
      output:
        reside_en_france: true
    - name: wrong number of values
      period: 2017-02
      input:
        individus:
          alice: {}
          bob: {}
      output:
        reside_en_france: [true, true, true]
    - name: unreadable output period
      period: 2017-02
      output:
        reside_en_france:
          2017-13: true
    - name: good after
      period: 2017-03
      output:
        reside_en_france: true
    """
)
YAML_EXPECTED = {
    "unknown variable": [
        "input individus/alice : variable inconnue 'jours_absense_france' (vouliez-vous dire "
        "'jours_absence_france' ?)"
    ],
    "unknown enum value": [
        "individus/alice/titre_sejour/2017-02 : individu alice = 'carte_residant' ; attendu "
        "l'une des valeurs aucun, carte_resident,"
    ],
    "impossible date": [
        "individus/alice/date_naissance/ETERNITY : individu alice = '2017-02-29' ; attendu une "
        "date existante écrite AAAA-MM-JJ."
    ],
    "wrong type days": ["individu alice = 2.5 ; attendu un nombre entier."],
    "wrong type boolean": [
        "foyer_permanent_france/2017-02 : individu 0 = 'peut-etre' ; attendu true ou false."
    ],
    "wrong type list": ["individu alice = [1, 2] ; attendu un nombre entier."],
    "too many hours": [
        "individus/alice/heures_travail/2017-02 : individu alice = 700.0 ; attendu un nombre "
        "d'heures de 0 à 24 × 28."
    ],
    "missing output": ["clé 'output' manquante"],
    "missing person": [
        "familles/f/parents : bob figure parmi les parents de f mais pas parmi les individus."
    ],
    "misspelt key": ["clé inconnue 'inputs' (vouliez-vous dire 'input' ?)"],
    "days for a year": [
        "individus/alice/jours_absence_france/2017 : donner une valeur pour un mois à la fois, "
        "par exemple 2017-01, et non pour 2017."
    ],
    "output for a year": [
        "reside_en_france@2017 : demander un mois, par exemple 2017-01, et non 2017."
    ],
    "unreadable period": ["period : période '2017-13' illisible ; écrire un mois AAAA-MM."],
    "before the model": ["reside_en_france@1990-05 : le droit est modélisé de 1994-01 à 2100-12."],
    "unknown enum value in output": [
        "'titre_expirre' n'est pas une catégorie de puma_motif_refus (vouliez-vous dire "
        "'titre_expire' ?)"
    ],
    "unknown reform": [
        "Réforme inconnue 'openfisca_residence.reforms.loi_2024_42.loi_2024_42_art_19' ; "
        "vouliez-vous dire 'openfisca_residence.reforms.loi_2024_42_art_19.loi_2024_42_art_19' ?"
    ],
    "wrong number of values": ["reside_en_france@2017-02 : 3 valeurs pour 2 individus"],
    "unreadable output period": [
        "reside_en_france@2017-13 : période '2017-13' illisible ; écrire un mois AAAA-MM."
    ],
}


@pytest.fixture(scope="module")
def yaml_run(tmp_path_factory):
    """`openfisca test` run once on a file holding one test per mistake, and two good tests."""
    path = tmp_path_factory.mktemp("yaml") / "mistakes.yaml"
    path.write_text(YAML_CASES, encoding="utf-8")
    returncode, output = openfisca_test(path)
    reports = dict(
        re.findall(r"  Test '([^']*)':\n(.*?)(?=\n_{5,}|\n=+ short test summary)", output, re.S)
    )
    return returncode, output, reports


@pytest.mark.parametrize("case", sorted(YAML_EXPECTED))
def test_yaml_test_names_the_mistake(yaml_run, case):
    _, _, reports = yaml_run
    for expected in YAML_EXPECTED[case]:
        assert expected in reports[case]


def test_yaml_test_file_runs_its_other_tests_without_a_traceback(yaml_run):
    code, output, reports = yaml_run
    assert code != 0
    assert f"{len(YAML_EXPECTED)} failed, 2 passed" in output
    assert set(reports) == set(YAML_EXPECTED)
    assert "Traceback" not in output
    assert "Unexpected error" not in output


# ---------------------------------------------------------------------------------------------
# Population file: every class in one file, all reported at once, nothing computed

POPULATION_CSV = textwrap.dedent(
    """\
    person_id,titre_sejour,date_arrivee_france,jours_absence_france@2024-01,jours_absence_france@2024-02,heures_travail@2024-04,jours_absense_france@2024-01,jours_absence_france@2024
    1,carte_residant,2020-01-15,2,3,10,1,5
    2,aucun,2023-02-29,2.5,30,-1,0,5
    ,carte_resident,2019-06-01,0,29,720,0,5
    """
)
POPULATION_EXPECTED = {
    "unknown variable": [
        "unknown column: 1 column: 'jours_absense_france@2024-01' "
        "(did you mean 'jours_absence_france@2024-01'?)"
    ],
    "unknown enum value": [
        "unknown enum value: 1 cell in 1 row and 1 column: "
        "row 1 (person_id 1), titre_sejour = 'carte_residant'. Expected one of aucun,"
    ],
    "impossible date": ["bad date: 1 cell in 1 row", "date_arrivee_france = '2023-02-29'"],
    "wrong type": ["wrong type: 1 cell in 1 row", "jours_absence_france@2024-01 = '2.5'"],
    "negative, too many": [
        "value out of its domain: 2 cells in 1 row and 2 columns",
        "row 2 (person_id 2), jours_absence_france@2024-02 = 30",
        "row 2 (person_id 2), heures_travail@2024-04 = -1.0",
    ],
    "missing": ["missing required column: 1 column: 'weight'", "missing value: 1 cell in 1 row"],
    "period of the wrong size": [
        "'jours_absence_france@2024' (one month per column, not 2024: "
        "write 'jours_absence_france@2024-01')"
    ],
}


@pytest.fixture(scope="module")
def bad_population(tmp_path_factory):
    path = tmp_path_factory.mktemp("population") / "bad.csv"
    path.write_text(POPULATION_CSV, encoding="utf-8")
    return path


@pytest.mark.parametrize("case", sorted(POPULATION_EXPECTED))
def test_population_file_names_every_mistake_at_once(bad_population, capsys, case):
    assert cli.main(["population", "validate", str(bad_population)]) == cli.USAGE_ERROR
    error = capsys.readouterr().err
    assert error.startswith(f"openfisca-residence : erreur : {bad_population}: 8 kinds of problem")
    for expected in POPULATION_EXPECTED[case]:
        assert expected in error
    assert "Traceback" not in error


def test_a_bad_population_file_computes_nothing(bad_population, tmp_path, capsys):
    output = tmp_path / "results.csv"
    arguments = ["simulate", str(bad_population), "--variables", "reside_en_france"]
    arguments += ["--months", "2024-01", "--output", str(output), "--quiet"]
    assert cli.main(arguments) == cli.USAGE_ERROR
    assert "nothing was computed" in capsys.readouterr().err
    assert not output.exists()


# ---------------------------------------------------------------------------------------------
# Web API JSON: one bad person among good ones; the next request is answered

GOOD = {"jours_absence_france": {"2017-02": 3}, "reside_en_france": {"2017-02": None}}


def with_bob(**alice):
    return {"individus": {"bob": GOOD, "alice": {**alice, "reside_en_france": {"2017-02": None}}}}


API_CASES = {
    "unknown variable": (
        with_bob(jours_absense_france={"2017-02": 3}),
        404,
        ["individus", "alice", "jours_absense_france"],
        ["variable inconnue 'jours_absense_france' (vouliez-vous dire 'jours_absence_france' ?)"],
    ),
    "unknown enum value": (
        with_bob(titre_sejour={"2017-02": "carte_residant"}),
        400,
        ["individus", "alice", "titre_sejour", "2017-02"],
        ["individu alice = 'carte_residant' ; attendu l'une des valeurs aucun, carte_resident,"],
    ),
    "impossible date": (
        with_bob(date_naissance={"ETERNITY": "2017-02-29"}),
        400,
        ["individus", "alice", "date_naissance", "ETERNITY"],
        ["individu alice = '2017-02-29' ; attendu une date existante écrite AAAA-MM-JJ."],
    ),
    "wrong type: a fraction of a day": (
        with_bob(jours_absence_france={"2017-02": 2.5}),
        400,
        ["individus", "alice", "jours_absence_france", "2017-02"],
        ["individu alice = 2.5 ; attendu un nombre entier."],
    ),
    "wrong type: a text for a boolean": (
        with_bob(foyer_permanent_france={"2017-02": "false"}),
        400,
        ["individus", "alice", "foyer_permanent_france", "2017-02"],
        ["individu alice = 'false' ; attendu true ou false."],
    ),
    "a fact given for a day": (
        with_bob(date_perte_emploi={"2017-02-03": "2000-01-01"}),
        400,
        ["individus", "alice", "date_perte_emploi", "2017-02-03"],
        ["donner une valeur pour un mois, par exemple 2017-02, une année ou ETERNITY, et non pour"],
    ),
    "a request dated before the law modelled": (
        with_bob(date_demande={"2013-12": "0175-10-19"}),
        400,
        ["individus", "alice", "date_demande", "2013-12"],
        ["individu alice = 0175-10-19 ; attendu une date du 1994-01-01 (premier jour du modèle)"],
    ),
    "wrong type: a number for a date": (
        with_bob(date_arrivee_france={"2017-02": 12}),
        400,
        ["individus", "alice", "date_arrivee_france", "2017-02"],
        ["individu alice = 12 ; attendu une date existante écrite AAAA-MM-JJ."],
    ),
    "wrong type: a number for an enum": (
        with_bob(titre_sejour={"2017-02": 3}),
        400,
        ["individus", "alice", "titre_sejour", "2017-02"],
        ["individu alice = 3 ; attendu l'une des valeurs aucun,"],
    ),
    "wrong type: a list": (
        with_bob(jours_absence_france={"2017-02": [1, 2]}),
        400,
        ["individus", "alice", "jours_absence_france", "2017-02"],
        ["individu alice = [1, 2] ; attendu un nombre entier."],
    ),
    "wrong type: an expression that fails": (
        with_bob(jours_absence_france={"2017-02": "1/0"}),
        400,
        ["individus", "alice", "jours_absence_france", "2017-02"],
        ["individu alice = '1/0' ; attendu un nombre entier."],
    ),
    "too many days": (
        with_bob(jours_absence_france={"2017-02": 29}),
        400,
        ["individus", "alice", "jours_absence_france", "2017-02"],
        ["individu alice = 29 ; attendu un nombre entier de jours de 0 à 28."],
    ),
    "negative hours": (
        with_bob(heures_travail={"2017-02": -1}),
        400,
        ["individus", "alice", "heures_travail", "2017-02"],
        ["individu alice = -1.0 ; attendu un nombre d'heures de 0 à 24 × 28."],
    ),
    "missing person": (
        {"individus": {"bob": GOOD}, "familles": {"f": {"parents": ["bob", "alice"]}}},
        400,
        ["familles", "f", "parents"],
        ["alice figure parmi les parents de f mais pas parmi les individus."],
    ),
    "missing persons": (
        {"familles": {"f": {"parents": ["bob"]}}},
        400,
        ["individus"],
        ["aucun individu : en donner au moins un sous individus."],
    ),
    "days for a year": (
        with_bob(jours_absence_france={"2017": 100}),
        400,
        ["individus", "alice", "jours_absence_france", "2017"],
        ["donner une valeur pour un mois à la fois, par exemple 2017-01, et non pour 2017."],
    ),
    "a month variable for a year": (
        {"individus": {"bob": GOOD, "alice": {"reside_en_france": {"2017": None}}}},
        400,
        ["individus", "alice", "reside_en_france", "2017"],
        ["demander un mois, par exemple 2017-01, et non 2017."],
    ),
    "a month variable for a day": (
        {"individus": {"bob": GOOD, "alice": {"reside_en_france": {"2017-02-03": None}}}},
        400,
        ["individus", "alice", "reside_en_france", "2017-02-03"],
        ["demander un mois, par exemple 2017-02, et non 2017-02-03."],
    ),
    "a month variable for ETERNITY": (
        {"individus": {"bob": GOOD, "alice": {"reside_en_france": {"ETERNITY": None}}}},
        400,
        ["individus", "alice", "reside_en_france", "ETERNITY"],
        ["demander un mois, par exemple 1994-01, et non ETERNITY."],
    ),
    "a month before the model": (
        {"individus": {"bob": GOOD, "alice": {"puma_eligible": {"1990-05": None}}}},
        400,
        ["individus", "alice", "puma_eligible", "1990-05"],
        ["le droit est modélisé de 1994-01 à 2100-12."],
    ),
    "an empty id": (
        {"individus": {"bob": GOOD, "": GOOD}},
        400,
        ["individus", ""],
        [
            "Clé invalide '' dans individus : une clé (entité, identifiant, variable, période) est "
            "un texte non vide sans '/'."
        ],
    ),
    "an axis of an unknown variable": (
        {
            **with_bob(),
            "axes": [[{"name": "jours_absense_france", "count": 3, "min": 0, "max": 28}]],
        },
        400,
        ["axes", "0", "0", "name"],
        ["variable inconnue 'jours_absense_france' (vouliez-vous dire 'jours_absence_france' ?)"],
    ),
    "an axis without a period": (
        {
            **with_bob(),
            "axes": [[{"name": "jours_absence_france", "count": 3, "min": 0, "max": 28}]],
        },
        400,
        ["axes", "0", "0"],
        ["un axe demande 'period' (la situation n'a pas de période par défaut)"],
    ),
    "an axis whose count is no number": (
        {
            **with_bob(),
            "axes": [[{"name": "jours_absence_france", "count": "3", "min": 0, "max": 28}]],
        },
        400,
        ["axes", "0", "0", "count"],
        ["attendu un nombre entier de points, 1 ou plus, et non '3'."],
    ),
    "an id holding a slash": (
        {"individus": {"bob": GOOD, "a/b": GOOD}},
        400,
        ["individus", "a/b"],
        ["Clé invalide 'a/b' dans individus"],
    ),
    "an empty entity": (
        {"individus": {"bob": GOOD}, "": None},
        400,
        [""],
        [
            "Clé invalide '' : une clé (entité, identifiant, variable, période) est un texte non vide"
        ],
    ),
    "a period holding a slash": (
        {"individus": {"bob": GOOD, "alice": {"reside_en_france": {"2017/02": None}}}},
        400,
        ["individus", "alice", "reside_en_france", "2017/02"],
        ["Clé invalide '2017/02' dans individus/alice/reside_en_france"],
    ),
}


def at(answer, path):
    for key in path:
        answer = answer[key]
    return answer


@pytest.mark.parametrize("case", list(API_CASES))
def test_web_api_answers_a_client_error_naming_the_field_then_the_next_request(api, case):
    request, status, path, expected = API_CASES[case]
    for route in ("/calculate", "/trace"):
        code, answer = api.call(route, request)
        assert code == status, answer
        message = at(answer, path)
        for text in expected:
            assert text in message
    code, answer = api.call("/calculate", {"individus": {"bob": GOOD}})
    assert code == 200 and answer["individus"]["bob"]["reside_en_france"]["2017-02"] is True


def test_web_api_answers_a_body_that_is_not_json_with_a_400(api):
    code, answer = api.call("/calculate", raw=b'{"individus": {')
    assert code == 400 and answer["error"].startswith("JSON invalide")


def test_web_api_logged_no_server_error(api):
    with open(api.log, encoding="utf-8") as log:
        text = log.read()
    assert "Traceback" not in text and "Exception on" not in text


# ---------------------------------------------------------------------------------------------
# CLI arguments: one message, exit code 2, nothing written

CLI_CASES = {
    "unknown variable": (
        ["simulate", "{population}", "--variables", "reside_en_france,sejour_reguliere"],
        [
            "--variables : variable inconnue 'sejour_reguliere' (vouliez-vous dire "
            "'sejour_regulier' ?)."
        ],
    ),
    "unknown enum value": (
        ["compare", "{population}", "--reform", "fin_droits_expiration", "--months", "2024-01"],
        [
            "Réforme inconnue 'fin_droits_expiration' (vouliez-vous dire "
            "'fin_droits_expiration_sejour' ?) : donner le nom d'une réforme de "
            "openfisca_residence.reforms (fin_droits_expiration_sejour, loi_2024_42_art_19, "
            "ppl_senat_2025_duree_residence, parametriques.maintien_droits_trois_mois), un fichier de réforme paramétrique YAML, ou "
            "'module:attribut'.",
        ],
    ),
    "impossible date": (
        ["simulate", "{population}", "--reform", "fin_droits_expiration_sejour@2027-02-30"],
        ["the date of effect '2027-02-30' is not an existing date written YYYY-MM-DD"],
    ),
    "wrong type": (
        ["population", "generate", "--persons", "deux", "--output", "{output}"],
        ["argument --persons: invalid int value: 'deux'"],
    ),
    "negative seed": (
        ["population", "generate", "--persons", "3", "--seed", "-1", "--output", "{output}"],
        ["--seed -1 : attendu un nombre entier de 0 ou plus."],
    ),
    "no person in a chunk": (
        ["simulate", "{population}", "--chunk-size", "0"],
        ["--chunk-size : un morceau compte 1 personne ou plus."],
    ),
    "missing argument": (
        ["simulate", "{population}", "--variables", "reside_en_france", "--output", "{output}"],
        ["the following arguments are required: --months"],
    ),
    "a day for a month": (
        ["simulate", "{population}", "--months", "2024-01-15"],
        ["--months '2024-01-15' is not a month"],
    ),
    "a year for a month": (
        ["population", "generate", "--persons", "3", "--start", "2024", "--output", "{output}"],
        ["--start '2024' n'est pas un mois : écrire AAAA-MM."],
    ),
    "a month before the model": (
        ["simulate", "{population}", "--months", "1990-01"],
        ["--months 1990-01: the law is modelled from 1994-01 to 2100-12"],
    ),
}
SIMULATE_DEFAULTS = {
    "--variables": "reside_en_france",
    "--months": "2024-01",
    "--output": "{output}",
}


@pytest.fixture(scope="module")
def small_population(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "population.csv"
    assert cli.main(["population", "generate", "--persons", "5", "--output", str(path)]) == 0
    return path


@pytest.mark.parametrize("case", list(CLI_CASES))
def test_cli_prints_one_message_and_writes_nothing(small_population, tmp_path, capsys, case):
    arguments, expected = CLI_CASES[case]
    if arguments[0] == "simulate" and case != "missing argument":
        for option, value in SIMULATE_DEFAULTS.items():
            if option not in arguments:
                arguments = [*arguments, option, value]
    if arguments[0] != "population":
        arguments = [*arguments, "--quiet"]
    output = tmp_path / "out.csv"
    arguments = [
        a.replace("{population}", str(small_population)).replace("{output}", str(output))
        for a in arguments
    ]
    capsys.readouterr()
    try:
        code = cli.main(arguments)
    except SystemExit as exit:  # argparse's own errors
        code = exit.code
    assert code == cli.USAGE_ERROR
    error = capsys.readouterr().err
    for text in expected:
        assert text in error
    assert "Traceback" not in error
    assert not output.exists()


# ---------------------------------------------------------------------------------------------
# Files the CLI reads: a parametric reform file, an `explain` case, the demo's population


def reform_file(parametres: str, date_effet: str = "2027-01-01") -> str:
    return f"nom: essai\ndescription: Essai\ndate_effet: {date_effet}\nparametres: {parametres}\n"


COMPARE = ["compare", "--synthetic", "20", "--months", "2027-01", "--quiet", "--reform", "{file}"]
EXPLAIN = ["explain", "{file}", "--month", "2018-02"]
DEMO = ["demo", "--file", "{file}"]
FILE_CASES = {
    "unknown variable: a reform's parameter": (
        reform_file("{sejour.maintien_droit.duree: 3}"),
        COMPARE,
        "{file} : paramètre inconnu 'sejour.maintien_droit.duree' (vouliez-vous dire "
        "'sejour.maintien_droits.duree' ?).",
    ),
    "unknown variable: a case's input": (
        "jours_absense_france: {2018-02: 3}\n",
        EXPLAIN,
        "{file} : variable inconnue 'jours_absense_france' (vouliez-vous dire "
        "'jours_absence_france' ?)",
    ),
    "unknown enum value": (
        "individus: {alice: {titre_sejour: {2018-02: carte_residant}}}\n",
        EXPLAIN,
        "{file} : individus/alice/titre_sejour/2018-02 : individu alice = 'carte_residant' ; "
        "attendu l'une des valeurs aucun,",
    ),
    "impossible date: a reform's date of effect": (
        reform_file("{sejour.maintien_droits.duree: 3}", date_effet="2026-02-30"),
        COMPARE,
        "{file} : date_effet : '2026-02-30' n'est pas une date existante écrite AAAA-MM-JJ.",
    ),
    "impossible date: a case's input": (
        "individus: {alice: {titre_sejour_date_fin: {ETERNITY: 2019-02-30}}}\n",
        EXPLAIN,
        "{file} : individus/alice/titre_sejour_date_fin/ETERNITY : individu alice = "
        "'2019-02-30' ; attendu une date existante écrite AAAA-MM-JJ.",
    ),
    "wrong type: a text for months": (
        reform_file("{sejour.maintien_droits.duree: trois}"),
        COMPARE,
        "{file} : le paramètre 'sejour.maintien_droits.duree' prend un nombre (aujourd'hui {now}), "
        "et non 'trois'.",
    ),
    "wrong type: a YAML test for the demo": (
        "- name: un cas\n  period: 2018-01\n  input: {}\n  output: {}\n",
        DEMO,
        "{file} : attendu un dictionnaire de deux clés, 'mois' (AAAA-MM) et 'individus'",
    ),
    "negative months": (
        reform_file("{sejour.maintien_droits.duree: -4}"),
        COMPARE,
        "{file} : le paramètre 'sejour.maintien_droits.duree' ne peut pas prendre -4 : un nombre "
        "de mois de 0 ou plus est attendu, comme toutes ses valeurs jusqu'ici.",
    ),
    "a fraction of a month": (
        reform_file("{sejour.maintien_droits.duree: 2.5}"),
        COMPARE,
        "{file} : le paramètre 'sejour.maintien_droits.duree' ne peut pas prendre 2.5 : un "
        "nombre entier de mois est attendu.",
    ),
    "missing: a case's period": (
        "nationalite: FR\n",
        ["explain", "{file}"],
        "{file} : le cas n'a pas de période ; donner le mois à expliquer : --month AAAA-MM.",
    ),
    "missing: a case of the file": (
        "nationalite: FR\n",
        [*EXPLAIN, "--case", "3"],
        "--case 3 : aucun tel cas dans {file} ; donner son numéro ou son nom (1: (sans nom)).",
    ),
    "a year for a month: explain": (
        "nationalite: FR\n",
        ["explain", "{file}", "--month", "2027"],
        "--month '2027' : demander un mois, par exemple 2027-01, et non 2027.",
    ),
    "a year for a month: demo": (
        "mois: 2018-01\nindividus: {alice: {}}\n",
        [*DEMO, "--month", "2018"],
        "--month '2018' : demander un mois, par exemple 2018-01, et non 2018.",
    ),
    "YAML syntax": (
        "individus:\n  alice: {date_naissance: [1980\n",
        EXPLAIN,
        "{file}, ligne 3, colonne 1 : YAML invalide : expected ',' or ']', but got "
        "'<stream end>' (while parsing a flow sequence).",
    ),
}


@pytest.mark.parametrize("case", list(FILE_CASES))
def test_a_file_the_cli_reads_gets_one_line_naming_it(tmp_path, capsys, case, tax_benefit_system):
    from openfisca_residence.cli import demo

    content, arguments, expected = FILE_CASES[case]
    path = tmp_path / "fichier.yaml"
    path.write_text(content, encoding="utf-8")
    arguments = [argument.replace("{file}", str(path)) for argument in arguments]
    if arguments[0] == "demo":
        code, prefix = demo.main(arguments[1:]), "demo : erreur : "
    else:
        code, prefix = cli.main(arguments), "openfisca-residence : erreur : "
    assert code == cli.USAGE_ERROR
    error = capsys.readouterr().err
    now = tax_benefit_system.parameters.sejour.maintien_droits.duree.values_list[0].value
    assert error.startswith(
        prefix + expected.replace("{file}", str(path)).replace("{now}", str(now))
    )
    assert error.endswith("\n") and error.count("\n") == 1
    assert "Traceback" not in error and "{'" not in error
