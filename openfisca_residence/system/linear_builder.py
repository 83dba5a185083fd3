"""OpenFisca-Core's `SimulationBuilder` with each id found in a dictionary.

Core's builder finds a person or a family by `list.index` for each member and each value
(`add_group_entity`, `init_variable_values`), so that a situation's time grows with the square of
its persons: 20,000 persons took 31 s, 100,000 took 230 s
(docs/upstream/web-api-linear-handlers.md). `LinearBuilder` keeps each entity's ids in a
`Positions` list (a list whose `index` and `in` read a dictionary) and builds the families with
dictionaries; what it builds, and every error it raises, are Core's. A period written as a key
is read once per request (`period_of`), not once per value (pendulum's parser, 40 µs a call).
"""

from __future__ import annotations

import functools

import numpy
from openfisca_core import errors, periods
from openfisca_core.simulations import SimulationBuilder, helpers


@functools.lru_cache(maxsize=4096)
def period_of(text) -> periods.Period:
    """`periods.period(text)`, each text read once (a ValueError for a text that is no period)."""
    return periods.period(text)


class Positions(list):
    """Ids in order; `index(id)` and `id in ids` read a dictionary of positions."""

    def __init__(self, ids=()) -> None:
        super().__init__(ids)
        self.positions: dict = {}
        for position, id_ in enumerate(self):
            self.positions.setdefault(id_, position)

    def index(self, id_, *_bounds) -> int:
        try:
            return self.positions[id_]
        except (KeyError, TypeError):  # TypeError: an id that cannot be a key (a list)
            raise ValueError(f"{id_!r} is not in list") from None

    def __contains__(self, id_) -> bool:
        try:
            return id_ in self.positions
        except TypeError:
            return False


class EntityIds(dict):
    """Each entity's ids, kept as `Positions`."""

    def __setitem__(self, plural, ids) -> None:
        super().__setitem__(plural, ids if isinstance(ids, Positions) else Positions(ids))


class LinearBuilder(SimulationBuilder):
    def __init__(self) -> None:
        super().__init__()
        self.entity_ids = EntityIds()

    def add_group_entity(self, persons_plural, persons_ids, entity, instances_json) -> None:
        """Core's `add_group_entity`, each person and each instance found by its position."""
        helpers.check_type(instances_json, dict, [entity.plural])
        self.entity_ids[entity.plural] = [str(key) for key in instances_json]
        entity_ids = self.entity_ids[entity.plural]
        self.entity_counts[entity.plural] = len(entity_ids)
        persons_ids = persons_ids if isinstance(persons_ids, Positions) else Positions(persons_ids)
        memberships = numpy.empty(len(persons_ids), dtype=numpy.int32)
        roles = numpy.empty(len(persons_ids), dtype=object)
        to_allocate = set(persons_ids)
        role_by_plural = {role.plural or role.key: role for role in entity.roles}
        for instance_id, instance_object in instances_json.items():
            helpers.check_type(instance_object, dict, [entity.plural, instance_id])
            variables_json = instance_object.copy()
            roles_json = {
                plural: helpers.transform_to_strict_syntax(variables_json.pop(plural, []))
                for plural in role_by_plural
            }
            for role_id, members in roles_json.items():
                helpers.check_type(members, list, [entity.plural, instance_id, role_id])
                for index, person_id in enumerate(members):
                    self.check_persons_to_allocate(
                        persons_plural,
                        entity.plural,
                        persons_ids,
                        person_id,
                        instance_id,
                        role_id,
                        to_allocate,
                        index,
                    )
                    to_allocate.discard(person_id)
            entity_index = entity_ids.index(str(instance_id))
            for role_plural, members in roles_json.items():
                role = role_by_plural[role_plural]
                if role.max is not None and len(members) > role.max:
                    raise errors.SituationParsingError(
                        [entity.plural, instance_id, role_plural],
                        f"There can be at most {role.max} {role_plural} in a {entity.key}. "
                        f"{len(members)} were declared in '{instance_id}'.",
                    )
                for index_within_role, person_id in enumerate(members):
                    person_index = persons_ids.index(person_id)
                    memberships[person_index] = entity_index
                    roles[person_index] = (
                        role.subroles[index_within_role] if role.subroles else role
                    )
            self.init_variable_values(entity, variables_json, str(instance_id))
        if to_allocate:  # a person in no instance: an instance of their own, in the persons' order
            alone = [person_id for person_id in persons_ids if person_id in to_allocate]
            self.entity_ids[entity.plural] = [*entity_ids, *alone]
            self.entity_counts[entity.plural] = len(self.entity_ids[entity.plural])
            for position, person_id in enumerate(alone, start=len(entity_ids)):
                person_index = persons_ids.index(person_id)
                memberships[person_index] = position
                roles[person_index] = entity.flattened_roles[0]
        self.memberships[entity.plural] = memberships.tolist()
        self.roles[entity.plural] = roles.tolist()

    def init_variable_values(self, entity, instance_object, instance_id) -> None:
        """Core's `init_variable_values`, the instance found by its position, each period read once."""
        instance_index = None
        for variable_name, variable_values in instance_object.items():
            path_in_json = [entity.plural, instance_id, variable_name]
            try:
                entity.check_variable_defined_for_entity(variable_name)
            except ValueError as error:  # a variable of another entity
                raise errors.SituationParsingError(path_in_json, error.args[0]) from error
            except errors.VariableNotFoundError as error:
                raise errors.SituationParsingError(path_in_json, str(error), code=404) from error
            if instance_index is None:
                instance_index = self.get_ids(entity.plural).index(instance_id)
            if not isinstance(variable_values, dict):
                if self.default_period is None:
                    raise errors.SituationParsingError(
                        path_in_json,
                        "Can't deal with type: expected object. Input variables should be set for "
                        "specific periods. For instance: {'salary': {'2017-01': 2000, '2017-02': "
                        "2500}}, or {'birth_date': {'ETERNITY': '1980-01-01'}}.",
                    )
                variable_values = {self.default_period: variable_values}
            variable = entity.get_variable(variable_name)
            for period_str, value in variable_values.items():
                try:
                    period_of(period_str)
                except (ValueError, TypeError) as error:
                    raise errors.SituationParsingError(path_in_json, error.args[0]) from error
                self.add_variable_value(
                    entity, variable, instance_index, instance_id, period_str, value
                )

    def add_variable_value(self, entity, variable, instance_index, instance_id, period_str, value):
        """Core's `add_variable_value`, the period read once."""
        if value is None:
            return
        path_in_json = [entity.plural, instance_id, variable.name, period_str]
        key = str(period_of(period_str))
        array = self.get_input(variable.name, key)
        if array is None:
            array = variable.default_array(self.get_count(entity.plural))
        try:
            value = variable.check_set_value(value)
        except ValueError as error:
            raise errors.SituationParsingError(path_in_json, *error.args) from error
        array[instance_index] = value
        self.input_buffer[variable.name][key] = array
