"""The variables a case names in its input and its output, each checked before the case runs: every
misspelt name is reported at once, with the closest existing one, whatever else the case holds
(Core stops at the first, in five lines of advice, and suggests nothing for an output)."""

from __future__ import annotations

from openfisca_residence.i18n import _, listed
from openfisca_residence.system.errors import unknown_variable
from openfisca_residence.system.structure import roles_of, variable_keys


def unknown_names(system, test) -> str | None:
    """`input individus/alice: unknown variable 'x' (did you mean 'y'?); output: ...`, or None."""
    known = [*system.variables, *(role for entity in system.entities for role in roles_of(entity))]
    problems = []
    for section in ("input", "output"):
        for path, name, _values in variable_keys(system, getattr(test, section) or {}):
            if name not in known:
                where = " ".join([section, "/".join(map(str, path[:-1]))]).strip()
                problems.append(
                    _("{path}: {text}").format(path=where, text=unknown_variable(name, known))
                )
    return listed(problems) or None
