"""Règles de séjour communes à plusieurs prestations, lues par leurs fichiers (pas des variables).

- `refus_sejour_etranger` : une décision de refus, de retrait ou d'éloignement met fin au séjour de
  tout étranger ; le citoyen de l'Union entré pour chercher un emploi est exclu, et il lui faut un
  droit au séjour ; le ressortissant d'un pays tiers, un titre. Le Français n'est soumis à rien.
- `remplit` : les conditions de résidence et de séjour d'une prestation sont remplies ;
- `un_parent_remplit` : une prestation de la famille est ouverte dès qu'un parent remplit ses
  conditions de résidence et de séjour.
"""

from openfisca_residence.variables.etat_civil.enums import GroupeNationalite


def refus_sejour_etranger(
    individu, period, motif, titre_regulier, exclusion_demandeur_emploi, concerne=True
):
    """Les refus de séjour, dans l'ordre de préséance ; `motif` est l'Enum de la prestation.

    `titre_regulier` : la régularité exigée d'un ressortissant de pays tiers (tableau) ;
    `exclusion_demandeur_emploi` : la variable qui exclut le demandeur d'emploi de l'Union ;
    `concerne` : les personnes soumises (par exemple les parents seulement).
    """
    groupe = individu("groupe_nationalite", period)
    ue = concerne * (groupe == GroupeNationalite.ue_eee_suisse)
    pays_tiers = concerne * (groupe == GroupeNationalite.pays_tiers)
    return [
        (
            motif.decision_refus_sejour,
            (ue + pays_tiers) * individu("decision_refus_sejour_anterieure", period),
        ),
        (motif.demandeur_emploi_ue, ue * individu(exclusion_demandeur_emploi, period)),
        (motif.droit_au_sejour_ue, ue * ~individu("droit_au_sejour_ue", period)),
        (motif.sejour_irregulier, pays_tiers * ~titre_regulier),
    ]


def remplit(population, period, prestation):
    """Les conditions de résidence et de séjour sont remplies : aucun motif de refus.

    Le motif est `aucun` exactement quand les deux conditions sont remplies : les deux viennent de
    la même liste de refus (openfisca_residence/refusals.py). Le lire évite de recalculer les
    conditions.
    """
    motif = population(f"{prestation}_motif_refus", period)
    return motif == motif.possible_values.aucun


def un_parent_remplit(famille, period, prestation):
    remplies = remplit(famille.members, period, prestation)
    return famille.any(remplies * ~famille.members("enfant_a_charge", period))
