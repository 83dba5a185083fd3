"""Fin des droits sociaux à l'expiration du droit au séjour.

Proposition du groupe de travail réuni en mai 2025 sous l'égide de la MICAF (DSS, CNAM, DGEF) :
« définir les grandes orientations d'une évolution du texte réglementaire prévoyant la fin des droits
sociaux à l'expiration du droit au séjour » (réponse ministérielle à la question écrite AN n° 2308,
JO 17 juin 2025 ; sources/an-qe-2308-2025-fin-droits-sociaux-refus-sejour.txt).

Ce que la réforme change :
- plus aucun maintien des droits après l'expiration du titre : les durées de R.111-4 (six mois, deux
  mois après une mesure d'éloignement définitive) sont ramenées à zéro pour les titres qui expirent
  à compter de la date d'effet ;
- les droits de toutes les prestations finissent à la date d'une décision de refus, de retrait,
  d'expulsion ou d'obligation de quitter le territoire : le droit actuel le fait déjà pour les
  prestations qui exigent le séjour régulier (variables/prestations), mais y laisse le maintien de
  R.111-4 courir à partir de la veille de la décision (date_fin_droit_au_sejour) ; sans maintien,
  la prise en charge des frais de santé et la CSS finissent aussi ce jour-là. Une décision prise
  depuis la date d'effet clôt aussi le maintien d'un titre expiré avant elle (qui garde, sans
  décision, les mois du droit actuel) : les droits finissent au plus tard la veille de la décision,
  « fait générateur de l'extinction des droits sociaux ».
Rien d'autre : les règles du droit actuel sont lues telles quelles. L'AME, prestation du séjour
irrégulier, n'est pas concernée.

Date d'effet : la proposition n'en a pas ; par défaut le 1er janvier 2027, premier jour de l'année
suivant la publication de la réponse ministérielle ; `fin_droits_expiration_sejour.au(date)` en
choisit une autre.
"""

import numpy

from openfisca_residence.reforms.dates_effet import ReformeDatee
from openfisca_residence.rules.dates import add_days
from openfisca_residence.rules.variable import Variable

QE_2308 = "Réponse ministérielle à la question écrite AN n° 2308 (JO 17 juin 2025) : « la décision qui constate le refus de séjour est le fait générateur de l'extinction des droits sociaux » (sources/an-qe-2308-2025-fin-droits-sociaux-refus-sejour.txt)"


class fin_droits_expiration_sejour(ReformeDatee):
    name = "Fin des droits sociaux à l'expiration du droit au séjour (groupe de travail MICAF, mai 2025)"
    date_effet = "2027-01-01"

    def apply(self):
        self.modify_parameters(modifier_function=self.sans_maintien_des_droits)
        self.update_variable(self.maintien_clos_par_la_decision())

    def sans_maintien_des_droits(self, parameters):
        maintien = parameters.sejour.maintien_droits
        for duree in (maintien.duree, maintien.duree_apres_mesure_eloignement):
            duree.update(start=self.date_effet, value=0)
        return parameters

    def maintien_clos_par_la_decision(self) -> type[Variable]:
        """date_fin_maintien_droits du droit actuel, au plus tard la veille d'une décision prise
        depuis la date d'effet."""
        actuelle = self.get_variable("date_fin_maintien_droits", check_existence=True)
        formule_actuelle = actuelle.get_formula()
        effet = numpy.datetime64(self.date_effet)

        def formula(individu, period):
            fin = formule_actuelle(individu, period)
            decision = individu("date_decision_sejour_opposable", period)
            veille = numpy.minimum(fin, add_days(decision, -1))
            return numpy.where(decision >= effet, veille, fin)

        return type(
            "date_fin_maintien_droits",
            (Variable,),
            {
                "label": f"{actuelle.label} ; réforme : au plus tard la veille d'une décision de refus, de retrait, d'expulsion ou d'obligation de quitter le territoire prise depuis la date d'effet",
                "reference": [*actuelle.reference, QE_2308],
                "formula": formula,
            },
        )
