"""Ce que partagent les deux propositions de condition de durée (loi n° 2024-42, art. 19 ;
proposition de loi du Sénat de 2025).

Chacune ajoute sa condition aux prestations familiales et aux aides au logement par le point
d'extension des motifs de refus (`openfisca_residence.rules.refusals.add_condition`) : une
variable booléenne de la réforme et une valeur de plus du motif de refus, après toutes les règles
de la prestation.

`non_concernes(individu, period, etudiants_dispenses)` : les personnes que les deux propositions de
condition de durée ne visent pas.

`prestation_familiale_non_visee(individu, period, visees)` : la prestation familiale demandée
(prestation_familiale_demandee) n'est pas de celles que la réforme vise ; non précisée, elle l'est.

`charge_parametres(reforme, nom, fichier)` ajoute les paramètres de la réforme (un fichier YAML à
côté de son module) sous `reformes.<nom>`, avec `applicable` : faux avant la date d'effet, vrai
ensuite.
"""

from pathlib import Path

from openfisca_core.parameters import Parameter, ParameterNode, load_parameter_file

from openfisca_residence.rules.lookup import category_in
from openfisca_residence.variables.etat_civil.enums import GroupeNationalite
from openfisca_residence.variables.prestations.enums import PrestationFamiliale
from openfisca_residence.variables.sejour.enums import StatutProtection


def charge_parametres(reforme, nom: str, fichier: Path) -> None:
    def ajoute(parameters):
        noeud = load_parameter_file(str(fichier), name=f"reformes.{nom}")
        applicable = {
            "description": f"La réforme s'applique (date d'effet : {reforme.date_effet})",
            "values": {
                "1994-01-01": {
                    "value": False,
                    "metadata": {"reference": "Avant la date d'effet de la réforme"},
                },
                reforme.date_effet: {
                    "value": True,
                    "metadata": {"reference": "Date d'effet choisie pour la réforme"},
                },
            },
        }
        noeud.add_child("applicable", Parameter(f"reformes.{nom}.applicable", data=applicable))
        if "reformes" not in parameters.children:
            parameters.add_child("reformes", ParameterNode("reformes", data={}))
        parameters.reformes.add_child(nom, noeud)
        return parameters

    reforme.modify_parameters(modifier_function=ajoute)


def prestation_familiale_non_visee(individu, period, visees):
    """La prestation familiale demandée n'est pas dans la liste `visees` (noms de
    PrestationFamiliale) ; une demande non précisée est réputée viser une prestation de la liste."""
    demandee = individu("prestation_familiale_demandee", period)
    non_precisee = demandee == PrestationFamiliale.non_precisee
    return ~non_precisee * ~category_in(demandee, visees)


def non_concernes(individu, period, etudiants_dispenses: bool):
    """Ceux à qui une condition de durée de résidence ne s'applique pas, dans les deux propositions :
    Français et citoyens de l'Union, enfants (la condition vise l'allocataire), réfugiés,
    bénéficiaires de la protection subsidiaire et apatrides, titulaires britanniques du titre
    « accord de retrait » (égalité de traitement, choix du projet) et, pour les aides au logement,
    étudiants."""
    pays_tiers = individu("groupe_nationalite", period) == GroupeNationalite.pays_tiers
    return (
        ~pays_tiers
        + individu("enfant_a_charge", period)
        + (individu("statut_protection", period) != StatutProtection.aucun)
        + individu("beneficiaire_accord_retrait_royaume_uni", period)
        + etudiants_dispenses * individu("titre_sejour_etudiant", period)
    )
