"""Cross-check of our RSA and ASPA stay conditions with openfisca-france's nationality conditions.

What each side models
---------------------
openfisca-residence (this project): `rsa_condition_sejour` and `aspa_condition_sejour` apply the
law in force in the month to the facts. A French national meets them. An EU, EEA or Swiss citizen
needs a right of residence (worker, former worker, inactive with resources and full sickness
cover, permanent residence...: `droit_au_sejour_ue`) and, for the RMI/RSA, must not have come to
look for work (loi n° 2007-290, art. 63); the three months of residence of the non-active citizen
(L.262-6 CASF) belong to `rsa_condition_residence`, not to the stay condition. A third-country
national (stateless included) needs an admissible document valid on the request date
(`sejour_regulier`), no refusal, withdrawal or removal decision before it, and years of permits
authorising work: RMI (to 31 May 2009) three years, five from 2004, unless carte de résident,
refugee or stateless; RSA five years unless refugee, subsidiary protection, stateless, carte de
résident or equivalent treaty document, British withdrawal-agreement document; ASPA (minimum
vieillesse before 2007) regular stay only until 19 December 2005, then five years, ten for requests
made after 22 December 2011 (LFSS 2012, art. 94), unless refugee, subsidiary protection,
stateless, former combatant or a convention (Algeria, Gabon; some Moroccans, Tunisians, Turks,
Israelis).

openfisca-france (the reference French model): `rsa_condition_nationalite` and
`asi_aspa_condition_nationalite` read only the nationality (the United Kingdom coded "UK"), EEA
membership (`ressortissant_eee`, from its parameter geopolitique.eee) and
`duree_possession_titre_sejour` (years of holding a residence document). RSA (from June 2009):
French; EEA or Swiss with 0.25 year (the three months of L.262-6); others 5 years. RMI and ASPA/ASI:
written as `or_(eee, swiss, years >= minimum)` with 5 (RMI) and 10 (ASPA) years from 2002, but
`or_` is numpy.logical_or, whose third positional argument is its output array: the years are never
read, and only EEA and Swiss nationals meet these two conditions. No document validity, refusal
decision, right of residence, protection status or exempting card anywhere. The report compares
our conditions with openfisca-france as it is, then with its RMI and ASPA formulas read as intended
(EEA or Swiss or enough years), to show the disagreements the bug hides.

How the population is built
---------------------------
10,000 persons drawn with numpy's Generator (seed 2026): French, EU/EEA/Swiss citizens (workers,
inactive with or without resources and cover, jobseekers, British), third-country nationals holding
each kind of document (some expired, some none), refugees and beneficiaries of subsidiary
protection, stateless persons; some refused a stay; ages from 18 to 95. Their facts are dated
relative to the month observed: the same persons are observed in each month (2003-01 ... 2024-01),
so that a change of agreement from one month to the next comes from the law, not from the people.
Facts are mapped to both models: our `date_premier_titre_autorisant_travail` gives their
`duree_possession_titre_sejour` for a third-country national; for an EU, EEA or Swiss citizen
their `duree_possession_titre_sejour` is the time since arrival in France (their 0.25 year stands
for the three months of L.262-6). The British are "GB" for us (ISO 3166-1) and "UK" for
openfisca-france (its own code; the report also shows what "GB" would give). RSA is compared on
every person, ASPA on the persons aged 65 or more (neither side's condition reads the age). Each
disagreement is given the first rule, in a fixed order, that explains it, read from our variables
(motifs of refusal, sejour_regulier, droit_au_sejour_ue...) and the facts; none is left
unexplained.

How it runs
-----------
openfisca-france 176 requires openfisca-core < 45 and this project openfisca-core 46: no version of
openfisca-france installs beside us. The two models therefore run in two virtualenvs and two
processes: this script, run with our interpreter, draws the population, computes our side with one
vectorial simulation per month, writes the facts openfisca-france reads to a CSV file, runs itself
with openfisca-france's interpreter (`--openfisca-france-side`), reads back its results (CSV) and
the values of its parameters and formulas (JSON), and prints the comparison.

    make cross-check
    # which does (after creating .venv as `make test` does):
    python3 -m venv .venv-openfisca-france
    .venv-openfisca-france/bin/pip install -r tools/requirements-cross-check.txt
    .venv/bin/python tools/cross_check_openfisca_france.py --openfisca-france-python .venv-openfisca-france/bin/python --output tools/cross_check_openfisca_france.out.txt

It takes about ten seconds once installed and prints the same report for the same seed and
versions; the report for openfisca-france 176.1.8 is kept in
tools/cross_check_openfisca_france.out.txt. It is not a test: `make test` does not run it.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy

SEED = 2026
PERSONS = 10_000
MONTHS = ("2003-01", "2008-06", "2012-01", "2014-01", "2016-01", "2020-01", "2024-01")
RSA_START = "2009-06"  # the RMI before
ASPA_AGE = 65
DAYS_PER_YEAR = 365.25
DEFAULT_OPENFISCA_FRANCE_PYTHON = ".venv-openfisca-france/bin/python"
LONG_AGO, NEVER = "1900-01-01", "2999-12-31"  # our date inputs' values for an absent fact

# --------------------------------------------------------------------------------------------
# The population: facts dated relative to the month observed
# --------------------------------------------------------------------------------------------

GROUPS = {"french": 0.12, "eu": 0.25, "third_country": 0.45, "protected": 0.12, "stateless": 0.06}
EU_NATIONALITIES = {  # old members, 2004, 2007 and 2013 enlargements, EEA, Switzerland, the UK
    "PT": 0.18,
    "IT": 0.10,
    "ES": 0.08,
    "DE": 0.06,
    "BE": 0.05,
    "NL": 0.03,
    "IE": 0.03,
    "PL": 0.07,
    "RO": 0.12,
    "BG": 0.04,
    "HR": 0.04,
    "GB": 0.10,
    "CH": 0.06,
    "NO": 0.02,
    "IS": 0.01,
    "LI": 0.01,
}
EU_SITUATIONS = {
    "worker": 0.50,
    "inactive_resources": 0.20,
    "inactive_poor": 0.18,
    "jobseeker": 0.12,
}
THIRD_COUNTRIES = {
    "MA": 0.18,
    "DZ": 0.18,
    "TN": 0.08,
    "TR": 0.07,
    "IL": 0.01,
    "GA": 0.02,
    "SN": 0.08,
    "ML": 0.06,
    "CN": 0.07,
    "US": 0.05,
    "BR": 0.05,
    "VN": 0.05,
    "HT": 0.05,
    "CM": 0.05,
}
PROTECTED_NATIONALITIES = {"AF": 0.30, "SY": 0.20, "SD": 0.15, "ER": 0.10, "RU": 0.15, "UA": 0.10}
PROTECTION = {"refugie": 0.6, "protection_subsidiaire": 0.4}
DOCUMENTS = {  # third-country nationals (and EU citizens in the months their state is not a member)
    "carte_resident": 0.24,
    "carte_resident_ue_longue_duree": 0.03,
    "carte_sejour_pluriannuelle": 0.20,
    "carte_sejour_temporaire": 0.17,
    "visa_long_sejour_valant_titre": 0.05,
    "recepisse_renouvellement": 0.05,
    "recepisse_premiere_demande": 0.04,
    "autorisation_provisoire_sejour": 0.03,
    "carte_retraite": 0.02,
    "aucun": 0.17,
}
REFUGEE_DOCUMENTS = {"carte_resident": 0.8, "recepisse_protection_internationale": 0.2}
SUBSIDIARY_DOCUMENTS = {
    "carte_sejour_pluriannuelle": 0.6,
    "carte_sejour_temporaire": 0.3,
    "recepisse_protection_internationale": 0.1,
}
VALIDITY_DAYS = {
    "carte_resident": 3652,
    "carte_resident_ue_longue_duree": 3652,
    "certificat_residence_algerien": 3652,
    "carte_retraite": 3652,
    "carte_sejour_pluriannuelle": 1461,
    "titre_accord_retrait_royaume_uni": 1826,
    "carte_sejour_temporaire": 365,
    "visa_long_sejour_valant_titre": 365,
    "autorisation_provisoire_sejour": 182,
    "recepisse_protection_internationale": 182,
    "recepisse_renouvellement": 121,
    "recepisse_premiere_demande": 121,
}
NOT_AUTHORISING_WORK = {"aucun", "recepisse_premiere_demande", "carte_retraite"}
# Algerians hold certificates of residence (accord franco-algérien of 27 December 1968).
ALGERIAN_CERTIFICATE_REPLACES = {
    "carte_resident",
    "carte_resident_ue_longue_duree",
    "carte_sejour_pluriannuelle",
    "carte_sejour_temporaire",
}
CONVENTION_NATIONALITIES = {"MA", "TN", "TR", "IL"}
EXPIRED_SHARE = 0.15
REFUSAL_SHARE = {"eu": 0.02, "third_country": 0.05, "protected": 0.02, "stateless": 0.05}
NO_DATE = -(10**6)  # days before the month: the fact is absent (valid ends are -3652 at most)


@dataclass
class Population:
    """The facts of each person, dates as days before the first day of the month observed."""

    group: numpy.ndarray
    nationality: numpy.ndarray
    age_days: numpy.ndarray
    arrival_days: numpy.ndarray
    eu_situation: numpy.ndarray
    transitional_work_permit: numpy.ndarray
    document: numpy.ndarray
    document_start_days: numpy.ndarray
    document_end_days: numpy.ndarray  # negative: the document ends after the month's first day
    permit_days: numpy.ndarray
    protection: numpy.ndarray
    refusal_days: numpy.ndarray
    combatant: numpy.ndarray
    convention: numpy.ndarray

    @property
    def count(self) -> int:
        return len(self.group)


def draw(rng: numpy.random.Generator, weights: dict[str, float], size: int) -> numpy.ndarray:
    names = list(weights)
    probabilities = numpy.array([weights[name] for name in names])
    return numpy.array(names)[
        rng.choice(len(names), size=size, p=probabilities / probabilities.sum())
    ]


def draw_documents(rng, group, nationality, protection) -> numpy.ndarray:
    size = len(group)
    document = draw(rng, DOCUMENTS, size)
    document = numpy.where(
        protection == "refugie", draw(rng, REFUGEE_DOCUMENTS, size), document
    ).astype(object)
    document = numpy.where(
        protection == "protection_subsidiaire", draw(rng, SUBSIDIARY_DOCUMENTS, size), document
    )
    algerian = (nationality == "DZ") & numpy.isin(document, list(ALGERIAN_CERTIFICATE_REPLACES))
    document = numpy.where(algerian, "certificat_residence_algerien", document)
    british = nationality == "GB"
    withdrawal_titre = rng.random(size) < 0.85
    document = numpy.where(
        british,
        numpy.where(withdrawal_titre, "titre_accord_retrait_royaume_uni", "aucun"),
        document,
    )
    return numpy.where(group == "french", "aucun", document).astype(str)


def draw_document_dates(rng, document) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Start and end (days before the month): most documents valid, some expired."""
    size = len(document)
    validity = numpy.array([VALIDITY_DAYS.get(name, 0) for name in document])
    expired = rng.random(size) < EXPIRED_SHARE
    elapsed = (rng.random(size) * validity).astype(int)
    expired_since = rng.integers(1, 731, size)
    start = numpy.where(expired, expired_since + validity, elapsed)
    end = start - validity
    none = document == "aucun"
    return numpy.where(none, NO_DATE, start), numpy.where(none, NO_DATE, end)


