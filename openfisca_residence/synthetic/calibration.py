"""The figures, shares and rates the synthetic population is drawn after, with their sources.

The published figures themselves are in `chiffres_publies.tsv` (`published`); this module says how
the generator uses them, and holds the shares and rates that no publication gives (assumptions,
each stated as such).

## Groups

The persons are drawn in groups (strata), over-sampled so that every situation the rules
distinguish appears even in a small sample, as whole families, then weighted so that each group
weighs what France holds on the first day of the months generated (`group_sizes`):

| group | persons on the first day, or arriving during the months | from |
|---|---|---|
| `francais` | the rest of the population | INSEE, population on 1 January (`population_totale`) |
| `ue` | EU, EEA and Swiss citizens | INSEE (`citoyens_ue`): 1.43 M (2018), 1.57 M (2024) |
| `pays_tiers` | third-country adults holding a permit or a provisional document, not protected, and their children | DGEF valid documents (`titres_valides`, adults: 4.00 M end 2023) less the protected adults |
| `protection` | refugees, subsidiary protection, stateless persons and their children | OFPRA (`personnes_protegees`: ≈ 0.6 M end 2023, to confirm) |
| `asile` | asylum seekers and their children | first claims a year (`demandes_asile`, OFPRA) × the months a claim lasts (`ASYLUM`) |
| `sans_titre` | persons in irregular stay | ministers' estimates (`sans_titre`: 0.6 to 0.9 M, 0.7 M central) |
| `arrivee_titre` | adults arriving with a first permit during the months, and their children | DGEF first permits (`premiers_titres`) less regularisations and humanitarian ones |
| `arrivee_asile` | asylum seekers arriving during the months | OFPRA first claims (`demandes_asile`) |
| `arrivee_sans_titre` | persons entering without any document | assumption: `IRREGULAR_ENTRIES` adults a year |

The third-country groups are where the persons stand on the first day (or when they arrive):
their histories (`careers`) then move them between documents, irregular stay, protection,
French nationality and departure, month by month, at the `RATES` below. The DGEF counts valid
permits, including those of holders who have left France, and the census does not reach every
undocumented person: the model's third-country nationals (≈ 5.7 M) therefore exceed the INSEE's
non-EU foreigners (4.45 M in 2024); the French group is the remainder of the INSEE population, so
that the total is the INSEE's.

## Benefits paid

The `percoit_X` inputs are drawn after a likely eligibility (age, resources, document, years of
permits, children), scaled so that the weighted recipients on the first day are the published
figure of that day (`RECIPIENTS`), then followed month by month: a recipient stops being paid
when they leave France, and, for a third-country national, some months after their right of stay
ends (as a caisse's file would show).
"""

from __future__ import annotations

from typing import NamedTuple

from openfisca_residence.synthetic.published import flow, stock


class Group(NamedTuple):
    sample: float  # share of the persons drawn
    children: float  # share of children among its persons
    couples: float  # share of its adults living in a couple


GROUPS = {
    "francais": Group(0.30, 0.21, 0.50),
    "ue": Group(0.12, 0.15, 0.45),
    "pays_tiers": Group(0.23, 0.20, 0.45),
    "protection": Group(0.07, 0.25, 0.40),
    "asile": Group(0.04, 0.20, 0.30),
    "sans_titre": Group(0.08, 0.20, 0.20),
    "arrivee_titre": Group(0.09, 0.15, 0.30),
    "arrivee_asile": Group(0.05, 0.20, 0.30),
    "arrivee_sans_titre": Group(0.02, 0.10, 0.10),
}
THIRD_COUNTRY_GROUPS = ("pays_tiers", "protection", "asile", "sans_titre")
ARRIVING_GROUPS = ("arrivee_titre", "arrivee_asile", "arrivee_sans_titre")
IRREGULAR_ENTRIES = 10_000  # adults a year entering without any document: assumption, no figure


class Asylum(NamedTuple):
    """The asylum procedure (OFPRA, then the CNDA on appeal), in months and shares."""

    ofpra_months: tuple[float, float] = (2.0, 8.0)  # OFPRA decision, drawn between
    ofpra_protection: float = 0.33  # OFPRA, rapport d'activité 2023: ≈ 46,000 of 136,700
    appeal: float = 0.88  # rejections appealed to the CNDA (vie-publique.fr, 2023)
    cnda_months: tuple[float, float] = (5.0, 10.0)
    cnda_protection: float = 0.205  # CNDA 2023: 20.5 % of appeals (vie-publique.fr)
    removal_order: float = 0.7  # rejected claims followed by an OQTF: assumption
    leave: float = 0.25  # rejected asylum seekers leaving within six months: assumption

    @property
    def mean_months(self) -> float:
        ofpra, cnda = sum(self.ofpra_months) / 2, sum(self.cnda_months) / 2
        return ofpra + (1 - self.ofpra_protection) * self.appeal * cnda


ASYLUM = Asylum()


