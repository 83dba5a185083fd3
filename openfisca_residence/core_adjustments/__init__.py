"""Adjustments of OpenFisca-Core, applied when the country package is imported.

1. A value given for ETERNITY to an input defined by month. PUBLIC_NAMES.md promises it for every
   boolean, enum, date or string input defined by month, but `Holder.set_input` refuses ETERNITY
   before asking the variable. The holder now hands it to the variables whose `set_input`
   `accepts_eternity` (those made by `inputs.dispatched`), which keep it as `permanent_value` (an
   array, or a function of the month), and `Holder.get_array` reads it for any month that has no
   value of its own (`Holder.known_array` reads only the values stored for that month).
2. An unknown name in a YAML test's input. `SimulationBuilder.build_from_dict` then returns None and
   the test runner only says "Simulation should be properly initialized". It now raises
   `VariableNotFoundError` naming the unknown key and the closest existing variable; so does an
   unknown name under a person or a family (YAML test or Web API request, HTTP 404 as OpenFisca
   documents it).
3. A bad value in a YAML test written without entities (`input: {variable: value}`): OpenFisca's
   parser for that form lets the error escape as a traceback. It now becomes a situation error
   naming the variable, the period and the value, as it already is for the form with entities; so
   does a period that cannot be read.
4. Inputs that contradict each other (a document ending before it starts): OpenFisca checks each
   input alone. `inputs.check_inputs_together` now runs on every situation the builder makes.
5. A situation error located under a year ("2017"): `SituationParsingError` builds its JSON with
   dpath, which reads a numeric key as a list index and answers with a list of 2018 empty items. The
   error is now built with the path's keys as they are; its text (what `openfisca test` prints)
   is the path and the message, `individus/alice/titre_sejour/2017-02: Invalid input…`, instead of
   the repr of a dict, where quotes are escaped. An input refused for one person is located at that
   person (OpenFisca locates it at the first person who gives the variable for that period).
6. A value written by hand that is not of its variable's type. OpenFisca converts it silently
   (`"false"` or `7` to true, 2.5 days to 2, the number 12 to the date 1970-01-13, 3 to the fourth
   item of an enum), or fails with a traceback or an HTTP 500 (a list, a text such as "1/0" that
   its numeric evaluation cannot compute). `SimulationBuilder.add_variable_value` (YAML test with
   entities, Web API) and `Holder.set_input` (any value that is not a numpy array) now refuse it
   with `inputs.value_problem`'s message: the variable, the period, the person and the value.
7. A variable asked for a period it cannot be computed for: a month variable for a year, a day or
   ETERNITY, or a month outside the months the law is modelled for (MODEL_START to MODEL_END).
   OpenFisca answers with an HTTP 500 or a traceback. A Web API request (`/calculate`, `/trace`)
   now answers 400 naming the variable and the period, and so does a YAML test's output; a YAML
   test whose `period` cannot be read is a situation error instead of a traceback.
8. An empty key, or a key holding a '/', anywhere in a Web API request (an id, as in
   `{"individus": {"": {}}}`, an entity, a variable, a period): OpenFisca's handlers walk the
   request with dpath, whose paths are separated by '/' and which refuses empty keys, and answer
   with an HTTP 500. It is now an HTTP 400 naming the key and where it is.
9. A YAML test that is not written as a test: an unknown key (`inputs` for `input`), a missing
   `output`, an input or an output that is not a mapping. OpenFisca's runner stops the whole file
   at collection (no other test of the file runs) or prints a traceback. The case now fails alone,
   with a message naming the key and the value, and the other tests of the file run.
10. A date in an answer of the Web API (`date_fin_maintien_droits`): Flask writes it as an HTTP
    date ("Thu, 01 Mar 2018 00:00:00 GMT") while the API reads dates as "2018-03-01". When the Web
    API is loaded (`openfisca serve` imports Flask before the country package), its answers now
    write dates as they are read.
11. Speed of a family's max, min, all (`GroupPopulation.reduce`): OpenFisca loops over the
    positions in the largest family, with a sort for each; one `ufunc.at` over the members gives
    the same values thirty times faster.
12. An unknown variable or parameter asked by its address (`/variable/x`, `/parameter/x`): the Web
    API answers Flask's HTML page "Not Found". It now answers the same 404 with a JSON error naming
    what was asked, the closest existing name (read from the app's own `/variables` or
    `/parameters`) and where the existing names are listed.
13. A value a YAML test's `output` expects that cannot be compared. A list of the wrong length
    (3 values for 2 persons) ends in a numpy broadcast traceback, and one of length 1 for 2
    persons, or 2 for 1 family, is broadcast and passes or fails unseen; a category that does not
    exist (`pas_de_motif`) is reported as a wrong result; an impossible date, or a period key that
    cannot be read (`2022-13`), ends in a traceback. The test now fails alone, naming the variable,
    the period and the problem: the number of values given and of persons or families (a single
    value without brackets still applies to all), the closest category and those admitted (the
    message of `inputs.value_problem`, as for an input), or the unreadable period.
14. An unknown reform under a YAML test's `reforms:` (a misspelt path): OpenFisca's runner prints
    the traceback of the failed import. The test now fails alone, naming the path and the closest
    reform of the package (or listing them); a parametric reform file that cannot be applied is
    reported with its own message.
15. A YAML test file that is not valid YAML: OpenFisca's runner prints the parser's traceback and
    "Check the stack trace above". The file is now reported in one line: its path, the line and
    the column where reading stopped, and the parser's reason.

Each adjustment only acts where OpenFisca would otherwise fail, convert a value wrongly, compare
values that cannot be compared, compute outside the months the law is modelled for, answer in
another format than it reads, or take needless time; nothing else changes.

Where each adjustment is: 1 in `holders`; 2 to 6 in `situations`; 7 in `requested_periods` (used
by `web_api` and `test_runner`); 8, 10 and 12 in `web_api`; 9, 13, 14 and 15 in `test_runner`;
11 in `populations`. Each module adjusts OpenFisca-Core when it is imported, which this package
does.
"""

from openfisca_residence.core_adjustments import (  # noqa: F401 - each adjusts OpenFisca-Core
    holders,
    populations,
    situations,
    test_runner,
    web_api,
)
from openfisca_residence.core_adjustments.situations import UnknownNameError

__all__ = ["UnknownNameError"]
