"""The figures and shares the synthetic population is drawn after, with their sources.

The persons are drawn in five groups, over-sampled so that every situation the rules distinguish
appears even in a small sample, then weighted so that the weighted counts match published orders
of magnitude:

| group | persons in France (weighted) | source (order of magnitude) |
|---|---|---|
| French nationals | 62.8 million | INSEE: 68.4 million inhabitants on 1 January 2024, of whom 5.6 million foreigners in 2023 |
| EU, EEA and Swiss citizens | 1.5 million | INSEE, census 2021-2023: about 1.5 million EU citizens |
| third-country nationals with a document | 3.5 million | DGEF (ministère de l'Intérieur): about 4 million valid residence permits at end 2023 (refugees' included) |
| refugees, subsidiary protection, stateless | 0.6 million | OFPRA, annual report 2023: about 600,000 persons protected at end 2023 |
| undocumented persons | 0.6 million | estimates of 0.6 to 0.9 million (order of magnitude), consistent with about 450,000 AME beneficiaries at end 2023 (DREES / PLF 2025), most of whom are undocumented |

In all: 7 million immigrants and 5.6 million foreigners in France in 2023 (INSEE, 2024); the
undocumented are not counted by the census. Children (with their parents in families) are in
their parents' group.

The percoit_X inputs (the person is paid benefit X) are drawn after a likely eligibility given
by the group and the situation (age, resources, years of permits, children), scaled so that the
weighted number of recipients is of the published order of magnitude:

| benefit | recipients (weighted) | source |
|---|---|---|
| RSA | 1.85 million foyers | CNAF / DREES, 2023 |
| AAH | 1.3 million | DREES, 2023 |
| ASPA | 0.7 million | DREES, 2023 |
| ASI | 0.07 million | DREES, 2023 |
| AME | 0.45 million | DREES / PLF 2025, end 2023 |
| CSS | 7 million | Fonds CSS / DSS, 2023 |
| PUMa | about every resident | CNAM |
| prestations familiales | 6.5 million foyers | CNAF, 2023 |
| aides au logement | 6 million foyers | DREES: 6.6 million at end 2017, fewer since the 2021 reform |
"""

# group: (share of the sample, persons in France, share of children, share of adults in couples)
GROUPS = {
    "francais": (0.40, 62_800_000, 0.21, 0.50),
    "ue": (0.15, 1_500_000, 0.15, 0.45),
    "pays_tiers": (0.30, 3_500_000, 0.20, 0.45),
    "protection": (0.08, 600_000, 0.25, 0.40),
    "sans_titre": (0.07, 600_000, 0.10, 0.20),
}
TARGETS = {  # weighted recipients, order of magnitude (see the module's documentation)
    "rsa": 1_850_000,
    "aah": 1_300_000,
    "aspa": 700_000,
    "asi": 70_000,
    "ame": 450_000,
    "css": 7_000_000,
    "prestations_familiales": 6_500_000,
    "aide_logement": 6_000_000,
}
EU_NATIONALITIES = {
    "PT": 0.25,
    "IT": 0.12,
    "ES": 0.10,
    "RO": 0.12,
    "BE": 0.07,
    "DE": 0.07,
    "PL": 0.06,
    "BG": 0.05,
    "NL": 0.04,
    "CH": 0.08,
    "NO": 0.04,
}
EU_SITUATIONS = {  # EU citizens of working age
    "travailleur": 0.55,
    "inactif_ressources": 0.20,
    "inactif_sans_ressources": 0.12,
    "demandeur_emploi": 0.13,
}
THIRD_COUNTRIES = {
    "MA": 0.20,
    "TN": 0.09,
    "TR": 0.07,
    "CN": 0.05,
    "SN": 0.06,
    "ML": 0.05,
    "CI": 0.06,
    "CM": 0.05,
    "HT": 0.04,
    "VN": 0.03,
    "US": 0.04,
    "IN": 0.04,
    "BR": 0.04,
    "RU": 0.03,
    "UA": 0.06,
    "CD": 0.04,
    "PK": 0.04,
    "BD": 0.05,
}
PROTECTED_NATIONALITIES = {"AF": 0.30, "SY": 0.15, "SD": 0.12, "ER": 0.08, "GN": 0.15, "RU": 0.20}
PROTECTION_STATUSES = {"refugie": 0.65, "protection_subsidiaire": 0.30, "apatride": 0.05}
# Share of each document among third-country nationals holding one; every value is drawn at
# least once when there are as many such persons as documents.
DOCUMENTS = {
    "carte_resident": 0.26,
    "carte_resident_ue_longue_duree": 0.02,
    "carte_sejour_pluriannuelle": 0.20,
    "carte_competences_talents": 0.005,
    "carte_sejour_temporaire": 0.13,
    "carte_retraite": 0.01,
    "carte_membre_famille_ue": 0.02,
    "carte_sejour_permanent_ue": 0.005,
    "visa_long_sejour_valant_titre": 0.04,
    "certificat_residence_algerien": 0.12,
    "titre_andorran": 0.002,
    "titre_accord_retrait_royaume_uni": 0.01,
    "passeport_monegasque": 0.002,
    "recepisse_premiere_demande": 0.02,
    "recepisse_renouvellement": 0.03,
    "recepisse_protection_internationale": 0.005,
    "attestation_demande_asile": 0.05,
    "autorisation_provisoire_sejour": 0.03,
    "convocation_premiere_demande": 0.006,
    "convocation_renouvellement": 0.006,
    "titre_special_mae": 0.002,
}
NATIONALITY_OF_DOCUMENT = {
    "certificat_residence_algerien": "DZ",
    "titre_andorran": "AD",
    "passeport_monegasque": "MC",
    "titre_accord_retrait_royaume_uni": "GB",
}
VALIDITY_MONTHS = {  # usual length of each document
    "carte_resident": 120,
    "carte_resident_ue_longue_duree": 120,
    "carte_sejour_pluriannuelle": 48,
    "carte_competences_talents": 36,
    "carte_sejour_temporaire": 12,
    "carte_retraite": 120,
    "carte_membre_famille_ue": 60,
    "carte_sejour_permanent_ue": 120,
    "visa_long_sejour_valant_titre": 12,
    "certificat_residence_algerien": 120,
    "titre_andorran": 120,
    "titre_accord_retrait_royaume_uni": 60,
    "passeport_monegasque": 120,
    "recepisse_premiere_demande": 4,
    "recepisse_renouvellement": 4,
    "recepisse_protection_internationale": 6,
    "attestation_demande_asile": 10,
    "autorisation_provisoire_sejour": 6,
    "convocation_premiere_demande": 0,  # no end date: three months (PUBLIC_NAMES.md)
    "convocation_renouvellement": 0,
    "titre_special_mae": 36,
}
NOT_AUTHORISING_WORK = {
    "recepisse_premiere_demande",
    "attestation_demande_asile",
    "convocation_premiere_demande",
    "carte_retraite",
}
PRECARIOUS = {  # documents after which a refusal of stay is the likeliest
    "carte_sejour_temporaire",
    "recepisse_premiere_demande",
    "recepisse_renouvellement",
    "attestation_demande_asile",
    "autorisation_provisoire_sejour",
    "convocation_premiere_demande",
    "convocation_renouvellement",
    "visa_long_sejour_valant_titre",
}
