"""The histories of documents: coherent in every month of the synthetic population."""

import itertools

import numpy
import pytest

from openfisca_residence.synthetic import generate
from openfisca_residence.system.months import parse_months

MONTHS = parse_months("2023-01..2027-12")
EU = {"PT", "IT", "ES", "RO", "BE", "DE", "PL", "BG", "NL", "CH", "NO"}


@pytest.fixture(scope="module")
def population():
    return generate(3_000, 17, MONTHS[0], MONTHS[-1])


def column(table, name):
    values = table[name].to_numpy(zero_copy_only=False)
    if values.dtype.kind == "M":
        return values.astype("datetime64[D]")
    return numpy.asarray(values)


def texts(table, name):
    return numpy.array(table[name].to_pylist(), dtype=object)


def month_columns(table, month):
    suffix = "" if month is None else f"@{month}"
    names = [
        "titre_sejour",
        "titre_sejour_date_debut",
        "titre_sejour_date_fin",
        "decision_refus_sejour_date",
        "mesure_eloignement_definitive",
        "demande_renouvellement_titre",
        "date_premier_titre_autorisant_travail",
        "date_debut_residence_reguliere",
        "statut_protection",
        "nationalite",
    ]
    return {
        name: texts(table, name + suffix)
        if name in ("titre_sejour", "statut_protection", "nationalite")
        else column(table, name + suffix)
        for name in names
    }


def test_no_month_where_a_documents_dates_contradict_each_other(population):
    table = population
    child = texts(table, "family_role") == "enfant"
    birth = column(table, "date_naissance")
    for month in [None, *MONTHS]:
        day = numpy.datetime64(f"{month or '2022-12'}-01") + (0 if month else 30)
        values = month_columns(table, month)
        kind, start, end = (
            values["titre_sejour"],
            values["titre_sejour_date_debut"],
            values["titre_sejour_date_fin"],
        )
        holds = kind != "aucun"
        where = f"month {month}"
        assert (numpy.isnat(start) == ~holds).all(), where  # a document has its start, none else
        assert (start[holds] <= day).all(), where  # the document of a month began by its 1st day
        dated = holds & ~numpy.isnat(end)
        assert (start[dated] <= end[dated]).all(), where
        no_end = holds & numpy.isnat(end)
        assert set(kind[no_end]) <= {"convocation_premiere_demande", "convocation_renouvellement"}
        refusal = values["decision_refus_sejour_date"]
        refused = ~numpy.isnat(refusal)
        assert (refusal[refused] <= day + 31).all(), where  # a decision already taken
        # The decision was taken on the document held, save a new first request, under way
        # (a convocation: the prefecture has not yet admitted it, the old decision stands).
        on_document = refused & holds & (kind != "convocation_premiere_demande")
        assert (start[on_document] <= refusal[on_document]).all(), where
        removal = values["mesure_eloignement_definitive"]
        assert (refused[removal]).all(), where  # a removal order follows a decision
        assert (refusal[removal] + 30 <= day).all(), where  # final once the appeal time has run
        asked = values["demande_renouvellement_titre"]
        assert set(kind[asked]) - {"recepisse_renouvellement", "convocation_renouvellement"} <= {
            "carte_resident",
            "carte_resident_ue_longue_duree",
            "carte_sejour_pluriannuelle",
            "carte_sejour_temporaire",
            "visa_long_sejour_valant_titre",
            "certificat_residence_algerien",
            "titre_accord_retrait_royaume_uni",
            "carte_retraite",
            "carte_membre_famille_ue",
            "carte_sejour_permanent_ue",
            "titre_andorran",
            "passeport_monegasque",
            "titre_special_mae",
            "autorisation_provisoire_sejour",
        }, where
        assert not (asked & refused).any(), where  # a renewal refused is no longer asked
        receipts = kind == "recepisse_renouvellement"
        assert (asked[receipts & ~refused]).all(), where  # the récépissé of a request pending
        working = values["date_premier_titre_autorisant_travail"]
        authorised = ~numpy.isnat(working)
        assert (working[authorised] <= day).all(), where
        assert (working[authorised] <= start[authorised]).all(), where
        assert not (authorised & refused).any(), where  # a refusal ends the holding of permits
        regular = values["date_debut_residence_reguliere"]
        assert (regular[~numpy.isnat(regular)] <= day).all(), where
        french = values["nationalite"] == "FR"
        assert not (french & holds).any(), where  # a French national holds no permit
        # Minors hold no document; a child has the protection and the nationality of its family.
        minor = birth + 18 * 365 > day
        assert not (holds & minor).any(), where
        assert not (holds & child).any(), where
        head = first_parent_rows(table)
        assert (
            values["statut_protection"][child] == values["statut_protection"][head[child]]
        ).all()
        assert (values["nationalite"][child] == values["nationalite"][head[child]]).all()


