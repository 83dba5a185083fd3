import numpy
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.ue.enums import StatutRessortissantUE


class statut_ressortissant_ue(Variable):
    value_type = Enum
    possible_values = StatutRessortissantUE
    default_value = StatutRessortissantUE.non_concerne
    entity = Individu
    definition_period = MONTH
    label = "Catégorie du droit au séjour du citoyen de l'Union, de l'EEE ou de la Suisse, ou du membre de sa famille"
    reference = [
        "Code de l'entrée et du séjour des étrangers et du droit d'asile, art. L.121-1 (loi n° 2006-911) puis L.233-1 ; R.121-6 puis R.233-7 ; L.122-1 puis L.234-1",
        "Lettre d'information CNAF n° 1 du 28 février 2008, § 1 : « Le droit au séjour s'apprécie en fonction de la catégorie à laquelle les ressortissants communautaires et les membres de leur famille appartiennent au moment de la demande » (sources/cnaf-lettre-information-2008-02-28-droit-sejour-ue.txt)",
    ]
    documentation = """
    non_concerne pour un Français, ou pour un ressortissant de pays tiers qui n'est ni membre de
    famille d'un citoyen ayant un droit au séjour (membre_famille_ue) ni titulaire du droit au
    séjour permanent. Sinon, quand plusieurs catégories s'appliquent, la première de cet ordre
    l'emporte — le droit le plus stable, puis le droit propre avant le droit dérivé :
    1. sejour_permanent (droit_sejour_permanent_ue) ;
    2. travailleur (travailleur_ue) ;
    3. ancien_travailleur (ancien_travailleur_ue) ;
    4. inactif, s'il a des ressources suffisantes et une assurance maladie complète, ou les a
       perdues par un accident de la vie (inactif_ue_conditions_remplies), ou étudiant qui en
       garantit (etudiant_ue_conditions_remplies, L.233-1, 3°) — y compris la personne
       entrée pour chercher un emploi qui remplit ces conditions ;
    5. membre_famille (membre_famille_ue) ;
    6. demandeur_emploi (entre_en_france_pour_chercher_emploi) ;
    7. inactif, sans ces conditions (aucun droit au séjour à ce titre).
    Le statut ne dit pas à lui seul s'il y a droit au séjour : voir droit_au_sejour_ue.
    """

    def formula(individu, period):
        ressortissant = individu("ressortissant_ue_eee_suisse", period)
        sejour_permanent = individu("droit_sejour_permanent_ue", period)
        membre_famille = individu("membre_famille_ue", period)
        concerne = ressortissant + membre_famille + sejour_permanent
        if not concerne.any():  # personne à classer : aucun motif de séjour à lire
            return numpy.full(individu.count, StatutRessortissantUE.non_concerne.index)
        return numpy.select(
            [
                ~concerne,
                sejour_permanent,
                individu("travailleur_ue", period),
                individu("ancien_travailleur_ue", period),
                individu("inactif_ue_conditions_remplies", period)
                + individu("etudiant_ue_conditions_remplies", period),
                membre_famille,
                individu("entre_en_france_pour_chercher_emploi", period),
            ],
            [
                StatutRessortissantUE.non_concerne.index,
                StatutRessortissantUE.sejour_permanent.index,
                StatutRessortissantUE.travailleur.index,
                StatutRessortissantUE.ancien_travailleur.index,
                StatutRessortissantUE.inactif.index,
                StatutRessortissantUE.membre_famille.index,
                StatutRessortissantUE.demandeur_emploi.index,
            ],
            default=StatutRessortissantUE.inactif.index,
        )
