"""The columns of the synthetic population, in the layout of population.py and in its order.

An input that changes from month to month has a `<variable>` column, its value on day 0 (the day
before the first month: the rules read it for every earlier month), and one `<variable>@YYYY-MM`
column a month, its value on the month's first day.
"""

from __future__ import annotations

import numpy
import pyarrow
import pyarrow.compute

from openfisca_residence.data.schema import FAMILY_ID, FAMILY_ROLE, PERSON_ID, WEIGHT
from openfisca_residence.rules.dates import DAY
from openfisca_residence.synthetic.careers import NO_DATE
from openfisca_residence.synthetic.draws import (
    Absences,
    Jobs,
    Jobseekers,
    Moves,
    Period,
    WorkMonths,
)
from openfisca_residence.synthetic.families import Families
from openfisca_residence.synthetic.history import History
from openfisca_residence.system.benefits import BENEFITS
from openfisca_residence.variables.sejour.enums import EntreeEnfant, StatutProtection, TitreSejour

Columns = dict[str, pyarrow.Array]
COVERS = ("aucune", "complete", "cmu", "ame")


def person_columns(
    families: Families, birth, nationality, moves: Moves, entry, absences: Absences
) -> Columns:
    """Identifier, weight, family (every person has one: alone, their own), birth, nationality,
    arrival, entry of a child, studies abroad."""
    return {
        PERSON_ID: pyarrow.array(numpy.arange(1, families.count + 1, dtype=numpy.int64)),
        WEIGHT: pyarrow.array(families.weights),
        FAMILY_ID: pyarrow.array(families.unit + 1, type=pyarrow.int64()),
        FAMILY_ROLE: _dictionary(numpy.where(families.child, "enfant", "parent")),
        "date_naissance": _dates(birth),
        "nationalite": _dictionary(nationality),
        "date_arrivee_france": _dates(moves.arrival, given=moves.from_abroad),
        "entree_enfant": _dictionary(entry, EntreeEnfant),
        "absence_pour_etudes": pyarrow.array(absences.studies),
    }


def monthly(period: Period, name: str, values: numpy.ndarray, convert) -> Columns:
    """`name` (day 0) and `name@YYYY-MM` (each month's first day) from persons × days values."""
    columns = {name: convert(values[:, 0])}
    for index, month in enumerate(period.months):
        columns[f"{name}@{month}"] = convert(values[:, index + 1])
    return columns


def residence_columns(period: Period, history: History, nationality, naturalised) -> Columns:
    """The document and its dates, the refusal and removal order, the protection, the permits
    authorising work, the renewal asked, the regular stay, the nationality: month by month."""
    days = history.days[None, :]
    columns: Columns = {}
    fields = {
        "titre_sejour": ("kind", lambda v: _dictionary(v, TitreSejour, codes=True)),
        "titre_sejour_date_debut": ("doc_start", _dates),
        "titre_sejour_date_fin": ("doc_end", _dates),
        "decision_refus_sejour_date": ("refusal", _dates),
        "statut_protection": ("protection", lambda v: _dictionary(v, StatutProtection, codes=True)),
        "date_premier_titre_autorisant_travail": ("work_since", _dates),
        "date_debut_residence_reguliere": ("regular_since", _dates),
        "titre_sejour_etudiant": ("student", pyarrow.array),
    }
    for name, (field, convert) in fields.items():
        columns.update(monthly(period, name, history.field(field), convert))
    refusal = history.field("refusal")
    final = history.field("removal") & (refusal != NO_DATE) & (refusal + 30 <= days)
    columns.update(monthly(period, "mesure_eloignement_definitive", final, pyarrow.array))
    request = history.field("request")
    asked = (request != NO_DATE) & (request <= days)
    columns.update(monthly(period, "demande_renouvellement_titre", asked, pyarrow.array))
    # Each nationality's code once, then French from the naturalisation on.
    names, codes = numpy.unique(nationality.astype(str), return_inverse=True)
    names = numpy.union1d(names, ["FR"])
    codes = numpy.searchsorted(names, numpy.asarray(nationality, dtype=str))
    french = int(numpy.searchsorted(names, "FR"))
    by_month = numpy.where(naturalised, french, codes[:, None]).astype(numpy.int16)
    dictionary = pyarrow.array(names.tolist())
    columns.update(
        monthly(
            period,
            "nationalite",
            by_month,
            lambda values: pyarrow.DictionaryArray.from_arrays(pyarrow.array(values), dictionary),
        )
    )
    return columns


