"""The steps that draw the synthetic population, in the order `generate` calls them.

Every step draws from the same generator: a seed gives the same population only while the steps,
and the draws within each, keep their order. A new draw therefore goes after all the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy

from openfisca_residence.rules.dates import DAY, LONG_AGO, NEVER
from openfisca_residence.synthetic.calibration import (
    AGES,
    ARRIVING_GROUPS,
    ASYLUM_NATIONALITIES,
    EU_NATIONALITIES,
    EU_SITUATIONS,
    MOVES,
    RATES,
    THIRD_COUNTRIES,
    arrivals_by_year,
)
from openfisca_residence.synthetic.families import Families

FULL_TIME_HOURS = 151.67
YEAR = 365.25
NEVER_DAY = numpy.datetime64(NEVER, "D")


@dataclass(frozen=True)
class Period:
    """The months of the population, and the days and months the draws refer to."""

    months: numpy.ndarray

    @classmethod
    def between(cls, start: str, end: str) -> Period:
        """The months `start`..`end` (YYYY-MM), at least one."""
        months = numpy.arange(numpy.datetime64(start, "M"), numpy.datetime64(end, "M") + 1)
        if not len(months):
            raise ValueError(f"The period {start}..{end} holds no month.")
        return cls(months)

    @property
    def first_day(self) -> numpy.datetime64:
        return self.months[0].astype(DAY)

    @property
    def last_day(self) -> numpy.datetime64:
        return (self.months[-1] + 1).astype(DAY) - 1

    @property
    def last_year(self) -> numpy.ndarray:
        """The last twelve months (all of them if fewer)."""
        return self.months[-12:]

    @property
    def year_start(self) -> numpy.datetime64:
        return self.last_year[0].astype(DAY)

    @property
    def month_start(self) -> numpy.ndarray:
        return self.months.astype(DAY)

    @property
    def month_days(self) -> numpy.ndarray:
        return ((self.months + 1).astype(DAY) - self.month_start).astype(numpy.int64)

    @property
    def month_end(self) -> numpy.ndarray:
        return self.month_start + self.month_days - 1


class Ages(NamedTuple):
    birth: numpy.ndarray
    at_start: numpy.ndarray  # on the first day of the months
    at_end: numpy.ndarray  # on the last day


def draw_ages(rng: numpy.random.Generator, families: Families, period: Period) -> Ages:
    """Adults of age on the first day, within their group's bounds (`AGES`); children under 18
    on the last day (some born during the months)."""
    count = len(families.group)
    low, high = numpy.full(count, 18.0), numpy.full(count, 92.0)
    for name, (youngest, oldest) in AGES.items():
        low[families.in_group[name]], high[families.in_group[name]] = youngest, oldest
    arriving = families.in_any(ARRIVING_GROUPS) | families.in_group["sans_titre"]
    low[arriving], high[arriving] = 18, 60
    adult_age = low + rng.beta(1.6, 2.2, count) * (high - low)
    child_age = rng.uniform(0, 17.9, count)
    birth = numpy.where(
        families.child,
        period.last_day - (child_age * YEAR).astype("timedelta64[D]"),
        period.first_day - (adult_age * YEAR).astype("timedelta64[D]"),
    )
    years = (period.last_day - period.first_day).astype(float) / YEAR
    at_start = numpy.where(families.child, child_age - years, adult_age)
    return Ages(birth, at_start, at_start + years)


def draw_nationalities(rng: numpy.random.Generator, families: Families) -> numpy.ndarray:
    """Nationality after the group: French, EU, third country, or a country of asylum seekers."""
    nationality = numpy.full(families.count, "FR", dtype=object)
    for names, shares in (
        (("ue",), EU_NATIONALITIES),
        (("pays_tiers", "sans_titre", "arrivee_titre", "arrivee_sans_titre"), THIRD_COUNTRIES),
        (("protection", "asile", "arrivee_asile"), ASYLUM_NATIONALITIES),
    ):
        members = families.in_any(names)
        nationality[members] = _choice(rng, shares, int(members.sum()))
    return nationality


def draw_eu_situations(rng: numpy.random.Generator, families: Families, age) -> numpy.ndarray:
    """What EU adults do (EU_SITUATIONS): work, inactive with or without resources, seek work."""
    situation = numpy.full(families.count, "", dtype=object)
    eu_adults = families.in_group["ue"] & families.adult
    situation[eu_adults] = _choice(rng, EU_SITUATIONS, int(eu_adults.sum()))
    situation[eu_adults & (age >= 67)] = "inactif_ressources"  # retired
    return situation


class Moves(NamedTuple):
    """Each person's (last) arrival in France and departure, whole families together."""

    arrival: numpy.ndarray  # LONG_AGO for the persons who did not come from abroad
    from_abroad: numpy.ndarray
    departure: numpy.ndarray  # NEVER_DAY for those who stay

    def present(self, days: numpy.ndarray) -> numpy.ndarray:
        """Persons × days: in France that day (arrived, not gone)."""
        return (self.arrival[:, None] <= days[None, :]) & (self.departure[:, None] > days[None, :])


