from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.etat_civil.enums import GroupeNationalite


class ressortissant_ue_sans_droit_au_sejour(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Citoyen de l'Union, de l'EEE ou de la Suisse sans droit au séjour"
    reference = [
        "Code de l'entrée et du séjour des étrangers et du droit d'asile, art. L.121-1 (loi n° 2006-911) puis L.233-1",
        "Lettre d'information CNAF n° 1 du 28 février 2008 (sources/cnaf-lettre-information-2008-02-28-droit-sejour-ue.txt)",
        "Note d'information DGAS/1C n° 2005-165 du 24 mars 2005, § III.2 (sources/dgas-note-2005-165-rmi-ressortissants-ue.txt)",
    ]
    documentation = """
    La règle commune des prestations ouvertes aux citoyens de l'Union qui ont un droit au séjour
    (RMI puis RSA, ASPA et ASI, PUMa), lue par chacune (motif droit_au_sejour_ue) ; les prestations
    servies par les CAF (prestations familiales, aides au logement, AAH) la lisent à partir des
    demandes de 2008 (ressortissant_ue_sans_droit_au_sejour_prestations_caf). Le Français et le
    ressortissant d'un pays tiers n'y sont pas soumis (le second justifie d'un titre, même membre de
    la famille d'un citoyen).
    """

    def formula(individu, period):
        ue = individu("groupe_nationalite", period) == GroupeNationalite.ue_eee_suisse
        return ue * ~individu("droit_au_sejour_ue", period)
