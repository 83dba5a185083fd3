"""`/calculate` and `/trace`: OpenFisca-Core's handlers, written again around this model's
situation builder and with each id found in a dictionary (Core looks each one up in a list, so
that a request's time grows with the square of its persons: docs/upstream/web-api-linear-handlers.md).
"""

from __future__ import annotations

from openfisca_core.indexed_enums import Enum

from openfisca_residence.system.situations import SituationBuilder
from openfisca_residence.web.requests import check_request


def requested(input_data):
    """The computations asked: (entity plural, id, variable, period, the values by period where
    the answer goes) of each null value."""
    for plural, instances in input_data.items():
        for instance_id, values in instances.items() if isinstance(instances, dict) else ():
            for name, by_period in values.items() if isinstance(values, dict) else ():
                for period, value in by_period.items() if isinstance(by_period, dict) else ():
                    if value is None:
                        yield plural, instance_id, name, period, by_period


class Parsed(dict):
    """A request's body, parsed for this request alone: Core's builder, which deep-copies the
    situation it is given (1 s for 10,000 persons), may use it as it is."""

    def __deepcopy__(self, _memo):
        return self


def build(tax_benefit_system, input_data):
    check_request(tax_benefit_system, input_data)
    return SituationBuilder().build_from_entities(tax_benefit_system, Parsed(input_data))


def calculate(tax_benefit_system, input_data: dict) -> dict:
    """The request, its null values replaced by the values computed: each variable and period
    computed once, and turned into JSON values at once. With axes, each person or family is
    repeated along them: its value is the list of its values, one per point of the axes."""
    simulation = build(tax_benefit_system, input_data)
    asked: dict = {}  # (plural, name, period): [(id, values by period)]
    for plural, instance_id, name, period, by_period in requested(input_data):
        asked.setdefault((plural, name, period), []).append((instance_id, by_period))
    positions: dict = {}
    for (plural, name, period), answers in asked.items():
        if plural not in positions:
            positions[plural] = _positions(simulation, plural, input_data)
        values = _plain(tax_benefit_system.get_variable(name), simulation.calculate(name, period))
        where = positions[plural]
        for instance_id, by_period in answers:
            by_period[period] = values[where[str(instance_id)]]
    return input_data


def _positions(simulation, plural: str, input_data: dict) -> dict:
    """Where each person or family of the request is among the simulation's values: its position,
    or, along axes (`points` copies of the situation), the slice of its copies."""
    population = simulation.get_population(plural)
    if "axes" not in input_data:
        return {str(id_): index for index, id_ in enumerate(population.ids)}
    points = simulation.persons.count // len(input_data[simulation.persons.entity.plural])
    count = population.count // points
    return {str(id_): slice(index, None, count) for index, id_ in enumerate(input_data[plural])}


def _plain(variable, values) -> list:
    """`values` as JSON values: a float32 written without confusing extra decimals (its shortest
    text, as Core does), an enum by its name, a date as a date."""
    if variable.value_type is Enum:
        return values.decode_to_str().tolist()
    if variable.value_type is float:
        return [float(text) for text in values.astype(str)]
    if variable.value_type is str:
        return [str(value) for value in values]
    return values.tolist()


def trace(tax_benefit_system, input_data: dict) -> dict:
    """The computations asked, and the trace of every computation they needed."""
    simulation = build(tax_benefit_system, input_data)
    simulation.trace = True
    asked = []
    for _plural, _id, name, period, _values in requested(input_data):
        asked.append(f"{name}<{period}>")
        simulation.calculate(name, period)
    return {
        "trace": simulation.tracer.get_serialized_flat_trace(),
        "entitiesDescription": simulation.describe_entities(),
        "requestedCalculations": asked,
    }
