from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class ue_travail_salarie_autorise(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Le travail salarié de la personne est autorisé : elle n'est pas soumise aux mesures transitoires des adhésions de 2004, 2007 et 2013, ou détient l'autorisation de travail qu'elles exigent, ou un titre de séjour valide qui vaut autorisation de travail"
    reference = [
        "Code de l'entrée et du séjour des étrangers et du droit d'asile, art. L.121-1, alinéa 3 (loi n° 2003-1119), puis L.121-2 (loi n° 2006-911) : mesures transitoires",
        "Note d'information DGAS/1C n° 2005-165 du 24 mars 2005, § III.2.2 (sources/dgas-note-2005-165-rmi-ressortissants-ue.txt)",
        "Code du travail, art. L.5221-2 et R.5221-3 : titres de séjour valant autorisation de travail (carte de résident, carte de séjour temporaire « salarié »...)",
        "Acte d'adhésion de 2003, annexes V à XIV, point 2 ; traité d'adhésion de 2005, annexes VI et VII ; acte d'adhésion de 2011, annexe V, point 2 : le travailleur « qui travaille légalement » dans l'État à la date de l'adhésion garde l'accès à son marché du travail",
    ]
    documentation = """
    Pendant les mesures transitoires (ue_autorisation_travail_exigee), le ressortissant d'un État
    qui y est soumis ne peut travailler comme salarié qu'avec l'autorisation de travail exigée
    (autorisation_travail_mesures_transitoires) ; un titre de séjour valide dans le mois qui vaut
    autorisation de travail (titre_sejour_autorise_travail : carte de résident, carte de séjour
    temporaire portant une mention qui autorise à travailler...), tel celui obtenu avant l'adhésion,
    en tient lieu. Lu par travailleur_ue (l'activité salariée sans
    autorisation ne fait pas le travailleur) et par ue_activite_professionnelle_declaree (elle n'est
    pas une activité déclarée conformément à la législation en vigueur). L'activité non salariée
    n'exigeait aucune autorisation : chacune de ces variables l'ajoute.
    """

    def formula(individu, period):
        mesures_transitoires = individu("ue_autorisation_travail_exigee", period)
        titre_valant_autorisation = individu("titre_sejour_autorise_travail", period) * individu(
            "ue_titre_sejour_en_cours", period
        )
        return (
            ~mesures_transitoires
            + individu("autorisation_travail_mesures_transitoires", period)
            + titre_valant_autorisation
        )
