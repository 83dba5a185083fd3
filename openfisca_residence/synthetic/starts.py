"""Where each third-country career starts: on the first day of the months generated for the
groups present then (with the history before it: the document's dates, the years of regular
stay, the arrival), on the day of arrival for the groups arriving during the months.

The document in force on the first day is drawn for it to be, on average, half through its
validity, so that renewals fall evenly over the months; the years of regular stay before it
follow its level (ten-year cards after five years and more).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy

from openfisca_residence.rules.dates import add_months
from openfisca_residence.synthetic import careers
from openfisca_residence.synthetic.calibration import (
    ASYLUM,
    DOCUMENTS,
    IRREGULAR_ORIGINS,
    PROTECTION_STATUSES,
    RATES,
)
from openfisca_residence.synthetic.careers import (
    ALGERIAN,
    ASYLUM_CLAIM,
    BRITISH,
    CODE,
    FIRST_CALL,
    FIRST_RECEIPT,
    GENERAL,
    IRREGULAR,
    NO_DATE,
    PROTECTED_RECEIPT,
    PROTECTION,
    PROVISIONAL,
    REGULAR,
    RENEWING,
    SAME_KIND,
    YEAR,
    Spell,
    State,
)
from openfisca_residence.synthetic.families import allocate

# The stage, level and route of each document held on the first day (`DOCUMENTS`).
DOCUMENT_STARTS = {
    "carte_resident": (REGULAR, 3, GENERAL),
    "carte_resident_ue_longue_duree": (REGULAR, 3, GENERAL),
    "carte_sejour_pluriannuelle": (REGULAR, 2, GENERAL),
    "carte_sejour_temporaire": (REGULAR, 1, GENERAL),
    "visa_long_sejour_valant_titre": (REGULAR, 0, GENERAL),
    "certificat_residence_algerien": (REGULAR, 3, ALGERIAN),
    "titre_accord_retrait_royaume_uni": (REGULAR, 3, BRITISH),
    "carte_retraite": (REGULAR, 3, SAME_KIND),
    "carte_membre_famille_ue": (REGULAR, 3, SAME_KIND),
    "carte_sejour_permanent_ue": (REGULAR, 3, SAME_KIND),
    "titre_andorran": (REGULAR, 3, SAME_KIND),
    "passeport_monegasque": (REGULAR, 3, SAME_KIND),
    "titre_special_mae": (REGULAR, 3, SAME_KIND),
    "recepisse_premiere_demande": (FIRST_RECEIPT, 1, GENERAL),
    "convocation_premiere_demande": (FIRST_CALL, 1, GENERAL),
    "recepisse_renouvellement": (RENEWING, 2, GENERAL),
    "convocation_renouvellement": (RENEWING, 2, GENERAL),
    "autorisation_provisoire_sejour": (PROVISIONAL, 1, GENERAL),
}
# Years of regular stay before the document held on the first day, by level: drawn between.
YEARS_BEFORE = {0: (0.0, 0.0), 1: (0.0, 3.0), 2: (1.0, 6.0), 3: (5.0, 25.0)}
# Direct arrivals with a first permit, 2024 (DGEF, first permits less regularisations and
# humanitarian ones): students 43 %, family 27 %, economic 19 %, other 11 % (talents: a
# multi-year card at once); Algerians 8.5 % of first permits (29,100 of 343,024).
ARRIVAL_ROUTES = {"etudiant": 0.43, "famille_travail": 0.46, "talent": 0.11}
ALGERIAN_ARRIVALS = 0.085


class Starts(NamedTuple):
    state: State
    arrival: numpy.ndarray  # the day each career holder (last) came to France
    kind: numpy.ndarray  # the document drawn on the first day (or at arrival), for nationality


def start_states(
    rng: numpy.random.Generator,
    group: numpy.ndarray,
    birth: numpy.ndarray,
    age: numpy.ndarray,
    arrival: numpy.ndarray,
    first_day: numpy.datetime64,
) -> Starts:
    """The first spell of each career holder of `group` (a third-country group), born on
    `birth`, `age` years old on `first_day`; `arrival` is the day of the arriving groups."""
    count = len(group)
    state = _empty(count, first_day)
    arrived = numpy.array(arrival, dtype="datetime64[D]")
    adult_on = _years_after(birth, 18)
    _documented(rng, state, arrived, group == "pays_tiers", first_day, adult_on, age)
    _protected(rng, state, arrived, group == "protection", first_day, adult_on)
    _asylum_claims(rng, state, arrived, group == "asile", first_day, None)
    _irregular(rng, state, arrived, group == "sans_titre", first_day, adult_on)
    _arriving_with_permit(rng, state, group == "arrivee_titre", arrived)
    _asylum_claims(rng, state, arrived, group == "arrivee_asile", None, arrived)
    arriving_irregular = group == "arrivee_sans_titre"
    state.stage[arriving_irregular] = IRREGULAR
    state.spell.since[arriving_irregular] = arrived[arriving_irregular]
    arrived = numpy.maximum(arrived, birth)
    state.card[:] = state.spell.kind
    return Starts(state, arrived, state.spell.kind.copy())


def _empty(count: int, first_day) -> State:
    dates = numpy.full(count, NO_DATE)
    spell = Spell(
        since=dates.copy(),
        kind=numpy.full(count, CODE["aucun"], dtype=numpy.int16),
        doc_start=dates.copy(),
        doc_end=dates.copy(),
        refusal=dates.copy(),
        removal=numpy.zeros(count, bool),
        request=dates.copy(),
        student=numpy.zeros(count, bool),
        protection=numpy.full(count, PROTECTION["aucun"], dtype=numpy.int8),
        work_since=dates.copy(),
        regular_since=dates.copy(),
        french=numpy.zeros(count, bool),
        abroad=numpy.zeros(count, bool),
    )
    return State(
        spell,
        stage=numpy.full(count, careers.DONE, dtype=numpy.int8),
        level=numpy.zeros(count, numpy.int8),
        route=numpy.zeros(count, numpy.int8),
        card=numpy.full(count, CODE["aucun"], dtype=numpy.int16),
        decision=dates.copy(),
        granted=numpy.zeros(count, bool),
        leave_at=dates.copy(),
        studies_end=dates.copy(),
        first_day=first_day,
    )


def _documented(rng, state: State, arrival, mask, first_day, adult_on, age) -> None:
    """Adults holding a permit or a provisional document on the first day (`DOCUMENTS`)."""
    rows = numpy.flatnonzero(mask)
    if not len(rows):
        return
    count = len(rows)
    names = numpy.array(list(DOCUMENTS), dtype=object)
    kind_names = names[rng.permutation(allocate(count, DOCUMENTS, True))]
    stage, level, route = (
        numpy.array([DOCUMENT_STARTS[name][i] for name in kind_names]) for i in range(3)
    )
    kind = numpy.array([CODE[name] for name in kind_names], dtype=numpy.int16)
    draw = rng.random((4, count))
    level = numpy.where((route == ALGERIAN) & (draw[0] < 0.2), 1, level)
    months = _validity(kind, level, route, draw[1])
    spell = _spell_of(state, rows)
    before = first_day - 1

    regular = stage == REGULAR
    start = _start_within(rng, before, months)
    end = add_months(start, months) - 1
    # A renewal under way: the last card ended in the last four months (two for a convocation).
    convocation = kind == CODE["convocation_renouvellement"]
    renewing = stage == RENEWING
    last_end = before - _days(rng, 0, numpy.where(convocation, 60, 120), count)
    receipt_start = last_end + 1
    receipt_end = numpy.where(convocation, NO_DATE, add_months(receipt_start, 6) - 1)
    request = last_end - _days(rng, *RATES.request_days, count)
    decision = numpy.maximum(
        numpy.where(convocation, receipt_start + _days(rng, 30, 85, count), first_day),
        first_day + _days(rng, 1, 150, count),
    )
    # A first request under way (a regularisation), or an APS.
    call = stage == FIRST_CALL
    receipt = stage == FIRST_RECEIPT
    provisional = stage == PROVISIONAL
    first_start = before - _days(
        rng, 0, numpy.where(call, 60, numpy.where(receipt, 100, 180)), count
    )
    first_end = numpy.select(
        [call, receipt], [NO_DATE, add_months(first_start, 4) - 1], add_months(first_start, 6) - 1
    )
    first_decision = numpy.maximum(
        first_start + _days(rng, 30, 110, count), first_day + _days(rng, 1, 30, count)
    )

    doc_start = numpy.select([regular, renewing], [start, receipt_start], first_start)
    doc_end = numpy.select([regular, renewing], [end, receipt_end], first_end)
    low, high = (numpy.array([YEARS_BEFORE[int(lv)][i] for lv in level]) for i in (0, 1))
    years_before = numpy.where(regular | renewing | provisional, low + draw[2] * (high - low), 0.0)
    card_start = numpy.where(
        renewing, add_months(receipt_start, -12 * (level == 2) * 4 - 12 * (level < 2)), doc_start
    )
    regular_since = _years_after(card_start, -years_before)
    regular_since = numpy.minimum(numpy.maximum(regular_since, adult_on[rows]), card_start)
    regular_since = numpy.where(call, NO_DATE, regular_since)
    authorising = careers.authorises_work(kind) | renewing
    work_since = numpy.where(authorising & ~receipt & ~call, regular_since, NO_DATE)
    regularised = draw[3] < 0.25  # 26 % of first permits went to persons without a document
    delay = numpy.where(regularised, 1 + 7 * rng.random(count), rng.random(count))
    known_since = numpy.where(call, doc_start, regular_since)
    arrival[rows] = _years_after(
        known_since, -numpy.where(call | receipt, 1 + 9 * rng.random(count), delay)
    )

    student = ((kind == CODE["visa_long_sejour_valant_titre"]) & (draw[0] < 0.35)) | (
        (kind == CODE["carte_sejour_temporaire"]) & (age[rows] <= 30) & (draw[0] < 0.3)
    )
    state.stage[rows] = stage
    state.level[rows] = level
    state.route[rows] = route
    state.decision[rows] = numpy.where(renewing, decision, first_decision)
    state.granted[rows] = rng.random(count) >= numpy.where(
        renewing, numpy.take(RATES.refusal, level), 1 - RATES.granted_first
    )
    state.studies_end[rows] = numpy.where(
        student, _years_after(end, 3 * rng.random(count)), NO_DATE
    )
    spell.update(
        since=doc_start,
        kind=kind,
        doc_start=doc_start,
        doc_end=doc_end,
        request=numpy.where(renewing, request, NO_DATE),
        student=student,
        work_since=work_since,
        regular_since=regular_since,
    )


def _protected(rng, state: State, arrival, mask, first_day, adult_on) -> None:
    """Refugees, subsidiary protection and stateless persons on the first day."""
    rows = numpy.flatnonzero(mask)
    if not len(rows):
        return
    count = len(rows)
    names = numpy.array(list(PROTECTION_STATUSES), dtype=object)
    status = numpy.array(
        [
            PROTECTION[name]
            for name in names[rng.permutation(allocate(count, PROTECTION_STATUSES, True))]
        ],
        dtype=numpy.int8,
    )
    draw = rng.random((3, count))
    refugee = status == PROTECTION["refugie"]
    before = first_day - 1
    # Protected in the last six months, still under the récépissé: ≈ 45,000 adults protected a
    # year (OFPRA and CNDA) wait six months, a twentieth of the protected adults.
    recent = (status != PROTECTION["apatride"]) & (draw[0] < 0.06)
    ten_years = refugee | (draw[1] < 0.4)
    months = numpy.where(ten_years, 120, 48)
    start = numpy.where(
        recent, before - _days(rng, 0, 180, count), _start_within(rng, before, months)
    )
    end = numpy.where(recent, add_months(start, 6) - 1, add_months(start, months) - 1)
    years_protected = numpy.where(recent | ~ten_years, 0.5 * ~recent, 10 * draw[2])
    since = _years_after(start, -years_protected)
    since = numpy.maximum(since, adult_on[rows])
    since = numpy.minimum(since, start)
    claim = _years_after(since, -(0.3 + 1.2 * rng.random(count)))
    state.stage[rows] = numpy.where(recent, PROTECTED_RECEIPT, REGULAR)
    state.level[rows] = numpy.where(ten_years, 3, 2)
    state.route[rows] = GENERAL
    kind = numpy.select(
        [recent, ten_years],
        [CODE["recepisse_protection_internationale"], CODE["carte_resident"]],
        CODE["carte_sejour_pluriannuelle"],
    ).astype(numpy.int16)
    _spell_of(state, rows).update(
        since=start,
        kind=kind,
        doc_start=start,
        doc_end=end,
        protection=status,
        work_since=since,
        regular_since=claim,
    )
    arrival[rows] = claim - _days(rng, 0, 30, count)


def _asylum_claims(rng, state: State, arrival, mask, first_day, arrived) -> None:
    """Asylum seekers: with a claim under way on the first day, or claiming on arrival."""
    rows = numpy.flatnonzero(mask)
    if not len(rows):
        return
    count = len(rows)
    length, protected = _procedure(rng, count)
    if arrived is None:  # under way: the claim lodged some time before, decided after
        claim = first_day - 1 - (rng.random(count) * (length - 1)).astype("timedelta64[D]")
        arrival[rows] = claim - _days(rng, 0, 30, count)
    else:
        claim = arrived[rows]
    decision = claim + length.astype("timedelta64[D]")
    state.stage[rows] = ASYLUM_CLAIM
    state.decision[rows] = decision
    state.granted[rows] = protected
    _spell_of(state, rows).update(
        since=claim,
        kind=numpy.full(count, CODE["attestation_demande_asile"], dtype=numpy.int16),
        doc_start=claim,
        doc_end=decision + 30,
        regular_since=claim,
    )


def _procedure(rng, count: int) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Days from the claim to the final decision, and whether it protects (`ASYLUM`)."""
    draw = rng.random((5, count))
    ofpra = _months_between(draw[0], *ASYLUM.ofpra_months)
    protected_ofpra = draw[1] < ASYLUM.ofpra_protection
    appeal = ~protected_ofpra & (draw[2] < ASYLUM.appeal)
    cnda = _months_between(draw[3], *ASYLUM.cnda_months)
    protected = protected_ofpra | (appeal & (draw[4] < ASYLUM.cnda_protection))
    return numpy.round(ofpra + appeal * cnda).astype(numpy.int64), protected


