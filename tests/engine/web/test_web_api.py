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
    assert status == 200 and parameter["values"]["2007-03-19"] == 180


def test_an_unknown_variable_or_parameter_address_is_a_json_404(api):
    status, answer = api.call("/variable/reside_en_frnace")
    assert (status, answer) == (
        404,
        {
            "error": "No variable 'reside_en_frnace' in this tax and benefit system; did you "
            "mean 'reside_en_france'? /variables lists them."
        },
    )
    status, answer = api.call("/parameter/sejour.maintien_droits.durre")
    assert (status, answer) == (
        404,
        {
            "error": "No parameter 'sejour.maintien_droits.durre' in this tax and benefit "
            "system; did you mean 'sejour.maintien_droits.duree'? /parameters lists them."
        },
    )
    # A parameter asked with '/' is answered with '/' (OpenFisca accepts both).
    status, answer = api.call("/parameter/sejour/maintien_droits/durre")
    assert status == 404
    assert "did you mean 'sejour/maintien_droits/duree'?" in answer["error"]
    assert api.call("/parameter/sejour/maintien_droits/duree")[0] == 200
    status, answer = api.call("/variable/zzzz")
    assert (status, answer) == (
        404,
        {"error": "No variable 'zzzz' in this tax and benefit system; /variables lists them."},
    )


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


EXPIRED_CARD = {
    "individus": {
        "moussa": {
            "nationalite": {"ETERNITY": "ML"},
            "titre_sejour": {"ETERNITY": "carte_sejour_temporaire"},
            "titre_sejour_date_debut": {"ETERNITY": "2016-03-01"},
            "titre_sejour_date_fin": {"ETERNITY": "2017-03-01"},
            "date_fin_maintien_droits": {"2017-06": None},
            "puma_eligible": {"2018-03": None, "2018-04": None},
            "puma_motif_refus": {"2018-04": None},
            "css_eligible": {"2018-03": None},
        }
    }
}


def test_an_expired_card_keeps_health_rights_twelve_months(api):
    status, answer = api.call("/calculate", EXPIRED_CARD)
    assert status == 200
    moussa = answer["individus"]["moussa"]
    assert moussa["date_fin_maintien_droits"]["2017-06"] == "2018-03-01"
    assert moussa["puma_eligible"] == {"2018-03": True, "2018-04": False}
    assert moussa["puma_motif_refus"]["2018-04"] == "titre_expire"
    assert moussa["css_eligible"]["2018-03"] is True


def test_the_italian_jobseeker_is_refused_every_caf_benefit(api):
    case = {
        "individus": {
            "paolo": {
                "nationalite": {"ETERNITY": "IT"},
                "entre_en_france_pour_chercher_emploi": {"ETERNITY": True},
                "inscrit_demandeur_emploi": {"ETERNITY": True},
                "date_arrivee_france": {"ETERNITY": "2017-06-06"},
                **{
                    f"{b}_motif_refus": {"2018-02": None}
                    for b in ("rsa", "aah", "prestations_familiales", "aide_logement")
                },
            },
            "giulia": {
                "nationalite": {"ETERNITY": "IT"},
                "date_naissance": {"ETERNITY": "2012-04-01"},
            },
        },
        "familles": {
            "famille": {
                "parents": ["paolo"],
                "enfants": ["giulia"],
                **{
                    f"{b}_eligible": {"2018-02": None}
                    for b in ("rsa", "prestations_familiales", "aide_logement")
                },
            }
        },
    }
    status, answer = api.call("/calculate", case)
    assert status == 200
    paolo = answer["individus"]["paolo"]
    for benefit in ("rsa", "aah", "prestations_familiales", "aide_logement"):
        assert paolo[f"{benefit}_motif_refus"]["2018-02"] == "demandeur_emploi_ue", benefit
    famille = answer["familles"]["famille"]
    assert not any(
        famille[f"{b}_eligible"]["2018-02"]
        for b in ("rsa", "prestations_familiales", "aide_logement")
    )


def test_a_reform_served_with_reforms(reformed_api):
    case = {
        "individus": {
            "moussa": {
                "nationalite": {"ETERNITY": "MA"},
                "titre_sejour": {"ETERNITY": "carte_sejour_temporaire"},
                "titre_sejour_date_fin": {"ETERNITY": "2027-03-31"},
                "puma_eligible": {"2027-05": None},
            }
        }
    }
    status, answer = reformed_api.call("/calculate", case)
    assert status == 200
    assert answer["individus"]["moussa"]["puma_eligible"]["2027-05"] is False
