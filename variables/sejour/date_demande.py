from datetime import date

import numpy
from openfisca_core.periods import MONTH

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
    # Une date antérieure au début du modèle n'a pas de droit applicable (les listes de titres
    # commencent le 1er janvier 1994) : elle est refusée à l'entrée, sauf la marque « non déclarée ».
    set_input = dispatched(
        lambda values: (
            (values == numpy.datetime64(LONG_AGO)) | (values >= numpy.datetime64(MODEL_START))
        ),
        f"a date from {MODEL_START.isoformat()}, the first day the law is modelled",
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