def _irregular(rng, state: State, arrival, mask, first_day, adult_on) -> None:
    """Persons in irregular stay on the first day, after a rejected claim, a refusal, a permit
    not renewed, or with never any document (`IRREGULAR_ORIGINS`)."""
    rows = numpy.flatnonzero(mask)
    if not len(rows):
        return
    count = len(rows)
    names = numpy.array(list(IRREGULAR_ORIGINS), dtype=object)
    origin = names[rng.permutation(allocate(count, IRREGULAR_ORIGINS, True))]
    draw = rng.random((4, count))
    before = first_day - 1
    mean_years = 1 / (RATES.regularisation + RATES.irregular_departure)
    years = numpy.minimum(rng.exponential(mean_years, count), 20.0)
    since = numpy.maximum(_years_after(before, -years), adult_on[rows])
    since = numpy.minimum(since, before)

    rejected, refused, expired = (origin == name for name in ("asile_rejete", "refus", "expire"))
    length, _ = _procedure(rng, count)
    claim = since - length.astype("timedelta64[D]")
    receipt_start = since - _days(rng, 30, 170, count)
    # Expired permits: temporary, multi-year, first-year; one a carte « compétences et talents »,
    # abolished on 1 November 2016, whose holder has stayed since it ended.
    expired_kind = numpy.select(
        [draw[0] < 0.6, draw[0] < 0.9],
        [CODE["carte_sejour_temporaire"], CODE["carte_sejour_pluriannuelle"]],
        CODE["visa_long_sejour_valant_titre"],
    )
    talents = numpy.zeros(count, bool)
    if expired.any():
        talents[numpy.flatnonzero(expired)[0]] = True
    expired_kind = numpy.where(talents, CODE["carte_competences_talents"], expired_kind)
    months = numpy.where(expired_kind == CODE["carte_sejour_pluriannuelle"], 48, 12)
    months = numpy.where(talents, 36, months)
    talents_start = numpy.datetime64("2013-01-01") + _days(rng, 0, 1400, count)
    since = numpy.where(talents, add_months(talents_start, 36), since)
    expired_start = numpy.where(talents, talents_start, add_months(since, -months))

    kind = numpy.select(
        [rejected, refused, expired],
        [CODE["attestation_demande_asile"], CODE["recepisse_renouvellement"], expired_kind],
        CODE["aucun"],
    ).astype(numpy.int16)
    doc_start = numpy.select(
        [rejected, refused, expired], [claim, receipt_start, expired_start], NO_DATE
    )
    doc_end = numpy.select(
        [rejected, refused, expired],
        [since + 30, add_months(receipt_start, 6) - 1, since - 1],
        NO_DATE,
    )
    order = (rejected & (draw[1] < ASYLUM.removal_order)) | (refused & (draw[1] < 1.01))
    removal = order & (rejected | (draw[2] < RATES.removal_order))
    state.stage[rows] = IRREGULAR
    _spell_of(state, rows).update(
        since=since,
        kind=kind,
        doc_start=doc_start,
        doc_end=doc_end,
        refusal=numpy.where(order, since, NO_DATE),
        removal=removal,
    )
    came = numpy.select(
        [rejected, refused | expired],
        [claim - _days(rng, 0, 30, count), _years_after(doc_start, -2 * draw[3])],
        since,
    )
    arrival[rows] = numpy.minimum(came, since)


