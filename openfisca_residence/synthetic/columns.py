"""The columns of the synthetic population, in the layout of population.py and in its order."""

from __future__ import annotations

import numpy
import pyarrow
import pyarrow.compute

from openfisca_residence.data.schema import FAMILY_ID, FAMILY_ROLE, PERSON_ID, WEIGHT
from openfisca_residence.rules.dates import DAY
from openfisca_residence.synthetic.draws import (
    Absences,
    Arrival,
    Documents,
    FirstPermit,
    Jobs,
    Jobseekers,
    Period,
    Refusal,
    RegularResidence,
    Renewal,
    WorkMonths,
)
from openfisca_residence.synthetic.families import Families
from openfisca_residence.system.benefits import BENEFITS
from openfisca_residence.variables.sejour.enums import StatutProtection, TitreSejour

Columns = dict[str, pyarrow.Array]
COVERS = ("aucune", "complete", "cmu", "ame")


def person_columns(
    families: Families, birth, nationality, arrival: Arrival, absences: Absences
) -> Columns:
    """Identifier, weight, family, birth, nationality, arrival and residence abroad."""
    unit_size = families.unit_size
    return {
        PERSON_ID: pyarrow.array(numpy.arange(1, families.count + 1, dtype=numpy.int64)),
        WEIGHT: pyarrow.array(families.weights),
        FAMILY_ID: pyarrow.array(
            numpy.where(unit_size > 1, families.unit + 1, 0),
            mask=unit_size == 1,
            type=pyarrow.int64(),
        ),
        FAMILY_ROLE: _dictionary(numpy.where(families.child, "enfant", "parent")),
        "date_naissance": _dates(birth),
        "nationalite": _dictionary(nationality),
        "date_arrivee_france": _dates(arrival.date, given=arrival.from_abroad),
        "foyer_permanent_france": pyarrow.array(~absences.foyer_abroad),
        "absence_pour_etudes": pyarrow.array(absences.studies),
    }


def residence_columns(
    documents: Documents,
    refusal: Refusal,
    status,
    permit: FirstPermit,
    regular: RegularResidence,
    student,
) -> Columns:
    """The document and its dates, refusal and removal, protection, permits, regular residence."""
    return {
        "titre_sejour": _dictionary(documents.kind, TitreSejour),
        "titre_sejour_date_debut": _dates(documents.start, given=documents.holds),
        "titre_sejour_date_fin": _dates(documents.end, given=documents.end_given),
        "decision_refus_sejour_date": _dates(refusal.date, given=refusal.refused),
        "mesure_eloignement_definitive": pyarrow.array(refusal.removal),
        "statut_protection": _dictionary(status, StatutProtection),
        "date_premier_titre_autorisant_travail": _dates(permit.date, given=permit.given),
        "date_debut_residence_reguliere": _dates(regular.since, given=regular.given),
        "titre_sejour_etudiant": pyarrow.array(student),
    }


def activity_columns(former_work, jobseekers: Jobseekers, cover, paid: dict) -> Columns:
    """Former work, jobseeking, sickness cover and the benefits paid (`percoit_X`)."""
    columns = {
        "duree_activite_anterieure_mois": pyarrow.array(former_work.astype(numpy.int32)),
        "inscrit_demandeur_emploi": pyarrow.array(jobseekers.registered),
        "entre_en_france_pour_chercher_emploi": pyarrow.array(jobseekers.came_for_work),
        "couverture_maladie": _dictionary(cover, names=list(COVERS)),
    }
    for benefit in BENEFITS:
        columns[f"percoit_{benefit}"] = pyarrow.array(paid[benefit])
    return columns


def renewal_columns(period: Period, renewal: Renewal) -> Columns:
    """The récépissé of renewal, month by month of the last year, while it is valid."""
    columns = {}
    for month in period.last_year:
        current = (
            renewal.renewed
            & (renewal.start.astype("datetime64[M]") <= month)
            & (renewal.end >= month.astype(DAY))
        )
        label = str(month)
        columns[f"titre_sejour@{label}"] = _dictionary(
            numpy.where(current, "recepisse_renouvellement", None), TitreSejour
        )
        columns[f"titre_sejour_date_debut@{label}"] = _dates(renewal.start, given=current)
        columns[f"titre_sejour_date_fin@{label}"] = _dates(renewal.end, given=current)
    return columns


def absence_columns(period: Period, absences: Absences) -> Columns:
    """Days abroad, month by month."""
    return {
        f"jours_absence_france@{month}": pyarrow.array(absences.days[:, index])
        for index, month in enumerate(period.months)
    }


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
    """Registration as a jobseeker month by month of the last year, from a job lost on."""
    return {
        f"inscrit_demandeur_emploi@{month}": pyarrow.array(
            jobseekers.registered | (jobs.loses_job & (month >= jobs.job_end))
        )
        for month in period.last_year
    }


def _dates(values: numpy.ndarray, given=None) -> pyarrow.Array:
    """Dates as a date32 array, null where not `given`."""
    values = numpy.asarray(values, dtype=DAY)
    mask = None if given is None else ~numpy.asarray(given, dtype=bool)
    return pyarrow.array(values, type=pyarrow.date32(), mask=mask)


def _dictionary(values: numpy.ndarray, enum=None, names=None) -> pyarrow.DictionaryArray:
    """Texts as a dictionary array (compact in memory and in files), over `names` or the enum's."""
    array = pyarrow.array(values, type=pyarrow.string())
    names = names or ([item.name for item in enum] if enum is not None else None)
    if names is None:
        return array.dictionary_encode()
    indices = pyarrow.compute.index_in(array, value_set=pyarrow.array(names)).cast(pyarrow.int8())
    return pyarrow.DictionaryArray.from_arrays(indices, pyarrow.array(names))
