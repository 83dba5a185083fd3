"""Nationalities compared for a whole population: `nationality_is`, `nationality_in`."""

import gc

import numpy
import pytest

from openfisca_residence.rules import countries
from openfisca_residence.rules.countries import is_country_code, nationality_in, nationality_is


def nationalities(*codes):
    return numpy.array(codes, dtype=object)  # as OpenFisca holds a text variable


def test_a_nationality_is_compared_with_one_code_or_a_list():
    people = nationalities("FR", "GB", "XX", "IT", "FR")
    assert nationality_is(people, "FR").tolist() == [True, False, False, False, True]
    assert nationality_is(people, "XX").tolist() == [False, False, True, False, False]
    assert nationality_in(people, ["IT", "GB"]).tolist() == [False, True, False, True, False]
    assert nationality_in(people, []).tolist() == [False] * 5
    assert nationality_in(people, ("XX",)).dtype == bool


def test_codes_that_share_a_letter_are_told_apart():
    people = nationalities("GA", "AG", "GB", "BG")
    assert nationality_in(people, ["GA", "BG"]).tolist() == [True, False, False, True]


def test_an_unknown_code_in_a_list_is_a_mistake_in_a_parameter_file():
    with pytest.raises(ValueError, match=r"Unknown country code\(s\) \['ZZ'\]"):
        nationality_in(nationalities("FR"), ["IT", "ZZ"])


def test_each_array_is_read_once_while_it_lives_and_forgotten_after():
    people = nationalities("FR", "DE")
    first = countries._numbers(people)
    assert countries._numbers(people) is first  # read once
    assert id(people) in countries._read
    key = id(people)
    del people
    gc.collect()
    assert key not in countries._read
    other = nationalities("DE", "FR")  # may reuse the id: read anew
    assert nationality_is(other, "FR").tolist() == [False, True]


def test_every_code_of_the_list_is_read_as_its_own_number():
    codes = sorted(countries.COUNTRY_CODES)
    assert is_country_code(nationalities(*codes)).all()
    numbers = countries._as_numbers(nationalities(*codes))
    assert len(set(numbers.tolist())) == len(codes)
    assert nationality_in(nationalities(*codes), codes).all()


def test_a_column_taken_from_its_distinct_codes_is_compared_without_reading_each_row(monkeypatch):
    """`codes_taken`: the codes of each row, their numbers read from the few distinct codes."""
    distinct = nationalities("FR", "IT", "DZ", "XX")
    rows = numpy.array([2, 0, 0, 3, 1, 2])
    people = countries.codes_taken(distinct, rows)
    assert people.tolist() == ["DZ", "FR", "FR", "XX", "IT", "DZ"]
    read = []
    monkeypatch.setattr(countries, "_as_numbers", lambda codes: read.append(codes))
    assert nationality_in(people, ["IT", "FR"]).tolist() == [False, True, True, False, True, False]
    assert nationality_is(people, "DZ").tolist() == [True, False, False, False, False, True]
    assert read == []  # the rows never read one by one
