"""Motifs de refus : chaque valeur nomme la règle qui refuse et porte son article dans son libellé.

Les valeurs sont dans l'ordre de préséance : quand plusieurs conditions manquent, le motif retenu est
le premier de la liste (voir la documentation de chaque `<prestation>_motif_refus`).
"""

from openfisca_core.indexed_enums import Enum

AUCUN = "Aucun : les conditions de résidence et de séjour sont remplies"
DECISION_REFUS = "Décision de refus ou de retrait de séjour, d'expulsion ou d'obligation de quitter le territoire : fait générateur de l'extinction des droits, recours non suspensif (réponse ministérielle à la QE AN n° 2308, JO 17 juin 2025)"
DEMANDEUR_EMPLOI_UE = "Citoyen de l'Union entré en France pour y chercher un emploi (loi n° 2007-290 du 5 mars 2007, art. 63)"
DEMANDEUR_EMPLOI_UE_CAF = "Citoyen de l'Union entré en France pour y chercher un emploi : exclu de toutes les prestations des CAF (lettre d'information CNAF du 28 février 2008)"
DROIT_AU_SEJOUR_UE = "Citoyen de l'Union, de l'EEE ou de la Suisse sans droit au séjour (CESEDA, L.121-1 puis L.233-1)"


class MotifRefusRsa(Enum):
    aucun = AUCUN
    residence = "Résidence permanente en France non établie : absences de plus de trois mois dans l'année, mois incomplet (CASF, R.262-2-1 pour le RMI, R.262-5 pour le RSA)"
    residence_prealable_ue = "Citoyen de l'Union non actif résidant en France depuis trois mois au plus (CASF, L.262-9-1 pour le RMI, L.262-6 pour le RSA)"
    decision_refus_sejour = DECISION_REFUS
    demandeur_emploi_ue = DEMANDEUR_EMPLOI_UE
    droit_au_sejour_ue = (
        "Citoyen de l'Union sans droit au séjour (CASF, L.262-9-1 pour le RMI, L.262-6 pour le RSA)"
    )
    sejour_irregulier = "Aucun titre de séjour en cours de validité (CASF, L.262-9 pour le RMI, L.262-4, 2° pour le RSA ; L.512-2 CSS pour le RSA majoré)"
    anteriorite_titres = "Titres de séjour autorisant à travailler détenus depuis moins de cinq ans (trois ans avant 2004 pour le RMI) (CASF, L.262-9 puis L.262-4, 2°)"


class MotifRefusAah(Enum):
    aucun = AUCUN
    residence = "Résidence permanente en France non établie : absences de plus de trois mois dans l'année, mois incomplet (CSS, R.821-1)"
    residence_prealable_ue = "Citoyen de l'Union non actif résidant en France depuis trois mois au plus (CSS, L.821-1, loi n° 2007-1822 du 24 décembre 2007, art. 122)"
    decision_refus_sejour = DECISION_REFUS
    demandeur_emploi_ue = DEMANDEUR_EMPLOI_UE
    droit_au_sejour_ue = DROIT_AU_SEJOUR_UE
    condition_nationalite = "Étranger ressortissant d'un pays tiers, ni réfugié ni apatride, avant la loi n° 98-349 du 11 mai 1998 : AAH réservée aux Français et aux ressortissants d'une convention de réciprocité (CSS, L.821-1 ancien)"
    sejour_irregulier = "Aucun titre de séjour recevable en cours de validité ni récépissé de renouvellement (CSS, L.821-1)"


