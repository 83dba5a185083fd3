"""The date of effect of a reform: a class attribute, and `.au(date)` for another date.

    fin_droits_expiration_sejour(tax_benefit_system)                     # default date
    fin_droits_expiration_sejour.au("2026-07-01")(tax_benefit_system)    # a date of the user's choice

A proposal has no date of effect yet: each reform documents the default it takes.
"""

import datetime

from openfisca_residence.system.reform import Reform


class ReformeDatee(Reform):
    date_effet = None  # ISO date, set by each reform
    date_minimale = None  # a date before which the reform's own parameters have no value

    @classmethod
    def au(cls, date_effet) -> type[Reform]:
        try:
            date_effet = datetime.date.fromisoformat(str(date_effet)).isoformat()
        except ValueError as error:
            raise ValueError(
                f"{cls.__name__}: the date of effect '{date_effet}' is not an existing date "
                "written YYYY-MM-DD."
            ) from error
        if cls.date_minimale and date_effet < cls.date_minimale:
            raise ValueError(
                f"{cls.__name__}: the date of effect cannot precede {cls.date_minimale}, not {date_effet}."
            )
        return type(cls.__name__, (cls,), {"date_effet": date_effet, "__module__": cls.__module__})
