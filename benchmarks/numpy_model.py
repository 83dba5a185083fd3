"""The residence and stay rules of the nine benefits, hand-fused in plain numpy: a baseline.

    from benchmarks.numpy_model import compute
    results = compute(population, ["2025-01", "2025-02"])
    results.persons[("aah_motif_refus", "2025-01")]      # int16 codes of MotifRefusAah
    results.families[("rsa_eligible", "2025-01")]        # one value per famille

For every benefit X of `variables/prestations/` (rsa, aah, prestations_familiales, aspa, asi, puma,
css, ame, aide_logement), this module gives the same `X_eligible` and `X_motif_refus` as the
OpenFisca model, month by month, from the same inputs: a validated population
(`openfisca_residence.population.validate(table)`). It is the reference of
`benchmarks/bench_population.py`: what the same rules cost when computed directly, without a
simulation, holders, periods or a cache of variables. The model is the specification: this port
follows it rule by rule, and the benchmark (and `tests/engine/simulation/test_numpy_model.py`) checks
that both give the same values, person by person and month by month.

How it is written:

- one function per domain (`civil_status`, `residence`, `stay`, `eu_right_of_stay`, then
  `benefits`), each block commented with the model's variable it reproduces;
- parameters come from the tax-benefit system's tree, at the first day of the month as the
  formulas read them (`system.get_parameters_at_instant`), or from a parameter's dated history
  where the model reads them at each person's own date (`value_at_dates`);
- inputs are read as the microsimulation gives them to OpenFisca: the `<variable>@YYYY-MM` column
  of the month, else the `<variable>` column (every month), else the variable's default
  (`openfisca_residence.population.default_value`). A month without a column of its own gets the
  very array of the every-month column, so that the rules that look back (24 months of
  documents, a calendar year of absences, six months of work) compute such months once;
- a comparison with a date that is the same for everyone (the request is dated the first day of
  the month: `date_demande`) is written against that one date (`born after the 1st minus 18
  years`), never by converting each person's date to months;
- the float32 sums (hours, pay, fractions of months abroad) are done in the model's type and
  order, month after month, so that the thresholds give the same answers;
- the persons are computed by chunks of whole families (`chunk_size`), as the microsimulation
  does: the arrays of a chunk stay in the processor's caches.

Months before January 2021 are refused: the port covers the law since the last date of effect of
a formula (`beneficiaire_accord_retrait_royaume_uni`, 1 January 2021), not the earlier branches
(RMI, no CMU, transitional measures of the 2004 and 2007 accessions...).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from types import SimpleNamespace

import numpy
import pyarrow
import pyarrow.compute as pc
from openfisca_core.indexed_enums import Enum

from openfisca_residence.data.columns import family_numbers
from openfisca_residence.data.population import Population, as_population
from openfisca_residence.data.schema import (
    CHILD,
    FAMILY_ID,
    FAMILY_ROLE,
    PARENT,
    default_value,
    input_variables,
)
from openfisca_residence.simulation.chunk import plan_chunks, take_rows
from openfisca_residence.system.benefits import BENEFITS
from openfisca_residence.system.registry import tax_benefit_system
from openfisca_residence.variables.prestations.enums import (
    CasVersementAspa,
    MotifRefusAah,
    MotifRefusAideLogement,
    MotifRefusAme,
    MotifRefusAsi,
    MotifRefusAspa,
    MotifRefusCouvertureMaladie,
    MotifRefusPrestationsFamiliales,
    MotifRefusRsa,
    PrestationFamiliale,
)
from openfisca_residence.variables.prestations.puma import (
    FAITS as PUMA_FAITS,
)
from openfisca_residence.variables.sejour.enums import EntreeEnfant, StatutProtection, TitreSejour
from openfisca_residence.variables.sejour.titre_precedent_fait_foi import (
    DOCUMENTS_TRANSITOIRES_RENOUVELLEMENT as DOCUMENTS_TRANSITOIRES,
)
from openfisca_residence.variables.ue.enums import CouvertureMaladie, StatutRessortissantUE
from openfisca_residence.variables.ue.ue_titre_sejour_constate_droit import CARTES_DE_SEJOUR

DAY, MONTH, YEAR = "datetime64[D]", "datetime64[M]", "datetime64[Y]"
ONE_DAY = numpy.timedelta64(1, "D")
LONG_AGO = numpy.datetime64("1900-01-01", "D")  # openfisca_residence.dates.LONG_AGO
NEVER = numpy.datetime64("2999-12-31", "D")  # openfisca_residence.dates.NEVER
FIRST_MONTH = numpy.datetime64("2021-01", "M")  # the port covers the law from this month on
ALF = PrestationFamiliale.allocation_logement_familiale.index
API = PrestationFamiliale.allocation_parent_isole.index
API_END = numpy.datetime64("2009-05-31")  # the API's last day (then the RSA majoré)
PAJE = PrestationFamiliale.paje.index
PAJE_START = numpy.datetime64("2004-01-01")  # prestations_familiales_paje_grossesse
DOCUMENT_WINDOW = 24  # months of documents read back (date_expiration_titres.FENETRE_MOIS)
STAY_WINDOW = 6  # months read on each side of a stay abroad (duree_sejour_continu_etranger)
DEFAULT_CHUNK_SIZE = 50_000  # persons computed together (whole families)
FAMILY_BENEFITS = ("rsa", "prestations_familiales", "aide_logement")  # X_eligible of the famille
R_111_4 = numpy.datetime64("2017-02-27")  # décret 2017-240: puma_titre_expire
VARIABLES = [f"{b}_eligible" for b in BENEFITS] + [f"{b}_motif_refus" for b in BENEFITS]


# ---------------------------------------------------------------------------------------------
# Small numpy helpers


def add_months(dates, months) -> numpy.ndarray:
    """`dates` plus `months` calendar months, the day clipped to the end of the target month
    (`openfisca_residence.dates.add_months`)."""
    dates = numpy.asarray(dates, dtype=DAY)
    first = dates.astype(MONTH)
    target = first + numpy.asarray(months, dtype=numpy.int64)
    moved = target.astype(DAY) + (dates - first.astype(DAY))
    return numpy.minimum(moved, (target + 1).astype(DAY) - 1)


def absence_end(depart, arrivee) -> numpy.ndarray:
    """The day after a dated absence from the last departure: the last arrival if it follows the
    departure, else never (`jours_presence_france_retenus.fin_de_l_absence`)."""
    return numpy.where(arrivee > depart, arrivee, NEVER)


def days_within(debut, fin, first, last) -> numpy.ndarray:
    """The days of [debut, fin) from `first` to `last` (included): `jours_entre`."""
    return numpy.maximum(
        (numpy.minimum(fin, last + ONE_DAY) - numpy.maximum(debut, first)).astype(numpy.int64), 0
    )


def in_list(codes: numpy.ndarray, enum, names) -> numpy.ndarray:
    """Whether each enum code is one of the item `names` (a list parameter): a table lookup."""
    table = numpy.zeros(len(enum), dtype=bool)
    table[[enum[name].index for name in names]] = True
    return table[codes]


def lasts(start, end, months, more_than: bool) -> numpy.ndarray:
    """Whether a validity from `start` to `end` (both days included) covers `months` calendar
    months, or more than them (`openfisca_residence.dates.lasts_at_least`, `lasts_more_than`)."""
    reached = add_months(start, months)
    return end >= (reached if more_than else reached - ONE_DAY)


def value_at_dates(parameter, dates: numpy.ndarray, before) -> numpy.ndarray:
    """The value of a dated parameter in force on each date, `before` for the dates before its
    first value (`openfisca_residence.lookup.value_at_dates`)."""
    history = sorted(
        (numpy.datetime64(at.instant_str, "D"), at.value) for at in parameter.values_list
    )
    starts = numpy.array([start for start, _ in history])
    values = numpy.array([value for _, value in history])
    position = numpy.searchsorted(starts, dates, side="right") - 1
    return numpy.where(position < 0, before, values[numpy.maximum(position, 0)])


def first_refusal(failures, size: int) -> numpy.ndarray:
    """The code of the first `(motif, failed)` pair that failed, `aucun` (0) where none did
    (`openfisca_residence.refusals.first_refusal`)."""
    code = numpy.zeros(size, dtype=numpy.int16)
    for motif, failed in reversed(failures):
        numpy.putmask(code, failed, motif.index)
    return code


# ---------------------------------------------------------------------------------------------
# Inputs, as the microsimulation gives them to OpenFisca


class Text:
    """A text input (`nationalite`) as codes into a few labels: the tests run on the labels."""

    def __init__(self, codes: numpy.ndarray, labels: numpy.ndarray) -> None:
        self.codes, self.labels = codes, labels

    def isin(self, values) -> numpy.ndarray:
        return numpy.isin(self.labels, list(values))[self.codes]

    def equals(self, value: str) -> numpy.ndarray:
        return (self.labels == value)[self.codes]


def _array(column) -> pyarrow.Array:
    if isinstance(column, pyarrow.ChunkedArray):
        return column.combine_chunks() if column.num_chunks != 1 else column.chunk(0)
    return column


class Inputs:
    """Each input for each month: its month column, else its every-month column, else its
    default. A month without a column of its own gets the same array object."""

    def __init__(self, table: pyarrow.Table, system) -> None:
        self.table = table
        self.variables = input_variables(system)
        self.names = set(table.column_names)
        self._every: dict[str, object] = {}

    def own_column(self, name: str, month: str) -> bool:
        return f"{name}@{month}" in self.names

    def _default(self, name: str):
        variable = self.variables[name]
        value = default_value(variable)
        return numpy.datetime64(value, "D") if variable.value_type is date else value

    def _dtype(self, name: str):
        variable = self.variables[name]
        if variable.value_type is Enum:
            return numpy.int16
        return numpy.dtype(DAY) if variable.value_type is date else variable.dtype

    def _numpy(self, column: pyarrow.Array, name: str, fallback) -> numpy.ndarray:
        """The column as numpy, an empty cell taking the fallback (a value or an array)."""
        if not column.null_count:
            return numpy.asarray(column.to_numpy(zero_copy_only=False), dtype=self._dtype(name))
        fill = fallback if numpy.ndim(fallback) == 0 else fallback[0]
        fill = fill.item() if isinstance(fill, numpy.generic) else fill
        filled = pc.fill_null(column, pyarrow.scalar(fill, column.type))
        values = numpy.array(filled.to_numpy(zero_copy_only=False), dtype=self._dtype(name))
        if numpy.ndim(fallback):
            nulls = numpy.asarray(column.is_null().to_numpy(zero_copy_only=False))
            values[nulls] = fallback[nulls]
        return values

    def every_month(self, name: str) -> numpy.ndarray:
        """The value of the months without a column of their own (and of ETERNITY inputs)."""
        if name not in self._every:
            default = self._default(name)
            if name in self.names and self.table[name].null_count < self.table.num_rows:
                values = self._numpy(_array(self.table[name]), name, default)
            else:
                values = numpy.full(self.table.num_rows, default, dtype=self._dtype(name))
            self._every[name] = values
        return self._every[name]

    def at(self, name: str, month: str) -> numpy.ndarray:
        base = self.every_month(name)
        if not self.own_column(name, month):
            return base
        return self._numpy(_array(self.table[f"{name}@{month}"]), name, base)

    def text(self, name: str, month: str) -> Text:
        """A text input of the month, as codes into labels (an empty cell: the default)."""
        key = f"text:{name}"
        if key not in self._every:
            default = self._default(name)
            if name in self.names:
                column = pc.fill_null(_array(self.table[name]), default)
            else:
                column = pyarrow.array([default] * self.table.num_rows, pyarrow.string())
            encoded = pc.dictionary_encode(column)
            self._every[key] = Text(
                encoded.indices.to_numpy(zero_copy_only=False).astype(numpy.int32),
                numpy.asarray(encoded.dictionary.to_pylist(), dtype=object),
            )
        base = self._every[key]
        if not self.own_column(name, month):
            return base
        column = _array(self.table[f"{name}@{month}"])
        nulls = numpy.asarray(column.is_null().to_numpy(zero_copy_only=False))
        encoded = pc.dictionary_encode(pc.fill_null(column, ""))
        codes = encoded.indices.to_numpy(zero_copy_only=False).astype(numpy.int32)
        labels = numpy.asarray(encoded.dictionary.to_pylist(), dtype=object)
        return Text(
            numpy.where(nulls, base.codes, codes + len(base.labels)),
            numpy.concatenate([base.labels, labels]),
        )


# ---------------------------------------------------------------------------------------------
# Families: the famille entity's reductions


class Families:
    """The famille of each person (numbered in order of first appearance) and the reductions
    the formulas make over its members (`famille.sum`, `famille.any`, `famille.max`...)."""

    def __init__(self, table: pyarrow.Table) -> None:
        self.of_person, self.count = family_numbers(table[FAMILY_ID])
        roles = numpy.asarray(_array(table[FAMILY_ROLE]).to_numpy(zero_copy_only=False))
        self.child = roles == CHILD  # enfant_a_charge
        self.parent = roles == PARENT
        self.parents = numpy.bincount(self.of_person[self.parent], minlength=self.count)
        self.children = numpy.bincount(self.of_person[self.child], minlength=self.count)
        self._order = numpy.argsort(self.of_person, kind="stable")
        self._starts = numpy.searchsorted(self.of_person[self._order], numpy.arange(self.count))

    def _count(self, flag: numpy.ndarray) -> numpy.ndarray:
        return numpy.bincount(self.of_person[flag], minlength=self.count)

    def others(self, flag: numpy.ndarray) -> numpy.ndarray:
        """`(individu.famille.sum(flag) - flag) > 0`: another member of the family has the flag."""
        return self._count(flag)[self.of_person] > flag

    def any_parent(self, flag: numpy.ndarray) -> numpy.ndarray:
        """`famille.any(flag, role=Famille.PARENT)`: one value per family."""
        return self._count(flag & self.parent) > 0

    def any_child(self, flag: numpy.ndarray) -> numpy.ndarray:
        """`famille.any(flag, role=Famille.ENFANT)`: one value per family."""
        return self._count(flag & self.child) > 0

    def max(self, values: numpy.ndarray) -> numpy.ndarray:
        """`individu.famille.max(values)`: the family's largest value, for each member."""
        return numpy.maximum.reduceat(values[self._order], self._starts)[self.of_person]

    def min(self, values: numpy.ndarray) -> numpy.ndarray:
        """`individu.famille.min(values)`: the family's smallest value, for each member."""
        return numpy.minimum.reduceat(values[self._order], self._starts)[self.of_person]

    def per_person(self, values: numpy.ndarray) -> numpy.ndarray:
        return values[self.of_person]


