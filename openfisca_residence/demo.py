"""Compute the residence variables of the example population and print them as a table.

python -m openfisca_residence.demo [--month YYYY-MM] [--file population.yaml]
"""

import argparse
from pathlib import Path

import yaml
from openfisca_core.simulations import SimulationBuilder

from openfisca_residence import CountryTaxBenefitSystem
from openfisca_residence.tables import table

EXAMPLE = Path(__file__).parent / "data" / "exemple_residence.yaml"
COLUMNS = {
    "jours_presence_france_retenus": "jours retenus",
    "sejour_principal_france": "séjour principal",
    "reside_en_france": "réside (R.115-6)",
    "enfant_reside_en_france": "enfant (R.512-1)",
    "residence_permanente": "permanente (R.821-1)",
    "residence_principale_logement": "logement 8 mois",
    "residence_prealable_3_mois": "> 3 mois",
}


def render(value) -> str:
    if isinstance(value, bool) or value.dtype == bool:
        return "oui" if value else "non"
    return str(value)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--file", type=Path, default=EXAMPLE, help="population in the YAML test format"
    )
    parser.add_argument("--month", help="month computed, YYYY-MM (default: the file's)")
    arguments = parser.parse_args(argv)

    population = yaml.safe_load(arguments.file.read_text(encoding="utf-8"))
    month = arguments.month or str(population["mois"])
    descriptions = {
        key: person.pop("description", "") for key, person in population["individus"].items()
    }
    simulation = SimulationBuilder().build_from_entities(
        CountryTaxBenefitSystem(), {"individus": population["individus"]}
    )
    results = {name: simulation.calculate(name, month) for name in COLUMNS}
    rows = [["individu", *COLUMNS.values(), "situation"]]
    for index, key in enumerate(population["individus"]):
        rows.append([key, *(render(results[name][index]) for name in COLUMNS), descriptions[key]])
    print(f"Résidence en France, {month} ({arguments.file.name})\n")
    print(table(rows))


if __name__ == "__main__":
    main()
