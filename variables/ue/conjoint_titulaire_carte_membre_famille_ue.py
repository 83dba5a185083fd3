from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.sejour.enums import TitreSejour


class conjoint_titulaire_carte_membre_famille_ue(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Parent de la famille dont l'autre parent (conjoint, concubin ou partenaire) détient une carte de séjour « membre de la famille d'un citoyen de l'Union » valide dans le mois"
    reference = [
        "Lettre d'information CNAF n° 1 du 28 février 2008, § 3 : « Si le conjoint ou concubin du ressortissant communautaire détient ce titre, on peut en déduire que les deux conjoints ou concubins sont en situation régulière » (sources/cnaf-lettre-information-2008-02-28-droit-sejour-ue.txt)",
        "Code de l'entrée et du séjour des étrangers et du droit d'asile, art. L.121-3 puis L.233-2 (carte de séjour « membre de la famille d'un citoyen de l'Union »)",
    ]
    documentation = """
    Le fait d'où la lettre de la CNAF déduit la régularité du séjour du citoyen de l'Union : lu par
    droit_au_sejour_ue_propre (son droit, qui passe à ses enfants) et membre_famille_ue.
    """

    def formula(individu, period):
        parent = ~individu("enfant_a_charge", period)
        carte_parent = (
            (individu("titre_sejour", period) == TitreSejour.carte_membre_famille_ue)
            * individu("ue_titre_sejour_en_cours", period)
            * parent
        )
        return parent * ((individu.famille.sum(carte_parent) - carte_parent) > 0)
