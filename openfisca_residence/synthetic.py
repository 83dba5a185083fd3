"""A synthetic population, generated reproducibly from a seed, at any size, in the file layout.

    from openfisca_residence.synthetic import generate
    table = generate(persons=2_000, seed=2026)     # a pyarrow Table, layout of population.py

The same seed and size give the same table, hence the same file. The persons are drawn in five
groups, over-sampled so that every situation the rules distinguish appears even in a small
sample, then weighted so that the weighted counts match published orders of magnitude:

| group | persons in France (weighted) | source (order of magnitude) |
|---|---|---|
| French nationals | 62.8 million | INSEE: 68.4 million inhabitants on 1 January 2024, of whom 5.6 million foreigners in 2023 |
| EU, EEA and Swiss citizens | 1.5 million | INSEE, census 2021-2023: about 1.5 million EU citizens |
| third-country nationals with a document | 3.5 million | DGEF (ministère de l'Intérieur): about 4 million valid residence permits at end 2023 (refugees' included) |
| refugees, subsidiary protection, stateless | 0.6 million | OFPRA, annual report 2023: about 600,000 persons protected at end 2023 |
| undocumented persons | 0.6 million | estimates of 0.6 to 0.9 million (order of magnitude), consistent with about 450,000 AME beneficiaries at end 2023 (DREES / PLF 2025), most of whom are undocumented |

In all: 7 million immigrants and 5.6 million foreigners in France in 2023 (INSEE, 2024); the
undocumented are not counted by the census. Children (with their parents in families) are in
their parents' group.

The percoit_X inputs (the person is paid benefit X) are drawn after a likely eligibility given
by the group and the situation (age, resources, years of permits, children), scaled so that the
weighted number of recipients is of the published order of magnitude:

| benefit | recipients (weighted) | source |
|---|---|---|
| RSA | 1.85 million foyers | CNAF / DREES, 2023 |
| AAH | 1.3 million | DREES, 2023 |
| ASPA | 0.7 million | DREES, 2023 |
| ASI | 0.07 million | DREES, 2023 |
| AME | 0.45 million | DREES / PLF 2025, end 2023 |
| CSS | 7 million | Fonds CSS / DSS, 2023 |
| PUMa | about every resident | CNAM |
| prestations familiales | 6.5 million foyers | CNAF, 2023 |
| aides au logement | 6 million foyers | DREES: 6.6 million at end 2017, fewer since the 2021 reform |

A small share is paid while a condition fails, as the file of a caisse would show: a permit that
expired without renewal (some renewed by a récépissé), a refusal of stay
(`decision_refus_sejour_date`, QE 2308) or a final removal measure, an inactive EU citizen
without resources, a long stay abroad. Benefits paid to a foyer (RSA, prestations familiales,
aides au logement) are declared on its first parent.

Situations drawn: French nationals (a few back from abroad recently); EU citizens who work
(some part-time, some losing their job during the last year and registering as jobseekers),
inactive with or without resources and sickness cover, jobseekers (some who came to look for
work); third-country nationals holding each `TitreSejour` document, with start and end dates
spread over the period (expired, expiring, renewed by a récépissé; convocations without end
date), some refused a stay, some under a final removal measure; refugees, subsidiary protection,
stateless persons; undocumented persons (no document, AME cover after three months); absences
abroad (holidays; more than 180 days a year for some adults; more than three months a year for
some children, some for studies); recent arrivals (less than three months before a month).
"""

from __future__ import annotations

import numpy
import pyarrow
import pyarrow.compute

from openfisca_residence.benefits import BENEFITS
from openfisca_residence.dates import LONG_AGO, add_months
from openfisca_residence.population import FAMILY_ID, FAMILY_ROLE, PERSON_ID, WEIGHT
from openfisca_residence.variables.sejour.enums import StatutProtection, TitreSejour

DAY = "datetime64[D]"
DEFAULT_START, DEFAULT_END = "2023-01", "2024-12"

