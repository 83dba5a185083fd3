"""Catégories du séjour des ressortissants de pays tiers.

Les formules les importent d'ici (`from openfisca_residence.variables.sejour.enums import
TitreSejour`) : une seule classe, partagée par l'entrée et par les formules qui la lisent.
"""

from openfisca_core.indexed_enums import Enum


class TitreSejour(Enum):
    aucun = "Aucun titre ni document de séjour"
    carte_resident = "Carte de résident"
    carte_resident_ue_longue_duree = (
        "Carte de résident portant la mention « résident de longue durée-UE »"
    )
    carte_sejour_pluriannuelle = "Carte de séjour pluriannuelle (dont « passeport talent »)"
    carte_competences_talents = "Carte de séjour « compétences et talents »"
    carte_sejour_temporaire = "Carte de séjour temporaire"
    carte_retraite = "Carte de séjour « retraité »"
    carte_membre_famille_ue = "Carte de séjour « membre de la famille d'un citoyen de l'Union »"
    carte_sejour_permanent_ue = "Carte de séjour permanent « Directive 2004/38/CE »"
    visa_long_sejour_valant_titre = "Visa de long séjour valant titre de séjour, validé"
    certificat_residence_algerien = "Certificat de résidence de ressortissant algérien"
    titre_andorran = "Titre de séjour de ressortissant andorran"
    titre_accord_retrait_royaume_uni = (
        "Titre de séjour « Article 50 TUE - Accord sur le retrait du Royaume-Uni de l'UE »"
    )
    passeport_monegasque = "Passeport monégasque valant autorisation de séjour"
    recepisse_premiere_demande = "Récépissé de première demande de titre de séjour"
    recepisse_renouvellement = "Récépissé de demande de renouvellement de titre de séjour"
    recepisse_protection_internationale = (
        "Récépissé « reconnu réfugié » ou « a obtenu le bénéfice de la protection subsidiaire »"
    )
    attestation_demande_asile = "Attestation de demande d'asile"
    autorisation_provisoire_sejour = "Autorisation provisoire de séjour"
    convocation_premiere_demande = "Convocation en préfecture pour une première demande de titre"
    convocation_renouvellement = "Convocation en préfecture pour le renouvellement d'un titre"
    titre_special_mae = "Titre de séjour spécial délivré par le ministère des affaires étrangères"


class StatutProtection(Enum):
    aucun = "Aucune protection internationale"
    refugie = "Réfugié"
    protection_subsidiaire = "Bénéficiaire de la protection subsidiaire"
    apatride = "Apatride"


class EntreeEnfant(Enum):
    naissance_france = "Né en France (D.512-2, 1°)"
    regroupement_familial = (
        "Entré par le regroupement familial, certificat de contrôle médical de l'OFII (D.512-2, 2°)"
    )
    famille_refugie = "Membre de la famille d'un réfugié (D.512-2, 3°)"
    visa_enfant_scientifique_talent = "Enfant d'un scientifique ou d'un titulaire du « passeport talent », avec visa (D.512-2, 4°)"
    entree_avec_parent = "Entré au plus tard avec son parent titulaire d'une carte « vie privée et familiale » (D.512-2, 5°)"
    titre_sejour_mineur = "Titulaire d'un titre de séjour, entre 16 et 18 ans (D.512-2, 6°)"
    hors_procedure = "Entré hors de ces procédures (par exemple sans regroupement familial)"
