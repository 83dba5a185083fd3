"""Faits déclarés propres aux prestations : prestations versées, cas de versement de l'ASPA.

Les prestations déclarées comme versées (percoit_X) ne donnent aucun droit : ils permettent de comparer ce qui est versé à ce que le droit
ouvre, et de repérer les versements maintenus alors qu'une condition fait défaut (indus). Un texte
fait parfois de la perception d'une prestation un fait qui compte : percoit_X vaut alors le fait
« perçoit X » (les trois mois de résidence de la PUMa, D.160-2 CSS :
puma_dispense_residence_prealable).
Pour les prestations versées au foyer (RSA, prestations familiales, aides au logement), l'entrée
se déclare sur l'allocataire (et, le cas échéant, son conjoint).
"""

from datetime import date

from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import ETERNITY, MONTH

from openfisca_residence.rules.dates import NEVER
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.inputs import dispatch_by_period
from openfisca_residence.rules.variable import Variable
from openfisca_residence.variables.prestations.enums import CasVersementAspa, PrestationFamiliale


class percoit_rsa(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "La personne est allocataire (ou conjoint de l'allocataire) du revenu de solidarité active dans le mois"
    reference = (
        "Code de l'action sociale et des familles, art. L.262-1 (revenu de solidarité active)"
    )


class percoit_aah(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "La personne perçoit l'allocation aux adultes handicapés dans le mois"
    reference = "Code de la sécurité sociale, art. L.821-1 (allocation aux adultes handicapés)"


class percoit_prestations_familiales(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "La personne est allocataire (ou conjoint de l'allocataire) de prestations familiales dans le mois"
    reference = "Code de la sécurité sociale, art. L.511-1 et L.512-1 (prestations familiales)"


class percoit_aspa(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "La personne perçoit l'allocation de solidarité aux personnes âgées dans le mois"
    reference = (
        "Code de la sécurité sociale, art. L.815-1 (allocation de solidarité aux personnes âgées)"
    )


class percoit_asi(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "La personne perçoit l'allocation supplémentaire d'invalidité dans le mois"
    reference = (
        "Code de la sécurité sociale, art. L.815-24 (allocation supplémentaire d'invalidité)"
    )


class percoit_puma(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "La personne est prise en charge des frais de santé par la protection universelle maladie dans le mois"
    reference = "Code de la sécurité sociale, art. L.160-1 (protection universelle maladie)"


class percoit_css(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "La personne bénéficie de la complémentaire santé solidaire dans le mois"
    reference = "Code de la sécurité sociale, art. L.861-1 (complémentaire santé solidaire)"


class percoit_ame(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "La personne bénéficie de l'aide médicale de l'État dans le mois"
    reference = "Code de l'action sociale et des familles, art. L.251-1 (aide médicale de l'État)"


class percoit_aide_logement(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "La personne est allocataire (ou conjoint de l'allocataire) d'une aide personnelle au logement dans le mois"
    reference = (
        "Code de la construction et de l'habitation, art. L.821-1 (aides personnelles au logement)"
    )


class aspa_cas_versement(Variable):
    value_type = Enum
    possible_values = CasVersementAspa
    default_value = CasVersementAspa.allocataire
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "ASPA d'un couple : au titre de quoi l'allocation est servie à l'allocataire (pension, majoration pour conjoint à charge, ou les deux)"
    reference = "Circulaire DSS/2A/2B/3A n° 2008-245 du 22 juillet 2008 : trois cas pour l'ASPA d'un couple (sources/controle-residence-r115-6-circulaire-2008-07-22.txt)"


class prestation_familiale_demandee(Variable):
    value_type = Enum
    possible_values = PrestationFamiliale
    default_value = PrestationFamiliale.non_precisee
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "Prestation familiale demandée dans le mois (L.511-1 CSS), déclarée sur l'allocataire"
    reference = "Code de la sécurité sociale, art. L.511-1 (les neuf prestations familiales)"
    documentation = """
    Le droit en vigueur soumet toutes les prestations familiales aux mêmes conditions de séjour, et
    aux mêmes conditions de résidence sauf l'allocation de logement familiale, dont l'allocataire
    doit occuper le logement huit mois dans l'année, non séjourner en France au sens de R.115-6
    (prestations_familiales_residence_allocataire). Il sert aussi aux réformes
    qui ne visent que certaines d'entre elles (loi n° 2024-42, art. 19, tel que voté : six
    prestations ; proposition de loi du Sénat de 2025 : toutes sauf les 5°, 8° et 9°). Non
    précisée : la demande est réputée porter sur une prestation visée (choix documenté).
    """


class grossesse_declaree(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "La femme est en état de grossesse, a effectué la déclaration de grossesse et les examens prénataux"
    reference = "Code de l'action sociale et des familles, art. L.262-9 (RSA majoré de la femme isolée en état de grossesse) ; code de la sécurité sociale, art. L.524-1 pour l'allocation de parent isolé jusqu'au 31 mai 2009"


class date_debut_isolement(Variable):
    value_type = date
    default_value = NEVER
    entity = Individu
    definition_period = ETERNITY
    set_input = dispatch_by_period
    label = "Date à laquelle la personne isolée a commencé à assumer la charge effective et permanente d'un enfant, ou à laquelle, ayant des enfants, elle est devenue isolée (non renseignée : isolement réputé récent)"
    reference = [
        "Code de l'action sociale et des familles, art. L.262-9 (majoration « pendant une période d'une durée déterminée ») et R.262-2 (décret n° 2009-404 du 15 avril 2009, puis décret n° 2017-122 du 1er février 2017)",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006906107",
    ]
    documentation = """
    Point de départ de la période de majoration du RSA (parameters/sejour/anteriorite_titres/rsa.yaml,
    majoration_isolement) : selon le cas, le jour où la personne isolée commence à assumer la charge
    d'un enfant, celui du décès du conjoint, de la séparation ou du jugement. Se déclare sur le
    parent. Non renseignée (2999-12-31), l'isolement est réputé récent : la majoration est due,
    comme le résume LEGAL_MAP (« RSA majoré needs only the family-benefit rule ») ; déclarée, la
    majoration ne court que dans la période de R.262-2 ou jusqu'aux trois ans du plus jeune enfant
    (choix du projet : une demande qui ne dit pas depuis quand la personne est isolée est examinée
    comme une demande de majoration).
    """


class puma_premier_rattachement(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "La prise en charge des frais de santé (CMU de base puis PUMa) est examinée sur une demande de premier rattachement déposée dans le mois, et non sur le droit en cours de l'assuré"
    reference = "Lettre-réseau CNAM LR-DDO-124/2017, § 1.2 : « Le titre doit être valide lors de la demande de rattachement. Il convient de considérer que l'assuré bénéficie d'un maintien de droit de 12 mois à compter de la date de fin de validité du titre de séjour » ; référentiel de contrôle de la PUMa du 22 mars 2017 : vérification systématique de la régularité lors du premier rattachement (sources/cnam-lr-ddo-124-2017-regularite-sejour.txt)"


class css_nouvelle_demande(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = dispatch_by_period
    label = "La CMU-C puis la CSS est examinée sur une demande déposée dans le mois (première demande ou renouvellement), et non sur le droit en cours"
    reference = "Lettre-réseau CNAM LR-DDO-124/2017, § 1.4 : « Une demande de CMU-C/ACS (première demande ou renouvellement) peut être déposée dans cette période de maintien de droit » (sources/cnam-lr-ddo-124-2017-regularite-sejour.txt)"
