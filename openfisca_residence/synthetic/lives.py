"""The third-country families: where each starts (`starts`), its career (`careers`) run to the
end of the months, and what it gives month by month (`history`).

A family's head holds the career; a spouse shares it (a simplification: reunited families hold
documents of the same kind and dates), children hold no document and follow the family.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy

from openfisca_residence.synthetic import careers
from openfisca_residence.synthetic.calibration import NATIONALITY_OF_DOCUMENT
from openfisca_residence.synthetic.careers import ALGERIAN, BRITISH, CODE, NO_DATE, PROTECTION
from openfisca_residence.synthetic.draws import Ages, Period
from openfisca_residence.synthetic.families import GROUP_NAMES, Families
from openfisca_residence.synthetic.history import History, month_days
from openfisca_residence.synthetic.starts import start_states


class Lives(NamedTuple):
    """Per person (NO_DATE, `aucun`, -1 for the French and EU citizens): the family's career."""

    history: History
    arrival: numpy.ndarray  # the family's (last) arrival in France
    departure: numpy.ndarray  # the family's departure, NO_DATE if none
    first_kind: numpy.ndarray  # the head's document on the first day (or at arrival)
    route: numpy.ndarray  # the head's route of renewal (`careers`)


def draw_lives(
    rng: numpy.random.Generator,
    families: Families,
    period: Period,
    ages: Ages,
    arrival_days: numpy.ndarray,
) -> Lives:
    """The careers of the third-country families, their heads' from `starts`."""
    third = families.third_country
    holders = numpy.flatnonzero(third & families.is_head)
    position = numpy.full(families.count, -1, dtype=numpy.int64)
    position[holders] = numpy.arange(len(holders))
    holder = numpy.where(third, position[families.head], -1)
    group = numpy.array(GROUP_NAMES, dtype=object)[families.group[holders]]
    starts = start_states(
        rng,
        group,
        ages.birth[holders],
        ages.at_start[holders],
        arrival_days[holders],
        period.first_day,
    )
    run = careers.run(rng, starts.state, period.last_day)
    history = History(run, holder, families.adult, starts.arrival, month_days(period))

    def per_person(values, empty):
        if not len(values):  # no third-country family (a population of one French person)
            return numpy.full(families.count, empty, dtype=values.dtype)
        return numpy.where(third, values[numpy.maximum(holder, 0)], empty)

    return Lives(
        history,
        per_person(starts.arrival, NO_DATE),
        per_person(run.departure, NO_DATE),
        per_person(starts.kind, CODE["aucun"]),
        per_person(starts.state.route, -1),
    )


def documented_nationality(nationality, lives: Lives, protection) -> numpy.ndarray:
    """Nationality as a document sets it (Algerian certificates, British withdrawal cards,
    Andorran and Monegasque documents), stateless persons' XX; families share the head's."""
    nationality = nationality.copy()
    for name, code in NATIONALITY_OF_DOCUMENT.items():
        nationality[lives.first_kind == CODE[name]] = code
    nationality[lives.route == ALGERIAN] = "DZ"
    nationality[lives.route == BRITISH] = "GB"
    nationality[protection == PROTECTION["apatride"]] = "XX"
    return nationality