class MotifRefusPrestationsFamiliales(Enum):
    aucun = AUCUN
    residence = "Parent ne résidant pas en France : ni foyer permanent, ni présence de plus de six mois (neuf mois depuis 2025) dans l'année (CSS, R.115-6 puis R.111-2)"
    arrivee_dans_le_mois_ue = "Citoyen de l'Union inactif : droit ouvert à compter du mois suivant l'arrivée en France (lettre d'information CNAF du 28 février 2008)"
    residence_prealable_ue = "Allocation de parent isolé : citoyen de l'Union non actif résidant en France depuis trois mois au plus (CSS, L.524-1, loi n° 2007-1822 du 24 décembre 2007, art. 122)"
    demandeur_emploi_ue = DEMANDEUR_EMPLOI_UE_CAF
    enfant_residence = "Enfant ne résidant pas en France : séjours à l'étranger de plus de trois mois dans l'année civile, hors études (CSS, R.512-1)"
    decision_refus_sejour = DECISION_REFUS
    droit_au_sejour_ue = (
        "Citoyen de l'Union sans droit au séjour (CSS, L.512-2, LFSS pour 2008, art. 95)"
    )
    sejour_irregulier = "Parent sans titre de séjour recevable pour les prestations familiales en cours de validité (CSS, L.512-2 et D.512-1)"
    enfant_entree_irreguliere = "Enfant étranger entré hors des procédures de l'article D.512-2 (regroupement familial, famille de réfugié...) (CSS, L.512-2 et D.512-2)"


class MotifRefusAspa(Enum):
    aucun = AUCUN
    residence = "Ni foyer permanent, ni présence de plus de six mois (neuf mois depuis le 1er septembre 2023) dans l'année (CSS, R.115-6 puis R.111-2)"
    residence_conjoint = "Le conjoint dont la résidence est exigée ne réside pas en France (circulaire DSS du 22 juillet 2008 : ASPA d'un couple)"
    residence_prealable_ue = "Citoyen de l'Union non actif résidant en France depuis trois mois au plus à la date de la demande (CSS, L.816-1, 3°, loi n° 2011-1906 du 21 décembre 2011, art. 94 ; CASF, L.262-6)"
    decision_refus_sejour = DECISION_REFUS
    demandeur_emploi_ue = "Citoyen de l'Union entré en France pour y chercher un emploi, pour une demande déposée depuis le 23 décembre 2011 (CSS, L.816-1, 3°, loi n° 2011-1906, art. 94 ; CASF, L.262-6)"
    droit_au_sejour_ue = "Citoyen de l'Union sans droit au séjour (CSS, L.816-1, 3°)"
    condition_nationalite = "Étranger ressortissant d'un pays tiers, ni réfugié ni apatride, avant la loi n° 98-349 du 11 mai 1998 : allocation supplémentaire réservée aux Français et aux ressortissants d'une convention de réciprocité (CSS, L.815-2, L.815-3 et L.815-5 anciens)"
    sejour_irregulier = "Aucun titre de séjour recevable en cours de validité (CSS, L.816-1 et R.111-3 ; arrêté du 10 mai 2017)"
    anteriorite_titres = "Titres de séjour autorisant à travailler détenus depuis moins de dix ans (cinq ans pour les demandes déposées avant le 23 décembre 2011) (CSS, L.816-1, 1°)"


class MotifRefusAsi(Enum):
    aucun = AUCUN
    residence = "Ni foyer permanent, ni présence de plus de six mois dans l'année (CSS, R.115-6 puis R.111-2)"
    residence_prealable_ue = MotifRefusAspa.residence_prealable_ue.value
    decision_refus_sejour = DECISION_REFUS
    demandeur_emploi_ue = MotifRefusAspa.demandeur_emploi_ue.value
    droit_au_sejour_ue = "Citoyen de l'Union sans droit au séjour (CSS, L.816-1, 3°)"
    condition_nationalite = MotifRefusAspa.condition_nationalite.value
    sejour_irregulier = MotifRefusAspa.sejour_irregulier.value
    anteriorite_titres = MotifRefusAspa.anteriorite_titres.value


