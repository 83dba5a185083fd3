from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.sejour.anteriorite_titres_rsa import titre_dispensant
from openfisca_residence.variables.sejour.enums import StatutProtection


class anteriorite_titres_rmi(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    end = "2009-05-31"
    label = "Condition de titres du RMI : carte de résident, ou trois ans (cinq ans depuis 2004) de résidence sous couvert de titres autorisant à travailler"
    reference = [
        "Loi n° 88-1088 du 1er décembre 1988, art. 8, puis code de l'action sociale et des familles, art. L.262-9",
        "Loi n° 2003-1200 du 18 décembre 2003 (cinq ans à compter du 1er janvier 2004)",
        "Note d'information DGAS/1C n° 2005-165 du 24 mars 2005, III (sources/dgas-note-2005-165-rmi-ressortissants-ue.txt)",
    ]
    documentation = """
    Condition des ressortissants de pays tiers (la prestation la réserve à eux). Les réfugiés et
    apatrides, titulaires de plein droit d'une carte de résident, en sont réputés remplir la
    condition (choix documenté). Le RMI prend fin le 31 mai 2009 (RSA). Le titre conventionnel
    « conférant des droits équivalents » est le certificat de résidence algérien de dix ans, non
    celui d'un an, qui compte dans les années de titres (question écrite AN n° 22211, XIe
    législature) ; sans dates déclarées, le certificat est réputé de dix ans (choix documenté).
    """

    def formula(individu, period, parameters):
        regle = parameters(period).sejour.anteriorite_titres.rmi
        l262_9_carte_resident = titre_dispensant(
            individu, period, parameters, regle.titres_dispensant
        )
        protection = individu("statut_protection", period)
        l262_9_refugie_apatride = (protection == StatutProtection.refugie) + (
            protection == StatutProtection.apatride
        )
        l262_9_duree = individu("titres_autorisant_travail_depuis", period) >= regle.duree
        return l262_9_carte_resident + l262_9_refugie_apatride + l262_9_duree
