"""Invariants of the rules, over random persons and months (Hypothesis).

Each example is a small population (a few families of random persons: French, citizens of the
Union, third-country nationals with any document and its dates, refugees, stateless persons,
children...) at one month between 1995-01 and 2027-12, computed in one vectorial simulation. The
runs are derandomized (the same examples each time, no example database) and bounded: each test
states its number of examples.

1. A restricting reform never grants a right that today's law refuses, except the AME: it is the
   benefit of irregular stay, which a person gains when a reform takes away the right that made the
   stay count as regular (the maintien of R.111-4 that `fin_droits_expiration_sejour` abolishes).
   Two examples in three are families the reforms act on (a parent from outside the Union, with
   children, settled for a few years, whose document ended after the reforms' dates of effect),
   and each reform must take away at least one right over the run: a reform that acts on nobody
   would pass the invariant for nothing. Two such families are written out and run every time (a
   document ended two months ago, one valid for ten more months): that each reform acts on someone
   never rests on the draw. The other examples vary from run to run (Hypothesis prints the seed of
   a failure).
2. More days in France (fewer days of absence, an earlier arrival) never removes residence.
3. A later request date, with a document already expired, never makes the stay regular (nor meets
   the stay condition of the PUMa or the CSS) — under the same law: between the two dates, the law
   may widen the list of documents (receivable, or kept while their renewal is examined, as the
   pluriannual card from 2019-03-01), so the test compares only dates under the same lists.
4. `X_motif_refus` is `aucun` exactly when the person meets both conditions, and `X_eligible` holds
   exactly when they do (for a family benefit: a parent meeting both, and for family benefits a
   child too, or for the API until May 2009 the isolated mother's pregnancy) — today and under
   each reform, checked on the examples of invariant 1. (`X_eligible` is written as both
   conditions: what this checks is the reason of refusal, and the families.)
5. A family's values are the same computed beside the other families or alone: no rule reads
   another family, and a rule that skips work nobody in the simulation needs (a month in which
   nobody holds a document; the Union's rules without a citizen of the Union, the withdrawal
   agreement without a British national) gives what it gives beside persons who need it.
"""

from collections import Counter
from datetime import date, timedelta

import numpy
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openfisca_core.simulations import SimulationBuilder

from openfisca_residence.rules.lookup import category_in_at_dates, parameters_of, value_at_dates
from openfisca_residence.system.benefits import BENEFITS
from openfisca_residence.system.registry import resolve_reform
from openfisca_residence.variables.prestations.enums import CasVersementAspa
from openfisca_residence.variables.sejour.enums import EntreeEnfant, StatutProtection, TitreSejour
from openfisca_residence.variables.ue.enums import CouvertureMaladie

FAMILY_LEVEL = {"rsa", "prestations_familiales", "aide_logement"}
# The restricting reforms, at dates of effect early enough for the months drawn (2024-02..2027-12).
REFORMS = {
    "fin_droits_expiration_sejour": "fin_droits_expiration_sejour@2024-01-01",
    "loi_2024_42_art_19": "loi_2024_42_art_19",
    "ppl_senat_2025_duree_residence": "ppl_senat_2025_duree_residence@2025-03-18",
}
# The benefit a restricting reform may grant: see the module's docstring.
GRANTED_BY_RESTRICTION = {"ame"}
RESIDENCE = [
    "reside_en_france",
    "enfant_reside_en_france",
    "residence_permanente",
    "residence_permanente_aah",
    "residence_principale_logement",
    "residence_principale_logement_famille",
    "residence_prealable_3_mois",
    "reside_en_france_aspa",
    "reside_en_france_prestations_familiales",
    "residence_ininterrompue_ame",
]
NATIONALITIES = ["FR", "IT", "PL", "RO", "DE", "NO", "CH", "DZ", "MA", "SN", "CN", "US", "GB", "XX"]
FIRST_MONTH = date(1995, 1, 1)
MONTH_COUNT = (2027 - 1995 + 1) * 12

