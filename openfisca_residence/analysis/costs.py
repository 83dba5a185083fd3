"""What a benefit costs a year per unit (person or foyer), from the published figures.

`unit_cost(benefit)` reads `cout_<benefit>` in `synthetic/chiffres_publies.tsv`: an average
spending a year per beneficiary or per foyer, with its source and year, or None where no figure
is published (the report then says so instead of leaving a blank). A reform's cost change in a
month is the units whose payment it stops or starts, times a twelfth of this yearly figure:

    change = (gainers × take-up − losers among the recipients) × yearly cost / 12

where the take-up is that of today's law in the month: the share of the units meeting the
conditions that are paid. Losers who are not paid today cost nothing.
"""

from __future__ import annotations

from openfisca_residence.synthetic.published import Figure, flow


def unit_cost(benefit: str) -> Figure:
    """The yearly cost per unit of `benefit` (`value` None when no figure is published)."""
    return flow(f"cout_{benefit}", 2023)


def monthly_change(losers_paid, gainers, paid_eligible, eligible, yearly: float):
    """The cost change of a month (works on numbers or arrays of bootstrap replicates)."""
    import numpy

    eligible = numpy.asarray(eligible, dtype=float)
    take_up = numpy.divide(
        paid_eligible, eligible, out=numpy.zeros_like(eligible), where=eligible > 0
    )
    return (gainers * take_up - losers_paid) * yearly / 12
