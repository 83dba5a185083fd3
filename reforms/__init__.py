"""Reforms: pending or proposed changes to the law, each a function of the baseline system.

Use one in a YAML test with `reforms: openfisca_residence.reforms.<module>.<reform>`, or in Python
with `<reform>(CountryTaxBenefitSystem())`.
"""
