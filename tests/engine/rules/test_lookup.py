import gc

import numpy
import pytest
from openfisca_core.indexed_enums import Enum
from openfisca_core.parameters import Parameter

from openfisca_residence.rules import lookup
from openfisca_residence.rules.dates import NEVER
from openfisca_residence.rules.lookup import (
    category_in,
    category_in_at_dates,
    date_at_dates,
    date_bounds,
    item_in_at_dates,
    value_at_dates,
)


class Couleur(Enum):
    rouge = "Rouge"
    vert = "Vert"
    bleu = "Bleu"


def dates(*values):
    return numpy.array(values, dtype="datetime64[D]")


def parameter(values: dict) -> Parameter:
    return Parameter("test.parametre", {"values": values})


def test_value_at_dates_reads_the_value_in_force_on_each_date():
    jours = parameter({"2020-01-01": 90, "2021-06-01": 180})
    read = value_at_dates(jours, dates("2020-01-01", "2021-05-31", "2021-06-01", "2030-01-01"))
    assert read.tolist() == [90, 90, 180, 180]


@pytest.mark.parametrize("steps", [3, 20])  # compared value by value, or searched
def test_the_value_in_force_is_the_one_a_search_of_the_dates_of_effect_finds(steps):
    rng = numpy.random.default_rng(steps)
    starts = numpy.sort(rng.choice(numpy.arange(8000, 20000), steps, replace=False))
    values = {str(numpy.datetime64(int(day), "D")): int(day) % 97 for day in starts}
    days = dates(*[str(numpy.datetime64(int(day), "D")) for day in rng.integers(7000, 21000, 5000)])
    days[::97] = numpy.datetime64("NaT")  # numpy sorts NaT after every date
    days[1] = numpy.datetime64(int(starts[0]), "D")  # the first day of effect itself
    position = numpy.searchsorted(starts.astype("datetime64[D]"), days, side="right") - 1
    numbers = numpy.array(list(values.values()))
    expected = numpy.where(position < 0, -1, numbers[numpy.maximum(position, 0)])
    found = value_at_dates(parameter(values), days, before=-1)
    assert found.dtype == expected.dtype
    assert found.tolist() == expected.tolist()


def test_date_bounds_are_the_earliest_and_latest_values_whatever_their_dates_of_effect():
    fenetre = parameter({"2020-03-26": "2020-05-15", "2020-06-18": "2020-04-30"})
    assert date_bounds(fenetre) == (numpy.datetime64("2020-04-30"), numpy.datetime64("2020-05-15"))


def test_value_at_dates_before_the_first_value_raises_unless_told_what_to_give():
    jours = parameter({"2020-01-01": 90})
    with pytest.raises(ValueError, match=r"test\.parametre has no value before 2020-01-01"):
        value_at_dates(jours, dates("2019-12-31", "2020-01-01"))
    assert value_at_dates(jours, dates("2019-12-31", "2020-01-01"), before=0).tolist() == [0, 90]


def test_a_parameter_updated_after_a_read_is_read_again():
    # Parameter.update (a reform's modify_parameters) gives the parameter a new list of values:
    # the history read before must not answer for it.
    jours = parameter({"2020-01-01": 90})
    assert value_at_dates(jours, dates("2025-01-01")).tolist() == [90]
    jours.update(start="2024-01-01", value=30)
    assert value_at_dates(jours, dates("2023-12-31", "2025-01-01")).tolist() == [90, 30]


def test_the_history_of_a_parameter_no_longer_used_is_dropped():
    jours = parameter({"2020-01-01": 90})
    value_at_dates(jours, dates("2025-01-01"))
    key = id(jours)
    assert key in lookup._HISTORIES
    del jours
    gc.collect()
    assert key not in lookup._HISTORIES


def test_date_at_dates_gives_dates_and_never_before_the_first_value():
    borne = parameter({"2020-03-12": "2020-06-23"})
    read = date_at_dates(borne, dates("2020-03-11", "2020-03-12"))
    assert read.tolist() == dates(NEVER, "2020-06-23").tolist()


def test_category_in_at_dates_reads_each_person_s_list_at_the_person_s_date():
    liste = parameter({"2010-01-01": ["rouge"], "2017-05-11": ["rouge", "vert"]})
    couleurs = Couleur.encode(numpy.array(["vert", "vert", "rouge", "bleu"]))
    read = category_in_at_dates(
        couleurs, liste, dates("2017-05-10", "2017-05-11", "2010-01-01", "2020-01-01")
    )
    assert read.tolist() == [False, True, True, False]
    same_day = category_in_at_dates(couleurs, liste, dates(*["2017-05-11"] * 4))
    assert same_day.tolist() == [True, True, True, False]


def test_item_in_at_dates_reads_the_list_in_force_on_each_date_and_false_before_it():
    liste = parameter({"2010-01-01": ["rouge"], "2017-02-27": ["rouge", "vert"]})
    read = item_in_at_dates(liste, "vert", dates("2009-12-31", "2017-02-26", "2017-02-27"))
    assert read.tolist() == [False, False, True]
    assert item_in_at_dates(liste, "rouge", dates("2009-12-31", "2010-01-01")).tolist() == [
        False,
        True,
    ]


def test_the_tables_answered_are_not_shared_with_the_next_call():
    liste = parameter({"2010-01-01": ["rouge"]})
    rouge = Couleur.encode(numpy.array(["rouge"]))
    category_in_at_dates(rouge, liste, dates("2011-01-01"))[0] = False
    category_in(rouge, ["rouge"])[0] = False
    assert category_in_at_dates(rouge, liste, dates("2011-01-01")).tolist() == [True]
    assert category_in(rouge, ["rouge"]).tolist() == [True]


def test_an_unknown_item_in_a_list_parameter_raises():
    with pytest.raises(ValueError, match=r"Unknown Couleur item\(s\) \['jaune'\]"):
        category_in(Couleur.encode(numpy.array(["rouge"])), ["jaune"])