# ---------------------------------------------------------------------------------------------
# Months, and the values read back over several months


@dataclass
class Month:
    """A month: its name, first and last days, number of days and parameters (at its first day,
    as `parameters(period)` in a formula)."""

    index: numpy.datetime64
    name: str
    first: numpy.datetime64
    last: numpy.datetime64
    days: int
    parameters: object

    @classmethod
    def of(cls, month: numpy.datetime64, system) -> Month:
        first = month.astype(DAY)
        last = (month + 1).astype(DAY) - ONE_DAY
        days = int((last - first).astype(int)) + 1
        return cls(
            month, str(month), first, last, days, system.get_parameters_at_instant(str(first))
        )


class History:
    """Monthly values that rules read back over several months, each computed once."""

    DOCUMENT_INPUTS = ("titre_sejour", "titre_sejour_date_debut", "titre_sejour_date_fin")

    def __init__(self, inputs: Inputs, system) -> None:
        self.inputs = inputs
        self.system = system
        self._months: dict[numpy.datetime64, Month] = {}
        self._documents: dict[tuple, SimpleNamespace] = {}
        self._undated: bool | None = None  # _undated_convocations
        self._prorogations: SimpleNamespace | None = None
        self._absences: dict[numpy.datetime64, SimpleNamespace] = {}
        self._year_to_date: dict[tuple, numpy.ndarray] = {}
        self._presence_prefix: dict[numpy.datetime64, object] = {}
        self._expirations: dict[numpy.datetime64, numpy.ndarray] = {}

    def month(self, month: numpy.datetime64) -> Month:
        if month not in self._months:
            self._months[month] = Month.of(month, self.system)
        return self._months[month]

    # -- the document of a month, read back 24 months by date_expiration_titres

    def documents(self, month: numpy.datetime64) -> SimpleNamespace:
        """titre_sejour_fin_validite, titre_sejour_recevable and fin_titre_recevable of a month.

        Months without document columns of their own, and with the same parameters, share one
        computation.
        """
        m = self.month(month)
        p = m.parameters.sejour
        own = any(self.inputs.own_column(name, m.name) for name in self.DOCUMENT_INPUTS)
        key = (
            m.name if own or self._undated_convocations() else None,
            p.duree_validite_convocation,
            tuple(p.titres_recevables.securite_sociale),
        )
        if key not in self._documents:
            self._documents[key] = self._compute_documents(m)
        return self._documents[key]

    def prorogations(self) -> SimpleNamespace:
        """The 2020 extensions, as each text was finally written: they are retroactive (their
        windows begin before their publication), so that they are read at each document's expiry,
        whatever the month (one value for the whole window: its latest)."""
        if self._prorogations is None:
            node = self.system.parameters.sejour.prorogation_crise_sanitaire

            def final(parameter):
                return parameter.values_list[0].value  # the latest value

            self._prorogations = SimpleNamespace(
                documents=final(node.documents_prolonges),
                texts=tuple(
                    (
                        numpy.datetime64(str(final(text.expiration_du)), "D"),
                        numpy.datetime64(str(final(text.expiration_au)), "D"),
                        final(text.jours),
                        final(text.jours_attestation_demande_asile),
                    )
                    for text in (node.ordonnance_2020_328, node.loi_2020_734)
                ),
            )
        return self._prorogations

    def _undated_convocations(self) -> bool:
        """Whether the every-month documents hold a convocation without start nor end: its three
        months run from each month's request, so that months cannot share their documents."""
        if self._undated is None:
            titre = self.inputs.every_month("titre_sejour")
            convocation = (titre == TitreSejour.convocation_premiere_demande.index) | (
                titre == TitreSejour.convocation_renouvellement.index
            )
            self._undated = bool(
                (
                    convocation
                    & (self.inputs.every_month("titre_sejour_date_debut") == LONG_AGO)
                    & (self.inputs.every_month("titre_sejour_date_fin") == NEVER)
                ).any()
            )
        return self._undated

    def _compute_documents(self, m: Month) -> SimpleNamespace:
        p = m.parameters.sejour
        prorogations = self.prorogations()
        titre = self.inputs.at("titre_sejour", m.name)
        debut = self.inputs.at("titre_sejour_date_debut", m.name)
        fin = self.inputs.at("titre_sejour_date_fin", m.name)

        # titre_sejour_fin_validite: three months for a convocation without end date, then the
        # 2020 extensions of the documents each text names (asylum attestations: their own length)
        # that expired in its window
        convocation = (titre == TitreSejour.convocation_premiere_demande.index) | (
            titre == TitreSejour.convocation_renouvellement.index
        )
        sans_fin = convocation & (fin == NEVER)
        fin_validite = fin
        if sans_fin.any():
            fin_validite = fin.copy()
            # without a start, from the request (the first of the month): the date of recording
            saisie = numpy.where(debut == LONG_AGO, m.first, debut)
            fin_validite[sans_fin] = add_months(saisie[sans_fin], p.duree_validite_convocation)
        asile = titre == TitreSejour.attestation_demande_asile.index
        prolonge = in_list(titre, TitreSejour, prorogations.documents)
        expiration = fin_validite
        for du, au, jours, jours_asile in prorogations.texts:
            added = numpy.where(asile, jours_asile, numpy.where(prolonge, jours, 0))
            prorogee = (added > 0) & (expiration >= du) & (expiration <= au)
            if prorogee.any():
                added = added.astype("timedelta64[D]")
                fin_validite = numpy.where(prorogee, fin_validite + added, fin_validite)

        # titre_sejour_recevable: the list in force on the day of the request (the 1st)
        recevable = in_list(titre, TitreSejour, p.titres_recevables.securite_sociale)
        return SimpleNamespace(
            debut=debut,
            fin_validite=fin_validite,
            recevable=recevable,
            # fin_titre_recevable
            fin_recevable=numpy.where(recevable, fin_validite, LONG_AGO),
        )

    def prepare_expirations(self, months: list[numpy.datetime64]) -> None:
        """date_expiration_titres of each month: the latest fin_titre_recevable of the 24 months
        up to the month.

        The maximum is taken once over the distinct arrays of a window (months without documents
        of their own share one), then carried to the next month while the month that leaves the
        window still has its array in it.
        """
        first, last = min(months) - (DOCUMENT_WINDOW - 1), max(months)
        series = [
            self.documents(first + k).fin_recevable
            for k in range(int((last - first).astype(int)) + 1)
        ]
        previous = None
        for i, current in enumerate(series):
            low = max(0, i - DOCUMENT_WINDOW + 1)
            window = series[low : i + 1]
            leaving = series[low - 1] if low > 0 else None
            if previous is not None and (leaving is None or any(a is leaving for a in window)):
                latest = previous if current is series[i - 1] else numpy.maximum(previous, current)
            else:
                distinct = list({id(a): a for a in window}.values())
                latest = distinct[0]
                for other in distinct[1:]:
                    latest = numpy.maximum(latest, other)
            previous = latest
            if first + i >= min(months):
                self._expirations[first + i] = self.started_by_request(first + i, latest)

    def started_by_request(self, month: numpy.datetime64, latest: numpy.ndarray) -> numpy.ndarray:
        """date_expiration_titres: for those whose document of the month starts after the request
        (the 1st), the window's documents started by then only."""
        first = self.month(month).first
        later = numpy.flatnonzero(self.documents(month).debut > first)
        if not len(later):
            return latest
        expiration = latest.copy()
        started = numpy.full(len(later), LONG_AGO)
        for back in range(DOCUMENT_WINDOW):
            documents = self.documents(month - back)
            fin = numpy.where(
                documents.debut[later] <= first, documents.fin_recevable[later], LONG_AGO
            )
            started = numpy.maximum(started, fin)
        expiration[later] = started
        return expiration

    def expiration(self, month: numpy.datetime64) -> numpy.ndarray:
        return self._expirations[month]

    def end_of_right(self, month: numpy.datetime64, decision: numpy.ndarray) -> numpy.ndarray:
        """date_fin_droit_au_sejour: the latest end of the window's documents, each ended the day
        before a decision taken while it was in force (started on or before the decision).

        Without a decision (NEVER), every document started before it: the latest end, capped at
        the day before NEVER, as the formula gives. The others are read back document by document.
        """
        veille = decision - ONE_DAY
        fin = numpy.minimum(self.expiration(month), veille)
        concerned = numpy.flatnonzero(decision < NEVER)
        if not len(concerned):
            return fin
        d, veille = decision[concerned], veille[concerned]
        latest = None
        for back in range(DOCUMENT_WINDOW):
            k = month - back
            fin_k = self.documents(k).fin_recevable[concerned]
            debut_k = self.inputs.at("titre_sejour_date_debut", str(k))[concerned]
            droit = numpy.where(debut_k <= d, numpy.minimum(fin_k, veille), fin_k)
            droit = numpy.where(debut_k <= self.month(month).first, droit, LONG_AGO)
            latest = droit if latest is None else numpy.maximum(latest, droit)
        fin[concerned] = latest
        return fin

    def in_force(self, month: numpy.datetime64, day: numpy.datetime64, rows) -> numpy.ndarray:
        """titre_precedent_fait_foi's reading: for `rows`, whether an admissible document of the
        window (started by `day`, the day of the request) is in force on `day`."""
        found = numpy.zeros(len(rows), dtype=bool)
        for back in range(DOCUMENT_WINDOW):
            k = month - back
            documents = self.documents(k)
            found |= (documents.debut[rows] <= day) & (day <= documents.fin_recevable[rows])
        return found

    # -- days abroad, month by month

    def absences(self, month: numpy.datetime64) -> SimpleNamespace:
        """jours_absence_france, jours_absence_france_hors_etudes, jours_presence_france and
        mois_absence_logement of one month, in the model's types."""
        if month not in self._absences:
            m = self.month(month)
            jours = self.inputs.at("jours_absence_france", m.name).astype(numpy.int32)
            etudes = self.inputs.at("absence_pour_etudes", m.name)
            hors_etudes = numpy.where(etudes, 0, jours).astype(numpy.int32)
            frontalier = self.inputs.at("enfant_frequente_etablissement_frontalier", m.name)
            # jours_absence_enfant_sejours_provisoires: the declared days or those since a declared
            # departure, whichever the more; neither studies nor a border-zone school (R.512-1)
            depart = self.inputs.at("date_dernier_depart_france", m.name)
            arrivee = self.inputs.at("date_arrivee_france", m.name)
            depuis_depart = numpy.where(
                depart > LONG_AGO,
                days_within(depart, absence_end(depart, arrivee), m.first, m.last),
                0,
            )
            enfant = numpy.where(etudes | frontalier, 0, numpy.maximum(jours, depuis_depart))
            self._absences[month] = SimpleNamespace(
                jours=jours,
                hors_etudes=hors_etudes,
                enfant=enfant.astype(numpy.int32),
                presence=m.days - jours,
                # mois_absence_logement: the month's fraction abroad (the declared days or those
                # since a declared departure, whichever the more), but for a month before settling
                # in France (the home abroad, the month ended before the arrival)
                mois=(numpy.maximum(jours, depuis_depart) / m.days).astype(numpy.float32)
                * ~(~self.inputs.at("foyer_permanent_france", m.name) & (m.last < arrivee)),
            )
        return self._absences[month]

    def stay_abroad(self, month: numpy.datetime64, name: str) -> numpy.ndarray:
        """duree_sejour_continu_etranger (`name` "jours", every day) or its _hors_etudes variant
        ("hors_etudes", the AAH's): the days of the continuous stay abroad that holds the
        month's absences: whole months abroad chained, the partial months that touch them
        counted as departure or return; a partial month between two chains of whole months
        counts in both, and holds the longer."""
        jours = {
            k: getattr(self.absences(month + k), name) for k in range(-STAY_WINDOW, STAY_WINDOW + 1)
        }
        entier = {k: jours[k] == self.month(month + k).days for k in jours}
        avant, apres = numpy.zeros_like(jours[0]), numpy.zeros_like(jours[0])
        suite_avant = numpy.ones(len(jours[0]), dtype=bool)
        suite_apres = suite_avant.copy()
        for k in range(1, STAY_WINDOW + 1):
            premier = k == 1
            suite_avant &= (jours[-k] > 0) & (entier[1 - k] | (premier & entier[-k]))
            suite_apres &= (jours[k] > 0) & (entier[k - 1] | (premier & entier[k]))
            avant += numpy.where(suite_avant, jours[-k], 0).astype(avant.dtype)
            apres += numpy.where(suite_apres, jours[k], 0).astype(apres.dtype)
        stay = numpy.where(
            entier[0], jours[0] + avant + apres, jours[0] + numpy.maximum(avant, apres)
        )
        return numpy.where(jours[0] == 0, 0, stay)

    def year_to_date(self, month: numpy.datetime64, name: str):
        """January to `month` of one absence series, added month after month: the order and type
        of OpenFisca's ADD (`0 + x(jan) + x(feb) + ...`), so that float32 sums are the same."""
        key = (month, name)
        if key not in self._year_to_date:
            january = month.astype(YEAR).astype(MONTH)
            before = 0 if month == january else self.year_to_date(month - 1, name)
            self._year_to_date[key] = before + getattr(self.absences(month), name)
        return self._year_to_date[key]

    def presence(self, start: numpy.datetime64, end: numpy.datetime64):
        """Days in France from `start` to `end` (months, included): a difference of running
        totals (whole numbers: the order of the additions does not matter)."""
        return self._presence_total(end) - self._presence_total(start - 1)

    def abroad_undeclared(self, start, end, rows, debut, fin, presence) -> numpy.ndarray:
        """jours_presence_france_retenus's dated absence: for `rows`, the days of the months from
        `start` to `end` (included) in [debut, fin) beyond each month's declared absences
        (`presence`: the rows' days of presence, all the window's days without any absence)."""
        first, last = self.month(start).first, self.month(end).last
        total = days_within(debut, fin, first, last)
        mixed = numpy.flatnonzero((total > 0) & (presence != (last - first).astype(int) + 1))
        if not len(mixed):
            return total
        total[mixed] = 0
        for k in numpy.arange(start, end + 1):
            month = self.month(k)
            abroad = days_within(debut[mixed], fin[mixed], month.first, month.last)
            total[mixed] += numpy.maximum(abroad - self.absences(k).jours[rows[mixed]], 0)
        return total

    def _presence_total(self, month: numpy.datetime64):
        origin = self._origin
        if month < origin:
            return 0
        if month not in self._presence_prefix:
            previous = self._presence_total(month - 1)
            self._presence_prefix[month] = previous + self.absences(month).presence
        return self._presence_prefix[month]

    def prepare_presence(self, months: list[numpy.datetime64]) -> None:
        # January of the year before the first month: the earliest month a rule reads
        self._origin = (min(months).astype(YEAR) - 1).astype(MONTH)


