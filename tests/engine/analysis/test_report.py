"""The report: plots that do not mislead, one file of HTML, every table as CSV, in French."""

import re

import pytest

from openfisca_residence.analysis import plots
from openfisca_residence.analysis.comparison import compare
from openfisca_residence.analysis.report import PLOTS, png, write_report
from openfisca_residence.analysis.tables import last_month
from openfisca_residence.synthetic import generate

REFORMS = ["fin_droits_expiration_sejour", "reforms/parametriques/maintien_droits_trois_mois.yaml"]
MONTHS = ["2027-06", "2027-07", "2027-08"]


@pytest.fixture(scope="module")
def comparison():
    return compare(generate(3_000, 4, "2026-08", "2027-08"), REFORMS, MONTHS)


@pytest.fixture(scope="module")
def report(comparison, tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    write_report(comparison, folder, "Comparaison", "population synthétique de 3 000 personnes")
    return folder


def panels(figure):
    return [axes for axes in figure.axes if axes.get_title()]


@pytest.mark.parametrize(
    "draw",
    [
        plots.losers_by_benefit,
        plots.losers_by_document,
        plots.losers_over_months,
        plots.costs_over_months,
    ],
)
def test_one_panel_per_reform(comparison, draw):
    figure = draw(comparison)
    titles = [axes.get_title() for axes in panels(figure)]
    assert len(titles) == len(REFORMS)
    assert titles[0].startswith("fin_droits_expiration_sejour")
    assert titles[1].startswith("maintien_droits_trois_mois")
    plots.pyplot.close(figure)


def test_no_bar_stacks_benefits_nor_reforms(comparison):
    """Every bar starts at zero: no person is counted twice in a bar (PUMa and CSS losers are
    the same persons), and each bar is one benefit's figure for one document."""
    figure = plots.losers_by_document(comparison)
    breakdown = last_month(comparison.breakdown)
    for axes, reform in zip(
        panels(figure), ["fin_droits_expiration_sejour", "maintien_droits_trois_mois"], strict=True
    ):
        bars = [patch for patch in axes.patches if patch.get_width() > 0]
        assert bars
        assert all(bar.get_x() == 0 for bar in bars)  # horizontal bars from zero: none stacked
        positions = [round(bar.get_y(), 6) for bar in bars]
        assert len(positions) == len(set(positions))  # side by side, never on one another
        expected = breakdown[
            (breakdown.reform == reform)
            & (breakdown.dimension == "document")
            & (breakdown.losers > 0)
        ]
        assert sorted(round(bar.get_width()) for bar in bars) == sorted(
            round(v) for v in expected.losers
        )
    plots.pyplot.close(figure)
    figure = plots.losers_by_benefit(comparison)
    for axes in panels(figure):
        assert all(patch.get_y() == 0 for patch in axes.patches)
    plots.pyplot.close(figure)


def test_series_that_coincide_are_drawn_once_and_named_together(comparison):
    figure = plots.losers_over_months(comparison)
    legend = [text.get_text() for text in panels(figure)[0].get_legend().get_texts()]
    assert "PUMa et CSS (séries identiques)" in legend  # the same persons lose both
    assert len(panels(figure)[0].get_lines()) == len(legend)
    plots.pyplot.close(figure)


def test_the_html_report_is_one_file_with_its_images_inside(report):
    page = (report / "report.html").read_text(encoding="utf-8")
    images = re.findall(r'<img src="([^"]+)"', page)
    assert len(images) == 5
    assert all(source.startswith("data:image/png;base64,") for source in images)
    assert '<html lang="fr">' in page


def test_every_table_is_also_a_csv_file(report):
    page = (report / "report.md").read_text(encoding="utf-8")
    named = re.findall(r"_Fichier : ([\w-]+\.csv)_", page)
    assert len(named) >= 10
    for name in named:
        assert (report / name).stat().st_size > 0, name
    assert (report / "calage_mois_par_mois.csv").exists()


def test_the_report_is_in_french_and_describes_each_reform(report):
    page = (report / "report.md").read_text(encoding="utf-8")
    headers = [line for line in page.splitlines() if line.startswith("| ") and "---" not in line]
    english = re.compile(r"\b(reform|benefit|eligible|losers|gainers|month|unit|cost)\b")
    assert not any(english.search(line.split("|")[1:][0]) for line in headers[:1])
    for line in page.splitlines():
        if (
            line.startswith("| Réforme")
            or line.startswith("| Prestation")
            or line.startswith("| Indicateur")
        ):
            assert not english.search(line), line
    assert "Date d'effet : 1er janvier 2027" in page
    assert "Fin des droits sociaux à l'expiration du droit au séjour" in page
    assert "ramené de six à trois mois" in page  # the parametric file's description
    assert "bootstrap" in page and "unités tirées" in page
    assert "CSBM" in page or "DREES" in page  # the costs' sources
    assert "ASI" in page and "pas de coût publié" in page
    assert "Pourquoi les perdants de la PUMa" in page


@pytest.mark.parametrize("name", list(PLOTS))
def test_each_plot_is_drawn_once_into_the_image_savefig_gives(comparison, name, monkeypatch):
    import io

    from matplotlib.figure import Figure

    draw = PLOTS[name][1]
    expected, figure = io.BytesIO(), draw(comparison)
    figure.savefig(expected, format="png", dpi=110)  # matplotlib's own way
    plots.pyplot.close(figure)
    drawn = []
    original = Figure.draw
    monkeypatch.setattr(
        Figure, "draw", lambda self, renderer: drawn.append(1) or original(self, renderer)
    )
    assert png(draw(comparison)) == expected.getvalue()
    assert len(drawn) == 1


def test_figures_drawn_in_worker_processes_give_the_same_report(comparison, report, tmp_path):
    """Two processes draw the figures while this one writes the tables: the same files."""
    write_report(
        comparison, tmp_path, "Comparaison", "population synthétique de 3 000 personnes", workers=2
    )
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        path.name for path in report.iterdir()
    )
    for path in report.iterdir():
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name