# group: (share of the sample, persons in France, share of children, share of adults in couples)
GROUPS = {
    "francais": (0.40, 62_800_000, 0.21, 0.50),
    "ue": (0.15, 1_500_000, 0.15, 0.45),
    "pays_tiers": (0.30, 3_500_000, 0.20, 0.45),
    "protection": (0.08, 600_000, 0.25, 0.40),
    "sans_titre": (0.07, 600_000, 0.10, 0.20),
}
TARGETS = {  # weighted recipients, order of magnitude (see the module's documentation)
    "rsa": 1_850_000,
    "aah": 1_300_000,
    "aspa": 700_000,
    "asi": 70_000,
    "ame": 450_000,
    "css": 7_000_000,
    "prestations_familiales": 6_500_000,
    "aide_logement": 6_000_000,
}
EU_NATIONALITIES = {
    "PT": 0.25,
    "IT": 0.12,
    "ES": 0.10,
    "RO": 0.12,
    "BE": 0.07,
    "DE": 0.07,
    "PL": 0.06,
    "BG": 0.05,
    "NL": 0.04,
    "CH": 0.08,
    "NO": 0.04,
}
EU_SITUATIONS = {  # EU citizens of working age
    "travailleur": 0.55,
    "inactif_ressources": 0.20,
    "inactif_sans_ressources": 0.12,
    "demandeur_emploi": 0.13,
}
THIRD_COUNTRIES = {
    "MA": 0.20,
    "TN": 0.09,
    "TR": 0.07,
    "CN": 0.05,
    "SN": 0.06,
    "ML": 0.05,
    "CI": 0.06,
    "CM": 0.05,
    "HT": 0.04,
    "VN": 0.03,
    "US": 0.04,
    "IN": 0.04,
    "BR": 0.04,
    "RU": 0.03,
    "UA": 0.06,
    "CD": 0.04,
    "PK": 0.04,
    "BD": 0.05,
}
PROTECTED_NATIONALITIES = {"AF": 0.30, "SY": 0.15, "SD": 0.12, "ER": 0.08, "GN": 0.15, "RU": 0.20}
# Share of each document among third-country nationals holding one; every value is drawn at
# least once when there are as many such persons as documents.
DOCUMENTS = {
    "carte_resident": 0.26,
    "carte_resident_ue_longue_duree": 0.02,
    "carte_sejour_pluriannuelle": 0.20,
    "carte_competences_talents": 0.005,
    "carte_sejour_temporaire": 0.13,
    "carte_retraite": 0.01,
    "carte_membre_famille_ue": 0.02,
    "carte_sejour_permanent_ue": 0.005,
    "visa_long_sejour_valant_titre": 0.04,
    "certificat_residence_algerien": 0.12,
    "titre_andorran": 0.002,
    "titre_accord_retrait_royaume_uni": 0.01,
    "passeport_monegasque": 0.002,
    "recepisse_premiere_demande": 0.02,
    "recepisse_renouvellement": 0.03,
    "recepisse_protection_internationale": 0.005,
    "attestation_demande_asile": 0.05,
    "autorisation_provisoire_sejour": 0.03,
    "convocation_premiere_demande": 0.006,
    "convocation_renouvellement": 0.006,
    "titre_special_mae": 0.002,
}
NATIONALITY_OF_DOCUMENT = {
    "certificat_residence_algerien": "DZ",
    "titre_andorran": "AD",
    "passeport_monegasque": "MC",
    "titre_accord_retrait_royaume_uni": "GB",
}
VALIDITY_MONTHS = {  # usual length of each document
    "carte_resident": 120,
    "carte_resident_ue_longue_duree": 120,
    "carte_sejour_pluriannuelle": 48,
    "carte_competences_talents": 36,
    "carte_sejour_temporaire": 12,
    "carte_retraite": 120,
    "carte_membre_famille_ue": 60,
    "carte_sejour_permanent_ue": 120,
    "visa_long_sejour_valant_titre": 12,
    "certificat_residence_algerien": 120,
    "titre_andorran": 120,
    "titre_accord_retrait_royaume_uni": 60,
    "passeport_monegasque": 120,
    "recepisse_premiere_demande": 4,
    "recepisse_renouvellement": 4,
    "recepisse_protection_internationale": 6,
    "attestation_demande_asile": 10,
    "autorisation_provisoire_sejour": 6,
    "convocation_premiere_demande": 0,  # no end date: three months (PUBLIC_NAMES.md)
    "convocation_renouvellement": 0,
    "titre_special_mae": 36,
}
NOT_AUTHORISING_WORK = {
    "recepisse_premiere_demande",
    "attestation_demande_asile",
    "convocation_premiere_demande",
    "carte_retraite",
}
PRECARIOUS = {  # documents after which a refusal of stay is the likeliest
    "carte_sejour_temporaire",
    "recepisse_premiere_demande",
    "recepisse_renouvellement",
    "attestation_demande_asile",
    "autorisation_provisoire_sejour",
    "convocation_premiere_demande",
    "convocation_renouvellement",
    "visa_long_sejour_valant_titre",
}
COVERS = ("aucune", "complete", "cmu", "ame")
FULL_TIME_HOURS = 151.67


