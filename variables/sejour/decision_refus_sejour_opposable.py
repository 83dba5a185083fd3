from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.etat_civil.enums import GroupeNationalite
from openfisca_residence.variables.sejour.enums import TitreSejour


class decision_refus_sejour_opposable(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Étranger (citoyen de l'Union ou ressortissant d'un pays tiers) visé par une décision de refus ou de retrait de séjour, d'expulsion ou d'obligation de quitter le territoire prise au plus tard le jour de la demande : ses droits sociaux s'éteignent ; le citoyen de l'Union sans titre qui a, au jour de la demande, un droit au séjour que sa situation lui donne n'est plus visé, sauf mesure d'éloignement définitive"
    reference = [
        "Réponse ministérielle à la question écrite AN n° 2308 (JO 17 juin 2025) : « la décision qui constate le refus de séjour est le fait générateur de l'extinction des droits sociaux » (sources/an-qe-2308-2025-fin-droits-sociaux-refus-sejour.txt)",
        "Circulaires du ministre de l'intérieur du 5 février 2024 et du 28 octobre 2024 (INTK2428339J)",
        "Note DGAS n° 2005-165, § III.2.2 et annexe, § 4 : le droit au séjour du citoyen de l'Union « est indépendant de la possession d'un titre de séjour » ; un refus de RMI se fonde sur « l'absence de droit au séjour », le refus d'un titre par la préfecture « constatant elle-même l'absence de droit au séjour » (sources/dgas-note-2005-165-rmi-ressortissants-ue.txt)",
    ]
    documentation = """
    La règle commune des prestations qui exigent le séjour régulier ou le droit au séjour, lue par
    chacune (motif decision_refus_sejour) : une personne de nationalité française n'est pas soumise
    aux conditions de séjour, une décision déclarée ne lui est pas opposée.
    Le ressortissant d'un pays tiers tient son séjour de ses titres : la décision vise le titre en
    vigueur le jour où elle est prise (decision_refus_sejour_anterieure), et seul un titre délivré
    après elle justifie à nouveau son séjour ; de même pour le titre d'un citoyen de l'Union
    qu'elle retire. Le citoyen de l'Union, de l'EEE ou de la Suisse n'a pas besoin de titre : son
    droit au séjour naît de sa situation (travailleur, inactif avec ressources et assurance
    maladie, membre de famille...), et la décision qui lui refuse un titre constate l'absence de ce
    droit à sa date (note DGAS, annexe § 4). Choix du projet : sans titre au jour de la demande, un
    droit au séjour que sa situation lui donne alors (droit_au_sejour_ue) l'emporte sur la
    décision, qui jugeait sa situation d'alors (l'Italien à qui un titre a été refusé en 2005 faute
    de ressources, devenu salarié en 2006), sauf mesure d'éloignement devenue définitive
    (mesure_eloignement_definitive), qui lui ordonne de quitter le territoire quelle que soit sa
    situation.
    """

    def formula(individu, period):
        etranger = individu("groupe_nationalite", period) != GroupeNationalite.francais
        visee = etranger * individu("decision_refus_sejour_anterieure", period)
        sans_titre = individu("titre_sejour", period) == TitreSejour.aucun
        citoyen_ue_sans_titre = visee * sans_titre * individu("ressortissant_ue_eee_suisse", period)
        if not citoyen_ue_sans_titre.any():
            return visee
        droit_actuel = individu("droit_au_sejour_ue", period) * ~individu(
            "mesure_eloignement_definitive", period
        )
        return visee * ~(citoyen_ue_sans_titre * droit_actuel)
