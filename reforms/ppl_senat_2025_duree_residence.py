"""Proposition de loi créant une condition de durée de résidence pour le versement de certaines
prestations sociales, adoptée par le Sénat le 18 mars 2025 (texte n° 83, 2024-2025).

Pour les étrangers non ressortissants de l'Union, de l'EEE ou de la Suisse : les prestations
familiales et les aides au logement exigent de détenir depuis au moins deux ans un titre ou document
attestant la régularité du séjour (L.512-2 CSS modifié ; L.822-2 CCH y renvoie). Condition non
opposable aux titulaires d'un titre de séjour autorisant à travailler (L.512-2-1 nouveau), aux
réfugiés, bénéficiaires de la protection subsidiaire et apatrides, et, pour les aides au logement,
aux titulaires d'un titre pour motif d'études ; ni pour l'AEEH, l'allocation versée au décès d'un
enfant et l'AJPP (5°, 8° et 9° de L.511-1 : prestation_familiale_demandee). Le RSA majoré reste régi par la seule régularité.

Non examinée par l'Assemblée nationale : date d'effet par défaut le 1er janvier 2027 ; `.au(date)`
en choisit une autre (au plus tôt le 18 mars 2025). Choix du projet : un titre autorise à travailler
quand la personne détient sans interruption des titres autorisant à travailler
(date_premier_titre_autorisant_travail) et séjourne régulièrement ; le titulaire britannique du
titre « accord de retrait » est dispensé (égalité de traitement).
"""

from pathlib import Path

from openfisca_core.periods import MONTH

from openfisca_residence.reforms.condition_duree import (
    charge_parametres,
    non_concernes,
    prestation_familiale_non_visee,
)
from openfisca_residence.reforms.dates_effet import ReformeDatee
from openfisca_residence.rules.dates import add_months
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.refusals import add_condition, requires
from openfisca_residence.rules.variable import Variable

NOM = "ppl_senat_2025_duree_residence"
REFERENCE = "Proposition de loi adoptée par le Sénat le 18 mars 2025 (texte n° 83), art. 1er : L.512-2 et L.512-2-1 CSS, L.822-2 CCH"


def condition_remplie(individu, period, parameters, etudiants_dispenses):
    regle = parameters(period).reformes[NOM]
    if not regle.applicable:
        return individu.filled_array(True)
    demande = individu("date_demande", period)
    debut = individu("date_debut_residence_reguliere", period)
    deux_ans = add_months(debut, 12 * regle.duree_titre) <= demande
    l512_2_1_titre_autorisant_a_travailler = (
        individu("date_premier_titre_autorisant_travail", period) <= demande
    ) * individu("sejour_regulier", period)
    return (
        non_concernes(individu, period, etudiants_dispenses)
        + l512_2_1_titre_autorisant_a_travailler
        + deux_ans
    )


class ppl_2025_duree_titre_prestations_familiales(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Prestations familiales (proposition de loi du Sénat, 18 mars 2025) : titre de séjour détenu depuis au moins deux ans, sauf titre autorisant à travailler ou protection"
    reference = REFERENCE

    def formula(individu, period, parameters):
        remplie = condition_remplie(individu, period, parameters, False)
        regle = parameters(period).reformes[NOM]
        if not regle.applicable:
            return remplie
        return remplie + prestation_familiale_non_visee(
            individu, period, regle.prestations_familiales_visees
        )


class ppl_2025_duree_titre_aide_logement(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Aides au logement (proposition de loi du Sénat, 18 mars 2025) : titre de séjour détenu depuis au moins deux ans, sauf titre autorisant à travailler, protection ou études"
    reference = REFERENCE

    def formula(individu, period, parameters):
        return condition_remplie(individu, period, parameters, True)


class ppl_senat_2025_duree_residence(ReformeDatee):
    name = "Proposition de loi du Sénat du 18 mars 2025 : deux ans de titre de séjour avant les prestations familiales et les aides au logement"
    date_effet = "2027-01-01"
    date_minimale = "2025-03-18"

    def apply(self):
        charge_parametres(self, NOM, Path(__file__).with_suffix(".yaml"))
        self.add_variable(ppl_2025_duree_titre_prestations_familiales)
        self.add_variable(ppl_2025_duree_titre_aide_logement)
        libelle = "Titre de séjour détenu depuis moins de deux ans (" + REFERENCE + ")"
        add_condition(
            self,
            "prestations_familiales",
            requires("duree_titre_ppl_2025", "ppl_2025_duree_titre_prestations_familiales"),
            libelle,
        )
        add_condition(
            self,
            "aide_logement",
            requires("duree_titre_ppl_2025", "ppl_2025_duree_titre_aide_logement"),
            libelle,
        )