def draw_permit_days(rng, document, document_start_days) -> numpy.ndarray:
    """Days of uninterrupted holding of permits authorising work, at least the current one's."""
    size = len(document)
    held = numpy.maximum(rng.integers(0, 25 * 365, size), document_start_days)
    authorising = ~numpy.isin(document, list(NOT_AUTHORISING_WORK))
    lapsed_history = rng.random(size) < 0.25  # a person whose permits have lapsed
    past = numpy.where(lapsed_history, rng.integers(0, 15 * 365, size), NO_DATE)
    return numpy.where(authorising, held, past)


def draw_nationalities(rng, group) -> numpy.ndarray:
    size = len(group)
    nationality = numpy.full(size, "FR", dtype="U2")
    for name, weights in (
        ("eu", EU_NATIONALITIES),
        ("third_country", THIRD_COUNTRIES),
        ("protected", PROTECTED_NATIONALITIES),
    ):
        nationality = numpy.where(group == name, draw(rng, weights, size), nationality)
    return numpy.where(group == "stateless", "XX", nationality)


def draw_protection(rng, group) -> numpy.ndarray:
    size = len(group)
    protection = numpy.where(group == "protected", draw(rng, PROTECTION, size), "aucun")
    stateless_recognised = rng.random(size) < 0.85
    return numpy.where((group == "stateless") & stateless_recognised, "apatride", protection)


