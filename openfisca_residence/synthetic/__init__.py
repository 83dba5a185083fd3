"""A synthetic population, generated reproducibly from a seed, at any size, in the file layout.

    from openfisca_residence.synthetic import generate
    table = generate(persons=2_000, seed=2026)     # a pyarrow Table, layout of population.py

The same seed and size give the same table, hence the same file. The persons are drawn in
groups, over-sampled so that every situation the rules distinguish appears even in a small
sample, then weighted so that each group weighs what France holds on the first day of the months
generated (or what arrives during them): the figures and their sources are in
`chiffres_publies.tsv` (`published`), how they are used in `calibration`.

Each third-country national has a history of documents over the months and before them
(`careers`): a first permit, renewals asked in time with a récépissé while the prefecture
decides, the ten-year card after years of stay, naturalisation, refusals with or without a
removal order, departures, arrivals, regularisations, asylum claims and their decisions; the
document in force, its dates, the renewal asked and the decisions are those of each month's first
day (`history`). Children hold no document and follow their family. French and EU families move
in and out in equal numbers. The benefits paid (`percoit_X`) follow each person's months in
France and their right of stay (`payments`).

Other situations drawn: French nationals (a few back from abroad); EU citizens who work (some
part-time, some losing their job during the last year and registering as jobseekers), inactive
with or without resources and sickness cover, jobseekers (some who came to look for work);
absences abroad (holidays; more than 180 days a year for some adults; more than three months a
year for some children, some for studies).
"""

from __future__ import annotations

import numpy
import pyarrow
import pyarrow.compute

from openfisca_residence.data.schema import FAMILY_ID, PERSON_ID, WEIGHT
from openfisca_residence.synthetic.calibration import GROUPS, group_sizes
from openfisca_residence.synthetic.careers import NO_DATE, PROTECTION
from openfisca_residence.synthetic.columns import (
    absence_columns,
    activity_columns,
    jobseeker_columns,
    payment_columns,
    person_columns,
    residence_columns,
    work_columns,
)
from openfisca_residence.synthetic.draws import (
    Period,
    draw_absences,
    draw_ages,
    draw_arrival_days,
    draw_cover,
    draw_eu_situations,
    draw_former_work,
    draw_jobs,
    draw_jobseekers,
    draw_moves,
    draw_nationalities,
    draw_resources,
    entry_of_children,
    work_months,
)
from openfisca_residence.synthetic.families import draw_families
from openfisca_residence.synthetic.lives import documented_nationality, draw_lives
from openfisca_residence.synthetic.payments import draw_payments

__all__ = ["GROUPS", "generate", "write"]

DEFAULT_START, DEFAULT_END = "2023-01", "2024-12"
BLOCK = 500_000  # persons generated at a time by `write`: memory stays bounded


def generate(
    persons: int,
    seed: int = 2026,
    start: str = DEFAULT_START,
    end: str = DEFAULT_END,
) -> pyarrow.Table:
    """A population of `persons` rows over the months `start`..`end` (YYYY-MM), reproducibly."""
    rng, period, families, ages, nationality, situation, lives = first_steps(
        persons, seed, start, end
    )
    # Each step draws from `rng` in turn: their order is what makes a seed give a population.
    history = lives.history
    protection = history.field("protection")
    nationality = documented_nationality(nationality, lives, protection[:, 0])
    nationality = nationality[families.head]
    moves = draw_moves(rng, families, period, ages.birth, lives.arrival, lives.departure)
    jobs = draw_jobs(rng, families, period, ages.at_end, situation)
    resources = draw_resources(rng, families, ages.at_end, situation, jobs)
    present = moves.present(history.days)
    ame_first = history.expand(history.ame_state(), False, children_follow=True)[:, 1]
    cover = draw_cover(rng, families, situation, ame_first & present[:, 1])
    jobseekers = draw_jobseekers(rng, families, ages.at_end, situation, jobs)
    absences = draw_absences(rng, families, period, moves, ages.birth, ages.at_end)
    paid = draw_payments(rng, families, history, present, ages.at_end, situation, resources, cover)
    former_work = draw_former_work(rng, families, jobs)
    authorised = ~families.third_country[:, None] | (history.field("work_since")[:, 1:] != NO_DATE)
    work = work_months(period, jobs, moves, authorised)
    entry = entry_of_children(rng, families, moves, protection[:, -1] != PROTECTION["aucun"])
    foyer = ~absences.foyer_abroad[:, None] & present
    return pyarrow.table(
        {
            **person_columns(families, ages.birth, nationality, moves, entry, absences),
            **residence_columns(period, history, nationality, history.field("french")),
            **activity_columns(former_work, jobseekers, cover),
            **payment_columns(period, paid),
            **absence_columns(period, absences, foyer),
            **work_columns(period, work, resources),
            **jobseeker_columns(period, jobseekers, jobs),
        }
    )


def first_steps(persons: int, seed: int, start: str, end: str):
    """The first draws of `generate`, to the careers of the third-country families (`flows`
    counts the documents delivered from them); the generator, to draw the rest after them."""
    if persons < 1:
        raise ValueError("A population holds 1 person or more.")
    rng = numpy.random.default_rng(seed)
    period = Period.between(start, end)
    families = draw_families(rng, persons, group_sizes(start, end))
    ages = draw_ages(rng, families, period)
    nationality = draw_nationalities(rng, families)
    situation = draw_eu_situations(rng, families, ages.at_end)
    lives = draw_lives(rng, families, period, ages, draw_arrival_days(rng, families, period))
    return rng, period, families, ages, nationality, situation, lives


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