class Rates(NamedTuple):
    """Yearly hazards and the chances at each renewal: published where a figure exists."""

    # Departure of a permit holder's family: the INSEE counts "more than 70,000" departures of
    # immigrants (2017) and no one counts them since; 1 % a year makes the documented stock grow
    # by about 3 % a year with the flows in, as the DGEF's did (+4.4 %, +3.9 %, +3.2 %, 2023-2025).
    departure: float = 0.01
    # Naturalisation of an adult with five years of regular stay: 61,640 acquisitions by decree
    # or declaration in 2023, 66,745 in 2024 (DGEF), over about 2.3 million such adults.
    naturalisation: float = 0.028
    naturalisation_years: float = 5.0
    # Regularisation of a person in irregular stay: 34,400 in 2023 (DGEF) over ≈ 0.56 M adults.
    regularisation: float = 0.061
    # Departure from irregular stay (removals: 17,000 in 2023, 21,601 in 2024, DGEF; other
    # departures are not counted): set so that the stock stays at ≈ 0.7 M, the ministers' figure,
    # given the flows in (rejected asylum claims, refusals, overstays, entries).
    irregular_departure: float = 0.11
    # Renewal asked in time, by level of document (first year, temporary, multi-year, ten years):
    # assumption; 879,790 renewals in 2024 (DGEF).
    request: tuple[float, ...] = (0.95, 0.95, 0.97, 0.98)
    # Refusal of a renewal asked: no national series is published (DGEF): assumption.
    refusal: tuple[float, ...] = (0.04, 0.04, 0.02, 0.005)
    removal_order: float = 0.6  # a refusal comes with an OQTF: assumption
    leave_unrenewed: float = 0.7  # a permit not renewed: the holder leaves (else stays)
    # Days: the request 15 to 90 days before the end (CESEDA, R.431-5: two months before), the
    # decision 20 to 180 days after it; a récépissé covers the wait after the end.
    request_days: tuple[int, int] = (15, 90)
    decision_days: tuple[int, int] = (20, 180)
    # Progress at a renewal granted: to a multi-year card after a temporary one; to a ten-year
    # card after five years of regular stay (CESEDA, L.413-1... assumption for the shares).
    multi_year: float = 0.8
    ten_year: float = 0.5
    ten_year_after: float = 5.0
    # Students: 110,633 first student permits in 2024 (DGEF); years of studies drawn from 1 to 4;
    # then a job (by an APS) or leave (most do, icmigrations.fr): assumption.
    student_after: tuple[float, float, float] = (0.35, 0.55, 0.10)  # work, leave, stay
    # Regularisation: a convocation, then a récépissé, then a first temporary card.
    granted_first: float = 0.9
    # EU workers losing their job each year, as many jobseekers finding one: assumption.
    job_loss: float = 0.08


# Moves of French and EU families: as many arrive as leave each year (assumption; EU citizens:
# the INSEE's stock grew from 1.43 M in 2018 to 1.57 M in 2024).
MOVES = {"francais": 0.002, "ue": 0.05}


RATES = Rates()