def _months(start: str, end: str) -> numpy.ndarray:
    months = numpy.arange(numpy.datetime64(start, "M"), numpy.datetime64(end, "M") + 1)
    if not len(months):
        raise ValueError(f"The period {start}..{end} holds no month.")
    return months


def _allocate(count: int, shares: dict, at_least_one: bool = False) -> numpy.ndarray:
    """`count` items split after `shares` by largest remainder (each share at least 1 if asked)."""
    names = list(shares)
    weights = numpy.array([shares[name] for name in names], dtype=float)
    exact = weights / weights.sum() * count
    counts = numpy.floor(exact).astype(int)
    if at_least_one and count >= len(names):
        counts = numpy.maximum(counts, 1)
    while counts.sum() > count:
        counts[numpy.argmax(counts)] -= 1
    remainder = exact - numpy.floor(exact)
    for index in numpy.argsort(-remainder, kind="stable")[: count - counts.sum()]:
        counts[index] += 1
    return numpy.repeat(numpy.arange(len(names)), counts)


def _choice(rng, shares: dict, size: int) -> numpy.ndarray:
    names = numpy.array(list(shares), dtype=object)
    probabilities = numpy.array(list(shares.values()), dtype=float)
    return names[rng.choice(len(names), size=size, p=probabilities / probabilities.sum())]


def _days(rng, low: numpy.datetime64, high: numpy.datetime64, size: int) -> numpy.ndarray:
    span = int((high - low).astype(int))
    return low + rng.integers(0, max(span, 1), size=size).astype("timedelta64[D]")


def _lookup(values: numpy.ndarray, mapping: dict, missing) -> numpy.ndarray:
    """`mapping[value]` for each value, vectorially (`missing` for the values it lacks)."""
    keys = pyarrow.array(list(mapping), type=pyarrow.string())
    index = pyarrow.compute.index_in(pyarrow.array(values, type=pyarrow.string()), value_set=keys)
    table = numpy.array([*mapping.values(), missing])
    return table[numpy.asarray(index.fill_null(len(mapping)).to_numpy())]


def _families(rng, group_sizes: dict[str, int]):
    """Persons of each group, as families: (group, unit, is_child) per person, families whole."""
    groups, units, children = [], [], []
    next_unit = 0
    for name, size in group_sizes.items():
        if size == 0:
            continue
        _, _, child_share, couple_share = GROUPS[name]
        child_count = min(round(child_share * size), size - 1) if size > 1 else 0
        adult_count = size - child_count
        couples = int(couple_share * adult_count) // 2
        unit_of_adult = numpy.concatenate(
            [
                numpy.repeat(numpy.arange(couples), 2),
                couples + numpy.arange(adult_count - 2 * couples),
            ]
        )
        unit_count = couples + adult_count - 2 * couples
        with_children = min(unit_count, max(1, round(child_count / 1.8))) if child_count else 0
        parents_units = rng.choice(unit_count, size=with_children, replace=False)
        unit_of_child = (
            numpy.concatenate(
                [
                    parents_units[: min(with_children, child_count)],
                    rng.choice(parents_units, size=max(child_count - with_children, 0)),
                ]
            )
            if child_count
            else numpy.empty(0, dtype=int)
        )
        units.append(next_unit + numpy.concatenate([unit_of_adult, unit_of_child]))
        children.append(numpy.r_[numpy.zeros(adult_count, bool), numpy.ones(child_count, bool)])
        groups.append(numpy.full(size, name, dtype=object))
        next_unit += unit_count
    group, unit, child = (numpy.concatenate(a) for a in (groups, units, children))
    # Families in a random order, each whole: parents first, then children.
    rank = rng.permutation(next_unit)
    order = numpy.lexsort((numpy.arange(len(unit)), child, rank[unit]))
    return group[order], unit[order], child[order]


