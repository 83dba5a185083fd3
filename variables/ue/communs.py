"""Ce que les règles des citoyens de l'Union lisent de la même façon (des fonctions, pas des
variables).

- `en_vigueur_pour_la_demande` : une règle datée s'applique au mois examiné ou à la demande reçue
  depuis son entrée en vigueur ;
- `residence_prealable_remplie` : la résidence préalable de trois mois du RMI puis du RSA, de
  l'AAH, de l'API, de l'ASPA et de l'ASI, en vigueur selon le paramètre de chacune ;
- `demandeur_emploi_exclu` : l'exclusion du citoyen entré pour chercher un emploi (loi
  n° 2007-290, art. 63 ; L.816-1, 3° pour l'ASPA et l'ASI), en vigueur selon le paramètre de
  chaque groupe de prestations.
"""

import numpy

from openfisca_residence.rules.lookup import value_at_dates
from openfisca_residence.variables.ue.enums import StatutRessortissantUE


def en_vigueur_pour_la_demande(individu, period, parametre, droits_en_cours=True) -> numpy.ndarray:
    """Une règle datée s'applique à chaque personne : en vigueur au mois examiné (les droits en
    cours sont réexaminés), ou à la date de la demande, même pour un mois antérieur ou pour le mois
    où le texte entre en vigueur (lettre CNAF du 28 février 2008 : « Demandes déposées à compter du
    1er janvier 2008 (y compris si elles concernent des périodes antérieures à cette date) » ; loi
    n° 2006-339, en vigueur le 25 mars 2006, et loi n° 2007-290, le 7 mars 2007, pour les
    demandes reçues depuis). `parametre` : le paramètre daté, pas sa valeur à un instant.

    `droits_en_cours=False` : la règle ne s'applique qu'aux demandes reçues depuis son entrée en
    vigueur, les droits ouverts avant restant régis par le texte antérieur (loi n° 2011-1906,
    art. 94, II, pour l'ASPA et l'ASI : « Les présentes dispositions s'appliquent aux demandes
    déposées postérieurement au 22 décembre 2011 »)."""
    if droits_en_cours and parametre(period.start):
        return numpy.ones(individu.count, dtype=bool)
    return value_at_dates(parametre, individu("date_demande", period)).astype(bool)


def residence_prealable_remplie(individu, period, regle, droits_en_cours=True) -> numpy.ndarray:
    """La personne à qui la résidence préalable est opposable (ue_residence_prealable_exigee),
    quand la règle datée `regle` est en vigueur pour sa demande, réside en France depuis plus de
    trois mois à la date de la demande (residence_prealable_3_mois_demande) ; toute autre personne
    remplit la condition. Le droit ouvert par une demande reçue avant la règle, réexaminé pour un
    mois où elle est en vigueur (en_vigueur_pour_la_demande), ne peut plus remplir la condition au
    jour de sa demande : les trois mois se comptent au premier jour du mois réexaminé
    (residence_prealable_3_mois ; lettre CNAF du 28 février 2008, « Date d'effet » : les droits en
    cours sont interrompus si les conditions ne sont pas remplies)."""
    exigee = individu("ue_residence_prealable_exigee", period) * en_vigueur_pour_la_demande(
        individu, period, regle, droits_en_cours
    )
    if not exigee.any():
        return ~exigee
    demande = individu("date_demande", period)
    regle_a_la_demande = value_at_dates(regle, demande, before=False).astype(bool)
    trois_mois = numpy.where(
        regle_a_la_demande,
        individu("residence_prealable_3_mois_demande", period),
        individu("residence_prealable_3_mois", period),
    )
    return ~exigee + trois_mois


def demandeur_emploi_exclu(individu, period, regle, droits_en_cours=True) -> numpy.ndarray:
    """Le citoyen dont le statut est demandeur_emploi (entré en France pour y chercher un emploi et
    qui s'y maintient à ce titre), quand la règle datée `regle` est en vigueur pour sa demande."""
    statut = individu("statut_ressortissant_ue", period)
    return (statut == StatutRessortissantUE.demandeur_emploi) * en_vigueur_pour_la_demande(
        individu, period, regle, droits_en_cours
    )
