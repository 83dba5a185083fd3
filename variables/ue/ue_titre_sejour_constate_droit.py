from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.lookup import category_in
from openfisca_residence.rules.variable import Variable

# Les cartes de séjour qu'un citoyen de l'Union a pu se faire délivrer (carte de séjour de
# ressortissant communautaire, temporaire ou de résident, avant la loi n° 2003-1119 ; cartes de
# séjour ensuite) : ni récépissé, ni convocation, ni autorisation provisoire, documents d'une
# demande en cours.
CARTES_DE_SEJOUR = (
    "carte_resident",
    "carte_resident_ue_longue_duree",
    "carte_sejour_pluriannuelle",
    "carte_competences_talents",
    "carte_sejour_temporaire",
    "carte_retraite",
    "carte_membre_famille_ue",
    "carte_sejour_permanent_ue",
)


class ue_titre_sejour_constate_droit(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Le citoyen de l'Union, de l'EEE ou de la Suisse présente une carte de séjour valide dans le mois, dont la simple présentation justifie la régularité de son séjour"
    reference = [
        "Lettre d'information CNAF n° 1 du 28 février 2008, § 1 : les ressortissants communautaires « ont la possibilité de se faire délivrer un titre de séjour. Dans ce cas, la simple présentation de ce document suffit à justifier de la régularité de leur séjour » (sources/cnaf-lettre-information-2008-02-28-droit-sejour-ue.txt)",
        "Note d'information DGAS/1C n° 2005-165 du 24 mars 2005, § III.2.2 : le titre constate le droit au séjour (sources/dgas-note-2005-165-rmi-ressortissants-ue.txt)",
    ]
    documentation = """
    Le citoyen de l'Union n'est pas tenu d'avoir un titre ; s'il en présente un, valide au moins un
    jour du mois (ue_titre_sejour_en_cours), il a un droit au séjour sans autre condition
    (droit_au_sejour_ue), quelle que soit sa catégorie : le titre constate le droit. Le demandeur
    d'emploi qui présente un titre reste exclu des prestations dont la loi l'exclut. Choix du
    projet : seules les cartes de séjour (CARTES_DE_SEJOUR) comptent, non les documents d'une
    demande en cours (récépissés, convocations, autorisation provisoire, attestation de demande
    d'asile). Le Français et le ressortissant d'un pays tiers ne sont pas concernés.
    """

    def formula(individu, period):
        ressortissant = individu("ressortissant_ue_eee_suisse", period)
        carte = category_in(individu("titre_sejour", period), CARTES_DE_SEJOUR)
        return ressortissant * carte * individu("ue_titre_sejour_en_cours", period)
