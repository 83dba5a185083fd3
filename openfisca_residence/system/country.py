"""The country's tax-benefit system: the legal folders `variables/` and `parameters/` loaded.

`CountryTaxBenefitSystem` is what every tool of the OpenFisca ecosystem loads
(`openfisca test -c openfisca_residence`, `openfisca serve -c openfisca_residence`).
"""

from pathlib import Path

from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from openfisca_residence.rules import entities
from openfisca_residence.situation_examples import personne_seule
from openfisca_residence.system.base import SystemBase

PACKAGE_DIR = Path(__file__).parents[1]


def legal_folder(name: str) -> Path:
    """`variables`, `parameters`, `reforms`: inside the installed package, or beside it in a
    source checkout."""
    installed = PACKAGE_DIR / name
    return installed if installed.is_dir() else PACKAGE_DIR.parent / name


class CountryTaxBenefitSystem(SystemBase, TaxBenefitSystem):
    def __init__(self) -> None:
        super().__init__(entities.entities)
        self.add_variables_from_directory(str(legal_folder("variables")))
        self.load_parameters(str(legal_folder("parameters")))
        self.open_api_config = {
            "variable_example": "reside_en_france",
            "parameter_example": "residence.sejour_principal.duree_presence_minimale",
            "simulation_example": personne_seule,
        }
