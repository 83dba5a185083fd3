"""`/calculate` and `/trace`: OpenFisca-Core's handlers, written again around this model's
situation builder and with each id found in a dictionary (Core looks each one up in a list, so
that a request's time grows with the square of its persons: docs/upstream/web-api-linear-handlers.md).
"""

from __future__ import annotations

from openfisca_core.indexed_enums import Enum

from openfisca_residence.system.situations import SituationBuilder
from openfisca_residence.web.requests import check_request


def requested(input_data):
    """The computations asked: (entity plural, id, variable, period) of each null value."""
    for plural, instances in input_data.items():
        for instance_id, values in instances.items() if isinstance(instances, dict) else ():
            for name, by_period in values.items() if isinstance(values, dict) else ():
                for period, value in by_period.items() if isinstance(by_period, dict) else ():
                    if value is None:
                        yield plural, instance_id, name, period


class Parsed(dict):
    """A request's body, parsed for this request alone: Core's builder, which deep-copies the
    situation it is given (1 s for 10,000 persons), may use it as it is."""

    def __deepcopy__(self, _memo):
        return self


def build(tax_benefit_system, input_data):
    check_request(tax_benefit_system, input_data)
    return SituationBuilder().build_from_entities(tax_benefit_system, Parsed(input_data))


def calculate(tax_benefit_system, input_data: dict) -> dict:
    """The request, its null values replaced by the values computed."""
    simulation = build(tax_benefit_system, input_data)
    positions = {}
    computed = {}
    for plural, instance_id, name, period in list(requested(input_data)):
        population = simulation.get_population(plural)
        if plural not in positions:
            positions[plural] = {str(id_): index for index, id_ in enumerate(population.ids)}
        variable = tax_benefit_system.get_variable(name)
        if (name, period) not in computed:
            values = simulation.calculate(name, period)
            computed[(name, period)] = (
                values.decode_to_str() if variable.value_type is Enum else values
            )
        value = computed[(name, period)][positions[plural][str(instance_id)]]
        input_data[plural][instance_id][name][period] = _plain(variable, value)
    return input_data


def _plain(variable, value):
    if variable.value_type is float:
        return float(str(value))  # a float32 without confusing extra decimals, as Core does
    if variable.value_type in (str, Enum):
        return str(value)
    return value.item() if hasattr(value, "item") else value


def trace(tax_benefit_system, input_data: dict) -> dict:
    """The computations asked, and the trace of every computation they needed."""
    simulation = build(tax_benefit_system, input_data)
    simulation.trace = True
    asked = []
    for _plural, _id, name, period in requested(input_data):
        asked.append(f"{name}<{period}>")
        simulation.calculate(name, period)
    return {
        "trace": simulation.tracer.get_serialized_flat_trace(),
        "entitiesDescription": simulation.describe_entities(),
        "requestedCalculations": asked,
    }
