from datetime import date

import numpy
from openfisca_core.periods import MONTH

from openfisca_residence.rules.dates import LONG_AGO, NEVER, add_days, add_months, within
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.lookup import (
    category_in_at_dates,
    date_at_dates,
    date_bounds,
    parameters_of,
    value_at_dates,
)
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.sejour.enums import TitreSejour

CONVOCATIONS = [TitreSejour.convocation_premiere_demande, TitreSejour.convocation_renouvellement]


class titre_sejour_fin_validite(Variable):
    value_type = date
    entity = Individu
    definition_period = MONTH
    label = "Fin de validité du titre ou document de séjour : date déclarée, trois mois pour une convocation sans date de fin (depuis son début, à défaut depuis la demande), prolongations de la crise sanitaire de 2020"
    reference = [
        "Lettre-réseau CNAM LR-DDO-124/2017, § 2.2 : convocation positionnée à trois mois (sources/cnam-lr-ddo-124-2017-regularite-sejour.txt)",
        "Ordonnance n° 2020-328 du 25 mars 2020, art. 1er, 3 (« entre en vigueur immédiatement ») et 1 bis (ordonnance n° 2020-460 du 22 avril 2020, art. 24)",
        "Loi n° 2020-734 du 17 juin 2020, art. 15, I et II",
        "https://www.legifrance.gouv.fr/loda/id/LEGITEXT000041757041/",
    ]
    documentation = """
    Une convocation sans date de fin vaut trois mois depuis son début ; sans début déclaré, depuis
    la date de la demande, qui tient lieu de la date de saisie (LR-DDO-124/2017, § 2.2 : « à défaut,
    la date de saisie » ; choix du projet). Les prolongations de 2020 s'appliquent aux documents que
    les textes énumèrent (titres de séjour sauf ceux du personnel diplomatique, visas de long
    séjour, autorisations provisoires de séjour, récépissés :
    parameters/sejour/prorogation_crise_sanitaire/documents_prolonges.yaml) et aux attestations de
    demande d'asile, pour leur durée propre, quand ils ont expiré dans la fenêtre de chaque texte ;
    elles s'ajoutent à la date de fin. Les deux textes sont rétroactifs (leur fenêtre commence avant
    leur publication, le 26 mars et le 18 juin 2020) : la prolongation est une propriété du document,
    lue à sa date d'expiration, dans la rédaction finale de chaque texte (180 jours pour l'ordonnance
    n° 2020-328 modifiée par l'ordonnance n° 2020-460), quelle que soit la date de la demande. Un
    titre expiré le 16 mars 2020 est ainsi valide jusqu'au 12 septembre 2020 pour une demande du 20
    mars comme du 1er juillet, et son maintien de droits (R.111-4) court de cette date. La fenêtre
    se lit sur la date d'expiration déclarée : les fenêtres des deux textes ne se chevauchent pas.
    """

    def formula(individu, period, parameters):
        titre = individu("titre_sejour", period)
        fin = individu("titre_sejour_date_fin", period)
        convocation = (titre == CONVOCATIONS[0]) + (titre == CONVOCATIONS[1])
        # Seules les convocations sans date de fin sont relues (quelques lignes).
        sans_fin = numpy.flatnonzero(convocation & (fin == numpy.datetime64(NEVER)))
        if sans_fin.size:
            duree_convocation = parameters(period).sejour.duree_validite_convocation
            debut = individu("titre_sejour_date_debut", period)[sans_fin]
            demande = individu("date_demande", period)[sans_fin]
            # Début non déclaré : « à défaut, la date de saisie », celle de la demande (choix du
            # projet).
            saisie = numpy.where(debut == numpy.datetime64(LONG_AGO), demande, debut)
            fin = fin.copy()
            fin[sans_fin] = add_months(saisie, duree_convocation)

        prorogations = parameters_of(individu).sejour.prorogation_crise_sanitaire
        prolongation = None
        for texte in (prorogations.ordonnance_2020_328, prorogations.loi_2020_734):
            # Seuls les documents expirés dans une version de la fenêtre du texte sont lus.
            premier_jour = date_bounds(texte.expiration_du)[0]
            dernier_jour = date_bounds(texte.expiration_au)[1]
            vises = numpy.flatnonzero(within(fin, premier_jour, dernier_jour))
            if not vises.size:
                continue
            if prolongation is None:
                prolongation = numpy.zeros(individu.count, dtype=numpy.int64)
            # Le texte est lu à la date d'expiration de chaque document : tel qu'il vaut pour les
            # documents expirés ce jour-là, quelle que soit la date de la demande.
            titre_vise, le_jour = titre[vises], fin[vises]
            jours = numpy.where(
                titre_vise == TitreSejour.attestation_demande_asile,
                value_at_dates(texte.jours_attestation_demande_asile, le_jour),
                value_at_dates(texte.jours, le_jour)
                * category_in_at_dates(titre_vise, prorogations.documents_prolonges, le_jour),
            )
            # Les bornes de la fenêtre du texte, telles qu'en vigueur à la date d'expiration.
            dans_la_fenetre = (le_jour >= date_at_dates(texte.expiration_du, le_jour)) & (
                le_jour <= date_at_dates(texte.expiration_au, le_jour)
            )
            prolongation[vises] += numpy.where(dans_la_fenetre, jours, 0)
        return fin if prolongation is None else add_days(fin, prolongation)