def draw_ages(rng, size) -> numpy.ndarray:
    """Ages in days: 55 % aged 18 to 64, 45 % aged 65 to 95."""
    older = rng.random(size) < 0.45
    years = numpy.where(older, rng.uniform(65, 96, size), rng.uniform(18, 65, size))
    return (years * DAYS_PER_YEAR).astype(int)


def draw_eu_situations(rng, group, age_days) -> numpy.ndarray:
    """Situation of EU citizens; past 65, a worker is retired with resources, a jobseeker poor."""
    situation = numpy.where(group == "eu", draw(rng, EU_SITUATIONS, len(group)), "")
    retired = age_days >= ASPA_AGE * DAYS_PER_YEAR
    situation = numpy.where(retired & (situation == "worker"), "inactive_resources", situation)
    return numpy.where(retired & (situation == "jobseeker"), "inactive_poor", situation)


def draw_arrivals(rng, group) -> numpy.ndarray:
    """Days since arrival in France: 10 % within the last four months, others up to 30 years."""
    size = len(group)
    recent = rng.random(size) < 0.10
    days = numpy.where(recent, rng.integers(1, 122, size), rng.integers(122, 30 * 365, size))
    return numpy.where(group == "french", NO_DATE, days)


def draw_population(seed: int = SEED, size: int = PERSONS) -> Population:
    rng = numpy.random.default_rng(seed)
    group = draw(rng, GROUPS, size)
    nationality = draw_nationalities(rng, group)
    age_days = draw_ages(rng, size)
    protection = draw_protection(rng, group)
    document = draw_documents(rng, group, nationality, protection)
    start, end = draw_document_dates(rng, document)
    foreign = group != "french"
    refusal = rng.random(size) < numpy.array([REFUSAL_SHARE.get(name, 0) for name in group])
    third = numpy.isin(group, ["third_country", "protected", "stateless"])
    return Population(
        group=group,
        nationality=nationality,
        age_days=age_days,
        arrival_days=draw_arrivals(rng, group),
        eu_situation=draw_eu_situations(rng, group, age_days),
        transitional_work_permit=rng.random(size) < 0.7,
        document=document,
        document_start_days=start,
        document_end_days=end,
        permit_days=numpy.where(foreign, draw_permit_days(rng, document, start), NO_DATE),
        protection=protection,
        refusal_days=numpy.where(refusal, rng.integers(1, 366, size), NO_DATE),
        combatant=third & (rng.random(size) < 0.02),
        convention=numpy.isin(nationality, list(CONVENTION_NATIONALITIES))
        & (rng.random(size) < 0.3),
    )


# --------------------------------------------------------------------------------------------
# Our side: openfisca-residence
# --------------------------------------------------------------------------------------------

OUR_OUTPUTS = (
    "ressortissant_ue_eee_suisse",
    "rsa_condition_sejour",
    "rsa_motif_refus",
    "aspa_condition_sejour",
    "aspa_motif_refus",
    "titre_sejour_recevable",
    "titre_sejour_en_cours_de_validite",
    "beneficiaire_accord_retrait_royaume_uni",
    "titres_autorisant_travail_depuis",
    "droit_au_sejour_ue",
    "exclu_demandeur_emploi_ue",
    "decision_refus_sejour_anterieure",
    "sejour_regulier",
)


def first_day(month: str) -> numpy.datetime64:
    return numpy.datetime64(f"{month}-01", "D")


def dates_before(month: str, days: numpy.ndarray, unset) -> numpy.ndarray:
    """The dates `days` before the month's first day; `unset` where the fact is absent."""
    dates = first_day(month) - days.astype("timedelta64[D]")
    return numpy.where(days == NO_DATE, numpy.datetime64(unset, "D"), dates)


def eu_inputs(population: Population, month: str) -> dict[str, numpy.ndarray]:
    situation = population.eu_situation
    worker = situation == "worker"
    jobseeker = situation == "jobseeker"
    with_resources = worker | (situation == "inactive_resources")
    arrival = dates_before(month, population.arrival_days, LONG_AGO)
    return {
        "heures_travail": numpy.where(worker, 151.67, 0.0),
        "jours_travail": numpy.where(worker, 21, 0),
        "salaire_brut": numpy.where(worker, 2000.0, 0.0),
        "autorisation_travail_mesures_transitoires": population.transitional_work_permit,
        "inscrit_demandeur_emploi": jobseeker,
        "entre_en_france_pour_chercher_emploi": jobseeker,
        "ressources_mensuelles": numpy.where(with_resources, 3000.0, 0.0),
        "date_debut_sejour_legal_ue": numpy.where(
            with_resources, arrival, numpy.datetime64(NEVER, "D")
        ),
    }


def document_inputs(population: Population, month: str) -> dict[str, numpy.ndarray]:
    return {
        "titre_sejour_date_debut": dates_before(month, population.document_start_days, LONG_AGO),
        "titre_sejour_date_fin": dates_before(month, population.document_end_days, NEVER),
        "date_premier_titre_autorisant_travail": dates_before(month, population.permit_days, NEVER),
        "decision_refus_sejour_date": dates_before(month, population.refusal_days, NEVER),
        "a_combattu_pour_la_france": population.combatant,
        "convention_internationale_applicable": population.convention,
    }


