"""Ce que les prestations lisent de la même façon (des fonctions, pas des variables).

- `remplit` : les conditions de résidence et de séjour d'une prestation sont remplies ;
- `un_parent_remplit` : une prestation de la famille est ouverte dès qu'un parent remplit ses
  conditions de résidence et de séjour.

Les règles de séjour communes à plusieurs prestations sont des variables de leur domaine, lues
par chaque prestation dans sa liste de règles (openfisca_residence/rules/refusals.py) :
`decision_refus_sejour_opposable`, `exclu_demandeur_emploi_ue` (et
`exclu_demandeur_emploi_ue_prestations_caf`), `ressortissant_ue_sans_droit_au_sejour`,
`sejour_irregulier_pays_tiers` (et `sejour_irregulier_pays_tiers_prestations_familiales`).
"""


def remplit(population, period, prestation):
    """Les conditions de résidence et de séjour sont remplies : aucun motif de refus.

    Le motif est `aucun` exactement quand les deux conditions sont remplies : les deux viennent des
    mêmes règles (openfisca_residence/rules/refusals.py). Le lire évite de recalculer les
    conditions.
    """
    motif = population(f"{prestation}_motif_refus", period)
    return motif == motif.possible_values.aucun


def un_parent_remplit(famille, period, prestation):
    remplies = remplit(famille.members, period, prestation)
    return famille.any(remplies * ~famille.members("enfant_a_charge", period))
