"""The costs of a reform, on a hand-checked population, and the transitions of health cover."""

import pandas
import pytest

from openfisca_residence.analysis.comparison import compare
from openfisca_residence.analysis.costs import unit_cost

REFORM = "fin_droits_expiration_sejour"


def population() -> pandas.DataFrame:
    """Four persons, under today's law and with no keeping of rights from 1 January 2027.

    - expired (weight 10): card expired 31 March 2027; PUMa kept 6 months today (to 30 September),
      lost under the reform: irregular from 1 April, the AME in August (more than three months
      on the first day of the month); paid PUMa.
    - french (weight 100): PUMa both ways; paid PUMa and the CSS.
    - undocumented (weight 5): the AME both ways; paid the AME.
    - withdrawn (weight 20): carte de résident withdrawn 10 March 2027; PUMa kept until
      9 September today; under the reform irregular from 10 March, the AME in July; paid PUMa
      and the CSS.
    """
    return pandas.DataFrame(
        {
            "person_id": [1, 2, 3, 4],
            "weight": [10.0, 100.0, 5.0, 20.0],
            "nationalite": ["ML", "FR", "ML", "TN"],
            "titre_sejour": ["carte_sejour_temporaire", "aucun", "aucun", "carte_resident"],
            "titre_sejour_date_fin": ["2027-03-31", None, None, "2030-01-01"],
            "decision_refus_sejour_date": [None, None, None, "2027-03-10"],
            "date_arrivee_france": ["2015-01-01", None, "2020-01-01", "2010-01-01"],
            "percoit_puma": [True, True, False, True],
            "percoit_css": [False, True, False, True],
            "percoit_ame": [False, False, True, False],
        }
    )


def row(frame, **where):
    for column, value in where.items():
        frame = frame[frame[column] == value]
    assert len(frame) == 1, where
    return frame.iloc[0]


def test_a_month_costs_the_recipients_who_lose_and_the_gainers_who_take_it_up():
    result = compare(population(), [REFORM], ["2027-05", "2027-07", "2027-08"])
    puma_cost, css_cost, ame_cost = (unit_cost(b).value for b in ("puma", "css", "ame"))
    assert (puma_cost, css_cost, ame_cost) == (2927, 416, 2396)  # DREES, C2S, Sénat (2023)

    may = row(result.summary, benefit="puma", month="2027-05")
    assert (may.losers, may.losers_recipients) == (30, 30)
    assert may.cost_change == pytest.approx(-30 * puma_cost / 12)
    css = row(result.summary, benefit="css", month="2027-05")
    assert (css.losers, css.losers_recipients) == (30, 20)  # the expired card had no CSS
    assert css.cost_change == pytest.approx(-20 * css_cost / 12)
    assert row(result.summary, benefit="ame", month="2027-05").gainers == 0
    ame = row(result.summary, benefit="ame", month="2027-07")
    assert ame.gainers == 20  # withdrawn: irregular since 10 March, three months passed
    # The AME's take-up of the month under today's law: 5 paid of the 5 meeting the conditions.
    assert ame.take_up == 1
    assert ame.cost_change == pytest.approx(20 * 1 * ame_cost / 12)

    august = row(result.summary, benefit="ame", month="2027-08")
    assert august.gainers == 30
    assert august.cost_change == pytest.approx(30 * ame_cost / 12)
    yearly = row(result.yearly_costs, benefit="puma", year="2027")
    assert yearly.months == 3
    assert yearly.cost_change == pytest.approx(3 * -30 * puma_cost / 12)


def test_a_benefit_without_a_published_cost_says_so():
    result = compare(population(), [REFORM], ["2027-05"], benefits=["asi", "puma"])
    asi = row(result.summary, benefit="asi", month="2027-05")
    assert asi.cost_change is None or pandas.isna(asi.cost_change)
    source = row(result.costs, benefit="asi").cost_source
    assert source.startswith("aucun chiffre publié")


def test_the_health_cover_moves_from_puma_to_the_ame_or_to_nothing():
    result = compare(population(), [REFORM], ["2027-07"])
    moves = result.transitions[result.transitions.population == "all"]
    moved = {(r.before, r.after): r.weighted for r in moves.itertuples() if r.weighted}
    # In July, the withdrawn person (since 10 March) has the AME; the expired card (since 1 April)
    # has nothing yet: the AME waits for three months of irregular stay (L.251-1 CASF).
    assert moved == {("puma", "ame"): 20, ("puma", "aucune"): 10}
    reasons = result.uncovered
    assert list(reasons.reason) == ["residence_ininterrompue"]
