"""The legal index: each article or source the model cites → the variables and parameters citing
it → the YAML tests that check those variables. It is written to `docs/index-juridique.md`:

    openfisca-residence index-juridique [--output docs/index-juridique.md]
    python -m openfisca_residence.legal_index [--output -]

References are read from the loaded tax-benefit system (each variable's `reference`, each parameter
value's `metadata.reference`) and from the reforms of `openfisca_residence.reforms`; tests from the
YAML files of `tests/`. A test checks a variable when the variable is one of its `output`s; a test
with `reforms:` checks only the variables its reform adds or replaces.

A reference is free text written by a lawyer ("Code de la sécurité sociale, art. L.512-2 et D.512-1
(décret n° 2006-234 du 27 février 2006)"). `citations(text)` reads the sources it names, each
normalised to one key whatever its spelling: a code's article ("CSS, art. D.512-1", the code named
before the articles or after them: "R.115-6 CSS"), a law, ordinance, decree or arrêté by number or
date, a European text, a court decision, a circular or an administrative letter, a source file
`sources/<name>.txt`, a Légifrance code article link (LEGIARTI). Quotations (« … ») are skipped:
they quote a text, they do not cite one. The output is deterministic: the same code and tests give
the same file, byte for byte.

The modules, in the order of the work:

- `references`: what a reference names (`citations`);
- `index`: what cites what, the variables, parameters, reforms and tests (`build`);
- `markdown`: the Markdown file (`render`);
- `command`: the command `openfisca-residence index-juridique` (`write`, `add_arguments`);
  `__main__`, the same for `python -m openfisca_residence.legal_index`.
"""

from openfisca_residence.legal_index.command import add_arguments, write
from openfisca_residence.legal_index.index import build
from openfisca_residence.legal_index.markdown import render
from openfisca_residence.legal_index.references import citations

__all__ = ["add_arguments", "build", "citations", "render", "write"]
