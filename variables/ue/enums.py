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


class StatutRessortissantUE(Enum):
    """Catégorie du droit au séjour d'un citoyen de l'Union (ou d'un membre de sa famille).

    Quand plusieurs catégories s'appliquent, la première de cet ordre l'emporte : séjour permanent,
    travailleur, ancien travailleur, inactif remplissant les conditions de ressources et
    d'assurance maladie, membre de famille, demandeur d'emploi, puis inactif (sans ces conditions).
    `non_concerne` : personne hors du champ (Français, ressortissant d'un pays tiers qui n'est pas
    membre de famille d'un citoyen de l'Union ayant un droit au séjour).
    """

    non_concerne = (
        "Non concerné : ni citoyen de l'Union, de l'EEE ou de la Suisse, ni membre de sa famille"
    )
    travailleur = "Travailleur (activité réelle et effective)"
    ancien_travailleur = "Ancien travailleur conservant cette qualité (R.121-6 puis R.233-7 CESEDA)"
    demandeur_emploi = "Entré en France pour y chercher un emploi"
    inactif = "Inactif"
    membre_famille = "Membre de famille d'un citoyen de l'Union ayant un droit au séjour"
    sejour_permanent = "Droit au séjour permanent (L.122-1 puis L.234-1 CESEDA)"