def our_inputs(population: Population, month: str) -> dict[str, numpy.ndarray]:
    from openfisca_residence.variables.sejour.enums import StatutProtection, TitreSejour
    from openfisca_residence.variables.ue.enums import CouvertureMaladie

    resources_cover = numpy.isin(population.eu_situation, ["worker", "inactive_resources"])
    cover = numpy.where(resources_cover, "complete", "cmu")
    return {
        "nationalite": population.nationality.astype(object),
        "date_naissance": dates_before(month, population.age_days, LONG_AGO),
        "date_arrivee_france": dates_before(month, population.arrival_days, LONG_AGO),
        "titre_sejour": TitreSejour.encode(population.document),
        "statut_protection": StatutProtection.encode(population.protection),
        "couverture_maladie": CouvertureMaladie.encode(cover),
        **eu_inputs(population, month),
        **document_inputs(population, month),
    }


def our_results(population: Population, months) -> dict[str, dict[str, numpy.ndarray]]:
    """Our outputs per month (enums as their names): one vectorial simulation per month.

    Imported here, not at the top: the same file runs openfisca-france's side where
    openfisca-residence is not installed."""
    from openfisca_core.simulations import SimulationBuilder

    from openfisca_residence import CountryTaxBenefitSystem

    system = CountryTaxBenefitSystem()
    results = {}
    for month in months:
        simulation = SimulationBuilder().build_default_simulation(system, population.count)
        for name, values in our_inputs(population, month).items():
            period = "ETERNITY" if name == "date_naissance" else month
            simulation.set_input(name, period, values)
        results[month] = {name: decoded(simulation.calculate(name, month)) for name in OUR_OUTPUTS}
    return results


def decoded(values) -> numpy.ndarray:
    return values.decode_to_str() if hasattr(values, "decode_to_str") else numpy.asarray(values)


# --------------------------------------------------------------------------------------------
# The exchange with openfisca-france's process
# --------------------------------------------------------------------------------------------

THEIR_OUTPUTS = ("rsa_condition_nationalite", "asi_aspa_condition_nationalite")
THEIR_CODES = {"GB": "UK"}  # openfisca-france's geopolitique.eee names the United Kingdom "UK"


def their_years(population: Population, ours: dict[str, numpy.ndarray]) -> numpy.ndarray:
    """duree_possession_titre_sejour: time since arrival for an EEA or Swiss citizen (their
    three months of L.262-6), years of permits authorising work for anyone else."""
    arrival = numpy.maximum(population.arrival_days, 0) / DAYS_PER_YEAR
    permits = numpy.maximum(population.permit_days, 0) / DAYS_PER_YEAR
    return numpy.where(ours["ressortissant_ue_eee_suisse"], arrival, permits)


def write_their_inputs(path: Path, population: Population, ours_by_month) -> None:
    with path.open("w", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["person", "month", "nationalite", "duree_possession_titre_sejour"])
        for month, ours in ours_by_month.items():
            years = their_years(population, ours)
            for person in range(population.count):
                writer.writerow(
                    [person, month, population.nationality[person], f"{years[person]:.6f}"]
                )


def read_their_results(path: Path, count: int, months) -> dict[str, dict[str, numpy.ndarray]]:
    results = {
        month: {name: numpy.zeros(count, dtype=bool) for name in THEIR_RESULT_COLUMNS}
        for month in months
    }
    with path.open(newline="") as file:
        for row in csv.DictReader(file):
            for name in THEIR_RESULT_COLUMNS:
                results[row["month"]][name][int(row["person"])] = row[name] == "1"
    return results


def run_openfisca_france(python: str, inputs: Path, outputs: Path, facts: Path) -> None:
    command = [
        python,
        str(Path(__file__).resolve()),
        "--openfisca-france-side",
        str(inputs),
        str(outputs),
        str(facts),
    ]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        sys.exit(f"openfisca-france's process failed:\n{completed.stderr}")


# --------------------------------------------------------------------------------------------
# Their side: openfisca-france (run in its own virtualenv by the same file)
# --------------------------------------------------------------------------------------------

THEIR_VARIANTS = {"": THEIR_CODES, "_iso_gb": {}}  # column suffix: nationality codes
THEIR_COLUMNS = (
    *THEIR_OUTPUTS,
    *(f"{name}_intended" for name in THEIR_OUTPUTS),
    "ressortissant_eee",
)
THEIR_RESULT_COLUMNS = tuple(
    f"{name}{suffix}" for suffix in THEIR_VARIANTS for name in THEIR_COLUMNS
)
PARAMETERS = {
    "rmi_years": "prestations_sociales.solidarite_insertion.minima_sociaux.rmi.rmi_cond.duree_min_titre_sejour",
    "rsa_years_non_eee": "prestations_sociales.solidarite_insertion.minima_sociaux.rsa.rsa_cond.duree_min_titre_sejour.non_eee",
    "rsa_years_eee": "prestations_sociales.solidarite_insertion.minima_sociaux.rsa.rsa_cond.duree_min_titre_sejour.eee",
    "aspa_years": "prestations_sociales.solidarite_insertion.minimum_vieillesse.aspa.duree_min_titre_sejour",
}
MEMBERSHIP_PROBES = {  # label: (parameter, code, date), on dates the law fixes
    "GB in geopolitique.eee on 2016-01-01": ("geopolitique.eee", "GB", "2016-01-01"),
    "UK in geopolitique.eee on 2016-01-01": ("geopolitique.eee", "UK", "2016-01-01"),
    "HR in geopolitique.eee on 2014-01-01 (EU member since 2013-07-01)": (
        "geopolitique.eee",
        "HR",
        "2014-01-01",
    ),
    "HR in geopolitique.ue on 2013-03-01 (EU member since 2013-07-01)": (
        "geopolitique.ue",
        "HR",
        "2013-03-01",
    ),
    "PL in geopolitique.ue on 2004-02-01 (EU member since 2004-05-01)": (
        "geopolitique.ue",
        "PL",
        "2004-02-01",
    ),
    "CH in geopolitique.eee on 1994-02-01 (never an EEA state)": (
        "geopolitique.eee",
        "CH",
        "1994-02-01",
    ),
}
# One Tunisian with 30 years of permits: what the formulas give, month by month.
FORMULA_PROBE = {"nationalite": "TN", "duree_possession_titre_sejour": 30.0}
FORMULA_PROBE_MONTHS = ("2008-06", "2016-01")


