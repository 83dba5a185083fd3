from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class travail_salarie(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Exerce dans le mois un travail salarié : des heures, des jours ou une rémunération de travail dans le mois"
    reference = [
        "Code de la sécurité sociale, art. L.311-2 : affiliation obligatoire des personnes « salariées ou travaillant à quelque titre ou en quelque lieu que ce soit, pour un ou plusieurs employeurs »",
        "Lettre CNAF du 28 février 2008, ressortissants communautaires (heures, jours et rémunération du mois déclarés)",
    ]
    documentation = """
    Aucun seuil : une heure, un jour ou un euro de rémunération du mois suffit (heures_travail,
    jours_travail, salaire_brut). Les seuils de la lettre CNAF du 28 février 2008 disent, eux, la
    qualité de travailleur du citoyen de l'Union (ue_activite_reelle_et_effective). Lu par
    activite_professionnelle, ue_activite_professionnelle_declaree et, pour les accords d'égalité
    de traitement qui protègent les travailleurs salariés, exempte_condition_entree_enfant.
    """

    def formula(individu, period):
        return (
            (individu("heures_travail", period) > 0)
            + (individu("jours_travail", period) > 0)
            + (individu("salaire_brut", period) > 0)
        )
