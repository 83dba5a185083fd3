"""Errors this model's systems and situations raise, with what OpenFisca-Core's leave out.

- `UnknownNameError`: Core's `VariableNotFoundError`, in one line naming the variable and the
  closest existing one (`unknown variable 'jours_absense_france' (did you mean
  'jours_absence_france'?)`), without Core's five lines about changelogs.
- `SituationError`: Core's `SituationParsingError`, located with the path's keys as they are.
  Core builds its JSON with dpath, which reads a numeric key as a list index: an error under the
  year "2017" becomes a list of 2018 items (docs/upstream/situation-parsing-error-numeric-key.md).
  Its text (what a YAML test prints) is the path and the message,
  `individus/alice/titre_sejour/2017-02: individu alice = 'carte_residant'; expected…`.
- `located(error)`: the path and message of any SituationParsingError, Core's included (its list
  items read back as keys).
"""

from __future__ import annotations

import os

from openfisca_core.errors import SituationParsingError, VariableNotFoundError

from openfisca_residence.i18n import _
from openfisca_residence.i18n.hints import did_you_mean


class UnknownNameError(VariableNotFoundError):
    """A variable that does not exist, with the closest existing name when there is one."""

    def __init__(self, name: str, tax_benefit_system) -> None:
        super().__init__(name, tax_benefit_system)
        self.message = unknown_variable(name, tax_benefit_system.variables)
        self.args = (self.message,)


def unknown_variable(name: str, known) -> str:
    """`unknown variable 'x' (did you mean 'y'?)`."""
    return _("unknown variable '{name}'{hint}").format(name=name, hint=did_you_mean(name, known))


class SituationError(SituationParsingError):
    """A situation error located at `path`, its keys kept as they are (no list for a year)."""

    def __init__(self, path, message, code=None) -> None:
        keys = [str(key) for key in path]
        text = str(message).strip(os.linesep).replace(os.linesep, " ")
        error: dict = {}
        node = error
        for key in keys[:-1]:
            node = node.setdefault(key, {})
        node[keys[-1]] = text
        self.error = error
        self.code = code
        self.path = keys
        self.text = text
        Exception.__init__(self, _("{path}: {text}").format(path="/".join(keys), text=text))


def located(error: SituationParsingError) -> SituationError:
    """The error as a `SituationError`: its path and message read back from Core's JSON."""
    if isinstance(error, SituationError):
        return error
    path, node = [], error.error
    while isinstance(node, dict | list) and node:
        if isinstance(node, dict):
            key, node = next(iter(node.items()))
        else:  # dpath's list for a numeric key: the index of the only item set
            key = next(index for index, item in enumerate(node) if item is not None)
            node = node[key]
        path.append(key)
    return SituationError(path or ["situation"], node, error.code)
