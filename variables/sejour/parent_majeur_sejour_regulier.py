from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.etat_civil.enums import GroupeNationalite
from openfisca_residence.variables.sejour.sejour_regulier_mineur import un_parent_majeur


class parent_majeur_sejour_regulier(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Un parent majeur de la famille de la personne est français, citoyen de l'Union titulaire d'un droit au séjour ou en séjour régulier par ses documents"
    reference = [
        "Code de l'entrée et du séjour des étrangers et du droit d'asile, art. L.411-1 (ordonnance n° 2020-1733, depuis le 1er mai 2021 ; auparavant L.311-1) : seul l'étranger « âgé de plus de dix-huit ans » doit détenir un document de séjour ; le séjour du mineur suit celui de sa famille",
    ]
    documentation = """
    Le parent est un membre majeur de la famille qui n'est pas un enfant à charge (un_parent_majeur) ;
    pour un parent, lui-même compte.
    Lu pour le mineur (sejour_regulier_mineur) et pour le jeune majeur resté dans la famille de
    ses parents, dont le séjour irrégulier ne commence qu'à ses dix-huit ans
    (date_debut_sejour_irregulier).
    """

    def formula(individu, period):
        groupe = individu("groupe_nationalite", period)
        regulier = (
            (groupe == GroupeNationalite.francais)
            + (groupe == GroupeNationalite.ue_eee_suisse) * individu("droit_au_sejour_ue", period)
            + (groupe == GroupeNationalite.pays_tiers) * individu("sejour_regulier_titre", period)
        )
        return un_parent_majeur(individu, period, regulier)