def parameter_at(parameters, path: str, date: str):
    node = parameters(date)
    for key in path.split("."):
        node = node[key]
    return node


def parameter_value(parameters, path: str, date: str) -> float | None:
    """The parameter's value on `date`, None before its first value."""
    from openfisca_core.errors import ParameterNotFoundError

    try:
        return float(parameter_at(parameters, path, date))
    except ParameterNotFoundError:
        return None


def read_their_inputs(path: Path) -> dict[str, dict[str, numpy.ndarray]]:
    columns: dict[str, dict[str, list]] = {}
    with path.open(newline="") as file:
        for row in csv.DictReader(file):
            month = columns.setdefault(row["month"], {"nationalite": [], "duree": []})
            month["nationalite"].append(row["nationalite"])
            month["duree"].append(float(row["duree_possession_titre_sejour"]))
    return {
        month: {name: numpy.array(values[name]) for name in ("nationalite", "duree")}
        for month, values in columns.items()
    }


def intended_conditions(simulation, month: str, nationality, years) -> dict[str, numpy.ndarray]:
    """Their RMI (before June 2009) and ASPA conditions as their code means them:
    `or_(eee, swiss, years >= minimum)` read as the logical or of its three terms."""
    parameters = simulation.tax_benefit_system.parameters
    date = f"{month}-01"
    eee_or_swiss = simulation.calculate("ressortissant_eee", month) | (nationality == "CH")
    rsa = simulation.calculate("rsa_condition_nationalite", month)
    if month < RSA_START:
        rsa = eee_or_swiss | (years >= parameter_value(parameters, PARAMETERS["rmi_years"], date))
    aspa_years = parameter_value(parameters, PARAMETERS["aspa_years"], date)
    return {
        "rsa_condition_nationalite_intended": rsa,
        "asi_aspa_condition_nationalite_intended": eee_or_swiss | (years >= aspa_years),
    }


def their_conditions(system, inputs, codes: dict[str, str]) -> dict[str, dict[str, numpy.ndarray]]:
    """Their conditions per month (THEIR_COLUMNS), nationality codes translated by `codes`."""
    from openfisca_core.simulations import SimulationBuilder

    count = len(next(iter(inputs.values()))["duree"])
    simulation = SimulationBuilder().build_default_simulation(system, count)
    results = {}
    for month, values in inputs.items():
        nationality = numpy.array([codes.get(code, code) for code in values["nationalite"]])
        simulation.set_input("nationalite", month, nationality)
        simulation.set_input("duree_possession_titre_sejour", month, values["duree"])
        results[month] = {
            name: simulation.calculate(name, month)
            for name in (*THEIR_OUTPUTS, "ressortissant_eee")
        }
        results[month].update(intended_conditions(simulation, month, nationality, values["duree"]))
    return results


def formula_probe(system) -> dict[str, bool]:
    from openfisca_core.simulations import SimulationBuilder

    simulation = SimulationBuilder().build_default_simulation(system, 1)
    probe = {}
    for month in FORMULA_PROBE_MONTHS:
        for name, value in FORMULA_PROBE.items():
            simulation.set_input(name, month, numpy.array([value]))
        for name in THEIR_OUTPUTS:
            probe[f"{month} {name}"] = bool(simulation.calculate(name, month)[0])
    return probe


def their_facts(system, months) -> dict:
    """The values of their parameters and formulas that the report quotes."""
    from importlib.metadata import version

    parameters = system.parameters
    return {
        "versions": {name: version(name) for name in ("openfisca-france", "openfisca-core")},
        "years": {
            month: {
                key: parameter_value(parameters, path, f"{month}-01")
                for key, path in PARAMETERS.items()
            }
            for month in months
        },
        "membership": {
            label: code in parameter_at(parameters, path, date)
            for label, (path, code, date) in MEMBERSHIP_PROBES.items()
        },
        "probe": formula_probe(system),
    }


def write_their_results(path: Path, results_by_suffix: dict) -> None:
    months = list(next(iter(results_by_suffix.values())))
    with path.open("w", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["person", "month", *THEIR_RESULT_COLUMNS])
        for month in months:
            columns = [
                results_by_suffix[suffix][month][name]
                for suffix in THEIR_VARIANTS
                for name in THEIR_COLUMNS
            ]
            for person, values in enumerate(zip(*columns, strict=True)):
                writer.writerow([person, month, *(int(value) for value in values)])


def openfisca_france_side(inputs_path: Path, outputs_path: Path, facts_path: Path) -> None:
    """Compute openfisca-france's conditions for the persons of `inputs_path`."""
    from openfisca_france import FranceTaxBenefitSystem

    system = FranceTaxBenefitSystem()
    inputs = read_their_inputs(inputs_path)
    results = {
        suffix: their_conditions(system, inputs, codes) for suffix, codes in THEIR_VARIANTS.items()
    }
    write_their_results(outputs_path, results)
    facts_path.write_text(json.dumps(their_facts(system, list(inputs)), indent=2))


# --------------------------------------------------------------------------------------------
# Explaining each disagreement
# --------------------------------------------------------------------------------------------

