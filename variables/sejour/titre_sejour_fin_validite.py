from datetime import date

import numpy
from openfisca_core.periods import MONTH

from openfisca_residence.rules.dates import NEVER, add_days, add_months, as_dates
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.sejour.enums import TitreSejour

CONVOCATIONS = [TitreSejour.convocation_premiere_demande, TitreSejour.convocation_renouvellement]


class titre_sejour_fin_validite(Variable):
    value_type = date
    entity = Individu
    definition_period = MONTH
    label = "Fin de validité du titre ou document de séjour : date déclarée, trois mois pour une convocation sans date de fin, prolongations de la crise sanitaire de 2020"
    reference = [
        "Lettre-réseau CNAM LR-DDO-124/2017, § 2.2 : convocation positionnée à trois mois (sources/cnam-lr-ddo-124-2017-regularite-sejour.txt)",
        "Ordonnance n° 2020-328 du 25 mars 2020, art. 1er et 1 bis (ordonnance n° 2020-460 du 22 avril 2020)",
        "Loi n° 2020-734 du 17 juin 2020, art. 15",
    ]
    documentation = """
    Les prolongations de 2020 s'appliquent aux titres, visas de long séjour, autorisations provisoires
    de séjour et récépissés expirés dans la fenêtre de chaque texte (les attestations de demande
    d'asile ont leur propre durée, les convocations aucune) ; elles s'ajoutent à la date de fin. Le
    nombre de jours est celui en vigueur au premier jour du mois calculé : une demande reçue du 16 au
    25 mars 2020, avant la publication de l'ordonnance, n'en bénéficie qu'en avril (choix documenté).
    """

    def formula(individu, period, parameters):
        titre = individu("titre_sejour", period)
        debut = individu("titre_sejour_date_debut", period)
        fin = individu("titre_sejour_date_fin", period)
        convocation = (titre == CONVOCATIONS[0]) + (titre == CONVOCATIONS[1])
        duree_convocation = parameters(period).sejour.duree_validite_convocation
        sans_fin = convocation & (fin == numpy.datetime64(NEVER))
        fin = numpy.where(sans_fin, add_months(debut, duree_convocation, where=sans_fin), fin)

        prorogations = parameters(period).sejour.prorogation_crise_sanitaire
        attestation_asile = titre == TitreSejour.attestation_demande_asile
        prorogeable = ~convocation & (titre != TitreSejour.aucun)
        for texte in (prorogations.ordonnance_2020_328, prorogations.loi_2020_734):
            if texte.jours == 0 and texte.jours_attestation_demande_asile == 0:
                continue
            dans_la_fenetre = (fin >= as_dates(texte.expiration_du)) & (
                fin <= as_dates(texte.expiration_au)
            )
            proroge = prorogeable & dans_la_fenetre
            if proroge.any():  # seuls les documents expirés dans la fenêtre bougent
                jours = numpy.where(
                    attestation_asile[proroge], texte.jours_attestation_demande_asile, texte.jours
                )
                fin = fin.copy()
                fin[proroge] = add_days(fin[proroge], jours)
        return fin
