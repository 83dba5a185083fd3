"""The yearly flows of the synthetic histories, beside the published ones they are drawn after.

    from openfisca_residence.synthetic.flows import yearly_flows
    yearly_flows(20_000, 2026, "2023-01", "2024-12")   # a pandas DataFrame, one row a flow and year

Counted on the careers of the third-country adults (weighted: a family's adults share its
career), over the whole calendar years of the months generated:

| flow | counted | published (DGEF, OFPRA) |
|---|---|---|
| `premiers_titres` | first permits: a card after none, an asylum claim, a first request or a protection | first permits to adults |
| `regularisations` | a first card after a récépissé of a first request, in irregular stay before | admissions exceptionnelles au séjour |
| `renouvellements` | a card after a card, or after a récépissé of renewal | renewals |
| `naturalisations_interieur` | acquisitions of French nationality | by decree or declaration (Interior) |
| `demandes_asile` | asylum claims of adults, and their children (a fifth of the persons) | OFPRA first claims, accompanied minors included |
| `protections` | protections granted (a récépissé « reconnu réfugié »), adults | none: the rate, and « more than 70,000 » persons in 2024 |
| `departs_sejour_irregulier` | departures from irregular stay | removals are published (17,000 in 2023): the model counts every departure, removals or not |
"""

from __future__ import annotations

import numpy
import pandas

from openfisca_residence.synthetic import first_steps
from openfisca_residence.synthetic.calibration import GROUPS
from openfisca_residence.synthetic.careers import CODE, IRREGULAR, NO_DATE
from openfisca_residence.synthetic.published import flow

# Documents that are permits (the DGEF's titres), not provisional documents.
PERMITS = [
    CODE[name]
    for name in (
        "carte_resident",
        "carte_resident_ue_longue_duree",
        "carte_sejour_pluriannuelle",
        "carte_competences_talents",
        "carte_sejour_temporaire",
        "carte_retraite",
        "carte_membre_famille_ue",
        "carte_sejour_permanent_ue",
        "visa_long_sejour_valant_titre",
        "certificat_residence_algerien",
        "titre_andorran",
        "titre_accord_retrait_royaume_uni",
        "passeport_monegasque",
        "titre_special_mae",
    )
]
RENEWING = [CODE["recepisse_renouvellement"], CODE["convocation_renouvellement"]]
PUBLISHED = {
    "premiers_titres": "premiers_titres",
    "regularisations": "regularisations",
    "renouvellements": "renouvellements",
    "naturalisations_interieur": "naturalisations_interieur",
    "demandes_asile": "demandes_asile",
    "protections": None,
    "departs_sejour_irregulier": "eloignements",
}
LABELS = {
    "premiers_titres": "Premiers titres de séjour (adultes)",
    "regularisations": "Régularisations (admission exceptionnelle au séjour)",
    "renouvellements": "Renouvellements de titres",
    "naturalisations_interieur": "Acquisitions de la nationalité (décret, déclaration)",
    "demandes_asile": "Premières demandes d'asile (avec les enfants)",
    "protections": "Protections accordées (adultes)",
    "departs_sejour_irregulier": "Départs du séjour irrégulier (éloignements compris)",
}


def yearly_flows(persons: int, seed: int, start: str, end: str) -> pandas.DataFrame:
    """The flows of the population `generate(persons, seed, start, end)` would give, year by
    year (whole years of the months), beside the published figure of the year (or the closest)."""
    _, period, families, _, _, _, lives = first_steps(persons, seed, start, end)
    careers = lives.history.careers
    holders = numpy.flatnonzero(families.third_country & families.is_head)
    adults = numpy.bincount(families.unit, weights=families.weights * families.adult)
    weight = adults[families.unit[holders]]
    kind, since = careers.spells.kind, careers.spells.since
    previous = numpy.concatenate([numpy.full((len(kind), 1), -1), kind[:, :-1]], axis=1)
    permit = numpy.isin(kind, PERMITS)
    counted = {
        "premiers_titres": permit & ~numpy.isin(previous, PERMITS + RENEWING),
        "regularisations": permit & (previous == CODE["recepisse_premiere_demande"]),
        "renouvellements": permit & numpy.isin(previous, PERMITS + RENEWING),
        "demandes_asile": (kind == CODE["attestation_demande_asile"])
        & (previous != CODE["attestation_demande_asile"])
        & (careers.stages != IRREGULAR),
        "protections": kind == CODE["recepisse_protection_internationale"],
    }
    with_children = 1 / (1 - GROUPS["arrivee_asile"].children)
    years = [
        year
        for year in range(int(str(period.months[0])[:4]), int(str(period.months[-1])[:4]) + 1)
        if f"{year}-01" >= str(period.months[0]) and f"{year}-12" <= str(period.months[-1])
    ]
    last_stage = numpy.take_along_axis(
        careers.stages, numpy.maximum((since != NO_DATE).sum(axis=1) - 2, 0)[:, None], axis=1
    )[:, 0]
    rows = []
    for year in years:
        low, high = numpy.datetime64(f"{year}-01-01"), numpy.datetime64(f"{year + 1}-01-01")
        in_year = (since >= low) & (since < high)
        values = {
            name: float(weight @ (mask & in_year).sum(axis=1)) for name, mask in counted.items()
        }
        values["demandes_asile"] *= with_children
        naturalised = (careers.naturalisation >= low) & (careers.naturalisation < high)
        values["naturalisations_interieur"] = float(weight @ naturalised)
        left = (careers.departure >= low) & (careers.departure < high) & (last_stage == IRREGULAR)
        values["departs_sejour_irregulier"] = float(weight @ left)
        for name in LABELS:
            rows.append(_row(name, year, values[name]))
    columns = [
        "flow",
        "label",
        "year",
        "model",
        "published",
        "published_year",
        "source",
        "deviation",
    ]
    return pandas.DataFrame(rows, columns=columns)


def _row(name: str, year: int, value: float) -> dict:
    key = PUBLISHED[name]
    figure = flow(key, year) if key else None
    published = None if figure is None else figure.value
    return {
        "flow": name,
        "label": LABELS[name],
        "year": year,
        "model": value,
        "published": published,
        "published_year": "" if figure is None else figure.year,
        "source": "aucun chiffre publié" if figure is None else figure.source,
        "deviation": None if not published else value / published - 1,
    }
