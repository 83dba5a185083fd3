"""The legal experts' YAML tests, run by `openfisca-residence test FILE...` (`command`): OpenFisca-
Core's YAML test runner, subclassed (`items`) and plugged into pytest (`plugin`), so that

- a file is read with a safe loader (`loader`): no Python tag runs code, a syntax error is one line
  with the file, the line and the column;
- a case that is not written as a test (an unknown key, a missing output), an unknown reform, an
  input or an expected value that cannot be read, a period the variable cannot be computed for:
  the case fails alone, with a message naming the key, the variable, the period and the value,
  and the other cases of the file run;
- every misspelt variable of a case, input or output, is named with the closest one (`names`);
- a value that differs is told person by person, family by family (`failures`);
- an output computed with default facts in a month the case gives no fact for is warned of after
  the results, without failing the case (`defaults`);
- the messages are in French, or in English with `OPENFISCA_RESIDENCE_LANG=en` (`i18n`).

`openfisca test -c openfisca_residence` still runs the same files with Core's runner: the rules
answer the same, but its messages are Core's, and Core loads YAML with an unsafe loader
(docs/upstream/test-runner-safe-loader.md).
"""
