"""Une condition de séjour ajoutée à une prestation par une réforme, sans recopier la prestation.

`ajoute_condition_sejour(reforme, prestation, motif, libelle, condition)` remplace
`<prestation>_condition_sejour` et `<prestation>_motif_refus` : la liste des refus de la prestation
(ses fonctions `refus_residence` et `refus_sejour`, lues telles quelles) est suivie d'un refus de
plus, quand la variable booléenne `condition` est fausse. Le motif de refus prend une catégorie de
plus, `motif`, qui porte la référence de la réforme dans son `libelle`.

`non_concernes(individu, period, etudiants_dispenses)` : les personnes que les deux propositions de
condition de durée ne visent pas.

`prestation_familiale_non_visee(individu, period, visees)` : la prestation familiale demandée
(prestation_familiale_demandee) n'est pas de celles que la réforme vise ; non précisée, elle l'est.

`charge_parametres(reforme, nom, fichier)` ajoute les paramètres de la réforme (un fichier YAML à
côté de son module) sous `reformes.<nom>`, avec `applicable` : faux avant la date d'effet, vrai
ensuite.
"""

import importlib
from pathlib import Path

from openfisca_core.indexed_enums import Enum
from openfisca_core.parameters import Parameter, ParameterNode, load_parameter_file
from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.lookup import category_in
from openfisca_residence.rules.refusals import first_refusal, fulfilled
from openfisca_residence.rules.variable import Variable
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


def ajoute_condition_sejour(
    reforme, prestation: str, motif: str, libelle: str, condition: str
) -> None:
    module = importlib.import_module(f"openfisca_residence.variables.prestations.{prestation}")
    actuel = module.Motif
    etendu = Enum(
        f"{actuel.__name__}Reforme", [(m.name, m.value) for m in actuel] + [(motif, libelle)]
    )

    def refus(individu, period, liste):
        return [(etendu[m.name], echec) for m, echec in liste]

    def refus_sejour(individu, period):
        return [
            *refus(individu, period, module.refus_sejour(individu, period)),
            (etendu[motif], ~individu(condition, period)),
        ]

    baseline = reforme.baseline.variables

    class condition_sejour(Variable):
        value_type = bool
        entity = baseline[f"{prestation}_condition_sejour"].entity
        definition_period = MONTH
        label = f"{baseline[f'{prestation}_condition_sejour'].label} ; et non : {libelle[0].lower()}{libelle[1:]}"
        reference = [
            *baseline[f"{prestation}_condition_sejour"].reference,
            *reforme.variables[condition].reference,
        ]

        def formula(individu, period):
            return fulfilled(refus_sejour(individu, period))

    class motif_refus(Variable):
        value_type = Enum
        possible_values = etendu
        default_value = etendu.aucun
        entity = Individu
        definition_period = MONTH
        label = baseline[f"{prestation}_motif_refus"].label
        reference = [*baseline[f"{prestation}_motif_refus"].reference, libelle]

        def formula(individu, period):
            liste = refus(individu, period, module.refus_residence(individu, period))
            return first_refusal(liste + refus_sejour(individu, period), etendu.aucun)

    condition_sejour.__name__ = f"{prestation}_condition_sejour"
    motif_refus.__name__ = f"{prestation}_motif_refus"
    reforme.update_variable(condition_sejour)
    reforme.update_variable(motif_refus)


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