UNEXPLAINED = "unexplained"
CARDS_EXEMPTING_RSA = {
    "carte_resident",
    "carte_resident_ue_longue_duree",
    "certificat_residence_algerien",
}
REFUSAL = "refusal, withdrawal or removal decision before the request: ends any foreigner's stay (QE AN n° 2308, 2025); openfisca-france has no such fact"
EU_JOBSEEKER = "EU/EEA/Swiss citizen who came to look for work: excluded (loi n° 2007-290, art. 63; L.262-6 CASF); openfisca-france reads EEA membership only"
EU_NO_RIGHT = "EU/EEA/Swiss citizen without a right of residence (inactive without resources or full sickness cover, jobseeker past six months): our droit_au_sejour_ue (CESEDA L.233-1); openfisca-france reads EEA membership only"
NO_DOCUMENT = "no residence document on the request date (our sejour_regulier); openfisca-france reads only the years of permits"
EXPIRED = "residence document expired on the request date (our sejour_regulier); openfisca-france does not read validity"
NOT_ADMISSIBLE = "document not admissible on the request date (first-request récépissé before 12 May 2017; D.115-1 CSS then arrêté of 10 May 2017)"
OR_BUG = "openfisca-france's {} formula calls numpy.logical_or with three arguments: the third, the years-of-permits test, is taken as the output array, so the years are never read and every non-EEA, non-Swiss national is refused"
OR_BUG_RMI = OR_BUG.format("RMI (rsa_condition_nationalite before June 2009)")
OR_BUG_ASPA = OR_BUG.format("asi_aspa_condition_nationalite")
HR_2013 = "Croatian, EU citizen since 1 July 2013 (our ressortissant_ue_eee_suisse): openfisca-france counts Croatia in the EEA from 11 April 2014 only"
NOT_EEA_FOR_THEM = "EU/EEA/Swiss citizen for us (ressortissant_ue_eee_suisse), not in openfisca-france's geopolitique.eee that month"
PROTECTION_RMI = "refugee or stateless (carte de résident of right): meets the RMI condition (L.262-9 CASF, our documented choice); openfisca-france asks them 5 years"
CARD_RMI = "carte de résident or equivalent: meets the RMI condition (L.262-9 CASF); openfisca-france asks 5 years"
RMI_THREE_YEARS = "RMI: three years of permits until 31 Dec 2003, five from 1 Jan 2004 (loi n° 2003-1200); openfisca-france: five years from 2002"
PROTECTION_RSA = "refugee, subsidiary protection or stateless: exempt from the five years (L.262-4, 2°, a CASF); openfisca-france asks them 5 years"
CARD_RSA = "carte de résident or equivalent treaty document (EU long-term resident, Algerian certificate): exempt from the five years (L.262-4, 2°, a CASF); openfisca-france asks 5 years"
WITHDRAWAL_AGREEMENT = "British holder of the withdrawal-agreement document: exempt from the five years (décret n° 2020-1417, art. 31)"
EU_RECENT_INACTIVE = "EU/EEA/Swiss citizen, not active, in France for 3 months or less: openfisca-france refuses in its nationality condition, ours in rsa_condition_residence (L.262-6 CASF), not in the stay condition"
EU_RECENT_EXEMPT = "EU/EEA/Swiss worker in France for 3 months or less: the three months of L.262-6 CASF bind only the non-active (ours); openfisca-france asks them of every EEA citizen"
PROTECTION_ASPA = "refugee, subsidiary protection or stateless: exempt from the years of permits (L.816-1, 2° CSS); openfisca-france asks them 10 years"
COMBATANT_ASPA = (
    "served in the French armed forces: exempt from the years of permits (L.816-1, 2° CSS)"
)
CONVENTION_ASPA = "international convention (Algeria, Gabon; some Moroccans, Tunisians, Turks, Israelis): exempt from the years of permits (lettre DSS of 7 August 2018)"
ASPA_YEARS = "ASPA years of permits: ours, regular stay only until 19 Dec 2005 (a date our parameter marks to confirm), then 5 years, 10 years only for requests after 22 Dec 2011 (LFSS 2012, art. 94); openfisca-france: 10 years from 2002"

Rules = list[tuple[str, numpy.ndarray]]


@dataclass
class Facts:
    """What the explanations read: the persons' facts, our results and theirs of the month."""

    population: Population
    month: str
    ours: dict[str, numpy.ndarray]
    motif: numpy.ndarray  # our motif of refusal of the benefit
    their_years: numpy.ndarray  # the duree_possession_titre_sejour given to openfisca-france
    their_eea_or_swiss: numpy.ndarray
    their_required: dict[str, float | None]  # openfisca-france's years parameters of the month
    third_country: numpy.ndarray = field(init=False)
    eu: numpy.ndarray = field(init=False)

    def __post_init__(self) -> None:
        self.eu = self.ours["ressortissant_ue_eee_suisse"]
        self.third_country = (self.population.nationality != "FR") & ~self.eu

    def membership(self) -> Rules:
        not_eea_for_them = self.eu & ~self.their_eea_or_swiss
        return [
            (HR_2013, not_eea_for_them & (self.population.nationality == "HR")),
            (NOT_EEA_FOR_THEM, not_eea_for_them),
        ]

    def stay_refusals(self, jobseekers_excluded: bool) -> Rules:
        """Why our stay condition fails, in the order of precedence of our motifs of refusal
        (read from our variables: the motif may name a residence condition, which comes first)."""
        ours, document = self.ours, self.population.document
        foreign = self.population.nationality != "FR"
        excluded = ours["exclu_demandeur_emploi_ue"] & jobseekers_excluded
        irregular = self.third_country & ~ours["sejour_regulier"]
        return [
            (REFUSAL, foreign & ours["decision_refus_sejour_anterieure"]),
            (EU_JOBSEEKER, self.eu & excluded),
            (EU_NO_RIGHT, self.eu & ~ours["droit_au_sejour_ue"]),
            (NO_DOCUMENT, irregular & (document == "aucun")),
            (NOT_ADMISSIBLE, irregular & ~ours["titre_sejour_recevable"]),
            (EXPIRED, irregular & ~ours["titre_sejour_en_cours_de_validite"]),
        ]


def first_explanation(rules: Rules, size: int) -> numpy.ndarray:
    """The label of the first rule that holds for each person, `UNEXPLAINED` otherwise."""
    labels = numpy.full(size, UNEXPLAINED, dtype=object)
    for label, holds in reversed(rules):
        labels = numpy.where(holds, label, labels)
    return labels