def _absences(rng, months, arrival, birth, adult, child, age):
    """Days abroad, month by month (persons × months), the foyer abroad, the studies abroad.

    Before an arrival from abroad, every day; holidays (a month of each year for 30 %); more than
    180 days in a year for 3 % of adults (8 % after 65), two in three with their foyer abroad;
    three months and ten days for 6 % of children, a quarter of them for studies.
    """
    count = len(arrival)
    month_start = months.astype(DAY)
    month_days = ((months + 1).astype(DAY) - month_start).astype(numpy.int64)
    absences = numpy.zeros((count, len(months)), dtype=numpy.int16)
    before_arrival = month_start[None, :] + month_days[None, :] <= arrival[:, None]  # abroad
    absences = numpy.where(before_arrival, month_days[None, :], absences)
    arrival_month = arrival.astype("datetime64[M]")
    in_arrival_month = months[None, :] == arrival_month[:, None]
    absences = numpy.where(
        in_arrival_month, (arrival - arrival_month.astype(DAY)).astype(int)[:, None], absences
    )
    years = numpy.unique(months.astype("datetime64[Y]"))
    rows = numpy.arange(count)
    for year in years:
        columns = numpy.flatnonzero(months.astype("datetime64[Y]") == year)
        holiday = rng.random(count) < 0.30
        column = columns[rng.integers(0, len(columns), count)]
        days = rng.integers(7, 22, count)
        absences[rows[holiday], column[holiday]] = numpy.maximum(
            absences[rows[holiday], column[holiday]], days[holiday]
        )
    long_share = numpy.where(adult & (age >= 65), 0.08, 0.03)
    long_absence = adult & (rng.random(count) < long_share)
    long_start = rng.integers(0, len(months), count)
    long_length = rng.integers(7, 10, count)
    offsets = numpy.arange(len(months))[None, :] - long_start[:, None]
    in_long = long_absence[:, None] & (offsets >= 0) & (offsets < long_length[:, None])
    absences = numpy.where(in_long, month_days[None, :], absences)
    foyer_abroad = long_absence & (rng.random(count) < 2 / 3)
    child_abroad = child & (rng.random(count) < 0.06)
    # June to August (92 days, three months: still residing) and 10 days of September.
    month_index = months.astype(int) % 12
    summer_year = months.astype("datetime64[Y]") == years[rng.integers(0, len(years))]
    summer = (month_index >= 5) & (month_index <= 7) & summer_year
    september = (month_index == 8) & summer_year
    absences = numpy.where(child_abroad[:, None] & summer[None, :], month_days[None, :], absences)
    absences = numpy.where(
        child_abroad[:, None] & september[None, :], numpy.maximum(absences, 10), absences
    )
    studies = (child_abroad & (rng.random(count) < 0.25)) | (
        adult & (age < 26) & (rng.random(count) < 0.02)
    )
    unborn = (month_start + month_days - 1)[None, :] < birth[:, None]  # no absence before birth
    absences = numpy.where(unborn, 0, numpy.minimum(absences, month_days[None, :]))
    absences = absences.astype(numpy.int8)

    return absences, foyer_abroad, studies


def _calibrated(rng, weights: numpy.ndarray, likely: dict) -> dict[str, numpy.ndarray]:
    """Who is paid each benefit: drawn with the likely eligibility, scaled so that the weighted
    number of recipients is the benefit's target (TARGETS), when no probability passes 1."""
    paid = {}
    for benefit, probability in likely.items():
        probability = numpy.asarray(probability, dtype=float)
        expected = float(numpy.dot(weights, probability))
        scale = TARGETS[benefit] / expected if expected else 0.0
        paid[benefit] = rng.random(len(weights)) < numpy.minimum(probability * scale, 1.0)
    return paid


