import numpy
from openfisca_core.periods import MONTH

from openfisca_residence.rules.dates import reached
from openfisca_residence.rules.entities import Individu
from openfisca_residence.rules.variable import Variable


class ue_seuil_ressources_suffisantes(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Ressources mensuelles suffisantes de l'inactif : montant du RMI puis du RSA pour son foyer, ou de l'ASPA à partir de 65 ans"
    reference = [
        "Lettre d'information CNAF n° 1 du 28 février 2008, § 3 : « au moins équivalentes au montant du Rmi (montant familialisé) » ; « de l'Aspa s'il a plus de 65 ans » (sources/cnaf-lettre-information-2008-02-28-droit-sejour-ue.txt)",
        "Code de l'entrée et du séjour des étrangers et du droit d'asile, art. R.121-4 (décret n° 2007-371) puis R.233-1 : le montant exigé ne peut excéder le montant forfaitaire du RMI puis du RSA, ou de l'ASPA pour qui remplit sa condition d'âge (rédaction non relue, à confirmer)",
        "Code de l'action sociale et des familles, art. R.262-1 (majorations selon la composition du foyer)",
    ]
    documentation = """
    Montant mensuel, en euros, du RMI (jusqu'au 31 mai 2009) puis du RSA pour le foyer de la
    personne : la famille (entité famille), ses parents et ses enfants — coefficient 1 pour la
    première personne, +0,5 pour la deuxième, +0,3 pour chacune des suivantes, +0,4 pour chaque
    enfant à partir du troisième. À partir de l'âge fixé (65 ans), accompli à la date de la demande
    (date_demande ; lettre CNAF, § 1 : la catégorie s'apprécie « au moment de la demande de
    prestations »), le montant mensuel de l'ASPA (du minimum vieillesse avant elle) : un douzième du
    montant annuel d'un couple si la famille a deux parents, d'une personne seule sinon.
    La lettre parle de « six mois d'équivalent du Rmi » dont tout n'a pas à être disponible à la
    demande : le modèle compare les ressources du mois au montant d'un mois.
    """

    def formula(individu, period, parameters):
        rmi_rsa = parameters(period).prestations.montants.rmi_rsa
        aspa = parameters(period).prestations.montants.aspa
        age_aspa = parameters(period).ue.inactif.age_aspa

        nb_parents = individu.famille("nb_parents", period)
        nb_enfants = individu.famille("nb_enfants", period)
        nb_personnes = nb_parents + nb_enfants
        enfants_a_partir_du_troisieme = numpy.maximum(nb_enfants - 2, 0)
        personnes_supplementaires = (
            numpy.maximum(nb_personnes - 2, 0) - enfants_a_partir_du_troisieme
        )
        coefficient_foyer = (
            1
            + rmi_rsa.majoration_deuxieme_personne * (nb_personnes >= 2)
            + rmi_rsa.majoration_personne_supplementaire * personnes_supplementaires
            + rmi_rsa.majoration_enfant_a_partir_du_troisieme * enfants_a_partir_du_troisieme
        )
        montant_rmi_rsa_foyer = rmi_rsa.montant_forfaitaire * coefficient_foyer
        montant_aspa = (
            numpy.where(
                nb_parents >= 2, aspa.montant_annuel_couple, aspa.montant_annuel_personne_seule
            )
            / 12
        )
        # Âge d'au moins 65 ans accomplis le jour de la demande.
        age_aspa_atteint = reached(
            individu("date_naissance", period), 12 * age_aspa, individu("date_demande", period)
        )
        return numpy.where(age_aspa_atteint, montant_aspa, montant_rmi_rsa_foyer)
