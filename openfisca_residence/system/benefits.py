"""The benefits the model decides on, in the order reports list them.

Each benefit `b` has its decision `b_eligible`, its conditions `b_condition_residence` and
`b_condition_sejour`, its first reason of refusal `b_motif_refus`, and the input `percoit_b` (the
benefit is paid), in `variables/prestations/`.
"""

BENEFITS = (
    "rsa",
    "aah",
    "prestations_familiales",
    "aspa",
    "asi",
    "puma",
    "css",
    "ame",
    "aide_logement",
)
