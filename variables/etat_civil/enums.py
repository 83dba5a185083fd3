"""Catégories de l'état civil, importées par les formules (une seule classe par catégorie)."""

from openfisca_core.indexed_enums import Enum


class GroupeNationalite(Enum):
    francais = "Français (non soumis aux conditions de séjour)"
    ue_eee_suisse = "Ressortissant de l'Union, de l'EEE ou de la Suisse (droit au séjour)"
    pays_tiers = "Ressortissant d'un pays tiers ou apatride (titre de séjour)"
