"""The steps that draw the synthetic population, in the order `generate` calls them.

Every step draws from the same generator: a seed gives the same population only while the steps,
and the draws within each, keep their order. A new draw therefore goes after all the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy
import pyarrow
import pyarrow.compute

from openfisca_residence.rules.dates import DAY, LONG_AGO, add_months
from openfisca_residence.synthetic.calibration import (
    DOCUMENTS,
    EU_NATIONALITIES,
    EU_SITUATIONS,
    NATIONALITY_OF_DOCUMENT,
    NOT_AUTHORISING_WORK,
    PRECARIOUS,
    PROTECTED_NATIONALITIES,
    PROTECTION_STATUSES,
    TARGETS,
    THIRD_COUNTRIES,
    VALIDITY_MONTHS,
)
from openfisca_residence.synthetic.families import Families, allocate

FULL_TIME_HOURS = 151.67


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


def draw_ages(
    rng: numpy.random.Generator, families: Families, period: Period
) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Ages at the end of the period, within each group's bounds, and dates of birth."""
    in_group, count = families.in_group, families.count
    age_low = numpy.select(
        [in_group["protection"] | in_group["sans_titre"], in_group["ue"]], [18, 20], 18
    )
    age_high = numpy.select(
        [in_group["sans_titre"], in_group["protection"], in_group["pays_tiers"]], [60, 65, 80], 92
    )
    age = numpy.where(
        families.child,
        rng.uniform(0, 17.9, count),
        age_low + rng.beta(1.6, 2.2, count) * (age_high - age_low),
    )
    birth = period.last_day - (age * 365.25).astype("timedelta64[D]")
    return age, birth


def draw_nationalities(rng: numpy.random.Generator, families: Families) -> numpy.ndarray:
    """Nationality after the group: French, EU, third country, or a country of the protected."""
    in_group = families.in_group
    nationality = numpy.full(families.count, "FR", dtype=object)
    eu = in_group["ue"]
    nationality[eu] = _choice(rng, EU_NATIONALITIES, int(eu.sum()))
    third = in_group["pays_tiers"] | in_group["sans_titre"]
    nationality[third] = _choice(rng, THIRD_COUNTRIES, int(third.sum()))
    protected = in_group["protection"]
    nationality[protected] = _choice(rng, PROTECTED_NATIONALITIES, int(protected.sum()))
    return nationality


def draw_eu_situations(rng: numpy.random.Generator, families: Families, age) -> numpy.ndarray:
    """What EU adults do (EU_SITUATIONS): work, inactive with or without resources, seek work."""
    situation = numpy.full(families.count, "", dtype=object)
    eu_adults = families.in_group["ue"] & families.adult
    situation[eu_adults] = _choice(rng, EU_SITUATIONS, int(eu_adults.sum()))
    situation[eu_adults & (age >= 67)] = "inactif_ressources"  # retired
    return situation


def draw_documents(rng: numpy.random.Generator, families: Families) -> numpy.ndarray:
    """The document of each third-country adult, after DOCUMENTS, every one at least once."""
    document = numpy.full(families.count, "aucun", dtype=object)
    holders = numpy.flatnonzero(families.in_group["pays_tiers"] & families.adult)
    names = numpy.array(list(DOCUMENTS), dtype=object)
    document[holders] = names[rng.permutation(allocate(len(holders), DOCUMENTS, True))]
    return document


def draw_protection(
    rng: numpy.random.Generator, families: Families, document
) -> tuple[numpy.ndarray, numpy.ndarray]:
    """The protection status (shared by children) and the protected adults' documents."""
    protected, child, head = families.in_group["protection"], families.child, families.head
    status = numpy.full(families.count, "aucun", dtype=object)
    status[protected] = _choice(rng, PROTECTION_STATUSES, int(protected.sum()))
    protected_adults = protected & families.adult
    pending = rng.random(families.count) < 0.15
    document = document.copy()
    document[protected_adults & (status == "refugie")] = "carte_resident"
    document[protected_adults & (status != "refugie")] = "carte_sejour_pluriannuelle"
    document[protected_adults & pending & (status != "apatride")] = (
        "recepisse_protection_internationale"
    )
    status[child] = status[head[child]]
    return status, document


def family_nationality(families: Families, nationality, document, status) -> numpy.ndarray:
    """Nationality as a document or statelessness sets it; children take their family's."""
    nationality = nationality.copy()
    for name, code in NATIONALITY_OF_DOCUMENT.items():
        nationality[document == name] = code
    nationality[status == "apatride"] = "XX"
    child, head = families.child, families.head
    nationality[child] = nationality[head[child]]
    return nationality


