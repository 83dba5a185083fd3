"""Entities: the person (`individu`) and the family (`famille`) that claims family benefits."""

from openfisca_core.entities import build_entity

Individu = build_entity(
    key="individu",
    plural="individus",
    label="Individu",
    doc="Une personne : demandeur, conjoint ou enfant.",
    is_person=True,
)

Famille = build_entity(
    key="famille",
    plural="familles",
    label="Famille",
    doc=(
        "Le foyer au sens des prestations familiales, du RSA et des aides au logement : "
        "un ou deux parents (allocataire et conjoint) et les enfants à charge."
    ),
    roles=[
        {
            "key": "parent",
            "plural": "parents",
            "label": "Parent",
            "doc": "L'allocataire et son conjoint, concubin ou partenaire de PACS.",
            "max": 2,
        },
        {
            "key": "enfant",
            "plural": "enfants",
            "label": "Enfant",
            "doc": "Les enfants à charge.",
        },
    ],
)

entities = [Individu, Famille]
