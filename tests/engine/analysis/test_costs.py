"""The costs of a reform, on a hand-checked population, and the transitions of health cover."""

import pandas
import pytest

from openfisca_residence.analysis.comparison import compare
from openfisca_residence.analysis.costs import unit_cost

REFORM = "fin_droits_expiration_sejour"


def row(frame, **where):
    for column, value in where.items():
        frame = frame[frame[column] == value]
    assert len(frame) == 1, where
    return frame.iloc[0]


def test_a_month_costs_the_recipients_who_lose_and_the_gainers_who_take_it_up(hand_checked):
    result = compare(hand_checked, [REFORM], ["2027-05", "2027-07", "2027-08"])
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


def test_a_benefit_without_a_published_cost_says_so(hand_checked):
    result = compare(hand_checked, [REFORM], ["2027-05"], benefits=["asi", "puma"])
    asi = row(result.summary, benefit="asi", month="2027-05")
    assert asi.cost_change is None or pandas.isna(asi.cost_change)
    source = row(result.costs, benefit="asi").cost_source
    assert source.startswith("aucun chiffre publié")


def test_the_health_cover_moves_from_puma_to_the_ame_or_to_nothing(hand_checked):
    result = compare(hand_checked, [REFORM], ["2027-07"])
    moves = result.transitions[result.transitions.population == "all"]
    moved = {(r.before, r.after): r.weighted for r in moves.itertuples() if r.weighted}
    # In July, the withdrawn person (since 10 March) has the AME; the expired card (since 1 April)
    # has nothing yet: the AME waits for three months of irregular stay (L.251-1 CASF).
    assert moved == {("puma", "ame"): 20, ("puma", "aucune"): 10}
    reasons = result.uncovered
    assert list(reasons.reason) == ["residence_ininterrompue"]
