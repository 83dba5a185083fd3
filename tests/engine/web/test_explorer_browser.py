"""The case explorer in a real browser: `openfisca-residence serve` on 127.0.0.1 (conftest.py's
`api`), driven in headless Chromium (Debian's `chromium`, /usr/bin/chromium, installed by `make
test` when missing) with Playwright's Python package: nothing is downloaded at run time.

The seed scenarios are typed into an empty form as a legal expert would: the Italian jobseeker,
the holder of an expired temporary card whose PUMa is kept, the child abroad four months. Then the
round trip with a YAML test, a reform side by side, the keyboard, and accessibility (axe-core
4.14.1, vendored in `vendor/`, no serious or critical violation).

The browser runs in French, as a French user's does (`LANGUAGE=fr`, with Debian's chromium-l10n):
date fields read jj/mm/aaaa, months "mars 2018". `EXPLORER_SCREENSHOTS=docs/images` writes the
screenshots of the guide there.
"""

import os
import shutil
import time
from pathlib import Path

import pytest
from conftest import openfisca_test

playwright = pytest.importorskip("playwright.sync_api")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FRENCH = {"LANG": "fr_FR.UTF-8", "LANGUAGE": "fr"}
AXE = Path(__file__).with_name("vendor") / "axe.min.js"
SCREENSHOTS = os.environ.get("EXPLORER_SCREENSHOTS")


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: `make test` installs Debian's chromium with apt-get.")
    with playwright.sync_playwright() as driver:
        chromium = driver.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--lang=fr-FR"],
            env={**os.environ, **FRENCH},
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, api):
    context = browser.new_context(
        accept_downloads=True, locale="fr-FR", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.goto(api.url + "/")
    page.wait_for_selector("body[data-ready=true]")
    yield page
    context.close()


def person(page, number: int):
    """A locator of the fields of the person `number` (from 1)."""
    return page.locator("fieldset.personne").nth(number - 1)


def field(page, number: int, label: str):
    return person(page, number).get_by_label(label, exact=True)


def answer(page, benefit: str, who: str):
    """The row of the answers table for `benefit` and `who` (a person, or "famille")."""
    return page.locator(f"#reponses tbody tr[data-benefit={benefit}][data-who='{who}']")


def compute(page, month: str):
    page.get_by_label("Mois calculé").fill(month)
    page.get_by_role("button", name="Calculer").click()
    page.wait_for_selector(f"body[data-answered='{month}']")


def screenshot(page, name: str):
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)


def italian_jobseeker(page):
    field(page, 1, "Prénom").fill("paolo")
    field(page, 1, "Nationalité (tapez pour chercher)").fill("Italie (IT)")
    field(page, 1, "Date d'arrivée en France").fill("2017-06-06")
    field(page, 1, "Venu(e) en France pour y chercher un emploi").check()
    field(page, 1, "Inscrit(e) comme demandeur d'emploi").check()
    page.get_by_label("Nom du cas").fill("Paolo, Italien venu chercher un emploi")
    compute(page, "2018-02")


def test_the_italian_jobseeker_is_refused_with_the_article_and_why(page):
    started = time.monotonic()
    italian_jobseeker(page)
    print(f"Italian jobseeker, empty form to answer: {time.monotonic() - started:.1f} s")
    rsa = answer(page, "rsa", "famille")
    assert "refusé" in rsa.inner_text()
    assert "chercher un emploi" in rsa.inner_text()
    link = rsa.get_by_role("link", name="loi n° 2007-290 du 5 mars 2007, art. 63")
    assert link.get_attribute("href").startswith("https://www.legifrance.gouv.fr/")
    assert "éligible" in answer(page, "ame", "paolo").inner_text()
    assert page.locator("#reponses tbody tr").count() == 9
    answer(page, "rsa", "famille").get_by_role("button").click()
    tree = page.locator("#pourquoi")
    assert tree.locator("h3").evaluate("node => node === document.activeElement")
    assert "exclu_demandeur_emploi_ue" in tree.inner_text()
    assert (
        "Ressortissant de l'Union, de l'EEE ou de la Suisse (droit au séjour)" in tree.inner_text()
    )
    assert "18772" not in tree.inner_text() and "2999-12-31" not in tree.inner_text()
    screenshot(page, "explorateur-demandeur-emploi-italien")


def test_the_expired_card_keeps_the_puma_until_a_deciding_date(page):
    field(page, 1, "Nationalité (tapez pour chercher)").fill("Mali (ML)")
    field(page, 1, "Titre de séjour").select_option("carte_sejour_temporaire")
    field(page, 1, "Valable du").fill("2016-03-01")
    field(page, 1, "Valable jusqu'au").fill("2017-03-01")
    compute(page, "2018-03")
    puma = answer(page, "puma", "personne")
    assert "éligible" in puma.inner_text()
    assert "1er mars 2018" in puma.inner_text()  # date_fin_maintien_droits, in words
    compute(page, "2018-04")
    assert "refusé" in answer(page, "puma", "personne").inner_text()
    assert "R.111-4" in answer(page, "puma", "personne").inner_text()


