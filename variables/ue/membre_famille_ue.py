from openfisca_core.periods import MONTH

from openfisca_residence.rules.countries import nationality_is
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.etat_civil.enums import GroupeNationalite
from openfisca_residence.variables.sejour.enums import TitreSejour


class membre_famille_ue(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Membre de la famille d'un citoyen de l'Union ayant un droit au séjour, ou titulaire (ou conjoint du titulaire) d'une carte de séjour « membre de la famille d'un citoyen de l'Union », ou ressortissant d'un pays tiers titulaire d'une carte de séjour permanent"
    reference = [
        "Code de l'entrée et du séjour des étrangers et du droit d'asile, art. L.121-1, 4° et L.121-3 (loi n° 2006-911) puis L.233-1, 4° et L.233-2 ; carte de séjour permanent du membre de famille : L.122-1 puis L.234-1",
        "Directive 2004/38/CE du 29 avril 2004, art. 20 (carte de séjour permanent des membres de la famille qui n'ont pas la nationalité d'un État membre) et art. 24, § 1 (égalité de traitement de ceux « qui bénéficient d'un droit de séjour ou du droit de séjour permanent »)",
        "Lettre d'information CNAF n° 1 du 28 février 2008, § 3 : si le conjoint ressortissant d'un État tiers détient ce titre, « on peut en déduire que les deux conjoints ou concubins sont en situation régulière » (sources/cnaf-lettre-information-2008-02-28-droit-sejour-ue.txt)",
        "Note d'information DGAS/1C n° 2005-165 du 24 mars 2005, § II : membres de famille, quelle que soit leur nationalité (sources/dgas-note-2005-165-rmi-ressortissants-ue.txt)",
    ]
    documentation = """
    Vrai, pour une personne qui n'est pas française, si : un autre parent de sa famille (son
    conjoint, ou le parent d'un enfant à charge) a un droit au séjour propre
    (droit_au_sejour_ue_propre) ; ou elle
    détient une carte de séjour « membre de la famille d'un citoyen de l'Union » valide dans le
    mois ; ou, ressortissante d'un pays tiers, elle détient une carte de séjour permanent
    « Directive 2004/38/CE » valide dans le mois (délivrée au membre de famille qui a acquis le
    droit au séjour permanent : art. 20 de la directive) ; ou, citoyen de l'Union parent de la
    famille, l'autre parent la détient (lettre CNAF).
    Le droit d'un enfant à charge ne se transmet pas à ses parents : L.233-1, 4° ne vise que
    l'ascendant direct « à charge », ce que n'est pas le parent qui demande des prestations pour
    son enfant, et L.233-1, 5° (étudiant) ne vise que le conjoint et les enfants à charge.
    Angle mort : les ascendants à charge, hors de l'entité famille, ne sont pas saisis ; la
    condition d'âge ou de charge des descendants (moins de 21 ans ou à charge) est celle de
    l'entité famille : limite de structure, le modèle n'a qu'une entité famille (parents et
    enfants à charge).
    """

    def formula(individu, period):
        francais = nationality_is(individu("nationalite", period), "FR")
        parent = ~individu("enfant_a_charge", period)
        # Le droit se transmet du citoyen à son conjoint et à ses enfants, non de l'enfant au
        # parent (ascendant à charge : hors de l'entité famille).
        droit_propre_parent = individu("droit_au_sejour_ue_propre", period) * parent
        l233_1_4_accompagne_un_citoyen = (
            individu.famille.sum(droit_propre_parent) - droit_propre_parent
        ) > 0

        titre = individu("titre_sejour", period)
        en_cours = individu("ue_titre_sejour_en_cours", period)
        l233_2_carte_membre_famille = (titre == TitreSejour.carte_membre_famille_ue) * en_cours
        l234_1_carte_sejour_permanent_pays_tiers = (
            (titre == TitreSejour.carte_sejour_permanent_ue)
            * en_cours
            * (individu("groupe_nationalite", period) == GroupeNationalite.pays_tiers)
        )
        cnaf_conjoint_titulaire_de_la_carte = individu(
            "ressortissant_ue_eee_suisse", period
        ) * individu("conjoint_titulaire_carte_membre_famille_ue", period)
        return ~francais * (
            l233_1_4_accompagne_un_citoyen
            + l233_2_carte_membre_famille
            + l234_1_carte_sejour_permanent_pays_tiers
            + cnaf_conjoint_titulaire_de_la_carte
        )
