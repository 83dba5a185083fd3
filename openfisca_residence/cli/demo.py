"""Compute the residence variables of the example population and print them as a table.

python -m openfisca_residence.cli.demo [--month YYYY-MM] [--file population.yaml]

The population file (`examples/exemple_residence.yaml`) is a mapping of two keys: `mois`, the month
computed (YYYY-MM), and `individus`, each person's inputs as under `individus` in a YAML test
(a value per month, per year or for ETERNITY), with a `description` of the situation. A file of
another shape (a YAML test, a list) is refused with a message saying what is expected, as is a
`--month` that is not one month; the messages are in the language of the messages (French unless
`OPENFISCA_RESIDENCE_LANG=en`: `openfisca_residence.i18n`).
"""

import argparse
import sys
from pathlib import Path

from openfisca_core.errors import SituationParsingError

from openfisca_residence.cli.arguments import CommandError, one_modelled_month
from openfisca_residence.cli.output import error_line
from openfisca_residence.cli.tables import text_table
from openfisca_residence.i18n import _
from openfisca_residence.system import yaml_files
from openfisca_residence.system.country import CountryTaxBenefitSystem
from openfisca_residence.system.situations import SituationBuilder

EXAMPLE = Path(__file__).parents[1] / "examples" / "exemple_residence.yaml"
COLUMNS = {
    "jours_presence_france_retenus": "jours retenus",
    "sejour_principal_france": "séjour principal",
    "reside_en_france": "réside (R.115-6)",
    "enfant_reside_en_france": "enfant (R.512-1)",
    "residence_permanente": "permanente (R.262-5)",
    "residence_permanente_aah": "permanente AAH (R.821-1)",
    "residence_principale_logement": "logement 8 mois",
    "residence_prealable_3_mois": "> 3 mois",
}


def render(value) -> str:
    if isinstance(value, bool) or value.dtype == bool:
        return "oui" if value else "non"
    return str(value)


def read_population(path: Path) -> dict:
    """The file's `mois` and `individus`, checked for their shape."""
    population = yaml_files.load(path)
    if (
        not isinstance(population, dict)
        or not {"mois", "individus"} <= set(population)
        or not isinstance(population["individus"], dict)
        or not all(isinstance(person, dict) for person in population["individus"].values())
    ):
        if isinstance(population, dict):
            found = _("the keys {keys}").format(keys=", ".join(sorted(map(str, population))))
        elif isinstance(population, list):
            found = _("a list (a YAML test?)")
        elif population is None:
            found = _("nothing")
        else:
            found = _("a {type}").format(type=type(population).__name__)
        shape = _(
            "expected a mapping with 'mois' (YYYY-MM) and 'individus' (each person's inputs, as"
            " under 'individus' in a YAML test), like {example}; found {found}."
        ).format(example=f"openfisca_residence/examples/{EXAMPLE.name}", found=found)
        raise CommandError(_("{path}: {text}").format(path=path, text=shape))
    return population


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--file",
        type=Path,
        default=EXAMPLE,
        help="population: 'mois' (YYYY-MM) and 'individus' (inputs as in a YAML test)",
    )
    parser.add_argument("--month", help="month computed, YYYY-MM (default: the file's)")
    arguments = parser.parse_args(argv)
    try:
        show(arguments.file, arguments.month)
    except (CommandError, yaml_files.YamlFileError) as error:
        print(error_line("demo", str(error)), file=sys.stderr)
        return 2
    except SituationParsingError as error:
        message = _("{path}: {text}").format(path=arguments.file, text=error.args[0])
        print(error_line("demo", message), file=sys.stderr)
        return 2
    return 0


def show(path: Path, month: str | None) -> None:
    population = read_population(path)
    if month is not None:
        month = one_modelled_month("--month", month)
    else:
        month = one_modelled_month(f"{path}: mois:", population["mois"])
    descriptions = {
        key: person.pop("description", "") for key, person in population["individus"].items()
    }
    simulation = SituationBuilder().build_from_entities(
        CountryTaxBenefitSystem(), {"individus": population["individus"]}
    )
    results = {name: simulation.calculate(name, month) for name in COLUMNS}
    rows = [["individu", *COLUMNS.values(), "situation"]]
    for index, key in enumerate(population["individus"]):
        rows.append([key, *(render(results[name][index]) for name in COLUMNS), descriptions[key]])
    print(f"Résidence en France, {month} ({path.name})\n")
    print(text_table(rows))


if __name__ == "__main__":
    sys.exit(main())