def generate(
    persons: int,
    seed: int = 2026,
    start: str = DEFAULT_START,
    end: str = DEFAULT_END,
) -> pyarrow.Table:
    """A population of `persons` rows over the months `start`..`end` (YYYY-MM), reproducibly."""
    if persons < 1:
        raise ValueError("A population holds 1 person or more.")
    rng = numpy.random.default_rng(seed)
    months = _months(start, end)
    first_day, last_day = months[0].astype(DAY), (months[-1] + 1).astype(DAY) - 1
    last_year = months[-12:] if len(months) >= 12 else months
    year_start = last_year[0].astype(DAY)
    count = persons

    sizes = dict(
        zip(
            GROUPS,
            numpy.bincount(
                _allocate(count, {name: spec[0] for name, spec in GROUPS.items()}),
                minlength=len(GROUPS),
            ).tolist(),
            strict=True,
        )
    )
    group, unit, child = _families(rng, sizes)
    adult = ~child
    # The first person of each family (a parent): children take their family's situation.
    first_of_unit = numpy.full(unit.max() + 1, -1, dtype=numpy.int64)
    first_of_unit[unit[::-1]] = numpy.arange(count)[::-1]
    head = first_of_unit[unit]
    is_head = head == numpy.arange(count)
    has_children = numpy.bincount(unit, weights=child, minlength=len(first_of_unit))[unit] > 0
    unit_size = numpy.bincount(unit, minlength=len(first_of_unit))[unit]
    in_group = {name: group == name for name in GROUPS}

    # Ages and dates of birth (at the end of the period)
    age_low = numpy.select(
        [in_group["protection"] | in_group["sans_titre"], in_group["ue"]], [18, 20], 18
    )
    age_high = numpy.select(
        [in_group["sans_titre"], in_group["protection"], in_group["pays_tiers"]], [60, 65, 80], 92
    )
    age = numpy.where(
        child,
        rng.uniform(0, 17.9, count),
        age_low + rng.beta(1.6, 2.2, count) * (age_high - age_low),
    )
    birth = last_day - (age * 365.25).astype("timedelta64[D]")

    # Nationality, EU situation, documents, protection
    nationality = numpy.full(count, "FR", dtype=object)
    eu = in_group["ue"]
    nationality[eu] = _choice(rng, EU_NATIONALITIES, int(eu.sum()))
    third = in_group["pays_tiers"] | in_group["sans_titre"]
    nationality[third] = _choice(rng, THIRD_COUNTRIES, int(third.sum()))
    protected = in_group["protection"]
    nationality[protected] = _choice(rng, PROTECTED_NATIONALITIES, int(protected.sum()))

    situation = numpy.full(count, "", dtype=object)
    eu_adults = eu & adult
    situation[eu_adults] = _choice(rng, EU_SITUATIONS, int(eu_adults.sum()))
    situation[eu_adults & (age >= 67)] = "inactif_ressources"  # retired

    document = numpy.full(count, "aucun", dtype=object)
    holders = numpy.flatnonzero(in_group["pays_tiers"] & adult)
    names = numpy.array(list(DOCUMENTS), dtype=object)
    document[holders] = names[rng.permutation(_allocate(len(holders), DOCUMENTS, True))]
    for name, code in NATIONALITY_OF_DOCUMENT.items():
        nationality[document == name] = code

    status = numpy.full(count, "aucun", dtype=object)
    status[protected] = _choice(
        rng,
        {"refugie": 0.65, "protection_subsidiaire": 0.30, "apatride": 0.05},
        int(protected.sum()),
    )
    nationality[status == "apatride"] = "XX"
    protected_adults = protected & adult
    pending = rng.random(count) < 0.15
    document[protected_adults & (status == "refugie")] = "carte_resident"
    document[protected_adults & (status != "refugie")] = "carte_sejour_pluriannuelle"
    document[protected_adults & pending & (status != "apatride")] = (
        "recepisse_protection_internationale"
    )
    # Children share their family's nationality and protection; minors need no document.
    nationality[child] = nationality[head[child]]
    status[child] = status[head[child]]

    # Arrival in France
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
    arrival = last_day - (years_ago * 365.25).astype("timedelta64[D]")
    arrival = numpy.where(recent, _days(rng, year_start, last_day, count), arrival)
    arrival = numpy.maximum(arrival, birth)
    arrival[child] = numpy.maximum(arrival[head[child]], birth[child])
    moved = ~in_group["francais"] | recent
    moved[child] = moved[head[child]]
    # Came from abroad: a child born in France after the family's arrival did not; neither did a
    # French national not back recently. Their arrival is the default (long ago).
    came_from_abroad = moved & (arrival > birth)
    arrival = numpy.where(came_from_abroad, arrival, numpy.datetime64(LONG_AGO, "D"))

    # Document dates: ends spread from before the period to after it
    holds = document != "aucun"
    validity = _lookup(document, VALIDITY_MONTHS, 0)
    end_low = first_day - numpy.timedelta64(180, "D")
    end_high = add_months(numpy.full(count, last_day), numpy.maximum(validity, 6))
    doc_end = end_low + (rng.random(count) * (end_high - end_low).astype(int)).astype(
        "timedelta64[D]"
    )
    doc_start = add_months(doc_end, -validity)
    talents = document == "carte_competences_talents"  # abolished on 1 November 2016
    doc_start[talents] = _days(
        rng, numpy.datetime64("2012-01-01"), numpy.datetime64("2016-10-31"), int(talents.sum())
    )
    doc_end[talents] = add_months(doc_start[talents], 36)
    convocation = numpy.isin(
        document, ["convocation_premiere_demande", "convocation_renouvellement"]
    )
    doc_start[convocation] = _days(rng, last_day - 240, last_day, int(convocation.sum()))
    doc_start = numpy.maximum(doc_start, numpy.minimum(arrival, doc_end - 1))
    end_given = holds & ~convocation

    # Renewal by a récépissé after an expiry in the last year (for half of them)
    expires_in_year = holds & ~convocation & (doc_end >= year_start) & (doc_end < last_day - 31)
    renewed = expires_in_year & (rng.random(count) < 0.5)

    # Refusals of stay and removal measures
    precarious = numpy.isin(document, list(PRECARIOUS))
    refused = (in_group["pays_tiers"] & adult & precarious & (rng.random(count) < 0.15)) | (
        in_group["sans_titre"] & adult & (rng.random(count) < 0.40)
    )
    refusal_date = numpy.where(
        in_group["sans_titre"],
        _days(rng, first_day - 4 * 365, last_day, count),
        _days(rng, first_day, last_day, count),
    )
    refusal_date = numpy.maximum(refusal_date, arrival)
    removal = refused & (rng.random(count) < numpy.where(in_group["sans_titre"], 0.25, 0.35))

    # Years of permits authorising work
    authorising = holds & ~numpy.isin(document, list(NOT_AUTHORISING_WORK))
    first_permit = numpy.minimum(
        arrival + (rng.uniform(0, 2, count) * 365.25).astype("timedelta64[D]"), doc_start
    )
    first_permit = numpy.where(
        protected,
        arrival + (rng.uniform(0.5, 2, count) * 365.25).astype("timedelta64[D]"),
        first_permit,
    )
    first_permit_given = (authorising | protected) & adult & (first_permit <= last_day)
    permit_years = numpy.where(
        first_permit_given, (last_day - first_permit).astype(int) / 365.25, 0
    )

    # Work, month by month
    working_age = adult & (age < 66)
    employment = numpy.select(
        [in_group["francais"], eu, in_group["pays_tiers"], protected, in_group["sans_titre"]],
        [0.68, 0.0, 0.55, 0.45, 0.0],
    )
    works = working_age & (rng.random(count) < employment)
    works |= situation == "travailleur"
    works &= ~(numpy.isin(document, list(NOT_AUTHORISING_WORK)) & ~protected)
    full_time = rng.random(count) < 0.7
    hours = numpy.where(full_time, FULL_TIME_HOURS, rng.uniform(35, 120, count))
    small_job = (situation == "travailleur") & (rng.random(count) < 0.10)
    hours = numpy.where(small_job, rng.uniform(10, 50, count), hours)
    hourly = rng.uniform(11.65, 35, count)
    loses_job = (situation == "travailleur") & (rng.random(count) < 0.15)
    job_end = last_year[0] + rng.integers(0, len(last_year), count)
    month_start = months.astype(DAY)
    month_days = ((months + 1).astype(DAY) - month_start).astype(numpy.int64)
    present = arrival[:, None] <= (month_start + month_days - 1)[None, :]
    working = (
        works[:, None] & present & ~(loses_job[:, None] & (months[None, :] >= job_end[:, None]))
    )
    hours_matrix = numpy.where(working, hours[:, None], 0).astype(numpy.float32)
    days_matrix = numpy.minimum(numpy.ceil(hours_matrix / 7), month_days[None, :] - 8).astype(
        numpy.int8
    )
    pay_matrix = numpy.round(hours_matrix * hourly[:, None].astype(numpy.float32), 2)

    # Resources of the household, month by month (constant here)
    resources = numpy.select(
        [
            works,
            situation == "inactif_ressources",
            situation == "inactif_sans_ressources",
            situation == "demandeur_emploi",
            adult & (age >= 65),
        ],
        [
            hours * hourly * 0.78,
            rng.uniform(1_300, 3_500, count),
            rng.uniform(0, 400, count),
            rng.uniform(0, 1_000, count),
            rng.uniform(900, 2_500, count),
        ],
        rng.uniform(0, 900, count),
    )
    resources = numpy.where(adult, numpy.round(resources, 2), 0).astype(numpy.float32)

    # Sickness cover
    cover = numpy.full(count, "complete", dtype=object)
    cover[situation == "inactif_sans_ressources"] = numpy.where(
        rng.random(int((situation == "inactif_sans_ressources").sum())) < 0.5, "cmu", "aucune"
    )
    jobseeker = situation == "demandeur_emploi"
    cover[jobseeker] = numpy.where(rng.random(int(jobseeker.sum())) < 0.6, "complete", "cmu")
    undocumented = in_group["sans_titre"]
    three_months = add_months(arrival, 3) < last_day
    cover[undocumented] = numpy.where(
        three_months[undocumented] & (rng.random(int(undocumented.sum())) < 0.85), "ame", "aucune"
    )
    cover[child] = cover[head[child]]

    jobseeker_flag = jobseeker | (adult & ~works & (age < 62) & (rng.random(count) < 0.08))
    came_for_work = jobseeker & (rng.random(count) < 0.5)

    # Absences abroad, day counts month by month
    absences, foyer_abroad, studies = _absences(rng, months, arrival, birth, adult, child, age)

    # Benefits paid: a likely eligibility, then scaled to the published orders of magnitude
    weights = _weights(group, sizes)
    low = resources < 800
    regular = holds & (doc_end >= last_day) | convocation | protected | in_group["francais"] | eu
    lapsed = holds & ~convocation & (doc_end < last_day)
    eu_without_right = situation == "inactif_sans_ressources"
    foyer_head = is_head & adult
    eligible_rsa = numpy.select(
        [
            in_group["francais"] | protected,
            eu & ~eu_without_right,
            in_group["pays_tiers"] & (permit_years >= 5),
            eu_without_right | in_group["pays_tiers"],
        ],
        [1.0, 0.8, 0.9, 0.25],
        0.02,
    )
    likely = {
        "rsa": foyer_head * (age >= 25) * low * eligible_rsa,
        "aah": adult * (age >= 20) * (age < 64) * numpy.where(regular, 1.0, 0.3),
        "aspa": adult
        * (age >= 65)
        * (resources < 1_100)
        * numpy.where(in_group["pays_tiers"] & (permit_years < 10), 0.15, 1.0),
        "asi": adult * (age >= 20) * (age < 62) * numpy.where(regular, 1.0, 0.3),
        "ame": (cover == "ame") * 1.0,
        "css": (resources[head] < 1_000) * numpy.where(undocumented, 0.0, 1.0),
        "prestations_familiales": foyer_head
        * has_children
        * numpy.where(undocumented, 0.05, numpy.where(regular, 1.0, 0.6)),
        "aide_logement": foyer_head * (resources < 1_600) * numpy.where(undocumented, 0.03, 1.0),
    }
    paid = _calibrated(rng, weights, likely)
    covered = numpy.isin(cover, ["complete", "cmu"])
    paid["puma"] = covered & ~undocumented & (rng.random(count) < 0.995)
    paid["puma"] |= lapsed & (rng.random(count) < 0.8)  # kept after the permit expired

    # Regular residence: since the first permit authorising work, or else the current document;
    # students among the holders of a carte de séjour temporaire aged 18 to 30 (the DGEF's ~110,000
    # first student permits a year against ~4 million valid permits: about one in four such cards).
    regular_since = numpy.where(
        first_permit_given, numpy.minimum(first_permit, doc_start), doc_start
    )
    regular_since_given = (holds | protected) & (in_group["pays_tiers"] | protected)
    student = (
        (document == "carte_sejour_temporaire")
        & (age >= 18)
        & (age <= 30)
        & (rng.random(count) < 0.25)
    )
    # Months of work in France before the last activity: workers and some former workers.
    former_work = numpy.where(
        works,
        rng.integers(3, 240, count),
        numpy.where(rng.random(count) < 0.4, rng.integers(1, 120, count), 0),
    )
    former_work = numpy.where(adult, former_work, 0)

    # The table, in the layout of population.py
    columns: dict[str, pyarrow.Array] = {
        PERSON_ID: pyarrow.array(numpy.arange(1, count + 1, dtype=numpy.int64)),
        WEIGHT: pyarrow.array(weights),
        FAMILY_ID: pyarrow.array(
            numpy.where(unit_size > 1, unit + 1, 0), mask=unit_size == 1, type=pyarrow.int64()
        ),
        FAMILY_ROLE: _dictionary(numpy.where(child, "enfant", "parent")),
        "date_naissance": _dates(birth),
        "nationalite": _dictionary(nationality),
        "date_arrivee_france": _dates(arrival, given=came_from_abroad),
        "foyer_permanent_france": pyarrow.array(~foyer_abroad),
        "absence_pour_etudes": pyarrow.array(studies),
        "titre_sejour": _dictionary(document, TitreSejour),
        "titre_sejour_date_debut": _dates(doc_start, given=holds),
        "titre_sejour_date_fin": _dates(doc_end, given=end_given),
        "decision_refus_sejour_date": _dates(refusal_date, given=refused),
        "mesure_eloignement_definitive": pyarrow.array(removal),
        "statut_protection": _dictionary(status, StatutProtection),
        "date_premier_titre_autorisant_travail": _dates(first_permit, given=first_permit_given),
        "date_debut_residence_reguliere": _dates(regular_since, given=regular_since_given),
        "titre_sejour_etudiant": pyarrow.array(student),
        "duree_activite_anterieure_mois": pyarrow.array(former_work.astype(numpy.int32)),
        "inscrit_demandeur_emploi": pyarrow.array(jobseeker_flag),
        "entre_en_france_pour_chercher_emploi": pyarrow.array(came_for_work),
        "couverture_maladie": _dictionary(cover, names=list(COVERS)),
    }
    for benefit in BENEFITS:
        columns[f"percoit_{benefit}"] = pyarrow.array(paid[benefit])
    # The récépissé of renewal, month by month, from the month after the expiry, for 4 months.
    renewal_start = doc_end + 1
    renewal_end = add_months(doc_end, 4)
    for month in last_year:
        current = (
            renewed
            & (renewal_start.astype("datetime64[M]") <= month)
            & (renewal_end >= month.astype(DAY))
        )
        label = str(month)
        columns[f"titre_sejour@{label}"] = _dictionary(
            numpy.where(current, "recepisse_renouvellement", None), TitreSejour
        )
        columns[f"titre_sejour_date_debut@{label}"] = _dates(renewal_start, given=current)
        columns[f"titre_sejour_date_fin@{label}"] = _dates(renewal_end, given=current)
    for index, month in enumerate(months):
        label = str(month)
        columns[f"jours_absence_france@{label}"] = pyarrow.array(absences[:, index])
    for index, month in enumerate(months):
        label = str(month)
        columns[f"heures_travail@{label}"] = pyarrow.array(hours_matrix[:, index])
        columns[f"jours_travail@{label}"] = pyarrow.array(days_matrix[:, index])
        columns[f"salaire_brut@{label}"] = pyarrow.array(pay_matrix[:, index])
        columns[f"ressources_mensuelles@{label}"] = pyarrow.array(resources)
    for month in last_year:
        registered = jobseeker_flag | (loses_job & (month >= job_end))
        columns[f"inscrit_demandeur_emploi@{month}"] = pyarrow.array(registered)
    return pyarrow.table(columns)