def draw_arrival_days(
    rng: numpy.random.Generator, families: Families, period: Period
) -> numpy.ndarray:
    """The day each family of an arriving group arrives: in a year after its yearly flow
    (`calibration.arrivals_by_year`), any day of its months in the period."""
    arrival = numpy.full(families.count, NEVER_DAY)
    start, end = str(period.months[0]), str(period.months[-1])
    for name, yearly in arrivals_by_year(start, end).items():
        members = families.in_group[name] & families.is_head
        count = int(members.sum())
        if not count:
            continue
        years = numpy.array(list(yearly))
        chances = numpy.array(list(yearly.values()))
        year = rng.choice(years, size=count, p=chances / chances.sum())
        low = numpy.maximum(period.first_day, (year - 1970).astype("datetime64[Y]").astype(DAY))
        high = numpy.minimum(period.last_day + 1, (year - 1969).astype("datetime64[Y]").astype(DAY))
        arrival[members] = low + (rng.random(count) * (high - low).astype(int)).astype(
            "timedelta64[D]"
        )
    return arrival[families.head]


def draw_moves(
    rng: numpy.random.Generator,
    families: Families,
    period: Period,
    birth,
    lives_arrival,
    lives_departure,
) -> Moves:
    """Arrivals and departures: French and EU families move in and out in equal numbers during
    the months (`RATES.moves`), EU citizens having come years ago; third-country families as
    their careers say (`lives_arrival`, `lives_departure`, NEVER_DAY for the others)."""
    count, head, child = families.count, families.head, families.child
    years = (period.last_day - period.first_day).astype(float) / YEAR
    eu = families.in_group["ue"]
    years_ago = rng.uniform(0, 30, count)
    settled = numpy.where(
        eu,
        period.first_day - (years_ago * YEAR).astype("timedelta64[D]"),
        numpy.datetime64(LONG_AGO, "D"),
    )
    share = (
        numpy.select([families.in_group["francais"], eu], [MOVES["francais"], MOVES["ue"]], 0.0)
        * years
    )
    draw = rng.random(count)
    arriving = draw < share
    leaving = (draw >= share) & (draw < 2 * share)
    day = _days(rng, period.first_day, period.last_day + 1, count)
    arrival = numpy.where(arriving, day, settled)[head]
    departure = numpy.where(leaving, day, NEVER_DAY)[head]
    third = families.third_country
    arrival = numpy.where(third, lives_arrival, arrival)
    departure = numpy.where(third, lives_departure, departure)
    # A child born in France after the family's arrival did not come from abroad.
    from_abroad = (arrival > numpy.datetime64(LONG_AGO, "D")) & (arrival > birth)
    arrival = numpy.where(from_abroad, arrival, numpy.datetime64(LONG_AGO, "D"))
    from_abroad[child & ~from_abroad[head]] = False
    return Moves(arrival, from_abroad, departure)