class Arrival(NamedTuple):
    date: numpy.ndarray  # LONG_AGO for the persons who did not come from abroad
    from_abroad: numpy.ndarray


def draw_arrivals(
    rng: numpy.random.Generator, families: Families, period: Period, age, birth
) -> Arrival:
    """Arrival in France, years ago after the group, some in the last year; children with theirs."""
    in_group, child, head, count = families.in_group, families.child, families.head, families.count
    eu, protected = in_group["ue"], in_group["protection"]
    years_ago = numpy.select(
        [eu, in_group["pays_tiers"], protected, in_group["sans_titre"]],
        [
            rng.uniform(0, 30, count),
            rng.uniform(0, 30, count),
            rng.uniform(0, 12, count),
            rng.uniform(0, 8, count),
        ],
        0,
    )
    recent_share = numpy.select(
        [in_group["francais"], eu, in_group["pays_tiers"], protected, in_group["sans_titre"]],
        [0.002, 0.08, 0.06, 0.08, 0.15],
    )
    recent = rng.random(count) < recent_share
    years_ago = numpy.minimum(years_ago, numpy.maximum(age - 1, 0))  # arrived after birth
    arrival = period.last_day - (years_ago * 365.25).astype("timedelta64[D]")
    arrival = numpy.where(recent, _days(rng, period.year_start, period.last_day, count), arrival)
    arrival = numpy.maximum(arrival, birth)
    arrival[child] = numpy.maximum(arrival[head[child]], birth[child])
    moved = ~in_group["francais"] | recent
    moved[child] = moved[head[child]]
    # Came from abroad: a child born in France after the family's arrival did not; neither did a
    # French national not back recently. Their arrival is the default (long ago).
    from_abroad = moved & (arrival > birth)
    return Arrival(numpy.where(from_abroad, arrival, numpy.datetime64(LONG_AGO, "D")), from_abroad)


class Documents(NamedTuple):
    kind: numpy.ndarray  # a TitreSejour name, "aucun" for none
    start: numpy.ndarray
    end: numpy.ndarray
    holds: numpy.ndarray
    convocation: numpy.ndarray  # a convocation has no end date

    @property
    def end_given(self) -> numpy.ndarray:
        return self.holds & ~self.convocation


def draw_document_dates(
    rng: numpy.random.Generator, period: Period, document, arrival
) -> Documents:
    """Start and end of each document, ends spread from before the period to after it."""
    count = len(document)
    holds = document != "aucun"
    validity = _lookup(document, VALIDITY_MONTHS, 0)
    end_low = period.first_day - numpy.timedelta64(180, "D")
    end_high = add_months(numpy.full(count, period.last_day), numpy.maximum(validity, 6))
    end = end_low + (rng.random(count) * (end_high - end_low).astype(int)).astype("timedelta64[D]")
    start = add_months(end, -validity)
    talents = document == "carte_competences_talents"  # abolished on 1 November 2016
    start[talents] = _days(
        rng, numpy.datetime64("2012-01-01"), numpy.datetime64("2016-10-31"), int(talents.sum())
    )
    end[talents] = add_months(start[talents], 36)
    convocation = numpy.isin(
        document, ["convocation_premiere_demande", "convocation_renouvellement"]
    )
    start[convocation] = _days(rng, period.last_day - 240, period.last_day, int(convocation.sum()))
    start = numpy.maximum(start, numpy.minimum(arrival, end - 1))
    return Documents(document, start, end, holds, convocation)


class Renewal(NamedTuple):
    renewed: numpy.ndarray
    start: numpy.ndarray
    end: numpy.ndarray


def draw_renewals(rng: numpy.random.Generator, period: Period, documents: Documents) -> Renewal:
    """Half of the documents expiring in the last year renewed by a récépissé for four months."""
    expires_in_year = (
        documents.end_given
        & (documents.end >= period.year_start)
        & (documents.end < period.last_day - 31)
    )
    renewed = expires_in_year & (rng.random(len(expires_in_year)) < 0.5)
    return Renewal(renewed, documents.end + 1, add_months(documents.end, 4))


class Refusal(NamedTuple):
    refused: numpy.ndarray
    date: numpy.ndarray
    removal: numpy.ndarray


def draw_refusals(
    rng: numpy.random.Generator, families: Families, period: Period, document, arrival
) -> Refusal:
    """Refusals of stay (after a precarious document, or undocumented) and removal measures."""
    in_group, adult, count = families.in_group, families.adult, families.count
    undocumented = in_group["sans_titre"]
    precarious = numpy.isin(document, list(PRECARIOUS))
    refused = (in_group["pays_tiers"] & adult & precarious & (rng.random(count) < 0.15)) | (
        undocumented & adult & (rng.random(count) < 0.40)
    )
    date = numpy.where(
        undocumented,
        _days(rng, period.first_day - 4 * 365, period.last_day, count),
        _days(rng, period.first_day, period.last_day, count),
    )
    date = numpy.maximum(date, arrival)
    removal = refused & (rng.random(count) < numpy.where(undocumented, 0.25, 0.35))
    return Refusal(refused, date, removal)


