"""The legal model: one folder per legal question (see README.md). Loaded by CountryTaxBenefitSystem;
importable as `openfisca_residence.variables` so that formulas share the categories of `enums.py`."""
