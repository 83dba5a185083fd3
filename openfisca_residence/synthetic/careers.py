"""The documents of third-country nationals, one situation after another: their careers.

A career is a sequence of spells. Each spell starts on a day (`since`) and holds what the rules
read in the months it is in force: the document held and its dates (an expired document is still
the last one held: the rules then see it expired), a refusal decision and a removal order, a
renewal asked, the protection status, the start of the uninterrupted holding of permits
authorising work and of regular stay. A spell ends where the next starts; the last one lasts.

Stages, and what ends each (`RATES`, `ASYLUM` in `calibration`):

- `REGULAR`: a permit. Before it expires, the holder asks its renewal in time (or not: they
  leave, or stay undocumented); the prefecture decides within days or months; after the end, a
  récépissé (or a convocation) covers the wait. Granted: the next permit (a multi-year card
  after a temporary one, a ten-year card after five years of regular stay); refused: irregular
  stay from the decision, with or without an OQTF. Meanwhile the holder may leave France or
  become French (yearly hazards).
- `RENEWING`: the récépissé of renewal, until the decision.
- `IRREGULAR`: no valid document, until a regularisation (a convocation, a récépissé, then a
  first card) or a departure.
- `FIRST_CALL`, `FIRST_RECEIPT`: the convocation, then the récépissé of a first request.
- `ASYLUM`: the attestation of an asylum claim, until the final decision (OFPRA, then the CNDA
  on appeal): protection, or irregular stay (most with an OQTF, some leave).
- `PROTECTED_RECEIPT`: the récépissé of a person just protected, then a ten-year card (refugees)
  or a four-year one (subsidiary protection, stateless persons).
- `PROVISIONAL`: an autorisation provisoire de séjour, then a card, another APS, or nothing.
- `DONE`: gone abroad, or French: the career stops.

Everything is vectorial: each step moves every career by one spell, until each reaches the end
of the months generated.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy

from openfisca_residence.rules.dates import DAY, NEVER, add_months
from openfisca_residence.synthetic.calibration import ASYLUM, NOT_AUTHORISING_WORK, RATES
from openfisca_residence.variables.sejour.enums import StatutProtection, TitreSejour

CODE = {item.name: item.index for item in TitreSejour}
PROTECTION = {item.name: item.index for item in StatutProtection}
NO_DATE = numpy.datetime64(NEVER, "D")
YEAR = 365.25

(REGULAR, RENEWING, IRREGULAR, FIRST_CALL, FIRST_RECEIPT, ASYLUM_CLAIM) = range(6)
(PROTECTED_RECEIPT, PROVISIONAL, DONE) = range(6, 9)
# Routes: how a card is renewed (`next_card`).
(GENERAL, ALGERIAN, BRITISH, SAME_KIND) = range(4)
MAX_STEPS = 80

_AUTHORISING = numpy.ones(len(CODE), dtype=bool)
_AUTHORISING[[CODE[name] for name in (*NOT_AUTHORISING_WORK, "aucun")]] = False
_REGULAR_DOCUMENT = numpy.ones(len(CODE), dtype=bool)
_REGULAR_DOCUMENT[[CODE[name] for name in ("aucun", "convocation_premiere_demande")]] = False


def authorises_work(kind: numpy.ndarray) -> numpy.ndarray:
    return _AUTHORISING[kind]


@dataclass
class Spell:
    """What the rules read while a spell is in force, one value per person."""

    since: numpy.ndarray  # the day the spell starts (NO_DATE: no spell)
    kind: numpy.ndarray  # TitreSejour index of the document held
    doc_start: numpy.ndarray
    doc_end: numpy.ndarray  # NO_DATE: no end date (a convocation)
    refusal: numpy.ndarray  # date of the refusal or OQTF in force, NO_DATE if none
    removal: numpy.ndarray  # the refusal comes with a removal order
    request: numpy.ndarray  # the day the renewal was asked, NO_DATE if not
    student: numpy.ndarray
    protection: numpy.ndarray  # StatutProtection index
    work_since: numpy.ndarray  # start of the holding of permits authorising work, NO_DATE if none
    regular_since: numpy.ndarray  # start of the regular stay under documents, NO_DATE if none
    french: numpy.ndarray  # naturalised
    abroad: numpy.ndarray  # gone abroad

    def copy(self) -> Spell:
        return Spell(*(getattr(self, f.name).copy() for f in fields(self)))

    def set(self, mask, **values) -> None:
        """Give the persons of `mask` the `values` (arrays over all persons, or scalars)."""
        for name, value in values.items():
            target = getattr(self, name)
            target[mask] = value[mask] if numpy.ndim(value) else value


@dataclass
class State:
    """A career between two steps: the spell in force and what its end depends on."""

    spell: Spell
    stage: numpy.ndarray
    level: numpy.ndarray  # 0 first year, 1 temporary, 2 multi-year, 3 ten years
    route: numpy.ndarray
    card: numpy.ndarray  # the kind of the last card held (renewed alike on the SAME_KIND route)
    decision: numpy.ndarray  # the day a pending request is decided
    granted: numpy.ndarray  # and whether it is granted
    leave_at: numpy.ndarray  # a departure already known (a rejected asylum seeker leaving)
    studies_end: numpy.ndarray  # the end of a student's studies
    first_day: numpy.datetime64  # the first day of the months: hazards run from it

    @property
    def hazards_from(self) -> numpy.ndarray:
        """Where the yearly hazards of a spell run from: its start, or the first day of the
        months for a spell begun before (the persons drawn are those still there that day)."""
        return numpy.maximum(self.spell.since, self.first_day)


@dataclass
class Careers:
    """The spells of each person (persons × spells, in order), and their exits."""

    spells: Spell  # each field: persons × steps
    stages: numpy.ndarray  # persons × steps: the stage of each spell
    departure: numpy.ndarray  # the day the family leaves France, NO_DATE if not
    naturalisation: numpy.ndarray  # the day the person becomes French, NO_DATE if not

    def in_force(self, days: numpy.ndarray) -> numpy.ndarray:
        """For each person and day of `days`, the index of the spell in force that day (the last
        begun on or before it), or -1 before the first: persons × days."""
        since = self.spells.since
        return numpy.stack([(since <= day).sum(axis=1) - 1 for day in days], axis=1)

    def on(self, index: numpy.ndarray, name: str) -> numpy.ndarray:
        """The value of a spell's field for each spell index of `in_force` (persons × days);
        before the first spell, the value of a person with no spell (no document, no date)."""
        values = getattr(self.spells, name)
        taken = numpy.take_along_axis(values, numpy.maximum(index, 0), axis=1)
        return numpy.where(index >= 0, taken, numpy.asarray(EMPTY[name], dtype=values.dtype))


EMPTY = {
    "since": NO_DATE,
    "kind": CODE["aucun"],
    "doc_start": NO_DATE,
    "doc_end": NO_DATE,
    "refusal": NO_DATE,
    "removal": False,
    "request": NO_DATE,
    "student": False,
    "protection": PROTECTION["aucun"],
    "work_since": NO_DATE,
    "regular_since": NO_DATE,
    "french": False,
    "abroad": False,
}


def run(rng: numpy.random.Generator, start: State, horizon: numpy.datetime64) -> Careers:
    """Every career from its first spell to the spell in force on `horizon` (the last day)."""
    state = start
    count = len(state.stage)
    recorded: list[Spell] = []
    stages: list[numpy.ndarray] = []
    departure = numpy.full(count, NO_DATE)
    naturalisation = numpy.full(count, NO_DATE)
    pending = state.spell.since <= horizon  # a spell begun within the months, to record
    for _ in range(MAX_STEPS):
        if not pending.any():
            break
        ends, asked, following = _step(rng, state)
        spell = state.spell.copy()
        spell.since[~pending] = NO_DATE
        spell.request = numpy.where(asked != NO_DATE, asked, spell.request)
        recorded.append(spell)
        stages.append(state.stage.copy())
        exits = pending & (state.stage != DONE) & (following.stage == DONE)
        left = exits & following.spell.abroad
        departure[left] = ends[left]
        naturalised = exits & following.spell.french
        naturalisation[naturalised] = ends[naturalised]
        following.spell.since[:] = ends
        state = _where(pending, following, state)
        pending &= ends <= horizon
    else:
        raise RuntimeError(f"Careers still moving after {MAX_STEPS} spells.")
    if not recorded:
        # No career begun within the months (no third-country family): one unused spell.
        spell = state.spell.copy()
        spell.since[:] = NO_DATE
        recorded.append(spell)
        stages.append(state.stage.copy())
    spells = Spell(
        *(numpy.stack([getattr(s, f.name) for s in recorded], axis=1) for f in fields(Spell))
    )
    return Careers(spells, numpy.stack(stages, axis=1), departure, naturalisation)


def _where(mask, new: State, old: State) -> State:
    spell = Spell(
        *(
            numpy.where(mask, getattr(new.spell, f.name), getattr(old.spell, f.name))
            for f in fields(Spell)
        )
    )
    others = {
        f.name: numpy.where(mask, getattr(new, f.name), getattr(old, f.name))
        for f in fields(State)
        if f.name not in ("spell", "first_day")
    }
    others["first_day"] = old.first_day
    return State(spell, **others)


def _step(rng: numpy.random.Generator, state: State):
    """When each person's spell ends (NO_DATE: it lasts), the day its renewal is asked (NO_DATE:
    not asked, or asked before), and the state that follows."""
    count = len(state.stage)
    draws = rng.random((6, count))
    next_ = State(
        state.spell.copy(),
        state.stage.copy(),
        state.level.copy(),
        state.route.copy(),
        state.card.copy(),
        state.decision.copy(),
        state.granted.copy(),
        state.leave_at.copy(),
        state.studies_end.copy(),
        state.first_day,
    )
    next_.spell.request[:] = NO_DATE  # a new spell has asked nothing yet
    ends = numpy.full(count, NO_DATE)
    asked = numpy.full(count, NO_DATE)
    stage = state.stage
    _regular(rng, state, next_, ends, asked, draws, stage == REGULAR)
    _renewing(rng, state, next_, ends, draws, stage == RENEWING)
    _irregular(rng, state, next_, ends, draws, stage == IRREGULAR)
    _first_call(rng, state, next_, ends, stage == FIRST_CALL)
    _first_receipt(rng, state, next_, ends, draws, stage == FIRST_RECEIPT)
    _asylum(rng, state, next_, ends, draws, stage == ASYLUM_CLAIM)
    _protected_receipt(rng, state, next_, ends, stage == PROTECTED_RECEIPT)
    _provisional(rng, state, next_, ends, draws, stage == PROVISIONAL)
    return ends, asked, next_


# -- each stage: when its spell ends, and what follows


def _regular(rng, state: State, next_: State, ends, asked_on, draws, mask) -> None:
    spell = state.spell
    count = len(mask)
    # Exits during the permit's validity, before the renewal is asked: departure, naturalisation.
    eligible = spell.regular_since <= _after_years(spell.since, -RATES.naturalisation_years)
    nationality_rate = numpy.where(eligible, RATES.naturalisation, 0.0)
    departure_rate = RATES.departure
    exit_day = _exponential_day(rng, state.hazards_from, departure_rate + nationality_rate)
    asked = _add_days(spell.doc_end, -_uniform_int(rng, *RATES.request_days, count))
    asked = numpy.maximum(asked, spell.since)
    exits = mask & (exit_day < asked)
    becomes_french = draws[0] * (departure_rate + nationality_rate) < nationality_rate
    _done(next_, ends, exits & becomes_french, exit_day, french=True)
    _done(next_, ends, exits & ~becomes_french, exit_day, french=False)

    renewal = mask & ~exits
    level = numpy.minimum(state.level, 3)
    student_done = spell.student & (state.studies_end <= spell.doc_end)
    work, leave, _ = RATES.student_after
    after_studies = numpy.select(
        [draws[1] < work, draws[1] < work + leave], [0, 1], 2
    )  # 0 work, 1 leave, 2 stay without a document
    requested = numpy.where(
        student_done, after_studies == 0, draws[1] < numpy.take(RATES.request, level)
    )
    leaves = numpy.where(student_done, after_studies == 1, draws[2] < RATES.leave_unrenewed)
    gone = renewal & ~requested & leaves
    _done(next_, ends, gone, spell.doc_end, french=False)
    overstay = renewal & ~requested & ~leaves
    _to_irregular(next_, ends, overstay, _add_days(spell.doc_end, 1), refusal=None)

    asking = renewal & requested
    asked_on[asking] = asked[asking]
    decision = _add_days(asked, _uniform_int(rng, *RATES.decision_days, count))
    granted = draws[3] >= numpy.take(RATES.refusal, level)
    student_next = spell.student & ~student_done
    early = asking & (decision <= spell.doc_end)
    # Decided before the end: the next card from the day after, or irregular from a refusal.
    _next_card(rng, state, next_, ends, early & granted, _add_days(spell.doc_end, 1), student_next)
    _refused(rng, next_, ends, early & ~granted, decision, draws[4])
    # Decided after the end: a récépissé (a convocation when the wait is short) meanwhile.
    late = asking & ~early
    receipt_start = _add_days(spell.doc_end, 1)
    short = decision <= add_months(receipt_start, 3) - 1
    convocation = late & short & (draws[5] < 0.1)
    next_.stage[late] = RENEWING
    next_.decision[late] = decision[late]
    next_.granted[late] = granted[late]
    next_.spell.set(
        late,
        kind=numpy.where(
            convocation, CODE["convocation_renouvellement"], CODE["recepisse_renouvellement"]
        ),
        doc_start=receipt_start,
        doc_end=numpy.where(convocation, NO_DATE, add_months(receipt_start, 6) - 1),
        student=student_next,
    )
    next_.spell.request[late] = asked[late]
    ends[late] = receipt_start[late]


def _renewing(rng, state: State, next_: State, ends, draws, mask) -> None:
    spell = state.spell
    granted = mask & state.granted
    _next_card(rng, state, next_, ends, granted, state.decision, spell.student)
    _refused(rng, next_, ends, mask & ~state.granted, state.decision, draws[4])


def _irregular(rng, state: State, next_: State, ends, draws, mask) -> None:
    total = RATES.regularisation + RATES.irregular_departure
    event = _exponential_day(rng, state.hazards_from, total)
    leaves_first = state.leave_at < event
    event = numpy.minimum(event, state.leave_at)
    regularised = ~leaves_first & (draws[0] * total < RATES.regularisation)
    _done(next_, ends, mask & ~regularised, event, french=False)
    call = mask & regularised
    next_.stage[call] = FIRST_CALL
    next_.leave_at[call] = NO_DATE
    next_.spell.set(
        call, kind=CODE["convocation_premiere_demande"], doc_start=event, doc_end=NO_DATE
    )
    ends[call] = event[call]


def _first_call(rng, state: State, next_: State, ends, mask) -> None:
    count = len(mask)
    receipt = _add_days(state.spell.since, _uniform_int(rng, 30, 90, count))
    decision = _add_days(receipt, _uniform_int(rng, 30, 110, count))
    next_.stage[mask] = FIRST_RECEIPT
    next_.decision[mask] = decision[mask]
    next_.granted[mask] = rng.random(count)[mask] < RATES.granted_first
    # The prefecture admits the request: the refusal of old no longer stands.
    next_.spell.set(
        mask,
        kind=CODE["recepisse_premiere_demande"],
        doc_start=receipt,
        doc_end=add_months(receipt, 4) - 1,
        refusal=NO_DATE,
        removal=False,
        regular_since=receipt,
    )
    ends[mask] = receipt[mask]


def _first_receipt(rng, state: State, next_: State, ends, draws, mask) -> None:
    granted = mask & state.granted
    next_.level[granted] = 1
    next_.route[granted] = numpy.where(state.route[granted] == ALGERIAN, ALGERIAN, GENERAL)
    _next_card(rng, state, next_, ends, granted, state.decision, False, same_level=True)
    _refused(rng, next_, ends, mask & ~state.granted, state.decision, draws[4])


def _asylum(rng, state: State, next_: State, ends, draws, mask) -> None:
    decision = state.decision
    protected = mask & state.granted
    next_.stage[protected] = PROTECTED_RECEIPT
    status = numpy.where(
        draws[0] < 0.65, PROTECTION["refugie"], PROTECTION["protection_subsidiaire"]
    )
    next_.spell.set(
        protected,
        kind=CODE["recepisse_protection_internationale"],
        doc_start=decision,
        doc_end=add_months(decision, 6) - 1,
        protection=status,
        work_since=decision,
    )
    ends[protected] = decision[protected]
    rejected = mask & ~state.granted
    leaves = rejected & (draws[1] < ASYLUM.leave)
    count = len(mask)
    next_.leave_at[leaves] = _add_days(decision, _uniform_int(rng, 30, 180, count))[leaves]
    with_order = draws[2] < ASYLUM.removal_order
    _to_irregular(next_, ends, rejected & with_order, decision, refusal=decision, removal=True)
    _to_irregular(next_, ends, rejected & ~with_order, decision, refusal=None)


def _protected_receipt(rng, state: State, next_: State, ends, mask) -> None:
    refugee = state.spell.protection == PROTECTION["refugie"]
    next_.level[mask] = numpy.where(refugee, 3, 2)[mask]
    next_.route[mask] = GENERAL
    start = _add_days(state.spell.doc_end, 1)
    _next_card(rng, state, next_, ends, mask, start, False, same_level=True)


def _provisional(rng, state: State, next_: State, ends, draws, mask) -> None:
    start = _add_days(state.spell.doc_end, 1)
    # An APS (Ukrainians' temporary protection, sick foreigners, a job search after studies)
    # is mostly renewed: a card for 15 %, another APS for 75 %, nothing for 10 % (assumption).
    card = mask & (draws[0] < 0.15)
    again = mask & (draws[0] >= 0.15) & (draws[0] < 0.9)
    next_.level[card] = 1
    next_.route[card] = GENERAL
    _next_card(rng, state, next_, ends, card, start, False, same_level=True)
    next_.spell.set(again, doc_start=start, doc_end=add_months(start, 6) - 1)
    ends[again] = start[again]
    _to_irregular(next_, ends, mask & (draws[0] >= 0.9), start, refusal=None)


# -- transitions shared by the stages


def _next_card(rng, state: State, next_: State, ends, mask, start, student, same_level=False):
    """A card granted from `start`: the next level of the route (`same_level`: the level set)."""
    if not mask.any():
        return
    count = len(mask)
    draws = rng.random((3, count))
    level = next_.level if same_level else state.level
    route = next_.route if same_level else state.route
    years_regular = _years_between(state.spell.regular_since, start)
    student = numpy.broadcast_to(numpy.asarray(student), (count,))
    if not same_level:
        promoted = numpy.select(
            [
                route == ALGERIAN,
                (level <= 1) & ~student,
                level == 2,
            ],
            [
                numpy.where((years_regular >= 3) & (draws[0] < 0.6), 3, 1),
                numpy.where(draws[0] < RATES.multi_year, 2, 1),
                numpy.where(
                    (years_regular >= RATES.ten_year_after) & (draws[0] < RATES.ten_year), 3, 2
                ),
            ],
            level,
        )
        promoted = numpy.where(student, 1, promoted)
        level = numpy.where(
            (state.spell.protection == PROTECTION["protection_subsidiaire"]) & (level == 2),
            3,
            promoted,
        )
    kind, months = next_card(route, level, state.card, draws[1], draws[2])
    next_.stage[mask] = REGULAR
    next_.level[mask] = level[mask]
    next_.card[mask] = kind[mask]
    next_.leave_at[mask] = NO_DATE
    authorising = authorises_work(kind)
    work_since = numpy.where(state.spell.work_since != NO_DATE, state.spell.work_since, start)
    regular_since = numpy.where(
        state.spell.regular_since != NO_DATE, state.spell.regular_since, start
    )
    next_.spell.set(
        mask,
        kind=kind,
        doc_start=start,
        doc_end=add_months(start, months) - 1,
        refusal=NO_DATE,
        removal=False,
        student=student,
        work_since=numpy.where(authorising, work_since, NO_DATE),
        regular_since=regular_since,
    )
    ends[mask] = start[mask]


def next_card(route, level, kind, draw, other_draw) -> tuple[numpy.ndarray, numpy.ndarray]:
    """The card of each route and level (CESEDA; Algerian certificates under the 1968 accord;
    the withdrawal agreement's cards for the British; some kinds renewed alike), and its months."""
    general = numpy.select(
        [level <= 1, level == 2],
        [CODE["carte_sejour_temporaire"], CODE["carte_sejour_pluriannuelle"]],
        numpy.where(draw < 0.95, CODE["carte_resident"], CODE["carte_resident_ue_longue_duree"]),
    )
    general_months = numpy.select(
        [level <= 1, level == 2], [12, numpy.where(other_draw < 0.75, 48, 24)], 120
    )
    same = numpy.where(
        kind == CODE["carte_competences_talents"], CODE["carte_sejour_pluriannuelle"], kind
    )
    kinds = numpy.select(
        [route == ALGERIAN, route == BRITISH, route == SAME_KIND],
        [CODE["certificat_residence_algerien"], CODE["titre_accord_retrait_royaume_uni"], same],
        general,
    )
    months = numpy.select(
        [route == ALGERIAN, route == BRITISH, route == SAME_KIND],
        [
            numpy.where(level >= 3, 120, 12),
            120,
            numpy.where(kind == CODE["carte_membre_famille_ue"], 60, 120),
        ],
        general_months,
    )
    return kinds.astype(numpy.int16), months


def _refused(rng, next_: State, ends, mask, decision, draw) -> None:
    _to_irregular(next_, ends, mask & (draw < RATES.removal_order), decision, decision, True)
    _to_irregular(next_, ends, mask & (draw >= RATES.removal_order), decision, decision, False)


def _to_irregular(next_: State, ends, mask, day, refusal, removal=False) -> None:
    """Irregular stay from `day`, the last document kept; a refusal decision if given."""
    next_.stage[mask] = IRREGULAR
    next_.spell.set(
        mask,
        refusal=NO_DATE if refusal is None else refusal,
        removal=removal,
        work_since=NO_DATE,
        regular_since=NO_DATE,
        student=False,
    )
    ends[mask] = day[mask]


def _done(next_: State, ends, mask, day, french: bool) -> None:
    next_.stage[mask] = DONE
    if french:  # a French national holds no residence permit
        next_.spell.set(
            mask,
            french=True,
            kind=CODE["aucun"],
            doc_start=NO_DATE,
            doc_end=NO_DATE,
            refusal=NO_DATE,
            removal=False,
            student=False,
            work_since=NO_DATE,
            regular_since=NO_DATE,
        )
    else:
        next_.spell.set(mask, abroad=True)
    ends[mask] = day[mask]


# -- dates


def _exponential_day(rng, since, rate) -> numpy.ndarray:
    """A day after `since`, exponentially distributed at `rate` a year (NO_DATE at rate 0)."""
    rate = numpy.asarray(rate, dtype=float)
    with numpy.errstate(divide="ignore"):
        years = rng.exponential(1.0, len(since)) / rate
    days = numpy.minimum(years * YEAR, 400 * YEAR)
    return numpy.where(rate > 0, since + days.astype("timedelta64[D]"), NO_DATE)


def _uniform_int(rng, low: int, high: int, count: int) -> numpy.ndarray:
    return rng.integers(low, high + 1, count)


def _add_days(dates, days) -> numpy.ndarray:
    dates = numpy.asarray(dates, dtype=DAY)
    moved = dates + numpy.asarray(days).astype("timedelta64[D]")
    return numpy.where(dates == NO_DATE, NO_DATE, moved)


def _after_years(dates, years: float) -> numpy.ndarray:
    return numpy.asarray(dates, dtype=DAY) + numpy.timedelta64(int(years * YEAR), "D")


def _years_between(since, day) -> numpy.ndarray:
    span = (numpy.asarray(day, dtype=DAY) - numpy.asarray(since, dtype=DAY)).astype(float)
    return numpy.where(since == NO_DATE, 0.0, span / YEAR)