class MotifRefusCouvertureMaladie(Enum):
    """Prise en charge des frais de santé (CMU de base puis PUMa) et CMU-C puis CSS."""

    aucun = AUCUN
    prestation_inexistante = "Avant le 1er janvier 2000 : ni CMU de base ni CMU complémentaire (loi n° 99-641 du 27 juillet 1999)"
    residence = "Ni foyer permanent, ni présence de plus de six mois dans l'année (CSS, R.115-6 puis R.111-2)"
    residence_prealable = "Résidence ininterrompue en France de trois mois au plus (CSS, L.380-1 et R.380-1 pour la CMU, D.160-2 pour la PUMa, L.861-1 pour la CMU-C et la CSS)"
    decision_refus_sejour = DECISION_REFUS
    demandeur_emploi_ue = DEMANDEUR_EMPLOI_UE
    droit_au_sejour_ue = (
        "Citoyen de l'Union sans droit au séjour (CSS, L.380-1 puis L.160-1 ; CESEDA, L.233-1)"
    )
    titre_expire = "Titre de séjour expiré au-delà du maintien des droits (CSS, R.111-4)"
    sejour_irregulier = "Aucun titre de séjour recevable en cours de validité (CSS, R.111-3 ; D.115-1 puis arrêté du 10 mai 2017)"


class MotifRefusAme(Enum):
    aucun = AUCUN
    prestation_inexistante = "Avant le 1er janvier 2000 : pas d'aide médicale de l'État (loi n° 99-641 du 27 juillet 1999)"
    sejour_regulier = "Séjour régulier, droit au séjour ou maintien des droits : la personne relève de la prise en charge des frais de santé, pas de l'AME (CASF, L.251-1)"
    residence_ininterrompue = "Résidence ininterrompue de trois mois au plus (de séjour irrégulier depuis le 30 décembre 2019) (CASF, L.251-1)"


class MotifRefusAideLogement(Enum):
    aucun = AUCUN
    residence = "Logement occupé moins de huit mois dans l'année par chaque parent et chaque enfant à charge : plus de quatre mois d'absence de chacun (CSS, D.542-1 et R.831-1, puis CCH, R.822-23)"
    demandeur_emploi_ue = DEMANDEUR_EMPLOI_UE_CAF
    decision_refus_sejour = DECISION_REFUS
    droit_au_sejour_ue = (
        "Citoyen de l'Union sans droit au séjour (CSS, L.512-2 et L.831-1, puis CCH, L.822-2)"
    )
    sejour_irregulier = "Aucun titre de séjour recevable en cours de validité (CSS, L.512-2 et D.512-1 ; CCH, L.822-2 et R.823-2)"


class CasVersementAspa(Enum):
    """Les trois cas de la circulaire DSS du 22 juillet 2008 pour l'ASPA d'un couple."""

    allocataire = "ASPA servie à l'allocataire en complément de sa pension : lui seul justifie de sa résidence"
    majoration_conjoint_a_charge = "ASPA servie uniquement en complément de la majoration pour conjoint à charge : seul le conjoint à charge justifie de sa résidence"
    allocataire_et_conjoint = "ASPA servie en complément de la pension et de la majoration pour conjoint à charge : les deux justifient de leur résidence"


class PrestationFamiliale(Enum):
    non_precisee = "Prestation familiale non précisée"
    paje = "Prestation d'accueil du jeune enfant (L.511-1, 1°)"
    allocations_familiales = "Allocations familiales (L.511-1, 2°)"
    complement_familial = "Complément familial (L.511-1, 3°)"
    allocation_logement_familiale = "Allocation de logement familiale (L.511-1, 4°)"
    aeeh = "Allocation d'éducation de l'enfant handicapé (L.511-1, 5°)"
    allocation_soutien_familial = "Allocation de soutien familial (L.511-1, 6°)"
    allocation_rentree_scolaire = "Allocation de rentrée scolaire (L.511-1, 7°)"
    allocation_deces_enfant = (
        "Allocation forfaitaire versée en cas de décès d'un enfant (L.511-1, 8°)"
    )
    ajpp = "Allocation journalière de présence parentale (L.511-1, 9°)"
    allocation_parent_isole = (
        "Allocation de parent isolé (L.524-1, jusqu'au 31 mai 2009 ; puis RSA majoré)"
    )
