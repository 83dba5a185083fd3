"""The months whose documents of stay are read (`variables/sejour/date_expiration_titres`): the
month asked and the 23 before it, never before the model's first month, and of those only the
months in which someone holds a document."""

from openfisca_core import periods

from openfisca_residence.system.situations import SituationBuilder
from openfisca_residence.variables.sejour.date_expiration_titres import (
    mois_avec_titre,
    mois_de_la_fenetre,
)


def months(texts):
    return [str(period) for period in texts]


def test_the_window_is_the_month_and_the_23_before_it():
    window = months(mois_de_la_fenetre(periods.period("2024-01")))
    assert len(window) == 24
    assert window[:2] == ["2024-01", "2023-12"]
    assert window[-1] == "2022-02"


def test_the_window_stops_at_the_model_s_first_month():
    assert months(mois_de_la_fenetre(periods.period("1995-03")))[-3:] == [
        "1994-03",
        "1994-02",
        "1994-01",
    ]
    assert months(mois_de_la_fenetre(periods.period("1994-01"))) == ["1994-01"]


def test_only_the_months_someone_holds_a_document_are_read(tax_benefit_system):
    situation = {
        "individus": {
            "a": {
                "titre_sejour": {"2023-05": "carte_resident", "2023-09": "recepisse_renouvellement"}
            },
            "b": {"titre_sejour": {"2023-07": "aucun"}},
            "c": {},
        }
    }
    simulation = SituationBuilder().build_from_entities(tax_benefit_system, situation)
    individu = simulation.populations["individu"]
    assert months(mois_avec_titre(individu, periods.period("2024-01"))) == ["2023-09", "2023-05"]
    assert months(mois_avec_titre(individu, periods.period("2023-06"))) == ["2023-05"]
    assert months(mois_avec_titre(individu, periods.period("2023-04"))) == []
