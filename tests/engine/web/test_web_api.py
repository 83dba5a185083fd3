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


def test_with_axes_each_asked_value_is_the_list_along_the_axis(api):
    """The axis varies the first person's days abroad in January (0, 14, 28); Core's handler and
    this API's before it answered 500 (the persons renamed p0, q1... along the axis)."""
    asked = {"jours_absence_france_hors_etudes": {"2024-01": None}}
    case = {
        "individus": {"p": asked, "q": {**asked, "jours_absence_france": {"2024-01": 5}}},
        "familles": {"f": {"parents": ["p", "q"], "nb_enfants": {"2024-01": None}}},
        "axes": [
            [{"count": 3, "name": "jours_absence_france", "min": 0, "max": 28, "period": "2024-01"}]
        ],
    }
    status, answer = api.call("/calculate", case)
    assert status == 200, answer
    persons = answer["individus"]
    assert persons["p"]["jours_absence_france_hors_etudes"]["2024-01"] == [0, 14, 28]
    assert persons["q"]["jours_absence_france_hors_etudes"]["2024-01"] == [5, 5, 5]
    assert answer["familles"]["f"]["nb_enfants"]["2024-01"] == [0, 0, 0]


def test_trace_names_the_conditions(api):
    status, answer = api.call("/trace", CASE)
    assert status == 200
    assert "sejour_principal_france<2018-01>" in answer["trace"]
    assert "foyer_permanent_france<2018-01>" in answer["trace"]


def test_variables_and_parameters_are_listed(api, tax_benefit_system):
    assert "reside_en_france" in api.call("/variables")[1]
    status, variable = api.call("/variable/sejour_principal_france")
    assert status == 200 and "R.115-6" in " ".join(variable["references"])
    status, parameter = api.call("/parameter/residence.sejour_principal.duree_presence_minimale")
    served = tax_benefit_system.parameters.residence.sejour_principal.duree_presence_minimale
    assert status == 200
    assert parameter["values"] == {str(item.instant_str): item.value for item in served.values_list}


def test_an_unknown_variable_or_parameter_address_is_a_json_404(api):
    status, answer = api.call("/variable/reside_en_frnace")
    assert (status, answer) == (
        404,
        {
            "error": "Aucune variable 'reside_en_frnace' dans ce système socio-fiscal ; "
            "vouliez-vous dire 'reside_en_france' ? /variables les liste."
        },
    )
    status, answer = api.call("/parameter/sejour.maintien_droits.durre")
    assert (status, answer) == (
        404,
        {
            "error": "Aucun paramètre 'sejour.maintien_droits.durre' dans ce système "
            "socio-fiscal ; vouliez-vous dire 'sejour.maintien_droits.duree' ? /parameters les "
            "liste."
        },
    )
    # A parameter asked with '/' is answered with '/' (OpenFisca accepts both).
    status, answer = api.call("/parameter/sejour/maintien_droits/durre")
    assert status == 404
    assert "vouliez-vous dire 'sejour/maintien_droits/duree' ?" in answer["error"]
    assert api.call("/parameter/sejour/maintien_droits/duree")[0] == 200
    status, answer = api.call("/variable/zzzz")
    assert (status, answer) == (
        404,
        {"error": "Aucune variable 'zzzz' dans ce système socio-fiscal ; /variables les liste."},
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
    assert message == "individu paulo = 30 ; attendu un nombre entier de jours de 0 à 28."


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


def answer_of(explained: dict, benefit: str, who: str) -> dict:
    """The answer of `/explain` for `benefit` and the person or family `who`."""
    (found,) = [b for b in explained["benefits"] if b["benefit"] == benefit]
    (answer,) = [a for a in found["answers"] if a["id"] == who]
    return answer


def test_explain_answers_the_decision_reason_article_and_deciding_dates_over_http(api):
    """The seed scenario of the CST holder: PUMa kept in March 2018 until the end of the keeping of
    rights (R.111-4, a year after the card expired on 1 March 2017), refused in April."""
    facts = EXPIRED_CARD["individus"]["moussa"].items()
    situation = {"individus": {"moussa": {name: v for name, v in facts if "ETERNITY" in v}}}
    status, march = api.call("/explain?period=2018-03", situation)
    assert status == 200 and march["period"] == "2018-03"
    assert len(march["benefits"]) == 9
    puma = answer_of(march, "puma", "moussa")
    assert puma["eligible"] is True and puma["reason"] is None
    dates = {date["variable"]: (date["value"], date["text"]) for date in puma["dates"]}
    assert dates["date_fin_maintien_droits"] == ("2018-03-01", "1er mars 2018")
    conditions = {node["variable"]: node["text"] for node in puma["tree"]}
    assert conditions == {"puma_condition_residence": "oui", "puma_condition_sejour": "oui"}
    status, april = api.call("/explain?period=2018-04&benefit=puma", situation)
    assert status == 200 and [b["benefit"] for b in april["benefits"]] == ["puma"]
    refused = answer_of(april, "puma", "moussa")
    assert refused["eligible"] is False
    assert refused["reason"]["code"] == "titre_expire"
    assert refused["reason"]["article"] == "CSS, R.111-4"
    assert refused["reason"]["link"].startswith("https://www.legifrance.gouv.fr/")
    assert "Titre de séjour expiré" in refused["reason"]["label"]


def test_explain_refuses_text_that_is_not_json_with_a_400_whatever_its_type(api):
    for content_type in ("text/plain", "application/json"):
        status, answer = api.call(
            "/explain?period=2018-03", raw=b"moussa, ML, 2018", content_type=content_type
        )
        assert status == 400
        assert answer["error"].startswith("JSON invalide : ")
    for period in ("03/2018", "2040-18", "2040-00"):  # 2040-18: found by the fuzzer (500)
        status, answer = api.call(f"/explain?period={period}", {"individus": {"moussa": {}}})
        assert status == 400 and answer["error"].startswith("period : donnez un mois de 1994-01")


def test_an_unknown_address_and_a_wrong_method_are_answered_in_json(api):
    assert api.call("/nulle-part") == (
        404,
        {"error": "Aucune adresse de ce nom dans cette API Web ; /spec les liste."},
    )
    assert api.call("/explain") == (
        405,
        {
            "error": "405 : la méthode GET n'est pas admise à l'adresse /explain ; elle accepte "
            "OPTIONS, POST."
        },
    )
    assert api.call("/calculate", method="DELETE")[0] == 405
    assert api.call("/nulle-part?lang=en") == (
        404,
        {"error": "No such address in this Web API; /spec lists them."},
    )
