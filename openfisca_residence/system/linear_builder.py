"""OpenFisca-Core's `SimulationBuilder` with each id found in a dictionary, the values read by
column, and no value lost between periods.

Core's builder finds a person or a family by `list.index` for each member and each value
(`add_group_entity`, `init_variable_values`), so that a situation's time grows with the square of
its persons: 20,000 persons took 31 s, 100,000 took 230 s
(docs/upstream/web-api-linear-handlers.md). `LinearBuilder` keeps each entity's ids in a
`Positions` list (a list whose `index` and `in` read a dictionary) and builds the families with
dictionaries; what it builds, and every error it raises, are Core's. A period written as a key
is read once per request (`period_of`), not once per value (pendulum's parser, 40 µs a call).
Each variable and period's values are kept as a `Column`, checked once per different value and
written into Core's array at once (`write_columns`). A value given for ETERNITY or a year is not
replaced by the default in a month another person gave (`merge_periods`,
docs/upstream/builder-inputs-by-person.md).
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


@functools.lru_cache(maxsize=4096)
def period_key(text) -> str:
    """The key of a period written `text` in the builder's inputs (`2017-01`, `month:2017-01:3`)."""
    return str(period_of(text))


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
        self.variables_checked: dict = {}  # (entity, name): the variable, checked once
        self.columns: dict = {}  # (entity, name, period text): the values given, a Column
        self.given: dict = {}  # variable: {period key: whether each person or family gave a value}

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
        self.write_columns()
        self.memberships[entity.plural] = memberships.tolist()
        self.roles[entity.plural] = roles.tolist()

    def init_variable_values(self, entity, instance_object, instance_id) -> None:
        """Core's `init_variable_values`, the instance found by its position, each period read once."""
        instance_index = None
        known = self.variables_checked
        for variable_name, variable_values in instance_object.items():
            variable = known.get((entity.key, variable_name))
            if variable is None:
                variable = self._variable(entity, variable_name, instance_id)
            if instance_index is None:
                instance_index = self.get_ids(entity.plural).index(instance_id)
            if not isinstance(variable_values, dict):
                if self.default_period is None:
                    raise errors.SituationParsingError(
                        [entity.plural, instance_id, variable_name],
                        "Can't deal with type: expected object. Input variables should be set for "
                        "specific periods. For instance: {'salary': {'2017-01': 2000, '2017-02': "
                        "2500}}, or {'birth_date': {'ETERNITY': '1980-01-01'}}.",
                    )
                variable_values = {self.default_period: variable_values}
            for period_str, value in variable_values.items():
                try:
                    period_of(period_str)
                except (ValueError, TypeError) as error:
                    path_in_json = [entity.plural, instance_id, variable_name]
                    raise errors.SituationParsingError(path_in_json, error.args[0]) from error
                self.add_variable_value(
                    entity, variable, instance_index, instance_id, period_str, value
                )

    def _variable(self, entity, name: str, instance_id):
        """The variable `name` of `entity`, checked once per builder (not once per instance)."""
        path_in_json = [entity.plural, instance_id, name]
        try:
            entity.check_variable_defined_for_entity(name)
        except ValueError as error:  # a variable of another entity
            raise errors.SituationParsingError(path_in_json, error.args[0]) from error
        except errors.VariableNotFoundError as error:
            raise errors.SituationParsingError(path_in_json, str(error), code=404) from error
        variable = self.variables_checked[(entity.key, name)] = entity.get_variable(name)
        return variable

    def add_variable_value(self, entity, variable, instance_index, instance_id, period_str, value):
        """Core's `add_variable_value`, the value kept in the column of its variable and period:
        `write_columns` checks and writes each column at once."""
        if value is None:
            return
        column = self.columns.get((entity.key, variable.name, period_str))
        if column is None:
            column = Column(entity, variable, period_str)
            self.columns[(entity.key, variable.name, period_str)] = column
        column.positions.append(instance_index)
        column.ids.append(instance_id)
        column.values.append(value)

    def write_columns(self) -> None:
        """Each column checked (`column_values`) and written into Core's input array
        (`input_buffer`) at once, in the order the columns were met."""
        for column in self.columns.values():
            name, key = column.variable.name, period_key(column.period)
            array = self.get_input(name, key)
            if array is None:
                array = column.variable.default_array(self.get_count(column.entity.plural))
            array[column.positions] = self.column_values(column)
            self.input_buffer[name][key] = array
            given = self.given.setdefault(column.variable, {})
            if key not in given:
                given[key] = numpy.zeros(len(array), dtype=bool)
            given[key][column.positions] = True
        self.columns.clear()

    def merge_periods(self) -> None:
        """Each value given for a longer period written where another person's input for a
        shorter one would hide it.

        Core keeps one array per variable and period, the persons who gave no value for that
        period at the default: when a gives `titre_sejour` for ETERNITY (or 2018) and b for
        2018-02, the array of 2018-02 holds the default for a, set first, and a's value never
        reaches that month (openfisca-core #564). Here each array of a period takes, for the
        persons who gave none for it, the value they gave for the smallest period containing it
        (ETERNITY contains every period; for a variable defined for ETERNITY, each period stands
        for all): a value given for the period itself is kept. Only for the variables that take
        a longer period: the others refuse it, where it was given."""
        for variable, given in self.given.items():
            name, eternal = variable.name, variable.definition_period == periods.DateUnit.ETERNITY
            if len(given) < 2 or not (eternal or _spreads(variable)):
                continue  # a longer period is refused by the variable: Core says so
            keys = sorted(given, key=lambda key: periods.key_period_size(period_of(key)))
            for key in keys:
                array = self.input_buffer[name][key]
                for other in keys:
                    if other == key or not (eternal or _covers(other, key)):
                        continue
                    source = self.input_buffer[name][other]
                    if len(source) != len(array) or len(given[other]) != len(array):
                        continue  # arrays repeated along axes: as Core sets them
                    missing = given[other] & ~given[key]
                    array[missing] = source[missing]
                    given[key] |= missing

    def column_values(self, column: Column) -> numpy.ndarray:
        """The values of `column` in its variable's type, each different text, number or boolean
        checked once (`checked`)."""
        known: dict = {}  # (type, value): the value checked; the type apart, 1, 1.0, True are equal
        values = []
        for id_, value in zip(column.ids, column.values, strict=True):
            if type(value) not in SCALARS:
                values.append(self.checked(column, id_, value))
                continue
            key = (type(value), value)
            if key not in known:
                known[key] = self.checked(column, id_, value)
            values.append(known[key])
        return numpy.array(values, dtype=column.variable.dtype)

    def checked(self, column: Column, id_, value):
        """`value` for the person or family `id_`, in its variable's type (Core's check)."""
        try:
            return column.variable.check_set_value(value)
        except ValueError as error:
            raise errors.SituationParsingError(column.path(id_), *error.args) from error

    def add_person_entity(self, entity, instances_json):
        ids = super().add_person_entity(entity, instances_json)
        self.write_columns()
        return ids

    def finalize_variables_init(self, population) -> None:
        self.write_columns()
        self.merge_periods()
        super().finalize_variables_init(population)


class Column:
    """The values given for one variable and period: each holder's position, id, value."""

    __slots__ = ("entity", "ids", "period", "positions", "values", "variable")

    def __init__(self, entity, variable, period: str) -> None:
        self.entity, self.variable, self.period = entity, variable, period
        self.positions: list[int] = []
        self.ids: list[str] = []
        self.values: list = []

    def path(self, id_) -> list:
        """Where the value of `id_` is in the situation."""
        return [self.entity.plural, id_, self.variable.name, self.period]


def _spreads(variable) -> bool:
    """Whether `variable` takes a value for a year or ETERNITY and spreads it over its months
    (`rules.inputs.dispatched`); the others refuse it."""
    return bool(getattr(variable.set_input, "accepts_eternity", False))


def _covers(longer: str, shorter: str) -> bool:
    """Whether the period written `longer` contains the period `shorter`, ETERNITY every one."""
    longer_period = period_of(longer)
    return longer_period.unit == periods.DateUnit.ETERNITY or (
        longer_period != period_of(shorter) and longer_period.contains(period_of(shorter))
    )


SCALARS = (str, int, float, bool)  # values a column checks once each (`column_values`)
