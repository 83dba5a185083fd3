from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.lookup import parameters_of
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.ue.communs import en_vigueur_pour_la_demande
from openfisca_residence.variables.ue.enums import StatutRessortissantUE


class exclu_demandeur_emploi_ue_prestations_caf(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Citoyen de l'Union entré en France pour y chercher un emploi : exclu de toutes les prestations servies par les CAF (prestations familiales, aides au logement, minima)"
    reference = "Lettre d'information CNAF n° 1 du 28 février 2008, § 4 et « Date d'effet » : « l'accès au bénéfice de toutes les prestations servies par les Caf est interdit aux ressortissants communautaires entrés en France pour y chercher un emploi » (sources/cnaf-lettre-information-2008-02-28-droit-sejour-ue.txt)"
    documentation = """
    Position de la CNAF, non écrite dans la loi (LEGAL_MAP.md § 3), pour les mois à partir de
    janvier 2008 et les demandes déposées à compter du 1er janvier 2008, même pour des mois
    antérieurs (paramètre ue.demandeur_emploi.exclusion_prestations_caf) : les
    prestations familiales ne peuvent être servies au demandeur d'emploi qu'une fois qu'il a trouvé
    un emploi, ou qu'il « bascule dans la catégorie des inactifs » faute de pouvoir encore
    prétendre au statut de demandeur d'emploi (§ 4). Ainsi l'entré pour chercher un emploi qui a
    des ressources et une assurance maladie complète (statut inactif, qui l'emporte sur le statut de
    demandeur d'emploi en droit de l'Union : statut_ressortissant_ue) reste exclu des prestations
    des CAF tant qu'il peut se prévaloir de sa recherche (ue_recherche_emploi_dans_le_delai).
    Les prestations familiales et les aides au logement la lisent comme une condition de
    résidence (prestations.communs.demandeur_emploi_caf) : la lettre refuse ces prestations « au
    motif qu'ils ne remplissent pas la condition de résidence en France, leur résidence n'étant
    pas réputée durable au regard du droit français et communautaire ».
    """

    def formula(individu, period):
        statut = individu("statut_ressortissant_ue", period)
        exclu = statut == StatutRessortissantUE.demandeur_emploi
        cnaf_inactif_entre_chercher_emploi = (statut == StatutRessortissantUE.inactif) * individu(
            "entre_en_france_pour_chercher_emploi", period
        )
        if cnaf_inactif_entre_chercher_emploi.any():  # sa recherche ne se lit que pour lui
            exclu = exclu + cnaf_inactif_entre_chercher_emploi * individu(
                "ue_recherche_emploi_dans_le_delai", period
            )
        if not exclu.any():
            return exclu
        regle = parameters_of(individu).ue.demandeur_emploi.exclusion_prestations_caf
        return exclu * en_vigueur_pour_la_demande(individu, period, regle)
