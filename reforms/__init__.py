"""Reforms: pending or proposed changes to the law, each a function of the baseline system.

Use one in a YAML test with `reforms: openfisca_residence.reforms.<module>.<reform>`, or in Python
with `<reform>(CountryTaxBenefitSystem())`.

A reform that changes a number or a list changes its parameter (`modify_parameters`). A reform
that adds a condition to a benefit defines it as a boolean variable and adds it after the
benefit's own rules with `openfisca_residence.rules.refusals.add_condition` (the condition joins
`<benefit>_condition_sejour`, its reason of refusal ends `<benefit>_motif_refus`): see
`loi_2024_42_art_19.py`.
"""