def entry_of_children(
    rng: numpy.random.Generator, families: Families, moves: Moves, protected
) -> numpy.ndarray:
    """How third-country children came (D.512-2): with a refugee's family, by family
    reunification (7 in 10) or outside it; born in France, the default."""
    entry = numpy.full(families.count, "naissance_france", dtype=object)
    came = families.child & families.third_country & moves.from_abroad
    reunited = rng.random(families.count) < 0.7
    entry[came] = numpy.select(
        [protected, reunited], ["famille_refugie", "regroupement_familial"], "hors_procedure"
    )[came]
    return entry


class Jobs(NamedTuple):
    works: numpy.ndarray
    hours: numpy.ndarray  # a month
    hourly: numpy.ndarray  # gross pay an hour
    loses_job: numpy.ndarray
    job_end: numpy.ndarray  # the month the job is lost, for those who lose it
    finds_job: numpy.ndarray  # an EU jobseeker who finds a job
    job_start: numpy.ndarray  # the month they start it


EMPLOYMENT = {  # adults in work, by group (INSEE employment rates, orders of magnitude)
    "francais": 0.68,
    "pays_tiers": 0.55,
    "protection": 0.45,
    "arrivee_titre": 0.45,
}


def draw_jobs(
    rng: numpy.random.Generator, families: Families, period: Period, age, situation
) -> Jobs:
    """Who works (by group, EU workers), hours, pay, jobs lost; a third-country national works
    in the months they hold a permit authorising it (`work_months`)."""
    count = families.count
    workers = situation == "travailleur"
    employment = numpy.zeros(count)
    for name, rate in EMPLOYMENT.items():
        employment[families.in_group[name]] = rate
    works = families.adult & (age < 66) & (rng.random(count) < employment)
    works |= workers
    full_time = rng.random(count) < 0.7
    hours = numpy.where(full_time, FULL_TIME_HOURS, rng.uniform(35, 120, count))
    small_job = workers & (rng.random(count) < 0.10)
    hours = numpy.where(small_job, rng.uniform(10, 50, count), hours)
    hourly = rng.uniform(11.65, 35, count)
    # EU workers lose their job, EU jobseekers find one, as many each year (`RATES.job_loss`).
    years = len(period.months) / 12
    loses_job = workers & (rng.random(count) < RATES.job_loss * years)
    seekers = situation == "demandeur_emploi"
    finding = float(families.weights[loses_job].sum() / max(families.weights[seekers].sum(), 1))
    finds_job = seekers & (rng.random(count) < min(finding, 1.0))
    job_end = period.months[0] + rng.integers(0, len(period.months), count)
    job_start = period.months[0] + rng.integers(0, len(period.months), count)
    return Jobs(works | finds_job, hours, hourly, loses_job, job_end, finds_job, job_start)


class WorkMonths(NamedTuple):
    hours: numpy.ndarray  # persons × months
    days: numpy.ndarray
    pay: numpy.ndarray


def work_months(period: Period, jobs: Jobs, moves: Moves, authorised) -> WorkMonths:
    """Hours, days and gross pay of work month by month: in France, until the job is lost, while
    `authorised` (persons × months: a permit authorising work, for third-country nationals)."""
    present = (moves.arrival[:, None] <= period.month_end[None, :]) & (
        moves.departure[:, None] > period.month_start[None, :]
    )
    lost = jobs.loses_job[:, None] & (period.months[None, :] >= jobs.job_end[:, None])
    waiting = jobs.finds_job[:, None] & (period.months[None, :] < jobs.job_start[:, None])
    working = jobs.works[:, None] & present & ~lost & ~waiting & authorised
    hours = numpy.where(working, jobs.hours[:, None], 0).astype(numpy.float32)
    days = numpy.minimum(numpy.ceil(hours / 7), period.month_days[None, :] - 8).astype(numpy.int8)
    pay = numpy.round(hours * jobs.hourly[:, None].astype(numpy.float32), 2)
    return WorkMonths(hours, days, pay)


