"""What the formulas of `variables/` and `reforms/` may import: entities, input checks, dates,
reads of parameters at each person's date, and the helpers that build reasons of refusal.

Nothing here holds a legal rule: each formula says which date, which count of months and which
article it applies.
"""
