import numpy
from openfisca_core.periods import MONTH

from openfisca_residence.rules.countries import nationality_is
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.lookup import parameters_of, value_at_dates
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.etat_civil.enums import GroupeNationalite


class decision_refus_sejour_opposable(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Étranger (citoyen de l'Union ou ressortissant d'un pays tiers) visé par une décision de refus ou de retrait de séjour, d'expulsion ou d'obligation de quitter le territoire prise au plus tard le jour de la demande : ses droits sociaux s'éteignent"
    reference = [
        "Réponse ministérielle à la question écrite AN n° 2308 (JO 17 juin 2025) : « la décision qui constate le refus de séjour est le fait générateur de l'extinction des droits sociaux » (sources/an-qe-2308-2025-fin-droits-sociaux-refus-sejour.txt)",
        "Circulaires du ministre de l'intérieur du 5 février 2024 et du 28 octobre 2024 (INTK2428339J)",
        "Note d'information DGAS/1C n° 2005-165 du 24 mars 2005, § III.2.2 et annexe § 4 : le droit au séjour du citoyen de l'Union naît du traité, le titre le constate (CJCE, 8 avril 1976, Royer, 48/75 ; 25 juillet 2002, MRAX, C-459/99) ; seul le refus qui constate « l'absence de droit au séjour » lui est opposé (sources/dgas-note-2005-165-rmi-ressortissants-ue.txt)",
    ]
    documentation = """
    La règle commune des prestations qui exigent le séjour régulier ou le droit au séjour, lue par
    chacune (motif decision_refus_sejour) : une personne de nationalité française n'est pas soumise
    aux conditions de séjour, une décision déclarée ne lui est pas opposée. Choix du projet : elle
    reste opposée au citoyen de l'Union sans titre dont la situation a changé depuis (l'Italien à
    qui un titre a été refusé faute de ressources, devenu salarié), tant qu'elle n'est pas annulée
    (decision_refus_sejour_annulee) : le modèle ne date pas le début de sa nouvelle situation, et ne
    distingue donc pas le changement postérieur à la décision de la situation qu'elle a jugée
    (note DGAS 2005-165, annexe § 4 : la préfecture a « constaté elle-même l'absence de droit au
    séjour »). En revanche, la décision prise avant que son État n'adhère à l'Union (ou à l'EEE,
    ou avant l'accord avec la Suisse), sous le régime des ressortissants de pays tiers, ne lui est
    plus opposée une fois citoyen de l'Union : elle n'a pas jugé du droit au séjour qu'il tient
    désormais du traité (le Polonais refusé le 10 juin 2003 a droit, salarié, au RMI en 2008).
    """

    def formula(individu, period):
        etranger = individu("groupe_nationalite", period) != GroupeNationalite.francais
        opposable = etranger * individu("decision_refus_sejour_anterieure", period)
        citoyen = numpy.flatnonzero(opposable * individu("ressortissant_ue_eee_suisse", period))
        if citoyen.size:
            decision = individu("date_decision_sejour_opposable", period)[citoyen]
            nationalite = individu("nationalite", period)[citoyen]
            etats = parameters_of(individu).ue.etats_membres
            regime_du_traite = numpy.zeros(citoyen.size, dtype=bool)
            for code in numpy.unique(nationalite):
                memes = nationality_is(nationalite, code)
                regime_du_traite[memes] = value_at_dates(
                    getattr(etats, str(code)), decision[memes], before=False
                )
            opposable[citoyen[~regime_du_traite]] = False
        return opposable
