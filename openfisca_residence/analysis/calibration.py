"""The model's results beside the published figures, month by month: the calibration table.

    from openfisca_residence.analysis.comparison import calibrate
    table = calibrate("population.parquet", ["2023-01", "2023-02"])   # a pandas DataFrame

Each indicator counts, under today's law, the weighted persons (or foyers) in France in the month
that the rules place in a situation, and sets it beside the published figure of that month
(`synthetic/chiffres_publies.tsv`: interpolated between two publications, the last one after
them), with its source, the sampled units counted and the interval of the figure (`tally`). An
indicator holds when the model's figure is within its tolerance of the published one, or within
the published range; an information line has no tolerance (a figure published under another
definition, or no figure at all: the table says so).

Third-country children hold no document: the model counts them in irregular stay and meeting
the AME's conditions whatever their parents' situation (variables/: minors are not exempted from
the condition of regular stay). The indicators of irregular stay and of the AME's conditions
count the adults, and the children of a family whose reference person is in that situation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

import numpy
import pandas

from openfisca_residence.analysis.labels import benefit_name
from openfisca_residence.analysis.tally import SMALL, Tally, estimate
from openfisca_residence.analysis.units import FIELD_VARIABLES, Units, eligible, in_france
from openfisca_residence.synthetic.published import Figure, figures, stock
from openfisca_residence.system.benefits import BENEFITS
from openfisca_residence.system.registry import tax_benefit_system

KEY = "calibration"


class Reading:
    """The baseline's values of one month for the indicators, with the chunk's units."""

    def __init__(self, result, units: Units, month: str) -> None:
        self.result, self.units, self.month = result, units, month
        self.system = tax_benefit_system(None)
        self.field = in_france(result, month)

    def __call__(self, variable: str) -> numpy.ndarray:
        return self.result.persons[(variable, self.month)]

    def item(self, variable: str, name: str) -> int:
        return self.system.variables[variable].possible_values[name].index

    @property
    def adult(self) -> numpy.ndarray:
        return self("age") >= 18

    @property
    def third_country(self) -> numpy.ndarray:
        return self("groupe_nationalite") == self.item("groupe_nationalite", "pays_tiers")

    def with_children(self, adults: numpy.ndarray) -> numpy.ndarray:
        """The adults of `adults`, and the children of a family whose reference person is one."""
        return numpy.where(self.adult, adults, self.units.family_head(adults))


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    unit: str
    count: Callable[[Reading], numpy.ndarray]  # the units counted (persons, or families)
    published: str | None = None  # the key of the published figure
    tolerance: float | str | None = None  # relative; "fourchette": the published range
    family: bool = False
    of: Callable[[Reading], numpy.ndarray] | None = None  # a share: among these units

    def figure(self, month: str) -> Figure | None:
        if self.published is None:
            return None
        day = f"{month}-01"
        if self.key == "ame_conditions":  # between the AME's recipients and the highest estimate
            recipients, undocumented = stock("ame_beneficiaires", day), stock("sans_titre", day)
            return Figure(
                self.key,
                f"{recipients.date} ; {undocumented.date}",
                None,
                recipients.value,
                undocumented.high,
                "personnes",
                f"plancher : {recipients.source} ; plafond : {undocumented.source}",
                "entre les bénéficiaires de l'AME et la plus haute estimation du séjour irrégulier",
            )
        return stock(self.published, day)


def _irregular(reading: Reading) -> numpy.ndarray:
    regular = reading("sejour_regulier") | reading("maintien_droits_apres_expiration")
    return reading.with_children(reading.third_country & reading.adult & ~regular)


def _paid(benefit: str) -> Callable[[Reading], numpy.ndarray]:
    return lambda reading: reading(f"percoit_{benefit}")


def _paid_and_eligible(benefit: str) -> Callable[[Reading], numpy.ndarray]:
    return lambda reading: reading(f"percoit_{benefit}") & _eligible_persons(reading, benefit)


def _eligible_persons(reading: Reading, benefit: str) -> numpy.ndarray:
    values = eligible(reading.result, benefit, reading.month)
    if len(values) != reading.units.count:  # a family benefit: its reference person's family
        return values[reading.units.family]
    return values


RECIPIENTS = {  # benefit: (published key, unit, tolerance)
    "rsa": ("rsa_foyers", "foyers", 0.10),
    "aah": ("aah_allocataires", "personnes", 0.10),
    "prestations_familiales": ("prestations_familiales_foyers", "foyers", 0.10),
    "aspa": ("minimum_vieillesse", "personnes", 0.10),
    "asi": ("asi_allocataires", "personnes", "fourchette"),
    "puma": ("puma_beneficiaires", "personnes", None),
    "css": ("css_beneficiaires", "personnes", 0.10),
    "ame": ("ame_beneficiaires", "personnes", 0.10),
    "aide_logement": ("aides_logement_foyers", "foyers", 0.10),
}
FAMILY_BENEFITS = ("rsa", "prestations_familiales", "aide_logement")


def _indicators() -> list[Indicator]:
    system = tax_benefit_system(None)
    indicators = [
        Indicator(
            "population",
            "Personnes en France",
            "personnes",
            lambda r: numpy.ones(r.units.count, bool),
            "population_totale",
            0.03,
        ),
        Indicator(
            "titres_valides",
            "Adultes de pays tiers en séjour régulier (titres et documents provisoires, hors demandeurs d'asile)",
            "personnes",
            lambda r: (
                r.third_country
                & r.adult
                & r("sejour_regulier")
                & (r("titre_sejour") != r.item("titre_sejour", "attestation_demande_asile"))
            ),
            "titres_valides",
            0.10,
        ),
        Indicator(
            "personnes_protegees",
            "Personnes protégées : réfugiés, protection subsidiaire, apatrides",
            "personnes",
            lambda r: (
                r.third_country & (r("statut_protection") != r.item("statut_protection", "aucun"))
            ),
            "personnes_protegees",
            0.15,
        ),
        Indicator(
            "sejour_irregulier",
            "Personnes en séjour irrégulier (adultes, et enfants de leur famille)",
            "personnes",
            _irregular,
            "sans_titre",
            "fourchette",
        ),
        Indicator(
            "ame_conditions",
            "Ressortissants de pays tiers remplissant les conditions de l'AME (adultes, et enfants de leur famille)",
            "personnes",
            lambda r: r.with_children(r.third_country & r.adult & r("ame_eligible")),
            "ame_beneficiaires",
            "fourchette",
        ),
        Indicator(
            "etrangers_hors_ue",
            "Ressortissants de pays tiers en France, toutes situations (le recensement ne compte pas les mêmes personnes)",
            "personnes",
            lambda r: r.third_country,
            "etrangers_hors_ue",
            None,
        ),
        Indicator(
            "citoyens_ue",
            "Citoyens de l'Union, de l'EEE et de la Suisse",
            "personnes",
            lambda r: r("groupe_nationalite") == r.item("groupe_nationalite", "ue_eee_suisse"),
            "citoyens_ue",
            0.10,
        ),
        Indicator(
            "citoyens_ue_en_emploi",
            "Citoyens de l'Union actifs : en emploi, ou inscrits comme demandeurs d'emploi",
            "personnes",
            lambda r: (
                (r("groupe_nationalite") == r.item("groupe_nationalite", "ue_eee_suisse"))
                & ((r("heures_travail") > 0) | r("inscrit_demandeur_emploi"))
            ),
            "citoyens_ue_en_emploi",
            0.20,
        ),
    ]
    for status in system.variables["statut_ressortissant_ue"].possible_values:
        if status.name == "non_concerne":
            continue
        indicators.append(
            Indicator(
                f"ue_{status.name}",
                f"Citoyens de l'Union par statut : {status.value}",
                "personnes",
                lambda r, index=status.index: r("statut_ressortissant_ue") == index,
            )
        )
    for benefit in BENEFITS:
        key, unit, tolerance = RECIPIENTS[benefit]
        name = benefit_name(benefit)
        family = benefit in FAMILY_BENEFITS
        indicators.append(
            Indicator(
                f"percoit_{benefit}",
                f"{name} : allocataires" if family else f"{name} : bénéficiaires",
                unit,
                _paid(benefit),
                key,
                tolerance,
                family,
            )
        )
        indicators.append(
            Indicator(
                f"percoit_eligible_{benefit}",
                f"{name} : part des allocataires qui remplissent les conditions",
                "part",
                _paid_and_eligible(benefit),
                None,
                None,
                family,
                of=_paid(benefit),
            )
        )
    return indicators


@cache
def indicators() -> tuple[Indicator, ...]:
    """Every indicator of the table, in its order."""
    return tuple(_indicators())


VARIABLES = (
    *FIELD_VARIABLES,
    "age",
    "groupe_nationalite",
    "sejour_regulier",
    "maintien_droits_apres_expiration",
    "titre_sejour",
    "statut_protection",
    "ame_eligible",
    "heures_travail",
    "inscrit_demandeur_emploi",
    "statut_ressortissant_ue",
    *(f"percoit_{benefit}" for benefit in BENEFITS),
    *(f"{benefit}_eligible" for benefit in BENEFITS),
)


def tally_calibration(result, units: Units, months: Sequence[str], tally: Tally) -> None:
    """Add the indicators of the baseline `result` (its `VARIABLES`) to `tally`."""
    for month in months:
        reading = Reading(result, units, month)
        for indicator in indicators():
            counted = units.counted(indicator.family)
            field = units.of(reading.field, indicator.family)
            found = units.of(indicator.count(reading), indicator.family) & field
            tally.add((KEY, indicator.key, month), counted, found)
            if indicator.of is not None:
                among = units.of(indicator.of(reading), indicator.family) & field
                tally.add((KEY, indicator.key, month, "parmi"), counted, among)


COLUMNS = [
    "indicator",
    "label",
    "month",
    "unit",
    "model",
    "model_low",
    "model_high",
    "sample",
    "small_sample",
    "published",
    "published_low",
    "published_high",
    "source",
    "published_date",
    "note",
    "deviation",
    "tolerance",
    "holds",
]


def calibration_frame(tally: Tally, months: Sequence[str]) -> pandas.DataFrame:
    """The calibration table: one row per indicator and month (`COLUMNS`)."""
    rows = []
    for indicator in indicators():
        for month in months:
            key = (KEY, indicator.key, month)
            if indicator.of is None:
                value, low, high = estimate(tally, {"count": key})
                sample = tally.count(key)
            else:
                value, low, high = estimate(
                    tally,
                    {"part": key, "whole": (*key, "parmi")},
                    lambda part, whole: numpy.divide(
                        part,
                        whole,
                        out=numpy.zeros_like(numpy.asarray(part, dtype=float)),
                        where=numpy.asarray(whole) > 0,
                    ),
                )
                sample = tally.count((*key, "parmi"))
            figure = indicator.figure(month)
            rows.append(
                {
                    "indicator": indicator.key,
                    "label": indicator.label,
                    "month": month,
                    "unit": indicator.unit,
                    "model": value,
                    "model_low": low,
                    "model_high": high,
                    "sample": sample,
                    "small_sample": sample < SMALL,
                    **_published(figure, indicator),
                    **_check(value, low, high, figure, indicator.tolerance),
                }
            )
    return pandas.DataFrame(rows, columns=COLUMNS)


def _published(figure: Figure | None, indicator: Indicator) -> dict:
    if figure is None:
        source = (
            "aucun chiffre publié" if indicator.of is None else "contrôle de cohérence du modèle"
        )
        return dict.fromkeys(
            ("published", "published_low", "published_high", "published_date"), None
        ) | {
            "source": source,
            "note": "",
        }
    return {
        "published": figure.value,
        "published_low": figure.low,
        "published_high": figure.high,
        "source": figure.source,
        "published_date": figure.date,
        "note": figure.note,
    }


def _check(value: float, low: float, high: float, figure: Figure | None, tolerance) -> dict:
    """Whether the model's figure holds: within `tolerance` of the published figure (or within
    the published range), the sampling noise allowed for: the distance is measured from the
    model's interval, not from its central figure."""
    deviation = value / figure.value - 1 if figure is not None and figure.value else None
    if figure is None or tolerance is None:
        return {"deviation": deviation, "tolerance": "information", "holds": None}
    if tolerance == "fourchette":
        bounds = f"{figure.low:,.0f} – {figure.high:,.0f}".replace(",", " ")
        return {
            "deviation": deviation,
            "tolerance": f"dans la fourchette publiée ({bounds})",
            "holds": bool(high >= figure.low and low <= figure.high),
        }
    allowed = tolerance * figure.value
    return {
        "deviation": deviation,
        "tolerance": f"± {tolerance:.0%}".replace("%", " %"),
        "holds": bool(high >= figure.value - allowed and low <= figure.value + allowed),
    }


def unpublished() -> list[Figure]:
    """The figures that no publication gives (the report lists them)."""
    return [found[0] for found in figures().values() if all(f.value is None for f in found)]
