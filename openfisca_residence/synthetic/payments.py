"""Who is paid each benefit (`percoit_X`), on day 0 and on the first day of each month.

A recipient is drawn after a likely eligibility on the first day (age, resources, group, regular
stay, years of permits authorising work, children), scaled so that the weighted recipients that
day are the published figure (`calibration.recipients`). They are then paid in the months they
are in France and, for a third-country national, while their stay is regular (the health cover
and the CSS also while R.111-4 keeps them; the AME from three months of irregular stay), and for
one in five a few months more, as the file of a caisse shows payments ended late. Benefits paid
to a foyer (RSA, prestations familiales, aides au logement) are declared on its first parent;
children have the health cover of their family.
"""

from __future__ import annotations

import numpy

from openfisca_residence.synthetic.calibration import recipients
from openfisca_residence.synthetic.careers import NO_DATE, PROTECTION
from openfisca_residence.synthetic.families import Families
from openfisca_residence.synthetic.history import History
from openfisca_residence.system.benefits import BENEFITS

YEAR = 365.25
LATE_SHARE, LATE_MONTHS = 0.2, 3  # payments ended up to three months late, for one in five
HEALTH = ("puma", "css")


def draw_payments(
    rng: numpy.random.Generator,
    families: Families,
    history: History,
    present: numpy.ndarray,
    age,
    situation,
    resources,
    cover,
) -> dict[str, numpy.ndarray]:
    """`percoit_X` of each benefit: persons × days (day 0, then the first day of each month)."""
    count = families.count
    third, adult = families.third_country, families.adult
    holder_adult = third & adult
    late = rng.integers(1, LATE_MONTHS + 1, count) * (rng.random(count) < LATE_SHARE)
    regular = _lagged(history.expand(history.regular, False, children_follow=True), late)
    covered = history.covered_until >= history.days[None, :]
    kept = _lagged(history.expand(history.regular | covered, False, children_follow=True), late)
    ame = history.expand(history.ame_state(), False, children_follow=True)
    allowed = {
        benefit: present & numpy.where(holder_adult[:, None], regular, True) for benefit in BENEFITS
    }
    for benefit in HEALTH:  # children covered with their family
        allowed[benefit] = present & numpy.where(third[:, None], kept, True)
    allowed["ame"] = present & third[:, None] & ame

    first = 1  # the first month's first day
    work_since = history.field("work_since")[:, first]
    permit_years = numpy.where(
        work_since != NO_DATE, (history.days[first] - work_since).astype(float) / YEAR, 0.0
    )
    protected = history.field("protection")[:, first] != PROTECTION["aucun"]
    likely = _likely_eligibility(
        families, age, situation, resources, regular[:, first], permit_years, protected, cover
    )
    # The AME's take-up, that of the first day, stays: its recipients follow the irregular stay.
    targets = recipients(str(history.days[first]))
    in_ame = families.weights @ allowed["ame"][:, first]
    likely["ame"] = numpy.full(count, min(targets["ame"] / in_ame, 1.0) if in_ame else 0.0)
    chance = rng.random(count)
    paid = {}
    for benefit in BENEFITS:
        if benefit == "puma":
            chosen = numpy.broadcast_to((chance < 0.995)[:, None], allowed[benefit].shape)
        elif benefit == "ame":
            chosen = numpy.broadcast_to((chance < likely["ame"])[:, None], allowed[benefit].shape)
        else:
            chosen = _drawn(
                chance, families.weights, likely[benefit], allowed[benefit], benefit, history.days
            )
        if benefit in ("puma", "css", "ame"):  # children: the family's
            chosen = chosen[families.head]
        paid[benefit] = chosen & allowed[benefit]
        chance = rng.random(count)
    paid["puma"] &= (cover != "aucune")[:, None] | third[:, None]
    return paid


def _lagged(values: numpy.ndarray, late: numpy.ndarray) -> numpy.ndarray:
    """True on a day, or up to `late` days (of the array: months) after a True."""
    result = values.copy()
    for shift in range(1, LATE_MONTHS + 1):
        shifted = numpy.zeros_like(values)
        shifted[:, shift:] = values[:, :-shift]
        result |= shifted & (late >= shift)[:, None]
    return result


def _likely_eligibility(
    families: Families, age, situation, resources, regular, permit_years, protected, cover
) -> dict[str, numpy.ndarray]:
    """For each benefit but PUMa and the AME, how likely each person is paid it on the first
    day, before the scaling to the published figure."""
    in_group, adult, head = families.in_group, families.adult, families.head
    french, eu, third = in_group["francais"], in_group["ue"], families.third_country
    low = resources < 800
    irregular = third & ~regular
    regular = regular | french | eu
    eu_without_right = situation == "inactif_sans_ressources"
    foyer_head = families.is_head & adult
    eligible_rsa = numpy.select(
        [
            french | protected,
            eu & ~eu_without_right,
            third & regular & (permit_years >= 5),
            eu_without_right | third,
        ],
        [1.0, 0.8, 0.9, 0.25],
        0.02,
    )
    return {
        "rsa": foyer_head * (age >= 25) * low * eligible_rsa,
        "aah": adult * (age >= 20) * (age < 64) * numpy.where(regular, 1.0, 0.3),
        "aspa": adult
        * (age >= 65)
        * (resources < 1_100)
        * numpy.where(third & (permit_years < 10), 0.15, 1.0),
        "asi": adult
        * (age >= 20)
        * (age < 62)
        * numpy.where(regular, 1.0, 0.3)
        * numpy.where(third & (permit_years < 10), 0.15, 1.0),
        "css": (resources[head] < 1_000) * numpy.where(irregular, 0.0, 1.0),
        "prestations_familiales": foyer_head
        * families.has_children
        * numpy.where(irregular, 0.05, 1.0),
        "aide_logement": foyer_head * (resources < 1_600) * numpy.where(irregular, 0.03, 1.0),
    }


def _drawn(chance, weights, probability, allowed, benefit, days) -> numpy.ndarray:
    """Persons × days: recipients drawn with `probability` scaled, day by day, so that the
    weighted recipients allowed that day are the published figure of the day (when no scaled
    probability passes 1). One `chance` a person: a recipient stays one while the figure does
    not fall, and others join as it rises."""
    probability = numpy.asarray(probability, dtype=float)
    expected = (weights * probability) @ allowed
    targets = numpy.array([recipients(str(day))[benefit] for day in days])
    scale = numpy.divide(targets, expected, out=numpy.zeros_like(expected), where=expected > 0)
    return chance[:, None] < numpy.minimum(probability[:, None] * scale[None, :], 1.0)