# ---------------------------------------------------------------------------------------------
# Domains


def civil_status(inputs: Inputs, families: Families, m: Month) -> SimpleNamespace:
    """etat_civil: minors, enfant_a_charge, nationality and groupe_nationalite."""
    p = m.parameters
    nationalite = inputs.text("nationalite", m.name)
    # age < 18 on the 1st: fewer than 216 months completed <=> born after the 1st minus 216
    # months (whole_months(birth, 1st) >= n <=> birth <= 1st - n months, the 1st having no end of
    # month to clip)
    mineur = inputs.every_month("date_naissance") > add_months(m.first, -12 * 18)
    # ressortissant_ue_eee_suisse: a member state on the month's date
    etats = p.ue.etats_membres
    ressortissant = nationalite.isin(code for code in etats if etats[code])
    # groupe_nationalite: francais, then ue_eee_suisse, else pays_tiers
    francais = nationalite.equals("FR")
    return SimpleNamespace(
        mineur=mineur,
        enfant=families.child,
        nationalite=nationalite,
        francais=francais,
        ressortissant=ressortissant,
        ue=~francais & ressortissant,
        pays_tiers=~francais & ~ressortissant,
    )


def residence(inputs: Inputs, history: History, m: Month) -> SimpleNamespace:
    """residence: days in France and abroad, the residence conditions of each benefit."""
    p = m.parameters.residence
    absences = history.absences(m.index)
    foyer = inputs.at("foyer_permanent_france", m.name)

    # jours_presence_france_retenus: the previous calendar year, or the 12 months before
    # (less, for a dated absence from the last departure to the last arrival, or still going on,
    # its days beyond the declared ones)
    arrivee = inputs.at("date_arrivee_france", m.name)
    depart = inputs.at("date_dernier_depart_france", m.name)
    rows = numpy.flatnonzero(arrivee != depart)
    debut, fin = depart[rows], absence_end(depart[rows], arrivee[rows])

    def presence(start, end):
        days = history.presence(start, end)
        if len(rows):
            days = numpy.broadcast_to(days, arrivee.shape).copy()  # 0: months before the origin
            abroad = history.abroad_undeclared(start, end, rows, debut, fin, days[rows])
            days[rows] -= abroad.astype(days.dtype)
        return days

    january = m.index.astype(YEAR).astype(MONTH)
    retenus = presence(january - 12, january - 1)
    if p.sejour_principal.appreciation_de_date_a_date:
        count = p.sejour_principal.duree_periode_de_date_a_date
        retenus = numpy.maximum(retenus, presence(m.index - count, m.index - 1))

    return SimpleNamespace(
        # reside_en_france: permanent home, or main stay (sejour_principal_france)
        reside_en_france=foyer | (retenus > p.sejour_principal.duree_presence_minimale),
        # reside_en_france_aspa
        reside_aspa=foyer | (retenus > p.sejour_principal.duree_presence_minimale_aspa),
        # reside_en_france_prestations_familiales
        reside_prestations_familiales=foyer
        | (retenus > p.sejour_principal.duree_presence_minimale_prestations_familiales),
        # residence_permanente (RSA, since 2006): the stay counted date to date and the whole
        # calendar year (jours_absence_annee_civile_totale) of three months at most, every day
        # counted, or a whole month in France
        residence_permanente=permanent(history, m, "jours") | (absences.jours == 0),
        # residence_permanente_aah (since 2005): the same without the days of studies, and the
        # month of studies
        residence_permanente_aah=permanent(history, m, "hors_etudes")
        | inputs.at("absence_pour_etudes", m.name)
        | (absences.jours == 0),
        enfant_reside=children_reside(history, m),
        # residence_principale_logement: months abroad since 1 January (float32, rounded)
        logement=numpy.round(history.year_to_date(m.index, "mois"), 6)
        <= 12 - p.logement.duree_minimale_occupation,
        # residence_prealable_3_mois_demande: arrived before the request (the 1st, see `stay`)
        # minus three months
        trois_mois=inputs.at("date_arrivee_france", m.name)
        < add_months(m.first, -p.residence_prealable.duree_minimale),
    )