def draw_resources(
    rng: numpy.random.Generator, families: Families, age, situation, jobs: Jobs
) -> numpy.ndarray:
    """Monthly resources of the adults' households, the same every month: pay, or by situation."""
    count, adult = families.count, families.adult
    resources = numpy.select(
        [
            jobs.works,
            situation == "inactif_ressources",
            situation == "inactif_sans_ressources",
            situation == "demandeur_emploi",
            adult & (age >= 65),
        ],
        [
            jobs.hours * jobs.hourly * 0.78,
            rng.uniform(1_300, 3_500, count),
            rng.uniform(0, 400, count),
            rng.uniform(0, 1_000, count),
            rng.uniform(900, 2_500, count),
        ],
        rng.uniform(0, 900, count),
    )
    return numpy.where(adult, numpy.round(resources, 2), 0).astype(numpy.float32)


def draw_cover(rng: numpy.random.Generator, families: Families, situation, ame) -> numpy.ndarray:
    """Sickness cover: complete, CMU or none for some EU citizens, AME for those in irregular
    stay for three months on the first day (`ame`)."""
    cover = numpy.full(families.count, "complete", dtype=object)
    without_resources = situation == "inactif_sans_ressources"
    cover[without_resources] = numpy.where(
        rng.random(int(without_resources.sum())) < 0.5, "cmu", "aucune"
    )
    jobseeker = situation == "demandeur_emploi"
    cover[jobseeker] = numpy.where(rng.random(int(jobseeker.sum())) < 0.6, "complete", "cmu")
    cover[ame] = "ame"
    child, head = families.child, families.head
    cover[child] = cover[head[child]]
    return cover


class Jobseekers(NamedTuple):
    registered: numpy.ndarray
    came_for_work: numpy.ndarray


def draw_jobseekers(
    rng: numpy.random.Generator, families: Families, age, situation, jobs: Jobs
) -> Jobseekers:
    """Registered jobseekers: EU ones and some adults without work; half the EU ones came for it."""
    count = families.count
    jobseeker = situation == "demandeur_emploi"
    registered = jobseeker | (
        families.adult & ~jobs.works & (age < 62) & (rng.random(count) < 0.08)
    )
    came_for_work = jobseeker & (rng.random(count) < 0.5)
    return Jobseekers(registered, came_for_work)


class Absences(NamedTuple):
    days: numpy.ndarray  # persons × months
    foyer_abroad: numpy.ndarray
    studies: numpy.ndarray


def draw_absences(
    rng: numpy.random.Generator, families: Families, period: Period, moves: Moves, birth, age
) -> Absences:
    """Days abroad, month by month (persons × months), the foyer abroad, the studies abroad.

    Before an arrival from abroad and after a departure, every day; holidays (a month of each year for 30 %); more than
    180 days in a year for 3 % of adults (8 % after 65), two in three with their foyer abroad;
    three months and ten days for 6 % of children, a quarter of them for studies.
    """
    count, adult = families.count, families.adult
    holidays = _draw_holidays(rng, period, count)
    long_absence, long_days = _draw_long_absences(rng, period, adult, age)
    foyer_abroad = long_absence & (rng.random(count) < 2 / 3)
    child_abroad = families.child & (rng.random(count) < 0.06)
    summer_days = _draw_summers_abroad(rng, period, child_abroad)
    studies = (child_abroad & (rng.random(count) < 0.25)) | (
        adult & (age < 26) & (rng.random(count) < 0.02)
    )
    days = numpy.maximum.reduce(
        [
            _days_before_arrival(period, moves.arrival),
            _days_after_departure(period, moves.departure),
            holidays,
            long_days,
            summer_days,
        ]
    )
    unborn = period.month_end[None, :] < birth[:, None]
    days = numpy.where(unborn, 0, numpy.minimum(days, period.month_days[None, :]))
    return Absences(days.astype(numpy.int8), foyer_abroad, studies)


def _days_before_arrival(period: Period, arrival: numpy.ndarray) -> numpy.ndarray:
    """Days abroad before the arrival: whole months, then the days of the arrival's month."""
    month_days = period.month_days[None, :]
    before_arrival = period.month_start[None, :] + month_days <= arrival[:, None]
    arrival_month = arrival.astype("datetime64[M]")
    in_arrival_month = period.months[None, :] == arrival_month[:, None]
    days_in_arrival_month = (arrival - arrival_month.astype(DAY)).astype(int)[:, None]
    return numpy.select([before_arrival, in_arrival_month], [month_days, days_in_arrival_month], 0)


