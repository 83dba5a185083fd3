"""Inputs are checked at the door and spread over months (openfisca_residence.inputs); a value
refused is named with the variable, the period, the person and the value, in French by default."""

import numpy
import pytest
from openfisca_core.errors import SituationParsingError

from openfisca_residence import i18n
from openfisca_residence.rules.inputs import InvalidInputError, value_problem
from openfisca_residence.system.situations import SituationBuilder


def build(tax_benefit_system, individus, period="2017-02"):
    builder = SituationBuilder()
    builder.set_default_period(period)
    return builder.build_from_entities(tax_benefit_system, {"individus": individus})


@pytest.mark.parametrize(
    ("month", "days", "limit"),
    [("2017-02", -1, 28), ("2017-02", 29, 28), ("2016-02", 30, 29), ("2017-04", 31, 30)],
)
def test_impossible_days_of_absence_name_variable_period_person_and_value(
    tax_benefit_system, month, days, limit
):
    with pytest.raises(SituationParsingError) as error:
        build(tax_benefit_system, {"alice": {"jours_absence_france": {month: days}}})
    message = str(error.value)
    assert "jours_absence_france" in message
    assert month in message
    assert f"individu alice = {days}" in message
    assert f"attendu un nombre entier de jours de 0 à {limit}." in message


def test_the_last_day_of_a_leap_february_is_accepted(tax_benefit_system):
    simulation = build(tax_benefit_system, {"alice": {"jours_absence_france": {"2016-02": 29}}})
    assert simulation.calculate("jours_presence_france", "2016-02")[0] == 0


def test_direct_set_input_is_checked_too(tax_benefit_system):
    simulation = build(tax_benefit_system, {"alice": {}, "bob": {}})
    with pytest.raises(
        InvalidInputError,
        match=r"^Valeur refusée pour jours_absence_france, période 2017-02 : individu bob = 31 ; "
        r"attendu un nombre entier de jours de 0 à 28\.$",
    ):
        simulation.set_input("jours_absence_france", "2017-02", [3, 31])


def test_every_bad_person_is_counted(tax_benefit_system):
    individus = {f"p{i}": {"jours_absence_france": {"2017-02": -i - 1}} for i in range(8)}
    with pytest.raises(SituationParsingError, match="individu p4 = -5 et 3 autres ; attendu"):
        build(tax_benefit_system, individus)


def test_a_number_of_days_for_a_year_is_refused(tax_benefit_system):
    with pytest.raises(
        SituationParsingError,
        match="donner une valeur pour un mois à la fois, par exemple 2017-01, et non pour 2017",
    ):
        build(tax_benefit_system, {"alice": {"jours_absence_france": {"2017": 100}}})


def test_an_impossible_date_is_named(tax_benefit_system):
    with pytest.raises(SituationParsingError, match="2017-02-30"):
        build(tax_benefit_system, {"alice": {"date_arrivee_france": {"2017-02": "2017-02-30"}}})


def test_a_year_value_is_copied_to_each_month_without_overwriting_a_month(tax_benefit_system):
    simulation = build(
        tax_benefit_system,
        {"alice": {"foyer_permanent_france": {"2017": False, "2017-05": True}}},
    )
    assert not simulation.calculate("foyer_permanent_france", "2017-01")[0]
    assert simulation.calculate("foyer_permanent_france", "2017-05")[0]
    assert not simulation.calculate("foyer_permanent_france", "2017-12")[0]
    assert simulation.calculate("foyer_permanent_france", "2018-01")[0]  # the default again


def test_an_eternity_value_stands_for_every_month(tax_benefit_system):
    simulation = build(
        tax_benefit_system,
        {"alice": {"date_arrivee_france": {"ETERNITY": "2016-05-02", "2017-06": "2017-06-01"}}},
    )
    assert str(simulation.calculate("date_arrivee_france", "1994-01")[0]) == "2016-05-02"
    assert str(simulation.calculate("date_arrivee_france", "2017-06")[0]) == "2017-06-01"
    assert str(simulation.calculate("date_arrivee_france", "2040-12")[0]) == "2016-05-02"


def test_an_eternity_value_is_refused_for_a_number_given_month_by_month(tax_benefit_system):
    with pytest.raises(
        SituationParsingError,
        match="donner une valeur pour un mois à la fois, par exemple 1994-01, et non pour ETERNITY",
    ):
        build(tax_benefit_system, {"alice": {"jours_absence_france": {"ETERNITY": 3}}})


@pytest.mark.parametrize("code", ["it", "ITA", "ZZ", "I"])
def test_a_country_code_must_be_iso_in_capitals(tax_benefit_system, code):
    with pytest.raises(SituationParsingError) as error:
        build(tax_benefit_system, {"alice": {"nationalite": {"2017": code}}})
    assert error.value.error["individus"]["alice"]["nationalite"]["2017"] == (
        f"individu alice = '{code}' ; attendu un code pays ISO 3166-1 alpha-2 en majuscules (FR, "
        "IT, GB...), ou XX pour un apatride."
    )


def test_an_unknown_document_type_lists_the_known_ones(tax_benefit_system):
    with pytest.raises(SituationParsingError) as error:
        build(tax_benefit_system, {"alice": {"titre_sejour": {"2017": "carte_residant"}}})
    message = error.value.error["individus"]["alice"]["titre_sejour"]["2017"]
    assert message.startswith(
        "individu alice = 'carte_residant' ; attendu l'une des valeurs aucun, carte_resident,"
    )


