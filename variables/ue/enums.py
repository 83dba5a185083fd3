"""Catégories du droit au séjour des citoyens de l'Union, de l'EEE et de la Suisse.

Les formules les importent d'ici (`from openfisca_residence.variables.ue.enums import
CouvertureMaladie`) : une seule classe, partagée par l'entrée et par les formules.
"""

from openfisca_core.indexed_enums import Enum


class CouvertureMaladie(Enum):
    aucune = "Aucune couverture maladie"
    complete = "Couverture maladie complète (française ou étrangère, publique ou privée)"
    cmu = "CMU de base ou PUMa accordée au seul titre de la résidence"
    ame = "Aide médicale de l'État"
