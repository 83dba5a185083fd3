"""OpenFisca-Residence: residence in France and regular stay, the conditions of French social benefits.

`CountryTaxBenefitSystem` is the tax-benefit system every tool of the OpenFisca ecosystem loads
(`openfisca test -c openfisca_residence`, `openfisca serve -c openfisca_residence`). The engine's
layers are folders, each importing only those below it:

    cli/, web/          the command and the served API (thin)
    analysis/           comparison of reforms, report, explanation of a case
    simulation/         chunks of whole families on a backend (here, processes, Dask)
    synthetic/, data/   the synthetic population; population files (schema, validation, streaming)
    legal_index/, yaml_tests/   the legal index; the legal experts' YAML tests
    system/             the country's system, its extensions of OpenFisca-Core, reforms, cache
    rules/              what formulas import (entities, input checks, dates, lookups, refusals)
"""

from openfisca_residence.system.country import CountryTaxBenefitSystem, legal_folder

__all__ = ["CountryTaxBenefitSystem", "legal_folder"]