EXAMPLES = settings(
    max_examples=80,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def month_of(index: int) -> date:
    return date(FIRST_MONTH.year + index // 12, index % 12 + 1, 1)


def month_text(day: date) -> str:
    return f"{day:%Y-%m}"


def days_in(month: date) -> int:
    following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return (following - month).days


def months_back(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 - count
    return date(index // 12, index % 12 + 1, 1)


def day(start: date, offset: int) -> str:
    return (start + timedelta(days=offset)).isoformat()


months = st.integers(0, MONTH_COUNT - 1).map(month_of)
reform_months = st.integers((2024 - 1995) * 12 + 1, MONTH_COUNT - 1).map(month_of)
# Months from which a document ended in the 150 days before ended after every reform's date.
acted_months = st.integers((2025 - 1995) * 12 + 3, MONTH_COUNT - 1).map(month_of)


@st.composite
def absences(draw, month: date) -> dict:
    """Days away in some of the 24 months before `month` and in `month` itself: a few days here and
    there, or, for a traveller, most months, often whole."""
    traveller = draw(st.booleans())
    backs = range(25) if traveller else draw(st.lists(st.integers(0, 24), max_size=8, unique=True))
    away = {}
    for back in backs:
        each = months_back(month, back)
        days = days_in(each)
        away[month_text(each)] = draw(
            st.one_of(st.just(days), st.integers(0, days)) if traveller else st.integers(0, days)
        )
    return away


@st.composite
def person(draw, month: date, child: bool = False) -> dict:
    """The inputs of one person, constant over time (ETERNITY) or for the months around `month`."""
    eternity = {}
    age = draw(st.integers(0, 17) if child else st.integers(18, 95))
    eternity["date_naissance"] = day(month, -365 * age - draw(st.integers(0, 364)))
    eternity["nationalite"] = draw(st.sampled_from(NATIONALITIES))
    if draw(st.booleans()):
        start = draw(st.integers(-4000, 200))
        eternity["titre_sejour"] = draw(st.sampled_from([item.name for item in TitreSejour]))
        eternity["titre_sejour_date_debut"] = day(month, start)
        if draw(st.booleans()):
            eternity["titre_sejour_date_fin"] = day(month, start + draw(st.integers(0, 3650)))
    eternity["statut_protection"] = draw(
        st.sampled_from([item.name for item in StatutProtection] + ["aucun"] * 4)
    )
    if draw(st.booleans()):
        eternity["date_arrivee_france"] = day(month, draw(st.integers(-15000, 60)))
    eternity["foyer_permanent_france"] = draw(st.booleans())
    for name in ("decision_refus_sejour_date", "date_premier_titre_autorisant_travail"):
        if draw(st.booleans()):
            eternity[name] = day(month, draw(st.integers(-4000, 60)))
    if draw(st.booleans()):
        eternity["date_debut_residence_reguliere"] = day(month, draw(st.integers(-5000, 60)))
    for name in (
        "mesure_eloignement_definitive",
        "demande_renouvellement_titre",
        "inscrit_demandeur_emploi",
        "entre_en_france_pour_chercher_emploi",
        "titre_sejour_etudiant",
        "absence_pour_etudes",
        "convention_internationale_applicable",
    ):
        if draw(st.integers(0, 3)) == 0:
            eternity[name] = True
    eternity["couverture_maladie"] = draw(st.sampled_from([i.name for i in CouvertureMaladie]))
    eternity["aspa_cas_versement"] = draw(st.sampled_from([i.name for i in CasVersementAspa]))
    if child:
        eternity["entree_enfant"] = draw(st.sampled_from([item.name for item in EntreeEnfant]))
    inputs = {name: {"ETERNITY": value} for name, value in eternity.items()}
    this_month = month_text(month)
    inputs["jours_absence_france"] = draw(absences(month))
    if draw(st.booleans()):
        inputs["heures_travail"] = {this_month: draw(st.integers(0, 200))}
    if draw(st.booleans()):
        inputs["ressources_mensuelles"] = {this_month: draw(st.integers(0, 3000))}
    if draw(st.booleans()):
        inputs["date_demande"] = {this_month: day(month, draw(st.integers(0, days_in(month) - 1)))}
    return inputs


@st.composite
def population(draw, month_strategy=months):
    """(month, situation): one to four families of one or two parents and up to three children."""
    month = draw(month_strategy)
    individus, familles = {}, {}
    for family in range(draw(st.integers(1, 4))):
        roles = {"parents": [], "enfants": []}
        for role, count in (
            ("parents", draw(st.integers(1, 2))),
            ("enfants", draw(st.integers(0, 3))),
        ):
            for index in range(count):
                name = f"f{family}_{role}{index}"
                individus[name] = draw(person(month, child=role == "enfants"))
                roles[role].append(name)
        familles[f"f{family}"] = roles
    return month, {"individus": individus, "familles": familles}


@pytest.fixture(scope="module")
def systems(tax_benefit_system):
    return {name: resolve_reform(key)(tax_benefit_system) for name, key in REFORMS.items()}


def simulate(system, situation):
    return SimulationBuilder().build_from_entities(system, situation)


def check_eligibility_agrees(simulation, month: str, label: str) -> None:
    """Invariants 4 and 5 on one simulation."""
    famille = simulation.populations["famille"]
    for benefit in BENEFITS:
        residence = simulation.calculate(f"{benefit}_condition_residence", month)
        sejour = simulation.calculate(f"{benefit}_condition_sejour", month)
        both = residence & sejour
        eligible = simulation.calculate(f"{benefit}_eligible", month)
        aucun = simulation.calculate(f"{benefit}_motif_refus", month).decode_to_str() == "aucun"
        assert (aucun == both).all(), (label, benefit, month)
        if benefit in FAMILY_LEVEL:
            expected = famille.any(both, role=famille.entity.PARENT)
            if benefit == "prestations_familiales":  # a child, or the API's pregnancy
                grossesse = simulation.calculate("prestations_familiales_api_grossesse", month)
                expected = expected & (famille.any(both, role=famille.entity.ENFANT) | grossesse)
        else:
            expected = both
        assert (eligible == expected).all(), (label, benefit, month)


@st.composite
def acted_on(draw, expired: bool):
    """(month, situation): one family the reforms act on — a parent from outside the Union, present
    in France, in regular stay for a month to four years, whose document ended in the 150 days
    before the month (after every reform's date of effect: kept by the maintien), or `expired`
    False, ends in the next two years; asking this month; and one to three children born in
    France."""
    month = draw(acted_months)
    parent = draw(person(month))
    for name in (  # no refusal; no document allowing work (the 2025 bill exempts its holders)
        "decision_refus_sejour_date",
        "mesure_eloignement_definitive",
        "date_premier_titre_autorisant_travail",
    ):
        parent.pop(name, None)
    # expired, kept by the maintien today (6 months at least), or still valid
    ended = month + timedelta(days=draw(st.integers(-150, -1) if expired else st.integers(1, 700)))
    parent.update(
        {
            "nationalite": {"ETERNITY": draw(st.sampled_from(["DZ", "MA", "SN", "CN", "US"]))},
            "statut_protection": {"ETERNITY": "aucun"},
            "titre_sejour": {"ETERNITY": draw(st.sampled_from(RECEIVABLE))},
            "titre_sejour_date_debut": {"ETERNITY": day(ended, -draw(st.integers(365, 1400)))},
            "titre_sejour_date_fin": {"ETERNITY": ended.isoformat()},
            "date_debut_residence_reguliere": {
                "ETERNITY": day(month, -draw(st.integers(30, 1460)))
            },
            "date_arrivee_france": {"ETERNITY": day(month, -draw(st.integers(1500, 4000)))},
            "foyer_permanent_france": {"ETERNITY": True},
            "jours_absence_france": {},
            "date_demande": {month_text(month): month.isoformat()},
        }
    )
    individus = {"parent": parent}
    for index in range(draw(st.integers(1, 3))):
        child = draw(person(month, child=True))
        child["jours_absence_france"] = {}
        child["entree_enfant"] = {"ETERNITY": "naissance_france"}
        individus[f"enfant{index}"] = child
    enfants = [name for name in individus if name != "parent"]
    return month, {
        "individus": individus,
        "familles": {"f": {"parents": ["parent"], "enfants": enfants}},
    }


def written_acted_on(ended: str):
    """(month, situation): a family every reform acts on in June 2026. An Algerian parent settled
    since 2019, whose temporary card (from 2025-04-01) ended on `ended`, asking on 2026-06-10, with
    a child born in France: ended 2026-04-30, the maintien of R.111-4 keeps the PUMa and the CSS
    today, which `fin_droits_expiration_sejour` takes away; valid until 2027-03-31, the family
    benefits and the housing aid, which the 2024 and 2025 duration conditions take away (14 months
    of regular stay, no document allowing work)."""
    parent = {
        "date_naissance": "1990-05-04",
        "nationalite": "DZ",
        "statut_protection": "aucun",
        "titre_sejour": "carte_sejour_temporaire",
        "titre_sejour_date_debut": "2025-04-01",
        "titre_sejour_date_fin": ended,
        "date_debut_residence_reguliere": "2025-04-01",
        "date_arrivee_france": "2019-09-01",
        "foyer_permanent_france": True,
    }
    enfant = {
        "date_naissance": "2022-02-01",
        "entree_enfant": "naissance_france",
        "foyer_permanent_france": True,
    }
    individus = {
        "parent": {name: {"ETERNITY": value} for name, value in parent.items()},
        "enfant0": {name: {"ETERNITY": value} for name, value in enfant.items()},
    }
    individus["parent"]["date_demande"] = {"2026-06": "2026-06-10"}
    return date(2026, 6, 1), {
        "individus": individus,
        "familles": {"f": {"parents": ["parent"], "enfants": ["enfant0"]}},
    }


def kept_by_maintien(simulation, month: str):
    """Whose health rights are kept by R.111-4: their own, or, for a minor in irregular stay, a
    parent's (maintien_droits_apres_expiration: the minor is the parent's ayant droit)."""
    return simulation.calculate("maintien_droits_apres_expiration", month)


def test_a_restricting_reform_never_grants_a_right_refused_today(tax_benefit_system, systems):
    taken = Counter()  # rights each reform took away over the run

    @settings(EXAMPLES, max_examples=40, derandomize=False)  # today's law and the three reforms
    @given(st.one_of(population(reform_months), acted_on(True), acted_on(False)))
    @example(written_acted_on("2026-04-30"))
    @example(written_acted_on("2027-03-31"))
    def check(drawn):
        month, situation = drawn
        month = month_text(month)
        today = simulate(tax_benefit_system, situation)
        check_eligibility_agrees(today, month, "today's law")
        for name, system in systems.items():
            reformed = simulate(system, situation)
            check_eligibility_agrees(reformed, month, name)
            for benefit in BENEFITS:
                before = today.calculate(f"{benefit}_eligible", month)
                after = reformed.calculate(f"{benefit}_eligible", month)
                gained = after & ~before
                taken[name] += int((before & ~after).sum())
                if benefit not in GRANTED_BY_RESTRICTION:
                    assert not gained.any(), (name, benefit, month)
                else:  # the AME, gained only by a person whose stay was regular by the maintien
                    assert not (gained & ~kept_by_maintien(today, month)).any(), (
                        name,
                        benefit,
                        month,
                    )

    check()
    assert all(taken[name] for name in REFORMS), taken


@st.composite
def fewer_absences(draw, example):
    """The same population, each person with fewer or as many days away and an earlier arrival."""
    month, situation = example
    closer = {}
    for name, inputs in situation["individus"].items():
        inputs = dict(inputs)
        inputs["jours_absence_france"] = {
            key: draw(st.integers(0, days)) for key, days in inputs["jours_absence_france"].items()
        }
        arrival = inputs.get("date_arrivee_france", {}).get("ETERNITY")
        if arrival is not None:
            earlier = date.fromisoformat(arrival) - timedelta(days=draw(st.integers(0, 400)))
            inputs["date_arrivee_france"] = {"ETERNITY": earlier.isoformat()}
        closer[name] = inputs
    return month, situation, {"individus": closer, "familles": situation["familles"]}


@EXAMPLES
@given(population().flatmap(fewer_absences))
def test_more_days_in_france_never_removes_residence(tax_benefit_system, example):
    month, situation, closer = example
    month = month_text(month)
    away = simulate(tax_benefit_system, situation)
    present = simulate(tax_benefit_system, closer)
    for variable in RESIDENCE:
        lost = away.calculate(variable, month) & ~present.calculate(variable, month)
        assert not lost.any(), (variable, month)


# Documents kept while their renewal is examined, or receivable: drawn more often than the others.
RENEWABLE = ["carte_resident", "certificat_residence_algerien", "carte_sejour_pluriannuelle"]
RECEIVABLE = [
    "carte_sejour_temporaire",
    "recepisse_renouvellement",
    "visa_long_sejour_valant_titre",
]


@st.composite
def later_requests(draw):
    """(month, persons, delays): third-country nationals holding a document, each with two delays
    after the document's end of validity, for a first request and a later one."""
    month = draw(st.one_of(months, st.integers(20 * 12, MONTH_COUNT - 1).map(month_of)))
    documents = st.one_of(
        st.sampled_from(RENEWABLE + RECEIVABLE), st.sampled_from([t.name for t in TitreSejour])
    )
    persons, delays = {}, {}
    for index in range(draw(st.integers(1, 6))):
        inputs = draw(person(month))
        if draw(st.integers(0, 3)):  # most often, no decision refusing the stay
            inputs.pop("decision_refus_sejour_date", None)
        end = month + timedelta(days=draw(st.integers(-600, 30)))
        inputs.update(
            {
                "nationalite": {"ETERNITY": draw(st.sampled_from(["DZ", "MA", "SN", "CN", "US"]))},
                "titre_sejour": {"ETERNITY": draw(documents)},
                "demande_renouvellement_titre": {"ETERNITY": draw(st.booleans())},
                "titre_sejour_date_debut": {"ETERNITY": day(end, -draw(st.integers(0, 1500)))},
                "titre_sejour_date_fin": {"ETERNITY": end.isoformat()},
            }
        )
        persons[f"p{index}"] = inputs
        first = draw(st.integers(1, 200))
        delays[f"p{index}"] = (first, first + draw(st.integers(1, 300)))
    return month, persons, delays


def same_lists(simulation, month, early, late) -> numpy.ndarray:
    """Whether the law's lists of documents (receivable, renewable and its delay) and the keeping
    of rights after expiry (R.111-4, read at the request date) are the same on the two request
    dates, for the document each person holds."""
    parameters = parameters_of(simulation.persons).sejour
    titre = simulation.calculate("titre_sejour", month)
    first, second = (simulation.calculate("date_demande", month)[rows] for rows in (early, late))
    same = numpy.ones(len(first), dtype=bool)
    for lists in (
        parameters.titres_recevables.securite_sociale,
        parameters.renouvellement.titres_concernes,
    ):
        same &= category_in_at_dates(titre[early], lists, first) == category_in_at_dates(
            titre[late], lists, second
        )
    duree = parameters.renouvellement.duree
    same &= value_at_dates(duree, first) == value_at_dates(duree, second)
    for maintien in (
        parameters.maintien_droits.duree,
        parameters.maintien_droits.duree_apres_mesure_eloignement,
    ):
        same &= value_at_dates(maintien, first, before=0) == value_at_dates(
            maintien, second, before=0
        )
    return same


@EXAMPLES
@given(later_requests())
def test_a_later_request_with_an_expired_document_never_makes_the_stay_regular(
    tax_benefit_system, example
):
    month, persons, delays = example
    month = month_text(month)
    # The end of validity (with a convocation's three months and the 2020 extensions) does not
    # depend on the request date: read it once, then ask on two dates after it.
    end = simulate(tax_benefit_system, {"individus": persons}).calculate(
        "titre_sejour_fin_validite", month
    )
    individus = {}
    for (name, inputs), last_day in zip(persons.items(), end.tolist(), strict=True):
        for suffix, delay in zip(("early", "late"), delays[name], strict=True):
            asked = {month: (last_day + timedelta(days=delay)).isoformat()}
            individus[f"{name}_{suffix}"] = {**inputs, "date_demande": asked}
    simulation = simulate(tax_benefit_system, {"individus": individus})
    early = numpy.arange(0, len(individus), 2)
    late = early + 1
    comparable = same_lists(simulation, month, early, late)
    for variable in ("sejour_regulier", "puma_condition_sejour", "css_condition_sejour"):
        value = simulation.calculate(variable, month)
        assert not (value[late] & ~value[early] & comparable).any(), (variable, month)


def test_the_law_may_widen_the_documents_kept_during_their_renewal(tax_benefit_system):
    """Why invariant 3 compares dates under the same law: a four-year pluriannual card ended on
    10 February 2019, its renewal asked; it keeps the stay regular from 1 March 2019 (loi
    n° 2018-778), so a request on 5 March finds a regular stay that a request on 20 February did
    not."""
    card = {
        "nationalite": {"ETERNITY": "MA"},
        "titre_sejour": {"ETERNITY": "carte_sejour_pluriannuelle"},
        "titre_sejour_date_debut": {"ETERNITY": "2015-02-11"},
        "titre_sejour_date_fin": {"ETERNITY": "2019-02-10"},
        "demande_renouvellement_titre": {"ETERNITY": True},
    }
    individus = {
        "early": {**card, "date_demande": {"2019-03": "2019-02-20"}},
        "late": {**card, "date_demande": {"2019-03": "2019-03-05"}},
    }
    simulation = simulate(tax_benefit_system, {"individus": individus})
    assert simulation.calculate("sejour_regulier", "2019-03").tolist() == [False, True]
    assert not same_lists(simulation, "2019-03", numpy.array([0]), numpy.array([1])).any()


def test_the_law_may_widen_the_keeping_of_rights_after_expiry(tax_benefit_system):
    """The same for the keeping of rights: a card ended on 31 December 2016 keeps no right for a
    request on 26 February 2017; from 27 February 2017 (décret n° 2017-240, R.111-4, read at the
    request date) it keeps them twelve months after its expiry."""
    card = {
        "nationalite": {"ETERNITY": "ML"},
        "titre_sejour": {"ETERNITY": "carte_sejour_temporaire"},
        "titre_sejour_date_debut": {"ETERNITY": "2016-01-01"},
        "titre_sejour_date_fin": {"ETERNITY": "2016-12-31"},
    }
    individus = {
        "early": {**card, "date_demande": {"2017-02": "2017-02-26"}},
        "late": {**card, "date_demande": {"2017-02": "2017-02-27"}},
    }
    simulation = simulate(tax_benefit_system, {"individus": individus})
    assert simulation.calculate("puma_condition_sejour", "2017-02").tolist() == [False, True]
    assert not same_lists(simulation, "2017-02", numpy.array([0]), numpy.array([1])).any()


@settings(EXAMPLES, max_examples=60)
@given(population())
def test_a_family_computed_alone_has_the_values_it_has_beside_others(tax_benefit_system, example):
    month, situation = example
    month = month_text(month)
    asked = [f"{benefit}_{what}" for benefit in BENEFITS for what in ("eligible", "motif_refus")]
    asked += ["date_expiration_titres", "date_fin_droit_au_sejour", "statut_ressortissant_ue"]
    asked += ["droit_au_sejour_ue", "beneficiaire_accord_retrait_royaume_uni"]
    together = simulate(tax_benefit_system, situation)
    for family, roles in situation["familles"].items():
        members = roles["parents"] + roles["enfants"]
        alone = simulate(
            tax_benefit_system,
            {
                "individus": {name: situation["individus"][name] for name in members},
                "familles": {family: roles},
            },
        )
        for variable in asked:
            population = together.get_variable_population(variable)
            if population.entity.is_person:
                where = [together.persons.ids.index(name) for name in members]
            else:
                where = [list(population.ids).index(family)]
            beside = together.calculate(variable, month)[where]
            assert (alone.calculate(variable, month) == beside).all(), (variable, family, month)
