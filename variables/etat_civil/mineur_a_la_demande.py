from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class mineur_a_la_demande(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Mineur à la date de la demande : moins de dix-huit ans accomplis le jour où la caisse reçoit la demande"
    reference = [
        "Code civil, art. 388 : « Le mineur est l'individu de l'un ou l'autre sexe qui n'a point encore l'âge de dix-huit ans accomplis »",
        "Code de la sécurité sociale, art. R.111-3, II : la régularité du séjour « est appréciée au jour de la demande »",
    ]
    documentation = """
    L'âge qui décide de la régularité du séjour d'un jeune sans titre (sejour_regulier_mineur), de
    la preuve de l'entrée d'un enfant majeur (enfant_entree_reguliere), des dispenses du mineur
    (trois mois de résidence et contrôle de la résidence de la PUMa et de la CSS, durée de l'AME)
    et de sa part au maintien des droits d'un parent (maintien_droits_apres_expiration) : celui du
    jour de la demande (date_demande), comme le document. La demande reçue le jour du dix-huitième
    anniversaire est celle d'un majeur. L'âge des parents, lui, reste lu au premier jour du mois
    (mineur).
    """

    def formula(individu, period):
        return individu("date_demande", period) < individu("date_dix_huit_ans", period)