def permanent(history: History, m: Month, name: str) -> numpy.ndarray:
    """The stay abroad counted date to date and the whole calendar year of the absence series
    `name` ("jours" or "hors_etudes") of three months at most."""
    limite = m.parameters.residence.residence_permanente.duree_maximale_absences
    december = m.index.astype(YEAR).astype(MONTH) + 11
    return (history.stay_abroad(m.index, name) <= limite) & (
        history.year_to_date(december, name) <= limite
    )


def children_reside(history: History, m: Month) -> numpy.ndarray:
    """enfant_reside_en_france: temporary stays of at most three months since 1 January; a child
    away every day since then resides only if he still did at the end of the previous year."""
    january = m.index.astype(YEAR).astype(MONTH)
    sejours = history.year_to_date(m.index, "enfant")
    reside = (
        sejours
        <= m.parameters.residence.residence_permanente.enfant_duree_maximale_sejours_provisoires
    )
    depuis_janvier = int((m.last - history.month(january).first).astype(int)) + 1
    absent = numpy.flatnonzero(reside & (sejours == depuis_janvier))
    if len(absent):
        december = history.month(january - 1)
        limite = december.parameters.residence.residence_permanente
        precedente = history.year_to_date(december.index, "enfant")[absent]
        reside[absent] = precedente <= limite.enfant_duree_maximale_sejours_provisoires
    return reside


def withdrawal_agreement(
    inputs: Inputs, civil: SimpleNamespace, m: Month, droit_2020, decision_date
) -> tuple[numpy.ndarray, numpy.ndarray]:
    """beneficiaire_accord_retrait_royaume_uni (since 2021), and the first day a British national
    resident in 2020 is no longer protected without the card: a third-country national with the
    agreement's card valid in the month, or a British national resident under EU law at the end of 2020
    (`droit_2020`: droit_au_sejour_ue in December 2020, or arrived since 1 October 2020) before
    the card is required or with an application lodged in time that no decision has rejected."""
    p = m.parameters.ue.accord_retrait
    titre = inputs.at("titre_sejour", m.name)
    carte = (
        (titre == TitreSejour.titre_accord_retrait_royaume_uni.index)
        & (inputs.at("titre_sejour_date_debut", m.name) <= m.last)
        & (inputs.at("titre_sejour_date_fin", m.name) >= m.first)
    )
    arrivee = inputs.at("date_arrivee_france", m.name)
    residence_2020 = (arrivee <= numpy.datetime64("2020-12-31")) & (
        droit_2020 | (arrivee > numpy.datetime64("2020-09-30"))
    )
    pas_encore_exige = m.first < numpy.datetime64(str(p.date_titre_obligatoire), "D")
    depot = inputs.at("date_demande_titre_accord_retrait", m.name)
    rejetee = (depot <= decision_date) & (decision_date <= m.first)
    en_cours = (
        (depot <= numpy.datetime64(str(p.date_limite_demande), "D")) & (depot <= m.first) & ~rejetee
    )
    britannique = civil.nationalite.equals("GB") & residence_2020
    if m.first < numpy.datetime64("2021-01-01"):  # britannique_residant_fin_transition
        britannique = numpy.zeros_like(britannique)
    # date_debut_sejour_irregulier: the card required, or, applied for in time, the decision
    # rejecting it, for a British national resident in 2020
    fin_protection = numpy.where(
        britannique,
        numpy.where(
            depot <= numpy.datetime64(str(p.date_limite_demande), "D"),
            decision_date,
            numpy.datetime64(str(p.date_titre_obligatoire), "D"),
        ),
        LONG_AGO,
    )
    beneficiaire = (carte & civil.pays_tiers) | (britannique & (pas_encore_exige | en_cours))
    return beneficiaire, fin_protection


