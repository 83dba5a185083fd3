from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class sejour_principal_france(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Lieu du séjour principal en France : présent plus de 180 jours sur l'année civile précédente ou sur les 12 mois précédents"
    reference = [
        "Code de la sécurité sociale, art. R.115-6, alinéa 3 (décret n° 2007-354 du 14 mars 2007, JORF 18 mars 2007, en vigueur le 19 mars 2007) — « plus de six mois au cours de l'année civile »",
        "Circulaire DSS/2A/2B/3A n° 2008-245 du 22 juillet 2008 (sources/controle-residence-r115-6-circulaire-2008-07-22.txt)",
    ]
    documentation = """
    Avant le décret 2007-354 (en vigueur le 19 mars 2007), aucun texte de sécurité sociale ne définissait le
    séjour principal : la même durée s'applique, au titre de la notion fiscale (article 4 B du CGI)
    que R.115-6 a reprise (voir le paramètre residence.sejour_principal.duree_presence_minimale).
    L'appréciation de date à date sur 12 mois s'ajoute à celle de l'année civile précédente à la
    date de la circulaire, le 22 juillet 2008.
    Angle mort : la circulaire recommande, juste sous le seuil, d'examiner les années antérieures
    avant de supprimer un droit ; c'est une appréciation de la caisse, non codée.
    """

    def formula(individu, period, parameters):
        duree_minimale = parameters(period).residence.sejour_principal.duree_presence_minimale
        return individu("jours_presence_france_retenus", period) > duree_minimale