def first_parent_rows(table):
    family = column(table, "family_id")
    rows = numpy.arange(len(family))
    first = {}
    for row, key in zip(rows[::-1], family[::-1], strict=True):
        first[key] = row
    return numpy.array([first[key] for key in family])


def test_a_renewal_asked_in_time_is_followed_by_a_recepisse_or_the_next_card(population):
    table = population
    renewals = 0
    for before, after in itertools.pairwise(MONTHS):
        old, new = month_columns(table, before), month_columns(table, after)
        changed = (
            (old["titre_sejour"] != "aucun")
            & (
                (old["titre_sejour_date_debut"] != new["titre_sejour_date_debut"])
                | (old["titre_sejour"] != new["titre_sejour"])
            )
            & (new["titre_sejour"] != "aucun")
        )
        receipt = changed & (new["titre_sejour"] == "recepisse_renouvellement")
        # The récépissé starts the day after the card it renews ends; the request is pending.
        follows = (
            old["titre_sejour_date_fin"][receipt] + 1 == new["titre_sejour_date_debut"][receipt]
        )
        assert follows.all(), after
        pending = receipt & numpy.isnat(new["decision_refus_sejour_date"])
        assert new["demande_renouvellement_titre"][pending].all(), after
        renewals += int(receipt.sum())
    assert renewals > 50


def test_each_third_country_national_has_a_history_of_documents(population):
    table = population
    kinds = numpy.column_stack([texts(table, f"titre_sejour@{m}") for m in MONTHS])
    changes = (kinds[:, 1:] != kinds[:, :-1]).sum(axis=1)
    nationality = texts(table, "nationalite")
    third = (nationality != "FR") & ~numpy.isin(nationality, list(EU))
    adult = texts(table, "family_role") == "parent"
    assert (changes[third & adult] >= 1).mean() > 0.3  # most have at least a change in 5 years
    assert (changes[~third] == 0).all()  # French and EU citizens hold no permit
    seen = set(kinds.ravel())
    for step in [
        "attestation_demande_asile",
        "recepisse_protection_internationale",
        "convocation_premiere_demande",
        "recepisse_premiere_demande",
        "recepisse_renouvellement",
        "carte_sejour_temporaire",
        "carte_sejour_pluriannuelle",
        "carte_resident",
    ]:
        assert step in seen, step


def test_the_yearly_flows_are_those_published():
    """First permits, regularisations, naturalisations, asylum claims and renewals of a year
    (2024, after a first year drawn) near the DGEF's and OFPRA's figures of the year."""
    from openfisca_residence.synthetic.flows import yearly_flows

    flows = yearly_flows(20_000, 2026, "2023-01", "2024-12").set_index(["flow", "year"])
    allowed = {
        "premiers_titres": 0.25,
        "regularisations": 0.35,
        "naturalisations_interieur": 0.3,
        "demandes_asile": 0.25,
        "renouvellements": 0.3,
    }
    for flow, tolerance in allowed.items():
        row = flows.loc[(flow, 2024)]
        assert abs(row.deviation) <= tolerance, (flow, row.model, row.published)
    assert flows.loc[("protections", 2024)].model > 30_000  # OFPRA and CNDA: ≈ 45 % of decisions