def stay(
    inputs: Inputs,
    history: History,
    families: Families,
    civil: SimpleNamespace,
    m: Month,
    droit_2020,
) -> SimpleNamespace:
    """sejour: regular stay of third-country nationals, on the day of the request.

    date_demande is not an input of a population (it has a formula): the request is dated the
    first day of the month, one date for everyone. `droit_2020` is droit_au_sejour_ue in December
    2020, which the withdrawal agreement reads.
    """
    p = m.parameters.sejour
    demande = m.first
    titre = inputs.at("titre_sejour", m.name)
    debut = inputs.at("titre_sejour_date_debut", m.name)
    documents = history.documents(m.index)
    fin_validite = documents.fin_validite

    # date_decision_sejour_opposable: none once annulled by the judge
    decision_date = numpy.where(
        inputs.at("decision_refus_sejour_annulee", m.name),
        NEVER,
        inputs.at("decision_refus_sejour_date", m.name),
    )
    # decision_refus_sejour_anterieure: taken by the day of the request, on the document held if
    # it was in force that day
    decision = (decision_date <= demande) & (debut <= decision_date)
    # decision_refus_sejour_opposable: not for an EU citizen, a decision taken before his state
    # joined (under the third-country regime)
    citoyen = numpy.flatnonzero(decision & civil.ue)
    if citoyen.size:
        membre = numpy.zeros(citoyen.size, dtype=bool)
        for code, etat in history.system.parameters.ue.etats_membres.children.items():
            memes = civil.nationalite.equals(code)[citoyen]
            if memes.any():
                versions = sorted(etat.values_list, key=lambda version: version.instant_str)
                debuts = numpy.array([v.instant_str for v in versions], dtype="datetime64[D]")
                valeurs = numpy.array([bool(v.value) for v in versions])
                version = numpy.searchsorted(debuts, decision_date[citoyen[memes]], "right") - 1
                membre[memes] = (version >= 0) & valeurs[numpy.maximum(version, 0)]
        decision[citoyen[~membre]] = False
    # titre_sejour_en_cours_de_validite, titre_sejour_valide
    en_cours = (debut <= demande) & (demande <= fin_validite)
    valide = documents.recevable & en_cours
    # titre_precedent_fait_foi: a renewal's transitional document, or a document starting after
    # the request; a document of the window in force on the day of the request
    transitoire = numpy.flatnonzero(
        in_list(titre, TitreSejour, DOCUMENTS_TRANSITOIRES) | (debut > demande)
    )
    if len(transitoire):
        valide[transitoire] |= history.in_force(m.index, demande, transitoire)
    # date_fin_sejour_regulier_renouvellement: renewal asked of a permit it covers (read on the
    # declared dates, the treaty permit lasting more than a year, the pluriannual card lasting
    # four years), three months after the expiry; sejour_regulier_renouvellement: the request
    # after the expiry, on or before that day
    fin_declaree = inputs.at("titre_sejour_date_fin", m.name)
    conventionnel = in_list(titre, TitreSejour, p.titres_conventionnels)
    renouvelable = inputs.at("demande_renouvellement_titre", m.name) & in_list(
        titre, TitreSejour, p.renouvellement.titres_concernes
    )
    fin_renouvellement = numpy.full(len(titre), LONG_AGO)
    if renouvelable.any():
        r = renouvelable.copy()
        pluriannuelle = titre[r] == TitreSejour.carte_sejour_pluriannuelle.index
        renouvelable[r] = (
            ~conventionnel[r]
            | lasts(debut[r], fin_declaree[r], p.renouvellement.duree_titre_conventionnel, True)
        ) & (
            ~pluriannuelle
            | lasts(debut[r], fin_declaree[r], p.renouvellement.duree_carte_pluriannuelle, False)
        )
        fin_renouvellement[renouvelable] = add_months(
            fin_validite[renouvelable], p.renouvellement.duree
        )
    renouvellement = (fin_validite < demande) & (demande <= fin_renouvellement)
    accord_retrait, fin_protection = withdrawal_agreement(
        inputs, civil, m, droit_2020, decision_date
    )
    # sejour_regulier_titre: the withdrawal agreement's beneficiary too; sejour_regulier adds the
    # French and the minors (minors_stay)
    sejour_regulier_titre = (valide | renouvellement | accord_retrait) & ~decision
    # titre_sejour_recevable_prestations_familiales: the D.512-1 list, an APS of more than
    # three months
    recevable_pf = in_list(titre, TitreSejour, p.titres_recevables.prestations_familiales)
    autorisation = titre == TitreSejour.autorisation_provisoire_sejour.index
    if autorisation.any():
        duree_minimale = p.titres_recevables.duree_minimale_autorisation_provisoire
        longue = numpy.ones_like(autorisation)
        longue[autorisation] = (
            add_months(debut[autorisation], duree_minimale) <= fin_validite[autorisation]
        )
        recevable_pf &= longue
    # sejour_regulier_prestations_familiales
    sejour_regulier_pf = civil.francais | (
        ((recevable_pf & en_cours) | renouvellement | accord_retrait) & ~decision
    )  # the minors: minors_stay

    # date_expiration_titres, date_fin_droit_au_sejour (the day before a decision, for the
    # documents in force that day)
    expiration = history.expiration(m.index)
    fin_droit = history.end_of_right(m.index, decision_date)
    # date_fin_maintien_droits: the longer of the regime in force on the expiry date (on the
    # decision's date for a right a decision ends) and the one in force on the date examined (the
    # request, at the earliest the expiry)
    regimes = history.system.parameters.sejour.maintien_droits
    titre_expire = fin_droit > LONG_AGO
    expire = fin_droit[titre_expire]
    decision_du_titre = decision_date[titre_expire]
    regime = numpy.where(expire == decision_du_titre - 1, decision_du_titre, expire)
    examen = numpy.maximum(expire, demande)

    def plus_favorable(duree):
        return numpy.maximum(
            value_at_dates(duree, regime, before=0), value_at_dates(duree, examen, before=0)
        )

    duree = numpy.zeros(len(fin_droit), dtype=numpy.int64)
    duree[titre_expire] = numpy.where(
        inputs.at("mesure_eloignement_definitive", m.name)[titre_expire],
        plus_favorable(regimes.duree_apres_mesure_eloignement),
        plus_favorable(regimes.duree),
    )
    fin_maintien = fin_droit.copy()
    prolonge = duree > 0
    fin_maintien[prolonge] = add_months(fin_droit[prolonge], duree[prolonge])
    # maintien_droits_apres_expiration: third-country nationals only, in irregular stay (minors_stay
    # removes those in regular stay)
    maintien = civil.pays_tiers & (fin_droit < demande) & (demande <= fin_maintien)

    # titre_sejour_autorise_travail: by its kind or its mention
    autorise = in_list(titre, TitreSejour, p.titres_autorisant_travail) | inputs.at(
        "mention_autorisant_travail", m.name
    )
    # titre_sejour_exclut_travail: a document that by its kind does not authorise work
    exclut = (titre == TitreSejour.aucun.index) | in_list(
        titre, TitreSejour, p.titres_excluant_travail
    )
    # titres_autorisant_travail_depuis >= n years <=> the document held does not exclude work and
    # the first permit on or before the 1st minus n years (0 years: always)
    debut_travail = inputs.at("date_premier_titre_autorisant_travail", m.name)

    def titres_depuis(years):
        if years <= 0:
            return numpy.ones(len(debut_travail), dtype=bool)
        return ~exclut & (debut_travail <= add_months(demande, -12 * years))

    protection = inputs.at("statut_protection", m.name)
    protege = protection != StatutProtection.aucun.index
    # anteriorite_titres_rsa: the carte de résident, or the treaty permit of ten years
    rsa = p.anteriorite_titres.rsa
    dispensant = in_list(titre, TitreSejour, rsa.titres_dispensant)
    if (dispensant & conventionnel).any():
        c = dispensant & conventionnel
        dix_ans = 12 * p.anteriorite_titres.duree_titre_conventionnel_equivalent
        dispensant[c] = lasts(debut[c], fin_declaree[c], dix_ans, False)
    anteriorite_rsa = protege | dispensant | titres_depuis(rsa.duree)
    # anteriorite_titres_aspa: the length in force on the day of the request, its exemptions
    aspa = p.anteriorite_titres.aspa
    duree_aspa = value_at_dates(
        history.system.parameters.sejour.anteriorite_titres.aspa.duree, demande, before=0
    )
    # periodes_assurance_attestent_titres_aspa: a validated quarter in each calendar year before
    # the first permit, since 30 December 2015, the document held not excluding work
    aspa_history = history.system.parameters.sejour.anteriorite_titres.aspa
    periodes_assurance = numpy.zeros(len(debut_travail), dtype=bool)
    if value_at_dates(aspa_history.preuve_par_periodes_assurance, demande, before=False):
        debut_fenetre = add_months(demande, -12 * int(duree_aspa))
        sans_titre = numpy.minimum(debut_travail, demande + ONE_DAY)
        derniere = (sans_titre - ONE_DAY).astype(YEAR).astype(int) + 1970
        premiere = int(debut_fenetre.astype(YEAR).astype(int)) + 1970
        annee_mois = int(m.index.astype(YEAR).astype(int)) + 1970
        periodes_assurance = sans_titre > debut_fenetre
        couvert = numpy.ones(len(debut_travail), dtype=bool)
        for annee in range(premiere, annee_mois + 1):
            recul = annee_mois - annee
            a_couvrir = periodes_assurance & (premiere <= annee) & (annee <= derniere)
            trimestre = inputs.at("annee_avec_trimestre_valide", str(m.index - 12 * recul))
            couvert &= ~a_couvrir | trimestre
        periodes_assurance = couvert & ~exclut
    anteriorite_aspa = (
        titres_depuis(int(duree_aspa))
        | periodes_assurance
        | accord_retrait
        | protege
        | inputs.at("a_combattu_pour_la_france", m.name)
        | civil.nationalite.isin(aspa.nationalites_dispensees)
        | (
            civil.nationalite.isin(aspa.nationalites_dispensees_sous_conditions)
            & inputs.at("convention_internationale_applicable", m.name)
        )
    )
    # enfant_entree_reguliere
    # exempte_condition_entree_enfant: the worker whose nationality an equal-treatment agreement
    # protects, the holder of a permit authorising work (single permit);
    # condition_entree_enfant_applicable (in `minors_stay`, once the EU rights are known)
    pf = p.prestations_familiales
    travailleur = travail_salarie(inputs, m) | (
        inputs.at("duree_activite_anterieure_mois", m.name) > 0
    )
    exempte = (civil.nationalite.isin(pf.nationalites_egalite_traitement) & travailleur) | (
        bool(pf.permis_unique_egalite_traitement) & autorise & sejour_regulier_pf
    )
    # the child of sixteen or more holding a D.512-1 document in force (D.512-2, 6° and last
    # paragraph): sixteen on the day of the request, the 1st
    age = history.system.parameters.sejour.prestations_familiales.age_titre_sejour_enfant
    age = int(value_at_dates(age, demande, before=99))
    seize_ans = add_months(inputs.every_month("date_naissance"), 12 * age) <= demande
    entree_reguliere_propre = (
        civil.francais
        | civil.ue  # an EU, EEA or Swiss child moves freely
        | in_list(inputs.at("entree_enfant", m.name), EntreeEnfant, pf.entrees_enfant_regulieres)
        | (seize_ans & recevable_pf & en_cours)
    )
    return SimpleNamespace(
        titre=titre,
        accord_retrait=accord_retrait,
        protection=protection,
        decision=decision,
        sejour_regulier_titre=sejour_regulier_titre,
        sejour_regulier_pf=sejour_regulier_pf,
        maintien=maintien,
        titre_anterieur=expiration > LONG_AGO,
        anteriorite_rsa=anteriorite_rsa,
        anteriorite_aspa=anteriorite_aspa,
        entree_reguliere_propre=entree_reguliere_propre,
        exempte_entree=exempte,
        # date_debut_sejour_irregulier: the right of stay, or its renewal until a decision
        fin_regularite=numpy.maximum(
            numpy.maximum(fin_droit, numpy.minimum(fin_renouvellement, decision_date - ONE_DAY)),
            fin_protection - ONE_DAY,
        ),
        titre_special_mae=(titre == TitreSejour.titre_special_mae.index) & en_cours,
    )


def minors_stay(inputs, families, civil, st, eu, m: Month) -> SimpleNamespace:
    """sejour_regulier_mineur: a minor's stay follows an adult parent's (French, EU citizen with a
    right of residence, regular by documents), or the ASE takes care of him; sejour_regulier and
    sejour_regulier_prestations_familiales add it. maintien_droits_apres_expiration: for those
    in irregular stay only; a third-country minor in irregular stay keeps his health rights with
    an adult third-country parent's (L.160-2). residence_ininterrompue_ame, whose irregular stay
    starts at 18 for one whose parent is in regular stay."""
    regulier = (
        civil.francais | (civil.ue & eu.droit) | (civil.pays_tiers & st.sejour_regulier_titre)
    )
    # condition_entree_enfant_applicable: no parent French, EU citizen with a right of residence
    # as the CAF check it (ressortissant_ue_sans_droit_au_sejour_prestations_caf), beneficiary of
    # the withdrawal agreement, or exempt; enfant_entree_reguliere
    caf = bool(m.parameters.ue.droit_au_sejour_verifie.prestations_caf)
    ue_en_droit = civil.ue & (eu.droit | (not caf))
    hors = civil.francais | ue_en_droit | st.accord_retrait | st.exempte_entree
    applicable = families.per_person(~families.any_parent(hors))
    st.enfant_entree_reguliere = st.entree_reguliere_propre | ~applicable
    famille = families.per_person(families.any_parent(~civil.mineur & regulier))
    mineur = civil.mineur & (famille | inputs.at("mineur_confie_ase", m.name))
    st.sejour_regulier = civil.francais | st.sejour_regulier_titre | mineur
    st.sejour_regulier_pf = st.sejour_regulier_pf | mineur
    irregulier = civil.pays_tiers & ~st.sejour_regulier  # sejour_irregulier_pays_tiers
    st.maintien = st.maintien & irregulier  # not who stays regularly (L.433-3 renewal)
    parent_maintien = families.per_person(families.any_parent(~civil.mineur & st.maintien))
    st.maintien = st.maintien | (civil.mineur & irregulier & parent_maintien)
    # residence_ininterrompue_ame: three months of irregular stay (date_debut_sejour_irregulier:
    # the arrival, the day after the right of stay ended, or the 18th birthday with a parent in
    # regular stay, L.411-1), minors exempted
    p = m.parameters.sejour
    arrivee = inputs.at("date_arrivee_france", m.name)
    if p.ame.duree_de_sejour_irregulier:
        dix_huit_ans = add_months(inputs.every_month("date_naissance"), 12 * 18)
        debut_ame = numpy.maximum(
            numpy.maximum(arrivee, st.fin_regularite + ONE_DAY),
            numpy.where(famille, dix_huit_ans, LONG_AGO),
        )
    else:
        debut_ame = arrivee
    st.residence_ininterrompue_ame = (debut_ame < add_months(m.first, -p.ame.duree_residence)) | (
        civil.mineur & bool(p.ame.mineurs_dispenses)
    )
    return st


