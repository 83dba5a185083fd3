"""What the formulas of `variables/` and `reforms/` may import: entities, input checks, dates,
reads of parameters at each person's date, nationalities compared with lists of countries, and
the ordered rules that build a benefit's conditions and reason of refusal (with the extension
point by which a reform adds one).

Nothing here holds a legal rule: each formula says which date, which count of months and which
article it applies.
"""