def activity_columns(former_work, jobseekers: Jobseekers, cover) -> Columns:
    """Former work, jobseeking and sickness cover."""
    return {
        "duree_activite_anterieure_mois": pyarrow.array(former_work.astype(numpy.int32)),
        "inscrit_demandeur_emploi": pyarrow.array(jobseekers.registered),
        "entre_en_france_pour_chercher_emploi": pyarrow.array(jobseekers.came_for_work),
        "couverture_maladie": _dictionary(cover, names=list(COVERS)),
    }


def payment_columns(period: Period, paid: dict) -> Columns:
    """The benefits paid (`percoit_X`), month by month."""
    columns: Columns = {}
    for benefit in BENEFITS:
        columns.update(monthly(period, f"percoit_{benefit}", paid[benefit], pyarrow.array))
    return columns


def absence_columns(period: Period, absences: Absences, foyer: numpy.ndarray) -> Columns:
    """Days abroad and the foyer in France, month by month."""
    columns = monthly(period, "foyer_permanent_france", foyer, pyarrow.array)
    for index, month in enumerate(period.months):
        columns[f"jours_absence_france@{month}"] = pyarrow.array(absences.days[:, index])
    return columns


def work_columns(period: Period, work: WorkMonths, resources) -> Columns:
    """Hours, days and gross pay of work, and resources, month by month."""
    columns = {}
    for index, month in enumerate(period.months):
        label = str(month)
        columns[f"heures_travail@{label}"] = pyarrow.array(work.hours[:, index])
        columns[f"jours_travail@{label}"] = pyarrow.array(work.days[:, index])
        columns[f"salaire_brut@{label}"] = pyarrow.array(work.pay[:, index])
        columns[f"ressources_mensuelles@{label}"] = pyarrow.array(resources)
    return columns


def jobseeker_columns(period: Period, jobseekers: Jobseekers, jobs: Jobs) -> Columns:
    """Registration as a jobseeker month by month: until a job found, from a job lost."""
    return {
        f"inscrit_demandeur_emploi@{month}": pyarrow.array(
            (jobseekers.registered & ~(jobs.finds_job & (month >= jobs.job_start)))
            | (jobs.loses_job & (month >= jobs.job_end))
        )
        for month in period.months
    }


def _dates(values: numpy.ndarray, given=None) -> pyarrow.Array:
    """Dates as a date32 array, null where not `given` (by default: where NO_DATE)."""
    values = numpy.asarray(values, dtype=DAY)
    if given is None:
        given = values != NO_DATE
    mask = ~numpy.asarray(given, dtype=bool)
    # Days since 1970 as int32, seen as date32: much faster than converting each date.
    days = numpy.where(mask, 0, values.view(numpy.int64)).astype(numpy.int32)
    return pyarrow.array(days, mask=mask).view(pyarrow.date32())


def _dictionary(
    values: numpy.ndarray, enum=None, names=None, codes=False
) -> pyarrow.DictionaryArray:
    """Texts (or an enum's item indexes, `codes`) as a dictionary array over `names` or the
    enum's items: compact in memory and in files."""
    names = names or ([item.name for item in enum] if enum is not None else None)
    if codes:
        indices = pyarrow.array(numpy.asarray(values).astype(numpy.int8))
        return pyarrow.DictionaryArray.from_arrays(indices, pyarrow.array(names))
    array = pyarrow.array(values, type=pyarrow.string())
    if names is None:
        return array.dictionary_encode()
    indices = pyarrow.compute.index_in(array, value_set=pyarrow.array(names)).cast(pyarrow.int8())
    return pyarrow.DictionaryArray.from_arrays(indices, pyarrow.array(names))
