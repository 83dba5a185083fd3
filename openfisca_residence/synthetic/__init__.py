"""A synthetic population, generated reproducibly from a seed, at any size, in the file layout.

    from openfisca_residence.synthetic import generate
    table = generate(persons=2_000, seed=2026)     # a pyarrow Table, layout of population.py

The same seed and size give the same table, hence the same file. The persons are drawn in five
groups, over-sampled so that every situation the rules distinguish appears even in a small
sample, then weighted so that the weighted counts match published orders of magnitude: the
figures and their sources are in `calibration`, the steps that draw the persons in `families` and
`draws`, the columns they fill in `columns`.

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

from openfisca_residence.data.schema import FAMILY_ID, PERSON_ID, WEIGHT
from openfisca_residence.synthetic.calibration import GROUPS
from openfisca_residence.synthetic.columns import (
    absence_columns,
    activity_columns,
    jobseeker_columns,
    person_columns,
    renewal_columns,
    residence_columns,
    work_columns,
)
from openfisca_residence.synthetic.draws import (
    Period,
    draw_absences,
    draw_ages,
    draw_arrivals,
    draw_benefits,
    draw_cover,
    draw_document_dates,
    draw_documents,
    draw_eu_situations,
    draw_first_permits,
    draw_former_work,
    draw_jobs,
    draw_jobseekers,
    draw_nationalities,
    draw_protection,
    draw_refusals,
    draw_renewals,
    draw_resources,
    draw_students,
    family_nationality,
    regular_residence,
    work_months,
)
from openfisca_residence.synthetic.families import draw_families

__all__ = ["GROUPS", "generate", "write"]

DEFAULT_START, DEFAULT_END = "2023-01", "2024-12"
BLOCK = 1_000_000  # persons generated at a time by `write`: memory stays bounded


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
    period = Period.between(start, end)
    # Each step draws from `rng` in turn: their order is what makes a seed give a population.
    families = draw_families(rng, persons)
    age, birth = draw_ages(rng, families, period)
    nationality = draw_nationalities(rng, families)
    situation = draw_eu_situations(rng, families, age)
    document = draw_documents(rng, families)
    status, document = draw_protection(rng, families, document)
    nationality = family_nationality(families, nationality, document, status)
    arrival = draw_arrivals(rng, families, period, age, birth)
    documents = draw_document_dates(rng, period, document, arrival.date)
    renewal = draw_renewals(rng, period, documents)
    refusal = draw_refusals(rng, families, period, document, arrival.date)
    permit = draw_first_permits(rng, families, period, documents, arrival.date)
    jobs = draw_jobs(rng, families, period, age, situation, document)
    resources = draw_resources(rng, families, age, situation, jobs)
    cover = draw_cover(rng, families, period, situation, arrival.date)
    jobseekers = draw_jobseekers(rng, families, age, situation, jobs)
    absences = draw_absences(rng, families, period, arrival.date, birth, age)
    paid = draw_benefits(rng, families, period, age, situation, resources, cover, documents, permit)
    regular = regular_residence(families, documents, permit)
    student = draw_students(rng, document, age)
    former_work = draw_former_work(rng, families, jobs)
    work = work_months(period, jobs, arrival.date)
    return pyarrow.table(
        {
            **person_columns(families, birth, nationality, arrival, absences),
            **residence_columns(documents, refusal, status, permit, regular, student),
            **activity_columns(former_work, jobseekers, cover, paid),
            **renewal_columns(period, renewal),
            **absence_columns(period, absences),
            **work_columns(period, work, resources),
            **jobseeker_columns(period, jobseekers, jobs),
        }
    )


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
    from openfisca_residence.data.streaming import write_population

    if persons < 1:
        raise ValueError("A population holds 1 person or more.")
    Period.between(start, end)  # an empty period fails before the file is opened
    sizes = [min(block, persons - first) for first in range(0, persons, block)]

    def blocks():
        first_person, first_family = 0, 0
        for index, size in enumerate(sizes):
            block_seed = seed if index == 0 else [seed, index]
            table = generate(size, block_seed, start, end)
            if len(sizes) > 1:
                family = table[FAMILY_ID]
                table = _in_whole(table, first_person, first_family, size / persons)
                first_family += int(pyarrow.compute.max(family).as_py() or 0)
            first_person += size
            yield table
            del table

    return write_population(blocks(), path)


def _in_whole(
    table: pyarrow.Table, first_person: int, first_family: int, share: float
) -> pyarrow.Table:
    """A block with identifiers following those before it and weights scaled to its share."""
    changed = {
        PERSON_ID: pyarrow.compute.add(table[PERSON_ID], first_person),
        FAMILY_ID: pyarrow.compute.add(table[FAMILY_ID], first_family),
        WEIGHT: pyarrow.compute.multiply(table[WEIGHT], share),
    }
    for name, column in changed.items():
        table = table.set_column(table.schema.get_field_index(name), name, column)
    return table
