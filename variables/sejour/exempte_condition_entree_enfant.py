from openfisca_core.periods import MONTH

from openfisca_residence.rules.countries import nationality_in
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class exempte_condition_entree_enfant(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Le parent étranger n'a pas à justifier de l'entrée régulière de ses enfants (D.512-2 CSS) : travailleur protégé par un accord d'égalité de traitement, ou titulaire d'un titre en cours de validité autorisant à travailler (permis unique)"
    reference = [
        "Cour de cassation, assemblée plénière, 5 avril 2013, n° 11-17.520 (accord euro-méditerranéen CE-Algérie, art. 68) et n° 11-18.947 (décision n° 3/80 du conseil d'association CEE-Turquie, art. 3)",
        "Directive 2011/98/UE du 13 décembre 2011, art. 12, § 1, e ; CJUE, 19 décembre 2024, CAF des Hauts-de-Seine, C-664/23",
        "Lettre CNAF du 7 décembre 2023 (conventions bilatérales de sécurité sociale) ; lettre CNAF du 31 juillet 2025 (enfants de travailleurs étrangers)",
    ]
    documentation = """
    Deux exemptions du contrôle de l'entrée des enfants :
    - le travailleur dont la nationalité est protégée par un accord d'égalité de traitement
      (parameters/sejour/prestations_familiales/nationalites_egalite_traitement.yaml) : l'accord
      protège le travailleur salarié qui exerce ou a exercé une activité en France (travail_salarie
      : heures, jours ou rémunération du mois ; ou activité antérieure : choix documenté, suivant CJCE Kziber pour les anciens travailleurs) ;
      les membres de sa famille qui résident avec lui en profitent (condition_entree_enfant_applicable
      lit la famille) ;
    - depuis l'échéance de la directive 2011/98/UE (25 décembre 2013), le titulaire d'un titre
      autorisant à travailler (titre_sejour_autorise_travail), en séjour régulier à la date de la
      demande (sejour_regulier_prestations_familiales : titre en cours de validité, ni refusé ni
      retiré) ; le titre expiré ou retiré de l'autre parent n'exempte pas la famille.
    """

    def formula(individu, period, parameters):
        prestations_familiales = parameters(period).sejour.prestations_familiales
        nationalite_protegee = nationality_in(
            individu("nationalite", period),
            prestations_familiales.nationalites_egalite_traitement,
        )
        travailleur = individu("travail_salarie", period) + (
            individu("duree_activite_anterieure_mois", period) > 0
        )
        accord_egalite_traitement = nationalite_protegee * travailleur
        # Le titre doit être en cours de validité à la date de la demande et n'avoir été ni refusé
        # ni retiré : un titre expiré ou retiré ne protège plus personne (directive, art. 12 : le
        # « titulaire » du permis unique).
        permis_unique = (
            prestations_familiales.permis_unique_egalite_traitement
            * individu("titre_sejour_autorise_travail", period)
            * individu("sejour_regulier_prestations_familiales", period)
        )
        return accord_egalite_traitement + permis_unique