def _weights(group: numpy.ndarray, sizes: dict[str, int]) -> numpy.ndarray:
    """Each person's weight: the persons of the group in France over the persons drawn."""
    weights = numpy.zeros(len(group))
    for name, size in sizes.items():
        if size:
            weights[group == name] = GROUPS[name][1] / size
    return weights


def _dates(values: numpy.ndarray, given=None) -> pyarrow.Array:
    values = numpy.asarray(values, dtype=DAY)
    mask = None if given is None else ~numpy.asarray(given, dtype=bool)
    return pyarrow.array(values, type=pyarrow.date32(), mask=mask)


def _dictionary(values: numpy.ndarray, enum=None, names=None) -> pyarrow.DictionaryArray:
    """Texts as a dictionary array (compact in memory and in files), over `names` or the enum's."""
    array = pyarrow.array(values, type=pyarrow.string())
    names = names or ([item.name for item in enum] if enum is not None else None)
    if names is None:
        return array.dictionary_encode()
    indices = pyarrow.compute.index_in(array, value_set=pyarrow.array(names)).cast(pyarrow.int8())
    return pyarrow.DictionaryArray.from_arrays(indices, pyarrow.array(names))


BLOCK = 1_000_000  # persons generated at a time by `write`: memory stays bounded


def write(
    path,
    persons: int,
    seed: int = 2026,
    start: str = DEFAULT_START,
    end: str = DEFAULT_END,
    block: int = BLOCK,
) -> int:
    """Write a population of `persons` rows to `path` (.parquet or .csv), `block` persons at a
    time, each Parquet row group holding whole families (`streaming.write_population`).

    Up to `block` persons, the file holds `generate(persons, seed, start, end)`. A larger one is
    made of blocks drawn alike, each from its own seed (`seed` and its index), with person_id
    and family_id following on, and weights scaled so that the whole weighs as France: the same
    seed and size give the same file.
    """
    from openfisca_residence.streaming import write_population

    if persons < 1:
        raise ValueError("A population holds 1 person or more.")
    _months(start, end)
    sizes = [min(block, persons - first) for first in range(0, persons, block)]

    def blocks():
        first_person, first_family = 0, 0
        for index, size in enumerate(sizes):
            block_seed = seed if index == 0 else [seed, index]
            table = generate(size, block_seed, start, end)
            if len(sizes) > 1:
                family = table[FAMILY_ID]
                table = table.set_column(
                    table.schema.get_field_index(PERSON_ID),
                    PERSON_ID,
                    pyarrow.compute.add(table[PERSON_ID], first_person),
                )
                table = table.set_column(
                    table.schema.get_field_index(FAMILY_ID),
                    FAMILY_ID,
                    pyarrow.compute.add(family, first_family),
                )
                table = table.set_column(
                    table.schema.get_field_index(WEIGHT),
                    WEIGHT,
                    pyarrow.compute.multiply(table[WEIGHT], size / persons),
                )
                first_family += int(pyarrow.compute.max(family).as_py() or 0)
            first_person += size
            yield table
            del table

    return write_population(blocks(), path)
