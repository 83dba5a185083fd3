"""The shape of a situation written by hand, checked before OpenFisca-Core reads it.

Core's builder finds the same mistakes one at a time, in English, some with a page of advice
(an unknown variable), some wrongly (a period written `03/2025` is told to look like `2017`).
`check_structure` walks the situation first and raises a `SituationError` located at the key,
in the language of the messages:

- entities: an unknown entity, a variable at the top of a situation that lists its entities, no
  person;
- each person or family: its facts (a mapping), its roles (persons declared among the persons,
  each in one family only, at most as many as the role admits);
- each variable: unknown (the closest name suggested), of another entity, given without a period
  where no default period is known;
- each period key: one that cannot be read, with the forms the variable takes;
- the axes (`axes.check_axes`).

`variable_keys` gives the variables a situation names, wherever they are: the YAML test runner
checks the names of a case's outputs with it too.
"""

from __future__ import annotations

from openfisca_residence.i18n import _
from openfisca_residence.i18n.hints import did_you_mean
from openfisca_residence.system.axes import check_axes
from openfisca_residence.system.errors import SituationError, UnknownNameError, unknown_variable
from openfisca_residence.system.linear_builder import period_of
from openfisca_residence.system.requested_periods import input_forms, unreadable_period


def check_structure(system, situation, default_period) -> None:
    """Raise a SituationError at the first mistake of `situation`'s shape (module docstring)."""
    if not isinstance(situation, dict):
        return  # the callers refuse it with their own message
    plurals = {entity.plural: entity for entity in system.entities}
    if not any(key in plurals for key in situation):
        if not any(key in {entity.key for entity in system.entities} for key in situation):
            for name, values in situation.items():  # the form without entities
                _check_values(system, [name], system.variables.get(name), values, default_period)
        return
    for key in situation:
        if key not in plurals and key != "axes":
            _refuse_top_key(system, key, plurals)
    person = system.person_entity
    if not situation.get(person.plural):
        raise SituationError(
            [person.plural],
            _("no {entity}: give at least one under {plural}.").format(
                entity=person.key, plural=person.plural
            ),
        )
    persons = situation[person.plural]
    _check_instances(system, person, persons, default_period)
    for entity in system.group_entities:
        if situation.get(entity.plural) is not None:
            known = set(map(str, persons))
            _check_instances(system, entity, situation[entity.plural], default_period, known)
    if "axes" in situation:
        check_axes(system, situation, default_period)


def variable_keys(system, situation):
    """(path, name, values) of each variable a situation (or a YAML test's output) names: at its
    top, under an entity (`individu:`), or under each person or family of an entity's plural."""
    if not isinstance(situation, dict):
        return
    singulars = {entity.key for entity in system.entities}
    plurals = {entity.plural: entity for entity in system.entities}
    for key, value in situation.items():
        if key in singulars:
            for name, values in value.items() if isinstance(value, dict) else ():
                yield [key, name], name, values
        elif key in plurals:
            roles = set(roles_of(plurals[key]))
            for instance, facts in value.items() if isinstance(value, dict) else ():
                for name, values in facts.items() if isinstance(facts, dict) else ():
                    if name not in roles:
                        yield [key, instance, name], name, values
        elif key != "axes":
            yield [key], key, value


def roles_of(entity) -> dict:
    """The roles of a family (`parents`, `enfants`) by the key a situation gives them; a person's:
    none."""
    return {role.plural or role.key: role for role in getattr(entity, "roles", ())}


def _refuse_top_key(system, key, plurals) -> None:
    if key in system.variables:
        message = _(
            "the case lists its entities ({entities}); give each fact under its person or family."
        )
    else:
        message = _("unknown entity or variable '{name}'{hint}; the entities are {entities}.")
    hint = did_you_mean(key, [*plurals, *system.variables])
    raise SituationError([key], message.format(name=key, hint=hint, entities=", ".join(plurals)))


def _check_instances(system, entity, instances, default_period, persons=None) -> None:
    """The persons or families of `entity`; `persons`, for a group entity, the persons' ids."""
    if not isinstance(instances, dict):
        raise SituationError(
            [entity.plural],
            _("expected each {entity} by its id, with its facts, not {value!r}.").format(
                entity=entity.key, value=instances
            ),
        )
    roles = {} if persons is None else roles_of(entity)
    allocated: set[str] = set()
    good: set = set()  # (variable, period) found good: checked once, not once per person
    for instance, facts in instances.items():
        if not isinstance(facts, dict):
            raise SituationError(
                [entity.plural, instance],
                _("expected facts (variable: value), not {value!r}.").format(value=facts),
            )
        for name, values in facts.items():
            if isinstance(values, dict) and values and all((name, key) in good for key in values):
                continue
            path = [entity.plural, instance, name]
            if name in roles:
                _check_role(system, entity, path, roles[name], values, persons, allocated)
                continue
            variable = system.variables.get(name)
            if variable is not None and variable.entity.key != entity.key:
                raise SituationError(
                    path,
                    _(
                        "{name} is a variable of {other}, not of {plural}: give it under {other}."
                    ).format(name=name, other=variable.entity.plural, plural=entity.plural),
                )
            _check_values(system, path, variable, values, default_period, roles)
            if isinstance(values, dict):
                good.update((name, key) for key in values)


def _check_role(system, entity, path, role, members, persons: set, allocated: set) -> None:
    members = [members] if isinstance(members, str | int) else members
    if not isinstance(members, list) or not all(isinstance(m, str | int) for m in members):
        raise SituationError(
            path,
            _("expected a list of ids of {persons}, not {value!r}.").format(
                persons=system.person_entity.plural, value=members
            ),
        )
    if role.max is not None and len(members) > role.max:
        raise SituationError(
            path,
            _("{entity} {id} has {count} {role}; at most {most}.").format(
                entity=entity.key, id=path[1], count=len(members), role=path[-1], most=role.max
            ),
        )
    for member in map(str, members):
        if member not in persons:
            raise SituationError(
                path,
                _("{person} is among the {role} of {id} but not among the {persons}.").format(
                    person=member, role=path[-1], id=path[1], persons=system.person_entity.plural
                ),
            )
        if member in allocated:
            raise SituationError(
                path,
                _("{person} is in more than one of the {plural}.").format(
                    person=member, plural=entity.plural
                ),
            )
        allocated.add(member)


def _check_values(system, path, variable, values, default_period, roles=()) -> None:
    name = path[-1]
    if variable is None:
        if len(path) == 1:  # the form without entities: the name says where
            raise UnknownNameError(name, system)
        raise SituationError(path, unknown_variable(name, [*system.variables, *roles]), code=404)
    if not isinstance(values, dict):
        if default_period is None:
            raise SituationError(
                path,
                _("give {name}'s values by period, such as {example}.").format(
                    name=name, example='{"2017-01": ...} or {"ETERNITY": ...}'
                ),
            )
        return
    for key in values:
        try:
            period_of(key)  # each text read once per process
        except ValueError:
            raise SituationError(path, unreadable_period(key, input_forms(variable))) from None
