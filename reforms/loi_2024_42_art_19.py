"""Loi n° 2024-42 du 26 janvier 2024 (« immigration »), article 19, tel que voté (censuré).

Pour les étrangers non ressortissants de l'Union, de l'EEE ou de la Suisse : six prestations
familiales et les aides au logement exigent cinq ans de résidence stable et régulière en France, ou
trente mois d'affiliation au titre d'une activité professionnelle (trois mois pour les aides au
logement). En sont dispensés les réfugiés, les bénéficiaires de la protection subsidiaire, les
apatrides, les titulaires d'une carte de résident, et, pour les aides au logement, les étudiants.
Les six prestations familiales visées (avis du Sénat n° 423, rapport n° 426, 2024-2025) : la PAJE,
les allocations familiales, le complément familial, l'allocation de soutien familial, l'allocation
de rentrée scolaire et l'AJPP ; l'AEEH et l'allocation versée au décès d'un enfant restent
ouvertes, et l'allocation de logement familiale suit les aides au logement (prestation demandée :
prestation_familiale_demandee ; non précisée, elle est réputée visée). L'APA et le droit au
logement opposable, aussi visés, ne sont pas modélisés.

Censuré par le Conseil constitutionnel (décision n° 2023-863 DC du 25 janvier 2024), il n'est jamais
entré en vigueur : date d'effet par défaut le 28 janvier 2024, lendemain de la publication de la loi
au Journal officiel du 27 janvier 2024, date à laquelle il aurait pris effet ; `.au(date)` en choisit une autre (au plus tôt
le 19 décembre 2023, date du vote). Choix du projet : le titulaire britannique du titre « accord de
retrait », qui a droit à l'égalité de traitement, en est dispensé. Sources : rapport du Sénat n° 426
(2024-2025), décisions n° 2023-863 DC et n° 2024-6 RIP.
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
from openfisca_residence.rules.lookup import category_in
from openfisca_residence.rules.refusals import add_condition, requires
from openfisca_residence.rules.variable import Variable

NOM = "loi_2024_42_art_19"
REFERENCE = "Loi n° 2024-42 du 26 janvier 2024, art. 19, tel que voté (censuré, décision n° 2023-863 DC du 25 janvier 2024)"


def condition_remplie(individu, period, parameters, mois_affiliation, etudiants_dispenses):
    regle = parameters(period).reformes[NOM]
    if not regle.applicable:
        return individu.filled_array(True)
    demande = individu("date_demande", period)
    debut = individu("date_debut_residence_reguliere", period)
    cinq_ans = add_months(debut, 12 * regle.duree_residence) <= demande
    affiliation = individu("duree_activite_anterieure_mois", period) >= mois_affiliation(regle)
    carte_resident = category_in(individu("titre_sejour", period), regle.titres_dispensant)
    return (
        non_concernes(individu, period, etudiants_dispenses)
        + carte_resident
        + cinq_ans
        + affiliation
    )


class loi_2024_42_duree_residence_prestations_familiales(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Prestations familiales (loi n° 2024-42, art. 19, censuré) : pour les six prestations visées, cinq ans de résidence stable et régulière ou trente mois d'affiliation au titre d'une activité, sauf dispense"
    reference = REFERENCE

    def formula(individu, period, parameters):
        remplie = condition_remplie(
            individu, period, parameters, lambda regle: regle.duree_affiliation, False
        )
        regle = parameters(period).reformes[NOM]
        if not regle.applicable:
            return remplie
        return remplie + prestation_familiale_non_visee(
            individu, period, regle.prestations_familiales_visees
        )


class loi_2024_42_duree_residence_aide_logement(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Aides au logement (loi n° 2024-42, art. 19, censuré) : cinq ans de résidence stable et régulière ou trois mois d'affiliation au titre d'une activité, sauf dispense (étudiants compris)"
    reference = REFERENCE

    def formula(individu, period, parameters):
        return condition_remplie(
            individu, period, parameters, lambda regle: regle.duree_affiliation_aide_logement, True
        )


class loi_2024_42_art_19(ReformeDatee):
    name = "Loi n° 2024-42, art. 19 tel que voté : cinq ans de résidence ou trente mois d'activité avant les prestations familiales et les aides au logement (censuré)"
    date_effet = "2024-01-28"
    date_minimale = "2023-12-19"

    def apply(self):
        charge_parametres(self, NOM, Path(__file__).with_suffix(".yaml"))
        self.add_variable(loi_2024_42_duree_residence_prestations_familiales)
        self.add_variable(loi_2024_42_duree_residence_aide_logement)
        libelle = (
            "Moins de cinq ans de résidence stable et régulière et moins de {} mois d'affiliation au titre d'une activité professionnelle ("
            + REFERENCE
            + ")"
        )
        add_condition(
            self,
            "prestations_familiales",
            requires(
                "duree_residence_loi_2024_42",
                "loi_2024_42_duree_residence_prestations_familiales",
            ),
            libelle.format("trente"),
        )
        add_condition(
            self,
            "aide_logement",
            requires("duree_residence_loi_2024_42", "loi_2024_42_duree_residence_aide_logement"),
            libelle.format("trois"),
        )