def travail_salarie(inputs: Inputs, m: Month) -> object:
    """travail_salarie: hours, days or pay in the month."""
    return (
        (inputs.at("heures_travail", m.name) > 0)
        | (inputs.at("jours_travail", m.name) > 0)
        | (inputs.at("salaire_brut", m.name) > 0)
    )


def sum_in_order(inputs: Inputs, name: str, months) -> object:
    """`0 + x(m1) + x(m2) + ...`: OpenFisca's ADD over consecutive months, in its order."""
    total = 0
    for month in months:
        total = total + inputs.at(name, str(month))
    return total


def eu_right_of_stay(
    inputs: Inputs,
    history: History,
    families: Families,
    civil: SimpleNamespace,
    res: SimpleNamespace,
    m: Month,
) -> SimpleNamespace:
    """ue: right of stay of EU, EEA and Swiss citizens, and of their family members."""
    p = m.parameters.ue
    ressortissant = civil.ressortissant
    titre = inputs.at("titre_sejour", m.name)
    arrivee = inputs.at("date_arrivee_france", m.name)
    inscrit = inputs.at("inscrit_demandeur_emploi", m.name)

    # ue_activite_reelle_et_effective: days or hours of the month, hours or pay over 3 or 6
    # months (the month plus the months before, added from the earliest, in float32)
    t = p.travailleur
    smic_3_mois = history.month(m.index - 2).parameters.ue.travailleur.smic_horaire_brut
    smic_6_mois = history.month(m.index - 5).parameters.ue.travailleur.smic_horaire_brut
    heures = inputs.at("heures_travail", m.name)
    salaire = inputs.at("salaire_brut", m.name)
    two_before = [m.index - 2, m.index - 1]
    five_before = [m.index - k for k in range(5, 0, -1)]
    activite = (
        (inputs.at("jours_travail", m.name) >= t.jours_mois)
        | (heures >= t.heures_mois)
        | (
            (heures >= t.heures_minimum_mois)
            & (
                (heures + sum_in_order(inputs, "heures_travail", two_before) >= t.heures_3_mois)
                | (heures + sum_in_order(inputs, "heures_travail", five_before) >= t.heures_6_mois)
                | (salaire >= t.nombre_smic_mois * t.smic_horaire_brut)
                | (
                    salaire + sum_in_order(inputs, "salaire_brut", two_before)
                    >= t.nombre_smic_3_mois * smic_3_mois
                )
                | (
                    salaire + sum_in_order(inputs, "salaire_brut", five_before)
                    >= t.nombre_smic_6_mois * smic_6_mois
                )
            )
        )
    )
    # ue_autorisation_travail_exigee: transitional measures on the month's date;
    # ue_travail_salarie_autorise
    etats = p.mesures_transitoires
    transitoires = civil.nationalite.isin(code for code in etats if etats[code])
    # ue_titre_sejour_en_cours: the document is valid one day of the month at least
    titre_en_cours = (inputs.at("titre_sejour_date_debut", m.name) <= m.last) & (
        inputs.at("titre_sejour_date_fin", m.name) >= m.first
    )
    # or a valid document authorising work (titre_sejour_autorise_travail)
    titre_travail = titre_en_cours & (
        in_list(titre, TitreSejour, m.parameters.sejour.titres_autorisant_travail)
        | inputs.at("mention_autorisant_travail", m.name)
    )
    autorise = (
        ~transitoires
        | inputs.at("autorisation_travail_mesures_transitoires", m.name)
        | titre_travail
    )
    non_salariee = inputs.at("activite_non_salariee", m.name)  # no authorisation for it
    # travailleur_ue
    travailleur = ressortissant & ((activite & autorise) | non_salariee)
    # ue_activite_professionnelle_declaree: any work of the month (no threshold), of any nationality
    activite_declaree = (travail_salarie(inputs, m) & autorise) | non_salariee

    # ancien_travailleur_ue (formula since 22 March 2007); its six months judged on the day of the
    # request, the 1st
    a = p.ancien_travailleur
    duree_activite = inputs.at("duree_activite_anterieure_mois", m.name)
    a_travaille = duree_activite > 0
    plus_d_un_an = duree_activite >= a.duree_activite_maintien_sans_limite
    chomage = inputs.at("chomage_involontaire", m.name)
    chomeur_inscrit = chomage & inscrit
    perte_recente = inputs.at("date_perte_emploi", m.name) > add_months(
        m.first, -a.duree_maintien_chomage_premiere_annee
    )
    incapacite = inputs.at("incapacite_temporaire_travail", m.name)
    formation = inputs.at("formation_professionnelle", m.name)
    ancien_travailleur = (
        ressortissant
        & ~travailleur
        & a_travaille
        & (
            incapacite
            | (chomeur_inscrit & plus_d_un_an)
            | (formation & (inputs.at("formation_liee_activite_anterieure", m.name) | chomage))
            | (chomeur_inscrit & ~plus_d_un_an & perte_recente)
        )
    )

    # ue_seuil_ressources_suffisantes: the RSA amount of the foyer, or the ASPA from 65 (float64
    # arithmetic per family as the formula's, kept as float32)
    rmi_rsa = m.parameters.prestations.montants.rmi_rsa
    aspa = m.parameters.prestations.montants.aspa
    nb_parents, nb_enfants = families.parents, families.children
    nb_personnes = nb_parents + nb_enfants
    enfants_a_partir_du_troisieme = numpy.maximum(nb_enfants - 2, 0)
    personnes_supplementaires = numpy.maximum(nb_personnes - 2, 0) - enfants_a_partir_du_troisieme
    coefficient_foyer = (
        1
        + rmi_rsa.majoration_deuxieme_personne * (nb_personnes >= 2)
        + rmi_rsa.majoration_personne_supplementaire * personnes_supplementaires
        + rmi_rsa.majoration_enfant_a_partir_du_troisieme * enfants_a_partir_du_troisieme
    )
    montant_aspa = (
        numpy.where(nb_parents >= 2, aspa.montant_annuel_couple, aspa.montant_annuel_personne_seule)
        / 12
    )
    age_aspa = inputs.every_month("date_naissance") <= add_months(m.first, -12 * p.inactif.age_aspa)
    seuil = numpy.where(
        age_aspa,
        families.per_person(montant_aspa),
        families.per_person(rmi_rsa.montant_forfaitaire * coefficient_foyer),
    ).astype(numpy.float32)

    # inactif_ue_conditions_remplies: resources of the foyer (its member's largest) and full
    # sickness cover, or an accident of life less than six months ago, not under the AME
    couverture = inputs.at("couverture_maladie", m.name)
    ame = couverture == CouvertureMaladie.ame.index
    accident = inputs.at("date_accident_vie", m.name)
    inactif_conditions = ressortissant & (
        (
            (families.max(inputs.at("ressources_mensuelles", m.name)) >= seuil)
            & (couverture == CouvertureMaladie.complete.index)
        )
        | (
            (accident <= m.last)
            & (accident > add_months(m.first, -p.inactif.duree_maintien_accident_vie))
            & ~ame
        )
    )

    # droit_sejour_permanent_ue (since 26 July 2006): five years of legal stay, and no absence of
    # more than two years since, on the day of the request (the 1st)
    sp = p.sejour_permanent
    carte_sejour_permanent = (titre == TitreSejour.carte_sejour_permanent_ue.index) & titre_en_cours
    carte_membre_famille = (titre == TitreSejour.carte_membre_famille_ue.index) & titre_en_cours
    debut_sejour = inputs.at("date_debut_sejour_legal_ue", m.name)
    depart = inputs.at("date_dernier_depart_france", m.name)
    parti_depuis = depart >= debut_sejour
    absence_longue = numpy.zeros_like(parti_depuis)
    fin_absence = numpy.where(arrivee > depart, arrivee, m.first)[parti_depuis]
    absence_longue[parti_depuis] = fin_absence > add_months(
        depart[parti_depuis], 12 * sp.duree_absence_perte
    )
    sejour_permanent = carte_sejour_permanent | (
        (ressortissant | carte_membre_famille)
        & (debut_sejour <= add_months(m.first, -12 * sp.duree_sejour_legal))
        & ~absence_longue
    )

    # etudiant_ue_conditions_remplies (L.233-1 3°): counted where inactif_ue_conditions_remplies is
    inactif_conditions = inactif_conditions | (
        ressortissant
        & inputs.at("inscrit_etablissement_enseignement", m.name)
        & (couverture == CouvertureMaladie.complete.index)
        & inputs.at("garantit_ressources_suffisantes", m.name)
    )
    # droit_au_sejour_ue_propre, a residence card shown (ue_titre_sejour_constate_droit) included
    carte_constate = ressortissant & in_list(titre, TitreSejour, CARTES_DE_SEJOUR) & titre_en_cours
    # and the citizen whose spouse holds the family-member card (CNAF letter § 3:
    # conjoint_titulaire_carte_membre_famille_ue)
    conjoint_carte = ~civil.enfant & families.others(carte_membre_famille & ~civil.enfant)
    droit_propre = ressortissant & (
        sejour_permanent
        | travailleur
        | ancien_travailleur
        | inactif_conditions
        | carte_constate
        | conjoint_carte
    )
    # membre_famille_ue: a family member with a right of their own, the card (or, from a third
    # country, the permanent card), or a spouse's card
    membre_famille = ~civil.francais & (
        families.others(droit_propre & ~civil.enfant)
        | carte_membre_famille
        | (~ressortissant & carte_sejour_permanent)
        | (ressortissant & conjoint_carte)
    )
    # statut_ressortissant_ue: the first category that applies
    statuts = StatutRessortissantUE
    statut = numpy.select(
        [
            ~(ressortissant | membre_famille | sejour_permanent),
            sejour_permanent,
            travailleur,
            ancien_travailleur,
            inactif_conditions,
            membre_famille,
            inputs.at("entre_en_france_pour_chercher_emploi", m.name),
        ],
        [
            statuts.non_concerne.index,
            statuts.sejour_permanent.index,
            statuts.travailleur.index,
            statuts.ancien_travailleur.index,
            statuts.inactif.index,
            statuts.membre_famille.index,
            statuts.demandeur_emploi.index,
        ],
        statuts.inactif.index,
    )
    inactif = statut == statuts.inactif.index
    demandeur = statut == statuts.demandeur_emploi.index
    # droit_au_sejour_ue: by category; none for a family member under the AME whose family's own
    # rights are all inactive ones, without his card (cnaf_ame_membre_famille_d_inactifs)
    recherche_dans_le_delai = inscrit & (
        (arrivee > add_months(m.first, -p.demandeur_emploi.duree_raisonnable_recherche))
        | inputs.at("chances_reelles_embauche", m.name)  # Antonissen, beyond the delay
    )
    ame_membre_famille_d_inactifs = (
        ame & ~families.others(droit_propre & ~inactif) & ~carte_membre_famille
    )
    droit = (
        (statut == statuts.sejour_permanent.index)
        | (statut == statuts.travailleur.index)
        | (statut == statuts.ancien_travailleur.index)
        | ((statut == statuts.membre_famille.index) & ~ame_membre_famille_d_inactifs)
        | (inactif & inactif_conditions)
        | (demandeur & recherche_dans_le_delai)
        # ue_titre_sejour_constate_droit: a residence card shown proves the right
        | carte_constate
    )

    # ue_residence_prealable_exigee: no declared activity, nor former worker, nor one's family
    # member
    exempte = activite_declaree | (a_travaille & (incapacite | formation | inscrit))
    exigee = ressortissant & ~(exempte | families.others(exempte) | sejour_permanent)
    # communs.nationalite_admise (before May 1998): an EU worker or former worker, or his family
    travailleur_ou_ancien = ressortissant & (
        travail_salarie(inputs, m) | non_salariee | a_travaille
    )
    famille_travailleur = families.per_person(
        families.any_parent(travailleur_ou_ancien & ~civil.enfant)
    )
    return SimpleNamespace(
        droit=droit,
        membre_famille=membre_famille,
        nationalite_admise_ue=travailleur_ou_ancien | famille_travailleur,
        # exclu_demandeur_emploi_ue, exclu_demandeur_emploi_ue_aspa_asi,
        # exclu_demandeur_emploi_ue_prestations_caf
        exclu=demandeur & bool(p.demandeur_emploi.exclusion_minima_sociaux),
        exclu_aspa_asi=demandeur & bool(p.demandeur_emploi.exclusion_aspa_asi),
        # ... and, for the CNAF, the inactive who entered to look for work, while searching
        exclu_caf=(
            demandeur
            | (
                inactif
                & inputs.at("entre_en_france_pour_chercher_emploi", m.name)
                & recherche_dans_le_delai
            )
        )
        & bool(p.demandeur_emploi.exclusion_prestations_caf),
        # ue_condition_residence_prealable_rmi_rsa, ue_condition_residence_prealable_aah
        condition_rmi_rsa=~(exigee & bool(p.residence_prealable.rmi_rsa)) | res.trois_mois,
        condition_aah=~(exigee & bool(p.residence_prealable.aah)) | res.trois_mois,
        # ue_condition_residence_prealable_api, ue_condition_residence_prealable_aspa
        condition_api=~(exigee & bool(p.residence_prealable.api)) | res.trois_mois,
        condition_aspa=~(exigee & bool(p.residence_prealable.aspa)) | res.trois_mois,
        # ue_prestations_familiales_mois_suivant_arrivee: arrived before the month (before its 1st),
        # for the inactive and the family members whose family's own rights are all inactive ones
        mois_suivant_arrivee=~(
            inactif
            | (
                (statut == statuts.membre_famille.index)
                & families.others(droit_propre & inactif)
                & ~families.others(droit_propre & ~inactif)
            )
        )
        | (arrivee < m.first),
    )


