from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class travailleur_ue(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Citoyen de l'Union, de l'EEE ou de la Suisse travailleur : activité salariée réelle et effective dans le mois (critères de la lettre CNAF du 28 février 2008) ou activité non salariée"
    reference = [
        "Code de l'entrée et du séjour des étrangers et du droit d'asile, art. L.121-1, 1° (loi n° 2006-911) puis L.233-1, 1° : « Ils exercent une activité professionnelle en France »",
        "Lettre d'information CNAF n° 1 du 28 février 2008, § 2 (sources/cnaf-lettre-information-2008-02-28-droit-sejour-ue.txt)",
        "Code de l'entrée et du séjour des étrangers et du droit d'asile, art. L.121-1, alinéa 3 (loi n° 2003-1119) puis L.121-2 : mesures transitoires",
        "Directive 2004/38/CE du 29 avril 2004, art. 7, § 1, a (« travailleur salarié ou non salarié »)",
    ]
    documentation = """
    Ressortissant d'un État de l'Union, de l'EEE ou de la Suisse dont l'activité du mois remplit
    un des critères de la lettre CNAF (ue_activite_reelle_et_effective). Pendant les mesures
    transitoires, le ressortissant d'un État qui y est soumis n'est travailleur que s'il détient
    l'autorisation de travail exigée (ue_travail_salarie_autorise) : choix du projet, l'activité
    salariée sans autorisation n'étant pas légale, elle ne fonde pas le droit au séjour du
    travailleur (il peut relever d'une autre catégorie, inactif par exemple). L'activité non salariée
    (activite_non_salariee) fait aussi le travailleur : les mesures transitoires des actes
    d'adhésion ne visaient que l'accès à l'emploi salarié, elle n'exige aucune autorisation.
    """

    def formula(individu, period):
        ressortissant = individu("ressortissant_ue_eee_suisse", period)
        l233_1_1_activite = individu("ue_activite_reelle_et_effective", period)
        travail_autorise = individu("ue_travail_salarie_autorise", period)
        l233_1_1_activite_non_salariee = individu("activite_non_salariee", period)
        return ressortissant * (
            l233_1_1_activite * travail_autorise + l233_1_1_activite_non_salariee
        )