def _arriving_with_permit(rng, state: State, mask, arrival) -> None:
    """Adults arriving with a first permit (`ARRIVAL_ROUTES`): a long-stay visa valid as a permit,
    an Algerian certificate, or a multi-year « talent » card."""
    rows = numpy.flatnonzero(mask)
    if not len(rows):
        return
    count = len(rows)
    draw = rng.random((3, count))
    algerian = draw[0] < ALGERIAN_ARRIVALS
    student_share, family_share, _ = ARRIVAL_ROUTES.values()
    student = draw[1] < student_share
    talent = ~algerian & (draw[1] >= student_share + family_share)
    start = arrival[rows]
    kind = numpy.select(
        [algerian, talent],
        [CODE["certificat_residence_algerien"], CODE["carte_sejour_pluriannuelle"]],
        CODE["visa_long_sejour_valant_titre"],
    ).astype(numpy.int16)
    months = numpy.where(talent, 48, 12)
    state.stage[rows] = REGULAR
    state.level[rows] = numpy.select([algerian, talent], [1, 2], 0)
    state.route[rows] = numpy.where(algerian, ALGERIAN, GENERAL)
    state.studies_end[rows] = numpy.where(
        student, _years_after(start, rng.integers(1, 5, count)), NO_DATE
    )
    _spell_of(state, rows).update(
        since=start,
        kind=kind,
        doc_start=start,
        doc_end=add_months(start, months) - 1,
        student=student,
        work_since=start,
        regular_since=start,
    )