# ---------------------------------------------------------------------------------------------
# The benefits: (motif, failed) pairs in each benefit's order of precedence


def refus_sejour_etranger(
    civil, st, eu, motifs, titre_regulier, exclusion, concerne=None, droit_verifie=True
):
    """prestations.communs.refus_sejour_etranger; `droit_verifie`: whether the EU citizen's right
    of residence is read (ressortissant_ue_sans_droit_au_sejour_prestations_caf for the CAF's)."""
    ue, pays_tiers = civil.ue, civil.pays_tiers
    if concerne is not None:
        ue, pays_tiers = ue & concerne, pays_tiers & concerne
    return [
        (motifs.decision_refus_sejour, (ue | pays_tiers) & st.decision),
        (motifs.demandeur_emploi_ue, ue & exclusion),
        (motifs.droit_au_sejour_ue, ue & ~eu.droit & droit_verifie),
        (motifs.sejour_irregulier, pays_tiers & ~titre_regulier),
    ]


def nationalite_refusee(civil, st, eu, reservee) -> numpy.ndarray:
    """The negation of prestations.communs.nationalite_admise (AAH, ASPA and ASI before May 1998):
    neither French, refugee nor stateless, nor an EU worker or former worker or one's family, while
    the benefit is reserved."""
    refugie_ou_apatride = (st.protection == StatutProtection.refugie.index) | (
        st.protection == StatutProtection.apatride.index
    )
    admis = civil.francais | refugie_ou_apatride | eu.nationalite_admise_ue
    return bool(reservee) & ~admis


def refus_sejour_l816_1(civil, st, eu, m: Month, motifs):
    """prestations.aspa.SEJOUR_L816_1 (ASPA and ASI); their RESIDENCE ends with the EU
    citizen's three months (RESIDENCE_PREALABLE_UE)."""
    ue, pays_tiers = civil.ue, civil.pays_tiers
    reservee = m.parameters.prestations.aspa.condition_nationalite
    return [
        (motifs.decision_refus_sejour, (ue | pays_tiers) & st.decision),
        (motifs.demandeur_emploi_ue, ue & eu.exclu_aspa_asi),
        (motifs.droit_au_sejour_ue, ue & ~eu.droit),
        (motifs.condition_nationalite, nationalite_refusee(civil, st, eu, reservee)),
        (motifs.sejour_irregulier, pays_tiers & ~st.sejour_regulier),
        # anteriorite_titres_aspa: the EU citizen's family member is exempt (directive 2004/38)
        (motifs.anteriorite_titres, pays_tiers & ~(st.anteriorite_aspa | eu.membre_famille)),
    ]


