"""The French catalogue translates every text marked for translation, and English stays
available: the texts of the code, as written."""

import ast
import re
from pathlib import Path

from babel.messages.pofile import read_po

import openfisca_residence
from openfisca_residence import i18n

PACKAGE = Path(openfisca_residence.__file__).parent
TEMPLATE_TEXT = re.compile(r"""_\("((?:[^"\\]|\\.)*)"\)""")


def marked() -> set[str]:
    """Every literal text given to `_()` or `N_()` in the package's code and templates."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "N_")
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                found.add(node.args[0].value)
    for path in PACKAGE.rglob("*.html"):
        found |= {text.replace('\\"', '"') for text in TEMPLATE_TEXT.findall(path.read_text())}
    return found


def catalogue() -> dict[str, str]:
    with i18n.catalogue_path("fr").open("rb") as po:
        return {message.id: message.string for message in read_po(po) if message.id}


def test_every_marked_text_has_its_french():
    french = catalogue()
    missing = sorted(text for text in marked() if not french.get(text))
    assert not missing, f"texts without French in {i18n.catalogue_path('fr')}: {missing}"


def test_the_catalogue_holds_no_text_the_code_no_longer_marks():
    assert not sorted(set(catalogue()) - marked())


def test_french_by_default_english_on_demand(monkeypatch):
    monkeypatch.delenv(i18n.ENVIRONMENT, raising=False)
    assert i18n._("yes") == "oui"
    with i18n.in_language("en"):
        assert i18n._("yes") == "yes"
    monkeypatch.setenv(i18n.ENVIRONMENT, "en")
    assert i18n._("never") == "never"
    with i18n.in_language("fr"):
        assert i18n._("never") == "jamais"