def rmi_ours_accepts(facts: Facts) -> Rules:
    population, third = facts.population, facts.third_country
    years = facts.ours["titres_autorisant_travail_depuis"]
    protection = numpy.isin(population.protection, ["refugie", "apatride"])
    return [
        (OR_BUG_RMI, third & (facts.their_years >= facts.their_required["rmi_years"])),
        (CARD_RMI, third & numpy.isin(population.document, list(CARDS_EXEMPTING_RSA))),
        (PROTECTION_RMI, third & protection),
        (RMI_THREE_YEARS, third & (years >= 3) & (years < 5) & (facts.month < "2004-01")),
    ]


def rsa_ours_accepts(facts: Facts) -> Rules:
    if facts.month < RSA_START:
        return facts.membership() + rmi_ours_accepts(facts)
    population, third = facts.population, facts.third_country
    recent_eu = facts.eu & (facts.their_years < facts.their_required["rsa_years_eee"])
    return [
        *facts.membership(),
        (EU_RECENT_INACTIVE, recent_eu & (facts.motif == "residence_prealable_ue")),
        (EU_RECENT_EXEMPT, recent_eu),
        (PROTECTION_RSA, third & (population.protection != "aucun")),
        (CARD_RSA, third & numpy.isin(population.document, list(CARDS_EXEMPTING_RSA))),
        (WITHDRAWAL_AGREEMENT, facts.ours["beneficiaire_accord_retrait_royaume_uni"]),
    ]


def aspa_ours_accepts(facts: Facts) -> Rules:
    population, third = facts.population, facts.third_country
    nationality = population.nationality
    years = facts.ours["titres_autorisant_travail_depuis"]
    convention = numpy.isin(nationality, ["DZ", "GA"]) | (
        numpy.isin(nationality, list(CONVENTION_NATIONALITIES)) & population.convention
    )
    return [
        *facts.membership(),
        (OR_BUG_ASPA, third & (facts.their_years >= facts.their_required["aspa_years"])),
        (PROTECTION_ASPA, third & (population.protection != "aucun")),
        (COMBATANT_ASPA, third & population.combatant),
        (CONVENTION_ASPA, third & convention),
        (ASPA_YEARS, third & (years < 10) & (facts.month < "2011-12")),
    ]


@dataclass(frozen=True)
class Comparison:
    """One of our conditions against one of theirs, on a part of the population."""

    title: str
    ours: str
    motif: str
    theirs: str
    ours_accepts: object  # Facts -> Rules: why our condition holds where theirs does not
    aged_only: bool = False  # the persons of ASPA age only
    jobseekers_excluded: bool = False  # EU jobseekers excluded (loi n° 2007-290, art. 63)

    def persons(self, population: Population) -> numpy.ndarray:
        if self.aged_only:
            return population.age_days >= ASPA_AGE * DAYS_PER_YEAR
        return numpy.ones(population.count, dtype=bool)


RSA_TITLE = "RSA (RMI before June 2009): our rsa_condition_sejour vs openfisca-france's rsa_condition_nationalite"
ASPA_TITLE = "ASPA (minimum vieillesse before 2007): our aspa_condition_sejour vs openfisca-france's asi_aspa_condition_nationalite, persons aged 65 or more"
AS_INTENDED = ", its three-argument logical_or read as intended (EEA or Swiss or enough years)"
COMPARISONS = {
    "RSA": Comparison(
        RSA_TITLE,
        "rsa_condition_sejour",
        "rsa_motif_refus",
        "rsa_condition_nationalite",
        rsa_ours_accepts,
        jobseekers_excluded=True,
    ),
    "ASPA": Comparison(
        ASPA_TITLE,
        "aspa_condition_sejour",
        "aspa_motif_refus",
        "asi_aspa_condition_nationalite",
        aspa_ours_accepts,
        aged_only=True,
    ),
    "RSA, openfisca-france as intended": Comparison(
        RSA_TITLE + AS_INTENDED,
        "rsa_condition_sejour",
        "rsa_motif_refus",
        "rsa_condition_nationalite_intended",
        rsa_ours_accepts,
        jobseekers_excluded=True,
    ),
    "ASPA, openfisca-france as intended": Comparison(
        ASPA_TITLE + AS_INTENDED,
        "aspa_condition_sejour",
        "aspa_motif_refus",
        "asi_aspa_condition_nationalite_intended",
        aspa_ours_accepts,
        aged_only=True,
    ),
}


@dataclass
class MonthComparison:
    month: str
    persons: int
    agree: int
    ours_only: Counter  # our condition met, not theirs: explanation -> persons
    theirs_only: Counter
    iso_gb_refused: int  # persons openfisca-france would refuse with the ISO code "GB" for "UK"


def compare_month(
    comparison: Comparison, population: Population, month: str, ours, theirs, required
) -> MonthComparison:
    selected = comparison.persons(population)
    our_values = ours[comparison.ours].astype(bool)
    their_values = theirs[comparison.theirs]
    eea_or_swiss = theirs["ressortissant_eee"] | (population.nationality == "CH")
    facts = Facts(
        population,
        month,
        ours,
        ours[comparison.motif],
        their_years(population, ours),
        eea_or_swiss,
        required,
    )
    accepts = first_explanation(comparison.ours_accepts(facts), population.count)
    refuses = first_explanation(
        facts.stay_refusals(comparison.jobseekers_excluded), population.count
    )
    ours_only = selected & our_values & ~their_values
    theirs_only = selected & ~our_values & their_values
    with_iso_code = theirs[f"{comparison.theirs}_iso_gb"]
    return MonthComparison(
        month=month,
        persons=int(selected.sum()),
        agree=int((selected & (our_values == their_values)).sum()),
        ours_only=Counter(accepts[ours_only]),
        theirs_only=Counter(refuses[theirs_only]),
        iso_gb_refused=int((selected & their_values & ~with_iso_code).sum()),
    )


# --------------------------------------------------------------------------------------------
# The report
# --------------------------------------------------------------------------------------------

SHIPPED = ("RSA", "ASPA")  # the comparisons with openfisca-france as it is


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "-"