def benefits(inputs, families, civil, res, st, eu, m: Month) -> dict[str, tuple]:
    """Each benefit's `(X_motif_refus, X_eligible)`: codes per person, eligibility per person or
    per family. An individu's conditions hold exactly where no rule refuses (`aucun`, code 0)."""
    size = len(civil.francais)
    enfant, parent = civil.enfant, ~civil.enfant
    # ressortissant_ue_sans_droit_au_sejour_prestations_caf: the CAF's benefits read the right
    caf = bool(m.parameters.ue.droit_au_sejour_verifie.prestations_caf)
    out = {}
    # residence_principale_logement_famille: the home occupied eight months by a parent or a
    # child of the famille (the ALF, the housing aids)
    logement = families.per_person(
        families.any_parent(res.logement) | families.any_child(res.logement)
    )

    # rsa (since June 2009): the lone parent with the majoration (RSA majoré) needs only the
    # L.512-2 regularity, and no years of permits; nor do the holder of the UK withdrawal
    # agreement's permit and the family member of an EU citizen (directive 2004/38, art. 24).
    # rsa_parent_isole: one parent, and a child counted (L.262-5: enfant_entree_reguliere) or a
    # declared pregnancy (femme_isolee_enceinte)
    motifs = MotifRefusRsa
    grossesse = inputs.at("grossesse_declaree", m.name)
    compte = st.enfant_entree_reguliere
    isole = families.parents == 1
    parent_isole = (
        families.per_person(isole & (families.any_child(compte) | families.any_parent(grossesse)))
        & parent
    )
    # rsa_majoration_isolement (R.262-2), on a request of the 1st: pregnant, the youngest child
    # counted not yet three, or within the months that follow the start of the isolation
    majoration = m.parameters.sejour.anteriorite_titres.rsa.majoration_isolement
    anniversaire = add_months(
        inputs.every_month("date_naissance"), 12 * int(majoration.age_plus_jeune_enfant)
    )
    jeune_enfant = families.per_person(families.any_child(compte & (anniversaire > m.first)))
    periode = m.first < add_months(
        inputs.every_month("date_debut_isolement"),
        int(majoration.delai_demande_mois + majoration.duree_mois),
    )
    parent_isole = parent_isole & (grossesse | jeune_enfant | periode)
    titre_regulier = numpy.where(parent_isole, st.sejour_regulier_pf, st.sejour_regulier)
    anteriorite = parent_isole | st.anteriorite_rsa | st.accord_retrait | eu.membre_famille
    motif = first_refusal(
        [
            (motifs.residence, ~res.residence_permanente),
            (motifs.residence_prealable_ue, ~eu.condition_rmi_rsa),
            *refus_sejour_etranger(civil, st, eu, motifs, titre_regulier, eu.exclu),
            # L.262-5: the child's entry, not the years of permits
            (motifs.anteriorite_titres, civil.pays_tiers & ~anteriorite & parent),
        ],
        size,
    )
    out["rsa"] = (motif, families.any_parent(motif == 0))  # un_parent_remplit

    # aah: the nationality condition (before May 1998) comes before the permit
    motifs = MotifRefusAah
    *sejour, irregulier = refus_sejour_etranger(
        civil, st, eu, motifs, st.sejour_regulier, eu.exclu, droit_verifie=caf
    )
    reservee = m.parameters.prestations.aah.condition_nationalite
    motif = first_refusal(
        [
            (motifs.residence, ~res.residence_permanente_aah),
            (motifs.residence_prealable_ue, ~eu.condition_aah),
            *sejour,
            (motifs.condition_nationalite, nationalite_refusee(civil, st, eu, reservee)),
            irregulier,
        ],
        size,
    )
    out["aah"] = (motif, motif == 0)

    # prestations_familiales: the parent's conditions, or the child's; a parent and a child.
    # prestations_familiales_residence_allocataire: the home occupied eight months for the ALF
    motifs = MotifRefusPrestationsFamiliales
    # prestations_familiales_api_demandee: three months for an EU citizen not at work, and the
    # jobseeker's exclusion (L.524-1)
    demandee = inputs.at("prestation_familiale_demandee", m.name)
    # prestations_familiales_api_demandee: the API until 31 May 2009
    alf, api = demandee == ALF, (demandee == API) & (m.first <= API_END)
    allocataire = numpy.where(alf, logement, res.reside_prestations_familiales)
    # communs.demandeur_emploi_caf: the CAF's exclusion of the EU jobseeker, a residence rule
    demandeur_caf = parent & civil.ue & eu.exclu_caf
    motif = first_refusal(
        [
            (motifs.residence, parent & ~allocataire),
            (motifs.arrivee_dans_le_mois_ue, parent & ~eu.mois_suivant_arrivee),
            (motifs.residence_prealable_ue, parent & api & ~eu.condition_api),
            (motifs.demandeur_emploi_ue, demandeur_caf),
            (motifs.enfant_residence, enfant & ~res.enfant_reside),
            *refus_sejour_etranger(
                civil,
                st,
                eu,
                motifs,
                st.sejour_regulier_pf,
                api & eu.exclu,
                concerne=parent,
                droit_verifie=caf,
            ),
            (motifs.enfant_entree_irreguliere, enfant & ~st.enfant_entree_reguliere),
        ],
        size,
    )
    remplies = motif == 0
    # prestations_familiales_paje_grossesse (since 2004): a parent asks for the PAJE, a parent's
    # pregnancy is declared: no child born needed
    enfant_a_naitre = (
        (m.first >= PAJE_START)
        & families.any_parent(demandee == PAJE)
        & families.any_parent(inputs.at("grossesse_declaree", m.name))
    )
    out["prestations_familiales"] = (
        motif,
        families.any_parent(remplies) & (families.any_child(remplies) | enfant_a_naitre),
    )

    # aspa: the residence of the claimant, of the spouse, or of both (aspa_cas_versement)
    motifs = MotifRefusAspa
    cas = inputs.at("aspa_cas_versement", m.name)
    reside = res.reside_aspa
    motif = first_refusal(
        [
            (
                motifs.residence,
                (cas != CasVersementAspa.majoration_conjoint_a_charge.index) & ~reside,
            ),
            (
                motifs.residence_conjoint,
                (cas != CasVersementAspa.allocataire.index) & ~families.others(reside & parent),
            ),
            (motifs.residence_prealable_ue, ~eu.condition_aspa),
            *refus_sejour_l816_1(civil, st, eu, m, motifs),
        ],
        size,
    )
    out["aspa"] = (motif, motif == 0)

    # asi
    motifs = MotifRefusAsi
    motif = first_refusal(
        [
            (motifs.residence, ~res.reside_en_france),
            (motifs.residence_prealable_ue, ~eu.condition_aspa),
            *refus_sejour_l816_1(civil, st, eu, m, motifs),
        ],
        size,
    )
    out["asi"] = (motif, motif == 0)

    # puma (since 2000); css takes its conditions and its reason (css_condition_*, css_motif_refus)
    # but R.115-6 for those who work and a request lodged during the keeping
    motifs = MotifRefusCouvertureMaladie
    refugie = (st.protection == StatutProtection.refugie.index) | (
        st.protection == StatutProtection.protection_subsidiaire.index
    )
    demandeur_asile = (st.titre == TitreSejour.attestation_demande_asile.index) & ~refugie
    couverture = m.parameters.prestations.couverture_maladie
    # puma_dispense_residence_prealable_propre: work, minors, protection, asylum, then the facts
    # of the categories of the list in force (FAITS)
    # activite_professionnelle: salaried work of the month, or self-employment
    travaille = travail_salarie(inputs, m) | inputs.at("activite_non_salariee", m.name)
    dispense = (
        travaille
        | civil.mineur
        | refugie
        | (demandeur_asile & bool(couverture.demandeurs_asile_majeurs_dispenses))
    )
    for categorie in couverture.dispenses_residence_prealable:
        for fait in PUMA_FAITS.get(categorie, ()):  # membres_famille: below
            dispense = dispense | inputs.at(fait, m.name)
    # puma_maintien_droits: not for a request of first affiliation
    maintien = st.maintien & ~inputs.at("puma_premier_rattachement", m.name)
    couvert = st.sejour_regulier | maintien
    (decision, refus), demandeur, droit_ue, (irregulier, sans_titre) = refus_sejour_etranger(
        civil, st, eu, motifs, couvert, eu.exclu
    )
    sejour = [
        (decision, refus & ~maintien),
        demandeur,
        droit_ue,
        # puma_titre_expire: R.111-4, for the months that start under décret 2017-240
        (motifs.titre_expire, sans_titre & st.titre_anterieur & (m.first >= R_111_4)),
        (irregulier, sans_titre),
    ]
    # puma_dispense_controle_residence: who works, minors
    non_resident = ~civil.mineur & ~res.reside_en_france
    controle = non_resident & ~travaille
    if "membres_famille" in couverture.dispenses_residence_prealable:
        # puma_membre_famille_rejoignant_assure: a parent of the famille meets the conditions
        # himself (puma_conditions_propres), arrived in France on or before the person's arrival
        refuse = controle | (~dispense & ~res.trois_mois)
        for _, refused in sejour:
            refuse = refuse | refused
        arrivee = inputs.at("date_arrivee_france", m.name).view(numpy.int64)
        assure = ~refuse & ~civil.enfant
        # another than the person: the first arrived of the insured parents, or, for an insured
        # parent, the other parent if insured (two parents at most)
        jamais, avant = numpy.iinfo(numpy.int64).max, numpy.iinfo(numpy.int64).min
        premiere = families.min(numpy.where(assure, arrivee, jamais))
        derniere = families.max(numpy.where(assure, arrivee, avant))
        autre_parent = numpy.where(arrivee == derniere, premiere, derniere)
        autre = numpy.where(
            assure, numpy.where(families.others(assure), autre_parent, jamais), premiere
        )
        dispense = dispense | (arrivee >= autre)
    sejour.insert(0, (motifs.residence_prealable, ~dispense & ~res.trois_mois))
    motif = first_refusal([(motifs.residence, controle), *sejour], size)
    out["puma"] = (motif, motif == 0)
    # css: R.115-6 even for who works; a request lodged during the keeping needs a document valid
    # on its day (LR-DDO-124/2017)
    motif = first_refusal([(motifs.residence, non_resident), *sejour], size)
    demande_pendant_maintien = inputs.at("css_nouvelle_demande", m.name) & st.maintien
    motif = numpy.where(
        (motif == 0) & demande_pendant_maintien, motifs.sejour_irregulier.index, motif
    )
    out["css"] = (motif, motif == 0)

    # ame (since 2000): for those whom a regular stay does not cover
    motifs = MotifRefusAme
    regulier = (
        civil.francais
        | (civil.ue & eu.droit)
        | (civil.pays_tiers & (st.sejour_regulier | maintien))  # puma_maintien_droits
        | st.titre_special_mae
    )
    motif = first_refusal(
        [
            (motifs.sejour_regulier, regulier),  # the regular stay first
            (motifs.residence_ininterrompue, ~st.residence_ininterrompue_ame),
        ],
        size,
    )
    out["ame"] = (motif, motif == 0)

    # aide_logement
    motifs = MotifRefusAideLogement
    motif = first_refusal(
        [
            (motifs.residence, ~logement),
            (motifs.demandeur_emploi_ue, demandeur_caf),
            *refus_sejour_etranger(
                civil,
                st,
                eu,
                motifs,
                st.sejour_regulier_pf,
                False,
                concerne=parent,
                droit_verifie=caf,
            ),
        ],
        size,
    )
    out["aide_logement"] = (motif, families.any_parent(motif == 0))
    return out


# ---------------------------------------------------------------------------------------------
# The whole population


@dataclass
class NumpyResults:
    """`persons[(variable, month)]`: one value per person, in the population's order;
    `families[(variable, month)]`: one per famille, in order of first appearance. An enum value
    is the index of its item."""

    persons: dict[tuple[str, str], numpy.ndarray] = field(default_factory=dict)
    families: dict[tuple[str, str], numpy.ndarray] = field(default_factory=dict)


def compute_chunk(table: pyarrow.Table, months, system) -> NumpyResults:
    """Every `X_eligible` and `X_motif_refus` of the persons of `table` (whole families)."""
    wanted = [numpy.datetime64(str(month), "M") for month in months]
    results = NumpyResults()
    if not wanted:
        return results
    inputs = Inputs(table, system)
    families = Families(table)
    history = History(inputs, system)
    history.prepare_expirations(wanted)
    history.prepare_presence(wanted)
    # droit_au_sejour_ue at the end of the transition, read by the withdrawal agreement
    m = history.month(numpy.datetime64("2020-12", "M"))
    civil = civil_status(inputs, families, m)
    droit_2020 = eu_right_of_stay(
        inputs, history, families, civil, residence(inputs, history, m), m
    ).droit
    for month in wanted:
        m = history.month(month)
        civil = civil_status(inputs, families, m)
        res = residence(inputs, history, m)
        st = stay(inputs, history, families, civil, m, droit_2020)
        eu = eu_right_of_stay(inputs, history, families, civil, res, m)
        st = minors_stay(inputs, families, civil, st, eu, m)
        for benefit, (motif, eligible) in benefits(inputs, families, civil, res, st, eu, m).items():
            results.persons[(f"{benefit}_motif_refus", m.name)] = motif
            target = results.families if benefit in FAMILY_BENEFITS else results.persons
            target[(f"{benefit}_eligible", m.name)] = eligible
    return results


def compute(population, months, system=None, chunk_size: int = DEFAULT_CHUNK_SIZE) -> NumpyResults:
    """Every `X_eligible` and `X_motif_refus` of a population (a `Population`, or anything
    `openfisca_residence.population.as_population` reads) for `months` (YYYY-MM), by chunks of
    whole families."""
    system = system or tax_benefit_system()
    population: Population = as_population(population, system)
    months = [str(numpy.datetime64(str(month), "M")) for month in months]
    if months and min(numpy.datetime64(month, "M") for month in months) < FIRST_MONTH:
        raise ValueError(f"The numpy model covers the months from {FIRST_MONTH} on.")
    families, family_count = population.families
    results = NumpyResults()
    parts: dict[tuple[str, str], list] = {}
    for rows in plan_chunks(families, family_count, chunk_size):
        part = compute_chunk(take_rows(population.table, rows), months, system)
        for key, values in part.persons.items():
            if key not in results.persons:
                results.persons[key] = numpy.empty(len(population), dtype=values.dtype)
            results.persons[key][rows] = values
        for key, values in part.families.items():
            parts.setdefault(key, []).append(values)
    for key, values in parts.items():
        results.families[key] = numpy.concatenate(values)
    return results