# Ages of the adults at the end of the months, by group: from, to.
AGES = {"ue": (20, 92), "pays_tiers": (18, 85), "protection": (18, 70), "asile": (18, 60)}

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
EU_SITUATIONS = {  # EU citizens of working age (census 2018: ≈ 50 % of all EU citizens active)
    "travailleur": 0.62,
    "inactif_ressources": 0.16,
    "inactif_sans_ressources": 0.10,
    "demandeur_emploi": 0.12,
}
# Third-country nationalities other than Algerian and British (their documents say theirs):
# DGEF, valid permits at end 2024: Morocco 14.2 %, Tunisia 7.0 % of all (16.7 % and 8.3 % of
# the others), the rest after the first permits' nationalities.
THIRD_COUNTRIES = {
    "MA": 0.17,
    "TN": 0.08,
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
# Asylum seekers' and protected persons' nationalities (OFPRA, 2023-2024: Afghanistan, Ukraine,
# Guinea, Côte d'Ivoire, Turkey, Bangladesh, DR Congo...).
ASYLUM_NATIONALITIES = {
    "AF": 0.20,
    "UA": 0.08,
    "GN": 0.10,
    "CI": 0.08,
    "TR": 0.07,
    "BD": 0.07,
    "CD": 0.07,
    "SY": 0.06,
    "SD": 0.06,
    "ER": 0.04,
    "RU": 0.05,
    "HT": 0.05,
    "PK": 0.07,
}
PROTECTION_STATUSES = {"refugie": 0.65, "protection_subsidiaire": 0.30, "apatride": 0.05}
# The document of each adult of `pays_tiers` on the first day. DGEF, valid documents at end 2024:
# Algerians 15.0 %, British 3.9 %; ten-year documents ≈ 45-55 % and provisional documents ≈ 8-12 %
# (the memo's reconstruction, to confirm in the DGEF tables by type). Every value is drawn at
# least once when there are as many such adults as documents.
DOCUMENTS = {
    "carte_resident": 0.30,
    "carte_resident_ue_longue_duree": 0.02,
    "carte_sejour_pluriannuelle": 0.20,
    "carte_sejour_temporaire": 0.10,
    "visa_long_sejour_valant_titre": 0.04,
    "certificat_residence_algerien": 0.15,
    "titre_accord_retrait_royaume_uni": 0.04,
    "carte_retraite": 0.01,
    "carte_membre_famille_ue": 0.015,
    "carte_sejour_permanent_ue": 0.005,
    "titre_andorran": 0.001,
    "passeport_monegasque": 0.001,
    "titre_special_mae": 0.002,
    # Pending requests, as many as the flows keep waiting: ≈ 34,000 regularisations a year
    # waiting about 5 months; ≈ 880,000 renewals a year, 6 in 10 decided after the card's end,
    # about 50 days later.
    "recepisse_premiere_demande": 0.003,
    "recepisse_renouvellement": 0.02,
    "autorisation_provisoire_sejour": 0.035,
    "convocation_premiere_demande": 0.001,
    "convocation_renouvellement": 0.003,
}
# How persons in irregular stay on the first day came to it (assumption: no figure): a rejected
# asylum claim, a renewal refused, a permit not renewed, or never any document.
IRREGULAR_ORIGINS = {"asile_rejete": 0.45, "refus": 0.10, "expire": 0.15, "jamais": 0.30}
NATIONALITY_OF_DOCUMENT = {
    "certificat_residence_algerien": "DZ",
    "titre_andorran": "AD",
    "passeport_monegasque": "MC",
    "titre_accord_retrait_royaume_uni": "GB",
}
NOT_AUTHORISING_WORK = {
    "recepisse_premiere_demande",
    "attestation_demande_asile",
    "convocation_premiere_demande",
    "carte_retraite",
    "titre_special_mae",
}


def group_sizes(start, end) -> dict[str, float]:
    """Persons each group weighs: on the first day of month `start` for the groups present then
    (those moving in and out during the months weighing for those abroad), arriving from `start`
    to `end` (YYYY-MM) for the others (`arrivals_by_year` for the dates)."""
    day = f"{start}-01"
    child = {name: group.children for name, group in GROUPS.items()}
    protected = stock("personnes_protegees", day).value
    protected_adults = protected * (1 - child["protection"])
    year = int(str(start)[:4])
    asylum_adults = flow("demandes_asile", year).value * (1 - child["asile"])
    sizes = {
        "ue": stock("citoyens_ue", day).value,
        "pays_tiers": (stock("titres_valides", day).value - protected_adults)
        / (1 - child["pays_tiers"]),
        "protection": protected,
        "asile": asylum_adults * ASYLUM.mean_months / 12 / (1 - child["asile"]),
        "sans_titre": stock("sans_titre", day).value,
    }
    for name, yearly in arrivals_by_year(start, end).items():
        sizes[name] = sum(yearly.values())
    present = sum(size for name, size in sizes.items() if name not in ARRIVING_GROUPS)
    sizes["francais"] = stock("population_totale", day).value - present
    # French and EU families move in and out during the months, as many each way: a share of
    # the persons drawn is abroad on any day, and the others weigh for them.
    years = (_month_number(end, 0) - _month_number(start, 0) + 1) / 12
    for name, rate in MOVES.items():
        sizes[name] /= 1 - rate * years
    return {name: sizes[name] for name in GROUPS}


def arrivals_by_year(start, end) -> dict[str, dict[int, float]]:
    """Persons of each arriving group, year by year of the months `start` to `end` (a year's
    yearly flow times the share of its months in the period)."""
    first, last = int(str(start)[:4]), int(str(end)[:4])
    months = {
        year: min(12, _month_number(end, year)) - max(1, _month_number(start, year)) + 1
        for year in range(first, last + 1)
    }
    yearly = {}
    for year, count in months.items():
        share = count / 12
        direct = (
            flow("premiers_titres", year).value
            - flow("regularisations", year).value
            - flow("premiers_titres_humanitaires", year).value
        )
        yearly.setdefault("arrivee_titre", {})[year] = (
            share * direct / (1 - GROUPS["arrivee_titre"].children)
        )
        yearly.setdefault("arrivee_asile", {})[year] = share * flow("demandes_asile", year).value
        yearly.setdefault("arrivee_sans_titre", {})[year] = (
            share * IRREGULAR_ENTRIES / (1 - GROUPS["arrivee_sans_titre"].children)
        )
    return yearly


def recipients(day) -> dict[str, float]:
    """Weighted recipients of each benefit on `day`, the published figure of that day."""
    keys = {
        "rsa": "rsa_foyers",
        "aah": "aah_allocataires",
        "aspa": "minimum_vieillesse",
        "asi": "asi_allocataires",
        "ame": "ame_beneficiaires",
        "css": "css_beneficiaires",
        "prestations_familiales": "prestations_familiales_foyers",
        "aide_logement": "aides_logement_foyers",
    }
    return {benefit: stock(key, day).value for benefit, key in keys.items()}


def _month_number(month, year: int) -> int:
    """Month `month` (YYYY-MM) as a number of `year`: 1 to 12, below 1 before, above 12 after."""
    month_year, number = (int(part) for part in str(month)[:7].split("-"))
    return (month_year - year) * 12 + number
