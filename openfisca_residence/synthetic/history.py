"""Month by month, what each person's career gives the rules, on the first day of each month.

Day 0 is the day before the months generated: its values fill the inputs of every earlier month
(the `<variable>` column of the file), so that the rules reading history (the last 24 months of
documents) see the document held then. The adults of a family share its career (the head's);
children hold no document, and follow their family in its protection, its naturalisation and its
departure.
"""

from __future__ import annotations

from functools import cached_property

import numpy

from openfisca_residence.rules.dates import DAY, LONG_AGO, add_months
from openfisca_residence.synthetic.careers import CODE, EMPTY, NO_DATE, Careers
from openfisca_residence.system.registry import tax_benefit_system

FAMILY_FIELDS = ("protection", "french", "abroad")  # which children follow too


class History:
    """The careers' values on each day of `days` (day 0, then the first day of each month), for
    every person: `holder[i]` is the row of person i's career (-1: none)."""

    def __init__(self, careers: Careers, holder, adult, arrival, days: numpy.ndarray) -> None:
        self.careers = careers
        self.holder = holder
        self.adult = adult
        self.arrival = arrival  # of the career holders
        self.days = days
        self.index = careers.in_force(days)

    def holders(self, name: str) -> numpy.ndarray:
        """A field's values for the career holders: holders × days."""
        return self.careers.on(self.index, name)

    def expand(self, values: numpy.ndarray, empty, children_follow: bool) -> numpy.ndarray:
        """Holders × days values for every person: `empty` for the persons without a career, and
        for children unless they follow their family."""
        empty = numpy.asarray(empty, dtype=values.dtype)
        if not len(values):  # no career at all (no third-country family)
            return numpy.full((len(self.holder), *values.shape[1:]), empty)
        taken = values[numpy.maximum(self.holder, 0)]
        concerned = self.holder >= 0
        if not children_follow:
            concerned = concerned & self.adult
        return numpy.where(concerned[:, None], taken, empty)

    def field(self, name: str) -> numpy.ndarray:
        """A spell's field for every person × day."""
        return self.expand(self.holders(name), EMPTY[name], name in FAMILY_FIELDS)

    # -- the rules' reading, for the payments drawn after them

    @cached_property
    def _law(self):
        parameters = tax_benefit_system(None).parameters(str(self.days[-1]))
        admissible = numpy.zeros(len(CODE), bool)
        admissible[
            [CODE[name] for name in parameters.sejour.titres_recevables.securite_sociale]
        ] = True
        keeping = parameters.sejour.maintien_droits
        return admissible, int(keeping.duree), int(keeping.duree_apres_mesure_eloignement)

    @cached_property
    def regular(self) -> numpy.ndarray:
        """Holders × days: an admissible document valid that day, no refusal before it."""
        admissible, _, _ = self._law
        kind, start, end, refusal = (
            self.holders(n) for n in ("kind", "doc_start", "doc_end", "refusal")
        )
        days = self.days[None, :]
        no_end = end == NO_DATE
        end = numpy.where(no_end & (start != NO_DATE), add_months(start, 3), end)
        valid = admissible[kind] & (start <= days) & (days <= end) & (refusal > days)
        return valid | self.holders("french")  # a French national is not asked for a document

    @cached_property
    def covered_until(self) -> numpy.ndarray:
        """Holders × days: the last day health rights are kept after the document ends or a
        refusal (R.111-4), LONG_AGO with none; NO_DATE while regular."""
        admissible, months, after_removal = self._law
        kind, end, refusal, removal = (
            self.holders(n) for n in ("kind", "doc_end", "refusal", "removal")
        )
        last = numpy.where(admissible[kind] & (end != NO_DATE), end, numpy.datetime64(LONG_AGO))
        last = numpy.minimum(last, refusal - 1)
        kept = numpy.where(removal & (refusal + 30 <= self.days[None, :]), after_removal, months)
        until = numpy.where(last > numpy.datetime64(LONG_AGO), add_months(last, kept), last)
        return numpy.where(self.regular, NO_DATE, until)

    @cached_property
    def irregular_since(self) -> numpy.ndarray:
        """Holders × days: the day irregular stay began (NO_DATE while regular or kept)."""
        kind, end, refusal = (self.holders(n) for n in ("kind", "doc_end", "refusal"))
        admissible, _, _ = self._law
        last = numpy.where(admissible[kind] & (end != NO_DATE), end, numpy.datetime64(LONG_AGO))
        last = numpy.minimum(last, refusal - 1)
        since = numpy.maximum(last + 1, self.arrival[:, None])
        kept = self.covered_until >= self.days[None, :]
        return numpy.where(kept, NO_DATE, since)

    def ame_state(self) -> numpy.ndarray:
        """Holders × days: irregular stay for more than three months (L.251-1)."""
        since = self.irregular_since
        three_months = add_months(since.ravel(), 3).reshape(since.shape)
        return (since != NO_DATE) & (three_months < self.days[None, :])


def month_days(period) -> numpy.ndarray:
    """Day 0 (the day before the first month) and the first day of each month."""
    return numpy.concatenate([[period.first_day - 1], period.month_start]).astype(DAY)
