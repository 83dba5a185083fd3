import numpy
from openfisca_core.periods import MONTH

from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class droit_au_sejour_ue_propre(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Citoyen de l'Union, de l'EEE ou de la Suisse ayant un droit au séjour propre (travailleur, ancien travailleur, inactif remplissant les conditions, étudiant, séjour permanent, constaté par une carte de séjour valide, ou déduit de la carte « membre de famille » de son conjoint), qu'il transmet aux membres de sa famille"
    reference = [
        "Code de l'entrée et du séjour des étrangers et du droit d'asile, art. L.121-1, 4° puis L.233-1, 4° : membres de famille accompagnant ou rejoignant un citoyen qui satisfait aux conditions du 1° ou du 2°",
        "Code de l'entrée et du séjour des étrangers et du droit d'asile, art. L.121-1, 5° puis L.233-1, 5° : conjoint et enfants à charge accompagnant ou rejoignant un citoyen qui satisfait aux conditions du 3° (étudiant)",
        "Code de l'entrée et du séjour des étrangers et du droit d'asile, art. L.122-1 puis L.234-1 (séjour permanent, étendu aux membres de famille)",
    ]
    documentation = """
    Le demandeur d'emploi n'en fait pas partie : L.233-1, 4° ne vise que les membres de famille
    d'un citoyen qui travaille (1°, qualité conservée par l'ancien travailleur) ou dispose de
    ressources et d'une assurance maladie (2°). L'étudiant (3°) transmet le sien à son conjoint et à
    ses enfants à charge (5°) : ce sont les membres de l'entité famille. Le citoyen qui présente
    une carte de séjour valide (ue_titre_sejour_constate_droit) a un droit au séjour que la carte
    constate (lettre CNAF, § 1 : « la simple présentation de ce document suffit ») : il le
    transmet aussi ; la carte n'est délivrée qu'au titre d'un droit (le demandeur d'emploi reste
    exclu des prestations dont la loi l'exclut). De même le citoyen dont le conjoint ou concubin
    détient la carte « membre de la famille d'un citoyen de l'Union » valide : « on peut en
    déduire que les deux conjoints ou concubins sont en situation régulière ; en effet, pour que
    ce titre soit délivré, il faut que le ressortissant communautaire soit en situation régulière »
    (lettre CNAF, § 3) ; ses enfants tiennent leur droit de lui.
    """

    def formula(individu, period):
        ressortissant = individu("ressortissant_ue_eee_suisse", period)
        if not ressortissant.any():  # aucun citoyen de l'Union : aucun motif de séjour à lire
            return numpy.zeros(individu.count, dtype=bool)
        return ressortissant * (
            individu("droit_sejour_permanent_ue", period)
            + individu("travailleur_ue", period)
            + individu("ancien_travailleur_ue", period)
            + individu("inactif_ue_conditions_remplies", period)
            + individu("etudiant_ue_conditions_remplies", period)
            + individu("ue_titre_sejour_constate_droit", period)
            + individu("conjoint_titulaire_carte_membre_famille_ue", period)
        )
