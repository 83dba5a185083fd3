"""Règles de séjour communes à plusieurs prestations, lues par leurs fichiers (pas des variables).

- `refus_sejour_etranger` : une décision de refus, de retrait ou d'éloignement met fin au séjour de
  tout étranger ; le citoyen de l'Union entré pour chercher un emploi est exclu, et il lui faut un
  droit au séjour ; le ressortissant d'un pays tiers, un titre. Le Français n'est soumis à rien.
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


def un_parent_remplit(famille, period, prestation):
    remplies = famille.members(f"{prestation}_condition_residence", period) * famille.members(
        f"{prestation}_condition_sejour", period
    )
    return famille.any(remplies * ~famille.members("enfant_a_charge", period))