def agreement_table(months: list[MonthComparison]) -> list[str]:
    lines = ["  month    persons   agree   rate     ours only  theirs only"]
    for c in months:
        ours_only, theirs_only = sum(c.ours_only.values()), sum(c.theirs_only.values())
        lines.append(
            f"  {c.month}  {c.persons:7d}  {c.agree:6d}   {percent(c.agree, c.persons):>7}  "
            f"{ours_only:9d}  {theirs_only:11d}"
        )
    return lines


def explanation_table(months: list[MonthComparison], side: str, heading: str) -> list[str]:
    counters = [getattr(c, side) for c in months]
    labels = sorted(set().union(*counters), key=lambda label: -sum(c[label] for c in counters))
    if not labels:
        return [f"  {heading}: none"]
    lines = [f"  {heading}", "    " + " ".join(f"{c.month:>7}" for c in months) + "  rule"]
    for label in labels:
        counts = " ".join(f"{c[label]:7d}" for c in counters)
        lines.append(f"    {counts}  {label}")
    return lines


def comparison_report(key: str, months: list[MonthComparison]) -> list[str]:
    return [
        f"{key}. {COMPARISONS[key].title}",
        *agreement_table(months),
        "  Disagreements by the rule that explains them (persons per month):",
        *explanation_table(months, "ours_only", "ours only (our condition met, not theirs)"),
        *explanation_table(months, "theirs_only", "theirs only (theirs met, not ours)"),
        "",
    ]


def openfisca_france_report(facts: dict) -> list[str]:
    lines = [
        "openfisca-france's parameters read by these conditions (years required), by month:",
        "  month    RMI   RSA non-EEA  RSA EEA  ASPA",
    ]
    for month, values in facts["years"].items():
        shown = [
            "-" if values[key] is None else f"{values[key]:g}"
            for key in ("rmi_years", "rsa_years_non_eee", "rsa_years_eee", "aspa_years")
        ]
        lines.append(f"  {month}  {shown[0]:>4}  {shown[1]:>11}  {shown[2]:>7}  {shown[3]:>4}")
    lines.append("Its membership lists, on dates the law fixes:")
    lines += [f"  {label}: {value}" for label, value in facts["membership"].items()]
    lines.append(
        "Its formulas for a Tunisian with 30 years of permits (duree_possession_titre_sejour):"
    )
    lines += [f"  {label}: {value}" for label, value in facts["probe"].items()]
    return [*lines, ""]


def iso_code_report(results: dict[str, list[MonthComparison]]) -> list[str]:
    lines = [
        "openfisca-france names the United Kingdom UK, not GB (ISO 3166-1). Given GB, it would refuse",
        "these British persons it accepts as UK (persons per month):",
    ]
    for key in SHIPPED:
        counts = ", ".join(f"{c.month}: {c.iso_gb_refused}" for c in results[key])
        lines.append(f"  {key}: {counts}")
    return [*lines, ""]


def summary(results: dict[str, list[MonthComparison]]) -> list[str]:
    lines = ["SUMMARY"]
    for key, months in results.items():
        persons = sum(c.persons for c in months)
        agree = sum(c.agree for c in months)
        lines.append(
            f"  {key}: agreement {percent(agree, persons)} ({agree} of {persons} person-months); "
            + ", ".join(f"{c.month} {percent(c.agree, c.persons)}" for c in months)
        )
        kinds = Counter()
        for c in months:
            kinds.update({("ours only", label): n for label, n in c.ours_only.items()})
            kinds.update({("theirs only", label): n for label, n in c.theirs_only.items()})
        for (side, label), count in kinds.most_common():
            lines.append(f"    {count:6d}  {side:<11}  {label}")
    return lines


def report(population: Population, results, facts: dict) -> str:
    versions = facts["versions"]
    groups = Counter(population.group)
    lines = [
        f"Cross-check of openfisca-residence with openfisca-france {versions['openfisca-france']}"
        f" (on openfisca-core {versions['openfisca-core']}, in its own virtualenv and process)",
        f"{population.count} random persons (seed {SEED}): "
        + ", ".join(f"{name} {groups[name]}" for name in GROUPS),
        f"Months: {', '.join(MONTHS)}",
        "",
        *openfisca_france_report(facts),
    ]
    for key, months in results.items():
        lines += comparison_report(key, months)
    lines += iso_code_report(results)
    lines += summary(results)
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------


def their_side(python: str, population: Population, ours) -> tuple[dict, dict]:
    """openfisca-france's results per month, and the facts of its parameters and formulas."""
    with tempfile.TemporaryDirectory() as folder:
        inputs, outputs, facts = (
            Path(folder) / name for name in ("inputs.csv", "outputs.csv", "facts.json")
        )
        write_their_inputs(inputs, population, ours)
        run_openfisca_france(python, inputs, outputs, facts)
        return read_their_results(outputs, population.count, MONTHS), json.loads(facts.read_text())


def cross_check(openfisca_france_python: str) -> str:
    population = draw_population()
    ours = our_results(population, MONTHS)
    theirs, facts = their_side(openfisca_france_python, population, ours)
    results = {
        key: [
            compare_month(
                comparison, population, month, ours[month], theirs[month], facts["years"][month]
            )
            for month in MONTHS
        ]
        for key, comparison in COMPARISONS.items()
    }
    return report(population, results, facts)


def main(arguments: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--openfisca-france-python",
        default=DEFAULT_OPENFISCA_FRANCE_PYTHON,
        help="the Python interpreter of a virtualenv where openfisca-france is installed",
    )
    parser.add_argument(
        "--openfisca-france-side",
        nargs=3,
        metavar=("INPUTS_CSV", "OUTPUTS_CSV", "FACTS_JSON"),
        help="(internal) compute openfisca-france's side; run by the script itself",
    )
    parser.add_argument("--output", type=Path, help="also write the report to this file")
    options = parser.parse_args(arguments)
    if options.openfisca_france_side:
        openfisca_france_side(*(Path(path) for path in options.openfisca_france_side))
        return
    started = time.perf_counter()
    text = cross_check(options.openfisca_france_python)
    sys.stdout.write(text)
    if options.output:
        options.output.write_text(text, encoding="utf-8")
    print(f"Computed in {time.perf_counter() - started:.0f} s.", file=sys.stderr)


if __name__ == "__main__":
    main()