class FirstPermit(NamedTuple):
    date: numpy.ndarray
    given: numpy.ndarray
    years: numpy.ndarray  # years from the first permit authorising work to the end of the period


def draw_first_permits(
    rng: numpy.random.Generator, families: Families, period: Period, documents, arrival
) -> FirstPermit:
    """The first permit authorising work, within two years of the arrival, and the years since."""
    protected, count = families.in_group["protection"], families.count
    authorising = documents.holds & ~numpy.isin(documents.kind, list(NOT_AUTHORISING_WORK))
    date = numpy.minimum(
        arrival + (rng.uniform(0, 2, count) * 365.25).astype("timedelta64[D]"), documents.start
    )
    date = numpy.where(
        protected,
        arrival + (rng.uniform(0.5, 2, count) * 365.25).astype("timedelta64[D]"),
        date,
    )
    given = (authorising | protected) & families.adult & (date <= period.last_day)
    years = numpy.where(given, (period.last_day - date).astype(int) / 365.25, 0)
    return FirstPermit(date, given, years)


class Jobs(NamedTuple):
    works: numpy.ndarray
    hours: numpy.ndarray  # a month
    hourly: numpy.ndarray  # gross pay an hour
    loses_job: numpy.ndarray
    job_end: numpy.ndarray  # the month the job is lost, for those who lose it


def draw_jobs(
    rng: numpy.random.Generator, families: Families, period: Period, age, situation, document
) -> Jobs:
    """Who works (by group, EU workers, when the document allows), hours, pay, jobs lost."""
    in_group, count = families.in_group, families.count
    protected, workers = in_group["protection"], situation == "travailleur"
    employment = numpy.select(
        [
            in_group["francais"],
            in_group["ue"],
            in_group["pays_tiers"],
            protected,
            in_group["sans_titre"],
        ],
        [0.68, 0.0, 0.55, 0.45, 0.0],
    )
    works = families.adult & (age < 66) & (rng.random(count) < employment)
    works |= workers
    works &= ~(numpy.isin(document, list(NOT_AUTHORISING_WORK)) & ~protected)
    full_time = rng.random(count) < 0.7
    hours = numpy.where(full_time, FULL_TIME_HOURS, rng.uniform(35, 120, count))
    small_job = workers & (rng.random(count) < 0.10)
    hours = numpy.where(small_job, rng.uniform(10, 50, count), hours)
    hourly = rng.uniform(11.65, 35, count)
    loses_job = workers & (rng.random(count) < 0.15)
    job_end = period.last_year[0] + rng.integers(0, len(period.last_year), count)
    return Jobs(works, hours, hourly, loses_job, job_end)


class WorkMonths(NamedTuple):
    hours: numpy.ndarray  # persons × months
    days: numpy.ndarray
    pay: numpy.ndarray


def work_months(period: Period, jobs: Jobs, arrival) -> WorkMonths:
    """Hours, days and gross pay of work month by month: from the arrival to the job lost."""
    present = arrival[:, None] <= period.month_end[None, :]
    lost = jobs.loses_job[:, None] & (period.months[None, :] >= jobs.job_end[:, None])
    working = jobs.works[:, None] & present & ~lost
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