# -- helpers


class _spell_of:
    """The spell fields of some rows of a State, to update together."""

    def __init__(self, state: State, rows: numpy.ndarray) -> None:
        self.spell, self.rows = state.spell, rows

    def update(self, **values) -> None:
        for name, value in values.items():
            getattr(self.spell, name)[self.rows] = value


def _validity(kind, level, route, draw) -> numpy.ndarray:
    """Months of validity of the document held on the first day."""
    return numpy.select(
        [
            kind == CODE["carte_sejour_pluriannuelle"],
            route == ALGERIAN,
            route == BRITISH,
            kind == CODE["carte_membre_famille_ue"],
            kind == CODE["titre_special_mae"],
            level <= 1,
        ],
        [
            numpy.where(draw < 0.75, 48, 24),
            numpy.where(level >= 3, 120, 12),
            numpy.where(draw < 0.5, 60, 120),
            60,
            36,
            12,
        ],
        120,
    )


def _start_within(rng, before, months) -> numpy.ndarray:
    """A start such that the document is in force on `before` (the day before the first day),
    anywhere within its validity."""
    span = (before - add_months(numpy.full(len(months), before), -months)).astype(numpy.int64)
    return before - (rng.random(len(months)) * span).astype("timedelta64[D]")


def _days(rng, low, high, count: int) -> numpy.ndarray:
    return rng.integers(low, numpy.asarray(high) + 1, count).astype("timedelta64[D]")


def _months_between(draw, low: float, high: float) -> numpy.ndarray:
    return (low + draw * (high - low)) * 30.44


def _years_after(dates, years) -> numpy.ndarray:
    days = numpy.round(numpy.asarray(years, dtype=float) * YEAR).astype("timedelta64[D]")
    return numpy.asarray(dates, dtype="datetime64[D]") + days