def test_the_child_abroad_four_months_and_the_timeline(page):
    field(page, 1, "Prénom").fill("mere")
    page.get_by_role("button", name="Ajouter une personne").click()
    field(page, 2, "Prénom").fill("fils")
    field(page, 2, "Rôle dans la famille").select_option("enfant")
    field(page, 2, "Date de naissance").fill("2009-01-01")
    for month, days in (("2019-06", 30), ("2019-07", 31), ("2019-08", 31), ("2019-09", 30)):
        person(page, 2).get_by_role("button", name="Ajouter un mois").click()
        row = person(page, 2).locator("tbody tr").last
        row.locator("[data-month=mois]").fill(month)
        row.locator("[data-month=jours_absence_france]").fill(str(days))
    compute(page, "2019-09")
    family = answer(page, "prestations_familiales", "famille")
    assert "refusé" in family.inner_text()
    assert "Enfant ne résidant pas en France" in family.inner_text()
    page.get_by_label("De", exact=True).fill("2019-07")
    page.get_by_label("À", exact=True).fill("2020-01")
    page.get_by_role("button", name="Afficher la chronologie").click()
    row = page.locator("#tableau-chronologie tbody tr", has_text="Prestations familiales")
    cells = row.locator("td")
    assert [cells.nth(i).inner_text() for i in range(7)] == ["✓", "✓", "✗", "✗", "✗", "✗", "✓"]
    assert "changement" in cells.nth(2).get_attribute("class")
    assert "changement" in cells.nth(6).get_attribute("class")
    screenshot(page, "explorateur-chronologie")


def test_a_fact_refused_is_told_where_it_is_in_french(page):
    field(page, 1, "Prénom").fill("paolo")
    person(page, 1).get_by_role("button", name="Ajouter un mois").click()
    row = person(page, 1).locator("tbody tr").last
    row.locator("[data-month=mois]").fill("2018-02")
    row.locator("[data-month=jours_absence_france]").fill("30")
    page.get_by_label("Mois calculé").fill("2018-02")
    page.get_by_role("button", name="Calculer").click()
    expect = playwright.expect(page.locator("#etat"))
    expect.to_have_text(
        "Le cas ne peut pas être calculé : individus / paolo / jours_absence_france / 2018-02 : "
        "individu paolo = 30 ; attendu un nombre entier de jours de 0 à 28."
    )


def test_a_case_saved_as_a_yaml_test_passes_and_opens_again(page, tmp_path):
    italian_jobseeker(page)
    shown = page.locator("#reponses tbody").inner_text()
    with page.expect_download() as download:
        page.get_by_role("button", name="Enregistrer comme test YAML").click()
    path = tmp_path / "paolo.yaml"
    download.value.save_as(path)
    returncode, output = openfisca_test(path)
    assert returncode == 0 and "1 passed" in output, output
    page.get_by_role("button", name="Vider le formulaire").click()
    assert field(page, 1, "Prénom").input_value() == "personne"
    page.set_input_files("#ouvrir", str(path))
    page.wait_for_selector("body[data-answered='2018-02']")
    assert field(page, 1, "Prénom").input_value() == "paolo"
    assert field(page, 1, "Nationalité (tapez pour chercher)").input_value() == "Italie (IT)"
    assert field(page, 1, "Venu(e) en France pour y chercher un emploi").is_checked()
    assert page.locator("#reponses tbody").inner_text() == shown


def test_a_reform_side_by_side_marks_the_differences(page):
    field(page, 1, "Nationalité (tapez pour chercher)").fill("MA")
    field(page, 1, "Titre de séjour").select_option("carte_sejour_temporaire")
    field(page, 1, "Valable jusqu'au").fill("2027-03-31")
    page.get_by_label("Réforme à comparer").select_option("fin_droits_expiration_sejour")
    compute(page, "2027-05")
    puma = answer(page, "puma", "personne")
    assert "difference" in puma.get_attribute("class")
    assert puma.locator("td.reforme-col").inner_text() == "refusé (diffère)"
    assert "difference" not in (answer(page, "ame", "personne").get_attribute("class") or "")
    screenshot(page, "explorateur-reforme")


def test_the_keyboard_alone_builds_computes_and_opens_why(page):
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    for _ in range(10):  # to the name of the case
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "nom-cas":
            break
    assert page.evaluate("document.activeElement.id") == "nom-cas"
    page.keyboard.type("Au clavier")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "mois"
    page.get_by_label("Mois calculé").fill("2018-02")
    page.get_by_label("Nom du cas").press("Enter")  # the form's submission
    page.wait_for_selector("body[data-answered='2018-02']")
    button = answer(page, "puma", "personne").get_by_role("button")
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    assert page.evaluate("document.activeElement.tagName") == "H3"


def test_every_control_has_a_label_and_axe_finds_no_serious_violation(page):
    italian_jobseeker(page)
    answer(page, "rsa", "famille").get_by_role("button").click()
    page.get_by_role("button", name="Ajouter une personne").click()
    person(page, 2).get_by_role("button", name="Ajouter un mois").click()
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document)")
    serious = [
        (violation["id"], violation["help"], [node["target"] for node in violation["nodes"]][:3])
        for violation in result["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert not serious
    unlabelled = page.evaluate(
        """[...document.querySelectorAll('input:not([type=file]), select')]
            .filter(e => !e.labels?.length && !e.getAttribute('aria-label')).map(e => e.id)"""
    )
    assert not unlabelled


def test_the_page_is_in_english_on_demand(browser, api):
    context = browser.new_context()
    page = context.new_page()
    page.goto(api.url + "/?lang=en")
    page.wait_for_selector("body[data-ready=true]")
    assert page.locator("h1").inner_text() == "Case explorer"
    page.get_by_label("Month computed").fill("2018-02")
    page.get_by_role("button", name="Compute").click()
    page.wait_for_selector("body[data-answered='2018-02']")
    assert "eligible" in answer(page, "puma", "personne").inner_text()
    context.close()
