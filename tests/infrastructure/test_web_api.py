"""The Web API, started for real with `openfisca serve` on 127.0.0.1 (conftest.py's `api`), and
called over HTTP."""

CASE = {
    "individus": {
        "paulo": {
            "foyer_permanent_france": {"2018-01": False},
            # Present 1 Jan–31 Mar and 17 Sep–21 Dec 2017: the circular's worked example.
            "jours_absence_france": {
                "2017-04": 30,
                "2017-05": 31,
                "2017-06": 30,
                "2017-07": 31,
                "2017-08": 31,
                "2017-09": 16,
                "2017-12": 10,
            },
            "jours_presence_france_retenus": {"2018-01": None},
            "reside_en_france": {"2018-01": None},
        }
    }
}


def test_calculate_the_circulars_fractional_presence(api):
    status, answer = api.call("/calculate", CASE)
    assert status == 200
    paulo = answer["individus"]["paulo"]
    assert paulo["jours_presence_france_retenus"]["2018-01"] == 186
    assert paulo["reside_en_france"]["2018-01"] is True


def test_trace_names_the_conditions(api):
    status, answer = api.call("/trace", CASE)
    assert status == 200
    assert "sejour_principal_france<2018-01>" in answer["trace"]
    assert "foyer_permanent_france<2018-01>" in answer["trace"]


def test_variables_and_parameters_are_listed(api):
    assert "reside_en_france" in api.call("/variables")[1]
    status, variable = api.call("/variable/sejour_principal_france")
    assert status == 200 and "R.115-6" in " ".join(variable["references"])
    status, parameter = api.call("/parameter/residence.sejour_principal.duree_presence_minimale")
    assert status == 200 and parameter["values"]["2007-03-18"] == 180


def test_bad_input_is_a_400_naming_the_field(api):
    case = {
        "individus": {
            "paulo": {
                "jours_absence_france": {"2017-02": 30},
                "reside_en_france": {"2017-02": None},
            }
        }
    }
    status, answer = api.call("/calculate", case)
    assert status == 400
    message = answer["individus"]["paulo"]["jours_absence_france"]["2017-02"]
    assert "individu paulo = 30; expected a whole number of days from 0 to 28" in message