def test_negative_hours_are_refused(tax_benefit_system):
    with pytest.raises(SituationParsingError, match=r"heures_travail.*individu alice = -1"):
        build(tax_benefit_system, {"alice": {"heures_travail": {"2017-02": -1}}})


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ({"ETERNITY": "2016-03-01"}, {"2017-01": "2016-01-01"}),
        ({"2017": "2016-03-01"}, {"ETERNITY": "2016-01-01"}),
        ({"2017-01": "2016-03-01"}, {"2017-01": "2016-02-29"}),
    ],
)
def test_a_document_ending_before_it_starts_is_refused(tax_benefit_system, start, end):
    with pytest.raises(SituationParsingError) as error:
        build(
            tax_benefit_system,
            {"alice": {"titre_sejour_date_debut": start, "titre_sejour_date_fin": end}},
        )
    (period, message) = next(
        iter(error.value.error["individus"]["alice"]["titre_sejour_date_fin"].items())
    )
    assert message.startswith("individu alice = 2016-0")
    assert message.endswith(
        " : date antérieure à titre_sejour_date_debut (2016-03-01 pour individu alice)."
    )
    assert period in ("2017-01", "ETERNITY")


def test_a_document_ending_the_day_it_starts_is_accepted(tax_benefit_system):
    build(
        tax_benefit_system,
        {
            "alice": {
                "titre_sejour_date_debut": {"2017-01": "2017-01-05"},
                "titre_sejour_date_fin": {"2017-01": "2017-01-05"},
            }
        },
    )


@pytest.mark.parametrize(
    ("variable", "value", "problem"),
    [
        ("foyer_permanent_france", True, None),
        ("foyer_permanent_france", 0, None),
        ("foyer_permanent_france", "false", "attendu true ou false"),
        ("foyer_permanent_france", 7, "attendu true ou false"),
        ("jours_absence_france", 3.0, None),
        ("jours_absence_france", "1 + 2", None),
        ("jours_absence_france", 2.5, "attendu un nombre entier"),
        ("jours_absence_france", True, "attendu un nombre entier"),
        ("jours_absence_france", "1/0", "attendu un nombre entier"),
        ("jours_absence_france", 2**40, "attendu un nombre entier de -2147483648 à 2147483647"),
        ("heures_travail", float("inf"), "attendu un nombre"),
        ("date_arrivee_france", "2016-02-29", None),
        ("date_arrivee_france", "2017-02-29", "attendu une date existante écrite AAAA-MM-JJ"),
        ("date_arrivee_france", "2017-02", "attendu une date existante écrite AAAA-MM-JJ"),
        ("date_arrivee_france", 12, "attendu une date existante écrite AAAA-MM-JJ"),
        ("titre_sejour", "carte_resident", None),
        ("titre_sejour", 3, "attendu l'une des valeurs aucun, carte_resident,"),
        ("nationalite", 12, "attendu un texte"),
        ("jours_absence_france", [1, 2], "attendu un nombre entier"),
    ],
)
def test_a_value_written_by_hand_is_held_to_its_type(tax_benefit_system, variable, value, problem):
    found = value_problem(tax_benefit_system.variables[variable], value)
    assert found == problem or (problem and found.startswith(problem))


def test_numbers_with_a_fraction_are_refused_for_whole_numbers(tax_benefit_system):
    simulation = build(tax_benefit_system, {"alice": {}, "bob": {}})
    with pytest.raises(InvalidInputError, match=r"individu bob = 2.5 ; attendu un nombre entier"):
        simulation.set_input("jours_absence_france", "2017-02", numpy.array([3.0, 2.5]))
    with pytest.raises(InvalidInputError, match=r"individu alice = 'oui' ; attendu true ou false"):
        simulation.set_input("foyer_permanent_france", "2017-02", ["oui", True])


@pytest.mark.parametrize("name", ["titre_sejour_date_fin", "date_naissance"])
def test_a_date_after_the_one_that_stands_for_never_is_refused(tax_benefit_system, name):
    """2999-12-31 stands for "never": a later date would come after every event not happened."""
    with pytest.raises(SituationParsingError) as error:
        build(tax_benefit_system, {"alice": {name: {"2017-02": "3000-01-01"}}})
    assert "individu alice = 3000-01-01 ; attendu une date jusqu'au 2999-12-31" in str(error.value)
    build(tax_benefit_system, {"alice": {name: {"2017-02": "2999-12-31"}}})


def test_a_request_received_before_the_law_is_modelled_is_refused_at_the_door(tax_benefit_system):
    with pytest.raises(SituationParsingError) as error:
        build(tax_benefit_system, {"alice": {"date_demande": {"2018-01": "1993-12-31"}}}, "2018-01")
    assert "attendu une date du 1994-01-01 (premier jour du modèle) au 2999-12-31" in str(
        error.value
    )
    simulation = build(
        tax_benefit_system, {"alice": {"date_demande": {"2018-01": "1994-01-01"}}}, "2018-01"
    )
    assert str(simulation.calculate("date_demande", "2018-01")[0]) == "1994-01-01"


def test_the_messages_are_in_english_on_demand(tax_benefit_system):
    with i18n.in_language("en"), pytest.raises(SituationParsingError) as error:
        build(tax_benefit_system, {"alice": {"jours_absence_france": {"2017-02": 29}}})
    assert error.value.args[0] == (
        "individus/alice/jours_absence_france/2017-02: individu alice = 29; expected a whole "
        "number of days from 0 to 28."
    )
    with i18n.in_language("en"):
        problem = value_problem(tax_benefit_system.variables["titre_sejour"], 3)
    assert problem.startswith("expected one of aucun,")
