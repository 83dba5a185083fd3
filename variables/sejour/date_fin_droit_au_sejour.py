from datetime import date

import numpy
from openfisca_core.periods import MONTH

from openfisca_residence.rules.dates import LONG_AGO, NEVER, add_days
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.sejour.date_expiration_titres import documents_recevables


class date_fin_droit_au_sejour(Variable):
    value_type = date
    entity = Individu
    definition_period = MONTH
    label = "Dernier jour où les titres justifient la régularité du séjour : expiration du dernier titre recevable, ou veille d'une décision de refus, de retrait, d'expulsion ou d'obligation de quitter le territoire pour les documents en vigueur ce jour-là"
    reference = [
        "Code de la sécurité sociale, art. R.111-4 (« la date d'expiration des titres ou documents justifiant de la régularité de leur séjour »)",
        "Réponse ministérielle à la question écrite AN n° 2308, JO 17 juin 2025 : la décision de refus de séjour est le fait générateur de l'extinction des droits sociaux (sources/an-qe-2308-2025-fin-droits-sociaux-refus-sejour.txt)",
    ]
    documentation = """
    Un titre retiré, ou dont le renouvellement est refusé, cesse de justifier le séjour le jour de
    la décision : le séjour régulier finit la veille. La décision n'atteint que les documents dont la
    validité a commencé au plus tard ce jour-là (voir decision_refus_sejour_anterieure) : un titre
    délivré après elle justifie le séjour jusqu'à sa propre expiration. Les documents sont ceux des
    24 derniers mois (date_expiration_titres) ; sans titre ni document sur ces mois, la date est le
    1er janvier 1900. Le maintien des droits de R.111-4 court à compter de cette date (choix du
    projet : l'article vise la fin de validité des titres, que la décision avance), si bien qu'une
    mesure d'éloignement devenue définitive laisse encore deux mois de prise en charge des frais de
    santé (R.111-4, 4°).
    """

    def formula(individu, period):
        decision = individu("date_decision_sejour_opposable", period)
        veille_decision = add_days(decision, -1)
        # Sans décision (date NEVER), tous les documents ont commencé avant elle : la plus tardive
        # des expirations, bornée à la veille de NEVER.
        fin = numpy.minimum(individu("date_expiration_titres", period), veille_decision)
        # Une décision ne borne que les documents dont la validité a commencé au plus tard ce
        # jour-là : les personnes qu'une décision vise sont lues document par document.
        avec_decision = numpy.flatnonzero(decision != numpy.datetime64(NEVER))
        if not avec_decision.size:
            return fin
        decision, veille_decision = decision[avec_decision], veille_decision[avec_decision]
        fin_avec_decision = numpy.full(avec_decision.size, numpy.datetime64(LONG_AGO))
        for debut, fin_titre in documents_recevables(individu, period, avec_decision):
            vise = debut <= decision
            droit = numpy.where(vise, numpy.minimum(fin_titre, veille_decision), fin_titre)
            numpy.maximum(fin_avec_decision, droit, out=fin_avec_decision)
        fin[avec_decision] = fin_avec_decision
        return fin
