"""Aides personnelles au logement (ALF, ALS, APL ; CCH, livre VIII, depuis le 1er septembre 2019) :
conditions de résidence et de séjour."""

from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Famille, Individu
from openfisca_residence.rules.refusals import all_hold, first_refusal, requires
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.prestations.communs import (
    demandeur_emploi_caf,
    sejour_allocataire_caf,
    un_parent_remplit,
)
from openfisca_residence.variables.prestations.enums import MotifRefusAideLogement as Motif

REFERENCES = [
    "Code de la sécurité sociale, art. L.512-2, L.831-1, D.542-1 et R.831-1 (jusqu'au 31 août 2019) ; code de la construction et de l'habitation, art. L.822-2, R.822-23 et R.823-2 (ordonnance n° 2019-770 et décret n° 2019-772, depuis le 1er septembre 2019)",
    "Lettre d'information CNAF du 28 février 2008 (sources/cnaf-lettre-information-2008-02-28-droit-sejour-ue.txt)",
]


# Les règles qui refusent, dans l'ordre de préséance (openfisca_residence/rules/refusals.py).
RESIDENCE = (
    requires(Motif.residence, "residence_principale_logement_famille"),
    demandeur_emploi_caf(Motif),
)
# Le séjour est celui de l'allocataire des prestations familiales, par renvoi : l'enfant à charge
# n'a pas de condition de séjour propre.
SEJOUR = sejour_allocataire_caf(Motif)


class aide_logement_condition_residence(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Aides au logement : logement occupé au moins huit mois dans l'année par un parent ou un enfant à charge de la famille (résidence principale) ; le citoyen de l'Union entré pour chercher un emploi ne la remplit pas (lettre CNAF du 28 février 2008)"
    reference = REFERENCES
    documentation = "L'occupation du logement est celle de la famille (residence_principale_logement_famille : le bénéficiaire, son conjoint ou une personne à charge, R.822-23 CCH) ; les conditions de séjour restent celles de chaque parent (aide_logement_eligible). Le citoyen de l'Union entré en France pour y chercher un emploi ne remplit pas la condition de résidence des prestations des CAF, « sa résidence n'étant pas réputée durable » (lettre CNAF du 28 février 2008, § 4 : exclu_demandeur_emploi_ue_prestations_caf)."

    def formula(individu, period):
        return all_hold(individu, period, RESIDENCE)


class aide_logement_condition_sejour(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Aides au logement : séjour régulier au sens de L.512-2 (liste de D.512-1), ou droit au séjour du citoyen de l'Union"
    reference = [
        *REFERENCES,
        "Code de la sécurité sociale, art. D.512-1 (titres de séjour recevables)",
    ]
    documentation = "Aucune condition pour un Français. La régularité est celle des prestations familiales (L.831-1 CSS, puis L.822-2 et R.823-2 CCH)."

    def formula(individu, period):
        return all_hold(individu, period, SEJOUR)


class aide_logement_eligible(Variable):
    value_type = bool
    entity = Famille
    definition_period = MONTH
    label = "Aides au logement : un parent au moins remplit les conditions de séjour, le logement étant occupé huit mois par un parent ou un enfant à charge"
    reference = REFERENCES

    def formula(famille, period):
        return un_parent_remplit(famille, period, "aide_logement")


class aide_logement_motif_refus(Variable):
    value_type = Enum
    possible_values = Motif
    default_value = Motif.aucun
    entity = Individu
    definition_period = MONTH
    label = "Aides au logement : règle qui refuse, la première dans l'ordre de préséance"
    reference = REFERENCES
    documentation = "Ordre de préséance : occupation du logement, exclusion du demandeur d'emploi de l'Union (une condition de résidence pour la CNAF, lettre du 28 février 2008, § 4), décision de refus de séjour, droit au séjour de l'Union, titre de séjour (ordre de MotifRefusAideLogement)."

    def formula(individu, period):
        return first_refusal(individu, period, RESIDENCE + SEJOUR, Motif.aucun)
