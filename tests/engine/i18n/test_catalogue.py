"""The French catalogue translates every text marked for translation, and English stays
available: the texts of the code, as written."""

import ast
import re
from pathlib import Path

from babel.messages.pofile import read_po

import openfisca_residence
from openfisca_residence import i18n

PACKAGE = Path(openfisca_residence.__file__).parent
# The legal folders: a variable's domain is described where it is defined (`N_()`).
LEGAL_FOLDERS = [PACKAGE.parent / "variables", PACKAGE.parent / "reforms"]
TEMPLATE_TEXT = re.compile(r"""_\("((?:[^"\\]|\\.)*)"\)""")


def marked() -> set:
    """Every literal text given to `_()` or `N_()` (a pair of texts to `ngettext()`) in the
    package's code and templates and in the legal folders."""
    found = set()
    for folder in [PACKAGE, *LEGAL_FOLDERS]:
        for path in folder.rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name)
                    and node.args
                    and all(isinstance(arg, ast.Constant) for arg in node.args[:2])
                ):
                    continue
                if node.func.id in ("_", "N_"):
                    found.add(node.args[0].value)
                elif node.func.id == "ngettext":
                    found.add((node.args[0].value, node.args[1].value))
    for path in PACKAGE.rglob("*.html"):
        found |= {text.replace('\\"', '"') for text in TEMPLATE_TEXT.findall(path.read_text())}
    return found


def catalogue() -> dict:
    """Each text of the French catalogue (a pair for a text with a plural) and its French."""
    with i18n.catalogue_path("fr").open("rb") as po:
        return {message.id: message.string for message in read_po(po) if message.id}


def test_every_marked_text_has_its_french():
    french = catalogue()
    missing = sorted(
        (text for text in marked() if not french.get(text) or not all(french[text])), key=str
    )
    assert not missing, f"texts without French in {i18n.catalogue_path('fr')}: {missing}"


def test_the_catalogue_holds_no_text_the_code_no_longer_marks():
    assert not sorted(set(catalogue()) - marked(), key=str)


def test_french_by_default_english_on_demand(monkeypatch):
    monkeypatch.delenv(i18n.ENVIRONMENT, raising=False)
    assert i18n._("yes") == "oui"
    with i18n.in_language("en"):
        assert i18n._("yes") == "yes"
    monkeypatch.setenv(i18n.ENVIRONMENT, "en")
    assert i18n._("never") == "never"
    with i18n.in_language("fr"):
        assert i18n._("never") == "jamais"