def _days_after_departure(period: Period, departure: numpy.ndarray) -> numpy.ndarray:
    """Days abroad from the day of departure on."""
    gone_before = departure[:, None] <= period.month_start[None, :]
    in_month = ~gone_before & (departure[:, None] <= period.month_end[None, :])
    days_left = (period.month_end[None, :] - departure[:, None]).astype(numpy.int64) + 1
    return numpy.select([gone_before, in_month], [period.month_days[None, :], days_left], 0)


def _draw_holidays(rng: numpy.random.Generator, period: Period, count: int) -> numpy.ndarray:
    """Days abroad on holiday: 7 to 21 days in a month of each year, for 30 % of the persons."""
    days_abroad = numpy.zeros((count, len(period.months)), dtype=numpy.int64)
    years = period.months.astype("datetime64[Y]")
    rows = numpy.arange(count)
    for year in numpy.unique(years):
        columns = numpy.flatnonzero(years == year)
        holiday = rng.random(count) < 0.30
        column = columns[rng.integers(0, len(columns), count)]
        days = rng.integers(7, 22, count)
        days_abroad[rows[holiday], column[holiday]] = days[holiday]
    return days_abroad


def _draw_long_absences(
    rng: numpy.random.Generator, period: Period, adult, age
) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Who stays abroad 7 to 9 whole months in a row (3 % of adults, 8 % after 65), and the days."""
    count, month_count = len(adult), len(period.months)
    long_share = numpy.where(adult & (age >= 65), 0.08, 0.03)
    long_absence = adult & (rng.random(count) < long_share)
    long_start = rng.integers(0, month_count, count)
    long_length = rng.integers(7, 10, count)
    offsets = numpy.arange(month_count)[None, :] - long_start[:, None]
    in_long = long_absence[:, None] & (offsets >= 0) & (offsets < long_length[:, None])
    return long_absence, numpy.where(in_long, period.month_days[None, :], 0)


def _draw_summers_abroad(
    rng: numpy.random.Generator, period: Period, child_abroad
) -> numpy.ndarray:
    """Days abroad of the children away for a summer of the period, the same for all of them."""
    # June to August (92 days, three months: still residing) and 10 days of September.
    years = period.months.astype("datetime64[Y]")
    distinct_years = numpy.unique(years)
    month_index = period.months.astype(int) % 12
    summer_year = years == distinct_years[rng.integers(0, len(distinct_years))]
    summer = (month_index >= 5) & (month_index <= 7) & summer_year
    september = (month_index == 8) & summer_year
    days = numpy.select([summer, september], [period.month_days, 10], 0)
    return numpy.where(child_abroad[:, None], days[None, :], 0)


def draw_former_work(rng: numpy.random.Generator, families: Families, jobs: Jobs) -> numpy.ndarray:
    """Months of work in France before the last activity: workers and some former workers."""
    count = families.count
    former_work = numpy.where(
        jobs.works,
        rng.integers(3, 240, count),
        numpy.where(rng.random(count) < 0.4, rng.integers(1, 120, count), 0),
    )
    return numpy.where(families.adult, former_work, 0)


def _choice(rng: numpy.random.Generator, shares: dict, size: int) -> numpy.ndarray:
    """`size` names drawn after their `shares`."""
    names = numpy.array(list(shares), dtype=object)
    probabilities = numpy.array(list(shares.values()), dtype=float)
    return names[rng.choice(len(names), size=size, p=probabilities / probabilities.sum())]


def _days(rng: numpy.random.Generator, low, high, size: int) -> numpy.ndarray:
    """`size` days drawn from `low` (included) to `high` (excluded)."""
    span = int((high - low).astype(int))
    return low + rng.integers(0, max(span, 1), size=size).astype("timedelta64[D]")
