"""Ce que les prestations lisent de la même façon (des fonctions, pas des variables).

- `remplit` : les conditions de résidence et de séjour d'une prestation sont remplies ;
- `un_parent_remplit` : une prestation de la famille est ouverte dès qu'un parent remplit ses
  conditions de résidence et de séjour ;
- `nationalite_admise` : la condition de nationalité des prestations non contributives (AAH,
  allocation supplémentaire puis ASPA et ASI) avant la loi n° 98-349 du 11 mai 1998 ;
- `sejour_allocataire_caf` : les règles de séjour de l'allocataire des prestations familiales
  (L.512-2), que les aides au logement reprennent par renvoi ;
- `demandeur_emploi_caf` : l'exclusion des prestations des CAF du citoyen de l'Union entré pour
  chercher un emploi, règle de résidence de ces deux prestations (lettre CNAF, § 4) ;
- `femme_isolee_enceinte` : la famille d'un seul parent, une femme qui a déclaré sa grossesse
  (allocation de parent isolé puis RSA majoré).

Les règles de séjour communes à plusieurs prestations sont des variables de leur domaine, lues
par chaque prestation dans sa liste de règles (openfisca_residence/rules/refusals.py) :
`decision_refus_sejour_opposable`, `exclu_demandeur_emploi_ue` (et
`exclu_demandeur_emploi_ue_prestations_caf`), `ressortissant_ue_sans_droit_au_sejour`,
`sejour_irregulier_pays_tiers` (et `sejour_irregulier_pays_tiers_prestations_familiales`).
"""

import numpy

from openfisca_residence.rules.refusals import excludes
from openfisca_residence.variables.etat_civil.enums import GroupeNationalite
from openfisca_residence.variables.sejour.enums import StatutProtection


def remplit(population, period, prestation):
    """Les conditions de résidence et de séjour sont remplies : aucun motif de refus.

    Le motif est `aucun` exactement quand les deux conditions sont remplies : les deux viennent des
    mêmes règles (openfisca_residence/rules/refusals.py). Le lire évite de recalculer les
    conditions.
    """
    motif = population(f"{prestation}_motif_refus", period)
    return motif == motif.possible_values.aucun


def demandeur_emploi_caf(motif):
    """L'exclusion de toutes les prestations des CAF du citoyen de l'Union entré en France pour y
    chercher un emploi, une règle de résidence de l'allocataire : il ne peut y prétendre « au motif
    qu'[il ne remplit] pas la condition de résidence en France, [sa] résidence n'étant pas réputée
    durable au regard du droit français et communautaire » (lettre CNAF du 28 février 2008, § 4).
    `motif` : l'énumération des motifs de refus de la prestation."""
    return excludes(
        motif.demandeur_emploi_ue,
        "exclu_demandeur_emploi_ue_prestations_caf",
        unless="enfant_a_charge",
    )


def sejour_allocataire_caf(motif, *exclusions_propres):
    """Les règles de séjour de l'allocataire (L.512-2 CSS, lettre CNAF du 28 février 2008), dans
    l'ordre de préséance, `exclusions_propres` après la décision de refus de séjour : l'enfant
    à charge n'en a aucune (L.411-1 CESEDA : le mineur n'a pas à détenir de titre ; son entrée est
    une règle à part). `motif` : l'énumération des motifs de refus de la prestation."""
    return (
        excludes(
            motif.decision_refus_sejour, "decision_refus_sejour_opposable", unless="enfant_a_charge"
        ),
        *exclusions_propres,
        excludes(
            motif.droit_au_sejour_ue,
            "ressortissant_ue_sans_droit_au_sejour_prestations_caf",
            unless="enfant_a_charge",
        ),
        excludes(
            motif.sejour_irregulier,
            "sejour_irregulier_pays_tiers_prestations_familiales",
            unless="enfant_a_charge",
        ),
    )


def un_parent_remplit(famille, period, prestation):
    remplies = remplit(famille.members, period, prestation)
    return famille.any(remplies * ~famille.members("enfant_a_charge", period))


def grossesse_parent(famille, period):
    """Un parent de la famille est « en état de grossesse, ayant effectué la déclaration de
    grossesse et les examens prénataux » (grossesse_declaree)."""
    parent = ~famille.members("enfant_a_charge", period)
    return famille.any(famille.members("grossesse_declaree", period) * parent)


def femme_isolee_enceinte(famille, period):
    """La famille n'a qu'un parent, une femme isolée enceinte (grossesse_parent) : L.524-2 CSS pour
    l'allocation de parent isolé, jusqu'au 31 mai 2009, puis L.262-9, 2° CASF pour le RSA majoré."""
    return (famille("nb_parents", period) == 1) * grossesse_parent(famille, period)


def nationalite_admise(individu, period, reservee):
    """La condition de nationalité est remplie : elle n'est pas (plus) exigée (`reservee`, le
    paramètre de la prestation), ou la personne est française, réfugiée ou apatride (conventions
    de Genève du 28 juillet 1951 et de New York du 28 septembre 1954, art. 23 : le traitement des
    nationaux en matière d'assistance publique), ou travailleur ou ancien travailleur ressortissant
    de l'Union (de l'EEE, de la Suisse), ou membre de la famille, de toute nationalité, d'un tel
    travailleur (règlements CEE n° 1612/68, art. 7, § 2, et n° 1408/71 : réponse ministérielle à
    la question écrite AN n° 65820, JO 22 mars 1993 ; le citoyen de l'Union qui n'a jamais
    travaillé n'y est pas assimilé au national).

    La protection subsidiaire, créée par la loi n° 2003-1176 du 10 décembre 2003, n'existait pas
    tant que la condition s'appliquait : elle ne dispense pas.
    """
    if not reservee:
        return numpy.ones(individu.count, dtype=bool)  # la condition n'est plus exigée
    groupe = individu("groupe_nationalite", period)
    protection = individu("statut_protection", period)
    refugie_ou_apatride = (protection == StatutProtection.refugie) + (
        protection == StatutProtection.apatride
    )
    travailleur_ue = (groupe == GroupeNationalite.ue_eee_suisse) * (
        individu("activite_professionnelle", period)
        + (individu("duree_activite_anterieure_mois", period) > 0)
    )
    parent = ~individu("enfant_a_charge", period)
    famille_d_un_travailleur_ue = individu.famille.any(travailleur_ue * parent)
    return (
        (groupe == GroupeNationalite.francais)
        + refugie_ou_apatride
        + travailleur_ue
        + famille_d_un_travailleur_ue
    )