def draw_cover(
    rng: numpy.random.Generator, families: Families, period: Period, situation, arrival
) -> numpy.ndarray:
    """Sickness cover: complete, CMU or none for some EU citizens, AME for the undocumented."""
    cover = numpy.full(families.count, "complete", dtype=object)
    without_resources = situation == "inactif_sans_ressources"
    cover[without_resources] = numpy.where(
        rng.random(int(without_resources.sum())) < 0.5, "cmu", "aucune"
    )
    jobseeker = situation == "demandeur_emploi"
    cover[jobseeker] = numpy.where(rng.random(int(jobseeker.sum())) < 0.6, "complete", "cmu")
    undocumented = families.in_group["sans_titre"]
    three_months = add_months(arrival, 3) < period.last_day
    cover[undocumented] = numpy.where(
        three_months[undocumented] & (rng.random(int(undocumented.sum())) < 0.85), "ame", "aucune"
    )
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
    rng: numpy.random.Generator, families: Families, period: Period, arrival, birth, age
) -> Absences:
    """Days abroad, month by month (persons × months), the foyer abroad, the studies abroad.

    Before an arrival from abroad, every day; holidays (a month of each year for 30 %); more than
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
        [_days_before_arrival(period, arrival), holidays, long_days, summer_days]
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


def draw_benefits(
    rng: numpy.random.Generator,
    families: Families,
    period: Period,
    age,
    situation,
    resources,
    cover,
    documents: Documents,
    permit: FirstPermit,
) -> dict[str, numpy.ndarray]:
    """Who is paid each benefit: likely eligibility scaled to TARGETS, then PUMa."""
    likely = _likely_eligibility(
        families, period, age, situation, resources, cover, documents, permit
    )
    paid = _calibrated(rng, families.weights, likely)
    count, undocumented = families.count, families.in_group["sans_titre"]
    covered = numpy.isin(cover, ["complete", "cmu"])
    paid["puma"] = covered & ~undocumented & (rng.random(count) < 0.995)
    lapsed = documents.end_given & (documents.end < period.last_day)
    paid["puma"] |= lapsed & (rng.random(count) < 0.8)  # kept after the permit expired
    return paid


def _likely_eligibility(
    families: Families,
    period: Period,
    age,
    situation,
    resources,
    cover,
    documents: Documents,
    permit: FirstPermit,
) -> dict[str, numpy.ndarray]:
    """For each benefit but PUMa, how likely each person is paid it, before the scaling."""
    in_group, adult, head = families.in_group, families.adult, families.head
    eu, protected, undocumented = in_group["ue"], in_group["protection"], in_group["sans_titre"]
    low = resources < 800
    regular = (
        documents.holds & (documents.end >= period.last_day)
        | documents.convocation
        | protected
        | in_group["francais"]
        | eu
    )
    eu_without_right = situation == "inactif_sans_ressources"
    foyer_head = families.is_head & adult
    eligible_rsa = numpy.select(
        [
            in_group["francais"] | protected,
            eu & ~eu_without_right,
            in_group["pays_tiers"] & (permit.years >= 5),
            eu_without_right | in_group["pays_tiers"],
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
        * numpy.where(in_group["pays_tiers"] & (permit.years < 10), 0.15, 1.0),
        "asi": adult * (age >= 20) * (age < 62) * numpy.where(regular, 1.0, 0.3),
        "ame": (cover == "ame") * 1.0,
        "css": (resources[head] < 1_000) * numpy.where(undocumented, 0.0, 1.0),
        "prestations_familiales": foyer_head
        * families.has_children
        * numpy.where(undocumented, 0.05, numpy.where(regular, 1.0, 0.6)),
        "aide_logement": foyer_head * (resources < 1_600) * numpy.where(undocumented, 0.03, 1.0),
    }


def _calibrated(rng: numpy.random.Generator, weights, likely: dict) -> dict[str, numpy.ndarray]:
    """Who is paid each benefit: drawn with its likely eligibility scaled to its TARGETS."""
    # The weighted number of recipients is the target when no scaled probability passes 1.
    paid = {}
    for benefit, probability in likely.items():
        probability = numpy.asarray(probability, dtype=float)
        expected = float(numpy.dot(weights, probability))
        scale = TARGETS[benefit] / expected if expected else 0.0
        paid[benefit] = rng.random(len(weights)) < numpy.minimum(probability * scale, 1.0)
    return paid


class RegularResidence(NamedTuple):
    since: numpy.ndarray
    given: numpy.ndarray


def regular_residence(
    families: Families, documents: Documents, permit: FirstPermit
) -> RegularResidence:
    """Regular residence: since the first permit authorising work, or else the current document."""
    in_group = families.in_group
    protected = in_group["protection"]
    since = numpy.where(permit.given, numpy.minimum(permit.date, documents.start), documents.start)
    given = (documents.holds | protected) & (in_group["pays_tiers"] | protected)
    return RegularResidence(since, given)


def draw_students(rng: numpy.random.Generator, document, age) -> numpy.ndarray:
    """Students: one in four holders of a carte de séjour temporaire aged 18 to 30."""
    # The DGEF's ~110,000 first student permits a year against ~4 million valid permits: about one
    # in four such cards.
    return (
        (document == "carte_sejour_temporaire")
        & (age >= 18)
        & (age <= 30)
        & (rng.random(len(document)) < 0.25)
    )


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


def _lookup(values: numpy.ndarray, mapping: dict, missing) -> numpy.ndarray:
    """`mapping[value]` for each value, vectorially (`missing` for the values it lacks)."""
    keys = pyarrow.array(list(mapping), type=pyarrow.string())
    index = pyarrow.compute.index_in(pyarrow.array(values, type=pyarrow.string()), value_set=keys)
    table = numpy.array([*mapping.values(), missing])
    return table[numpy.asarray(index.fill_null(len(mapping)).to_numpy())]
