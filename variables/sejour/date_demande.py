from datetime import date

import numpy
from openfisca_core.periods import MONTH

from openfisca_residence.i18n import N_
from openfisca_residence.rules.dates import LONG_AGO, MODEL_START, period_start
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.inputs import dispatched
from openfisca_residence.rules.variable import Variable


class date_demande(Variable):
    value_type = date
    # Marque « non déclarée » : quand d'autres personnes déclarent leur date, celles qui n'en
    # déclarent pas reçoivent, comme sans déclaration, le premier jour du mois.
    default_value = LONG_AGO
    entity = Individu
    definition_period = MONTH
    # Une demande est reçue au plus tôt quand le modèle commence (1994) : avant, aucune liste de
    # titres recevables n'est datée. LONG_AGO reste la marque « non déclarée ».
    set_input = dispatched(
        lambda dates: (
            (dates >= numpy.datetime64(MODEL_START)) | (dates == numpy.datetime64(LONG_AGO))
        ),
        N_("a date from {first_day} (the model's first day) to {never}"),
        fill_unset=period_start,
    )
    label = "Date de réception de la demande par la caisse (par défaut, le premier jour du mois calculé)"
    reference = [
        "Code de la sécurité sociale, art. R.111-3, II : « La condition de régularité du séjour des personnes est appréciée au jour de la demande »",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000034084529",
        "Lettre-réseau CNAM LR-DDO-124/2017, § 1.2 (sources/cnam-lr-ddo-124-2017-regularite-sejour.txt)",
    ]

    def formula(individu, period):
        # Faute de date déclarée, la demande est réputée reçue le premier jour du mois.
        return numpy.full(individu.count, period_start(period))
