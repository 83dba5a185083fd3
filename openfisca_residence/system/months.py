"""Months written by a user: `2024-01..2024-12`, `2024-01,2024-03`, `2024` (its twelve months).

`parse_months` is the month syntax of the command line, the Python API and the Web API: it refuses,
with one message, what is not a month or falls outside the months the law is modelled for.
"""

from __future__ import annotations

from openfisca_core import periods

from openfisca_residence.rules.dates import FIRST_MONTH, LAST_MONTH


class MonthsError(ValueError):
    """Months that cannot be read, or outside the modelled months: the message says which."""


def parse_months(text: str, option: str = "--months") -> list[str]:
    """`2024-01..2024-12`, `2024-01,2024-03` or `2024` (its twelve months) → ["2024-01", ...].

    `option` names what the months were given as in a message (`--months`, `months`).
    """
    months: list[str] = []
    for part in (p.strip() for p in text.split(",") if p.strip()):
        try:
            if ".." in part:
                first, last = (periods.period(x.strip()) for x in part.split("..", 1))
                if first.unit != periods.DateUnit.MONTH or last.unit != periods.DateUnit.MONTH:
                    raise ValueError
                count = (last.start.year - first.start.year) * 12 + last.start.month
                count -= first.start.month - 1
                if count < 1:
                    raise MonthsError(f"{option} {part}: the first month comes after the last.")
                months += [str(first.offset(i)) for i in range(count)]
            else:
                period = periods.period(part)
                if period.unit == periods.DateUnit.YEAR:
                    months += [str(month) for month in period.get_subperiods(periods.MONTH)]
                elif period.unit == periods.DateUnit.MONTH and period.size == 1:
                    months.append(str(period))
                else:
                    raise ValueError
        except (ValueError, TypeError, AttributeError) as error:
            raise MonthsError(
                f"{option} '{part}' is not a month: write YYYY-MM, a range "
                "YYYY-MM..YYYY-MM, a year YYYY, or several separated by commas."
            ) from error
    if not months:
        raise MonthsError(f"{option} names no month.")
    outside = [month for month in months if not FIRST_MONTH <= month <= LAST_MONTH]
    if outside:
        raise MonthsError(
            f"{option} {outside[0]}: the law is modelled from {FIRST_MONTH} to {LAST_MONTH}."
        )
    return list(dict.fromkeys(months))
