from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.lookup import date_at_dates, parameters_of
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.etat_civil.enums import GroupeNationalite
from openfisca_residence.variables.sejour.enums import TitreSejour


class beneficiaire_accord_retrait_royaume_uni(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Bénéficiaire de l'accord de retrait du Royaume-Uni à partir du 1er janvier 2021 : ressortissant d'un pays tiers (Britannique ou membre de sa famille) titulaire du titre « Article 50 TUE - Accord sur le retrait du Royaume-Uni de l'UE », ou Britannique résidant en France conformément au droit de l'Union avant 2021, avant la date où le titre est exigé ou sa demande en cours"
    reference = [
        "Accord sur le retrait du Royaume-Uni de l'Union européenne, art. 10, 13 et 18, § 1 à 3 (droits de séjour des résidents d'avant la fin de la période de transition)",
        "Décret n° 2020-1417 du 19 novembre 2020, art. 2, 3, 30 et 31 (JORF 20 novembre 2020) ; décret n° 2021-1236 du 27 septembre 2021 (JORF 28 septembre 2021 : titre exigé à partir du 1er janvier 2022)",
        "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000044106074",
    ]
    documentation = """
    Depuis le 1er janvier 2021, un Britannique n'est plus ressortissant d'un État de l'Union
    (ressortissant_ue_eee_suisse). Bénéficie de l'accord de retrait :
    - le titulaire du titre de l'accord en cours de validité dans le mois, Britannique ou
      ressortissant d'un autre pays tiers (non le citoyen de l'Union qui le déclarerait) : le titre est aussi délivré aux membres de la famille du Britannique, et le
      décret n° 2020-1417 (art. 31) ouvre le RSA « au titulaire » de ce titre ;
    - le Britannique qui résidait en France conformément au droit de l'Union à la fin de la
      période de transition (arrivé au plus tard le 31 décembre 2020, et droit au séjour de l'Union
      en décembre 2020 — droit_au_sejour_ue —, ou arrivé depuis trois mois au plus, dont le séjour
      relevait du droit de séjour jusqu'à trois mois sans condition : accord, art. 13, § 1, qui vise
      l'art. 6, § 1, de la directive 2004/38/CE ; arrivé le 1er octobre 2020, non le 30 septembre)
      et, le jour de la demande, soit le titre n'est pas encore exigé
      (avant le 1er janvier 2022 : accord, art. 18, § 2, puis décrets n° 2020-1417 et 2021-1236),
      soit il l'a demandé dans le délai et aucune décision n'a encore rejeté sa demande (art. 18,
      § 3 : « tous les droits […] sont réputés s'appliquer au demandeur »).
    Le séjour du bénéficiaire est régulier (sejour_regulier) ; le titre le dispense des cinq ans de
    titres du RSA (décret n° 2020-1417, art. 31) et, choix documenté, l'égalité de traitement de
    l'accord (art. 23) le dispense des dix ans de l'ASPA, comme le citoyen de l'Union qu'il était
    (anteriorite_titres_aspa). Avant 2021, false : le droit de l'Union s'applique.
    Angle mort : le motif légitime d'une demande tardive (art. 18, § 1, d) n'est pas une entrée :
    c'est une appréciation de l'administration, non un fait que l'usager déclare.
    """

    def formula_2021_01_01(individu, period):
        carte = individu("titre_sejour", period) == TitreSejour.titre_accord_retrait_royaume_uni
        # Le titre ne fait pas bénéficiaire le citoyen de l'Union qui le déclarerait (l'accord ne
        # vise que les Britanniques et les membres de leur famille : art. 10).
        pays_tiers = individu("groupe_nationalite", period) == GroupeNationalite.pays_tiers
        titre = carte * individu("ue_titre_sejour_en_cours", period) * pays_tiers
        art_10_residence_avant_2021 = individu("britannique_residant_fin_transition", period)
        if not art_10_residence_avant_2021.any():
            # Rien d'autre à lire sans Britannique résidant en France avant 2021 : ni la demande du
            # titre, ni la décision.
            return titre

        accord = parameters_of(individu).ue.accord_retrait
        demande = individu("date_demande", period)
        titre_exige = date_at_dates(accord.date_titre_obligatoire, demande)
        art_18_2_titre_pas_encore_exige = demande < titre_exige
        depot = individu("date_demande_titre_accord_retrait", period)
        limite = date_at_dates(accord.date_limite_demande, demande)
        decision = individu("date_decision_sejour_opposable", period)
        rejetee = (depot <= decision) * (decision <= demande)
        art_18_3_demande_en_cours = (depot <= limite) * (depot <= demande) * ~rejetee
        return titre + art_10_residence_avant_2021 * (
            art_18_2_titre_pas_encore_exige + art_18_3_demande_en_cours
        )
