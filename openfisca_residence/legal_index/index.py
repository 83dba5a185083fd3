"""What cites what: the variables, parameters and reforms citing each source, and the YAML tests
checking those variables (`build`)."""

from __future__ import annotations

import datetime
import importlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from openfisca_core.parameters import Parameter

from openfisca_residence.legal_index.references import Citation, citations
from openfisca_residence.system.country import CountryTaxBenefitSystem, legal_folder

DEFAULT_TESTS = Path("tests")
# A part of the law left uncoded, and why: the end of a variable's documentation (STYLE.md, habit 4).
BLIND_SPOT = re.compile(r"Angle mort\s*:\s*(.+)", re.DOTALL)

# The reforms indexed, as `reforms:` names them in a YAML test (the last part is the reform's key).
PYTHON_REFORMS = (
    "openfisca_residence.reforms.fin_droits_expiration_sejour.fin_droits_expiration_sejour",
    "openfisca_residence.reforms.loi_2024_42_art_19.loi_2024_42_art_19",
    "openfisca_residence.reforms.ppl_senat_2025_duree_residence.ppl_senat_2025_duree_residence",
)
PARAMETRIC_REFORMS = "openfisca_residence.reforms.parametriques"


@dataclass(frozen=True)
class Use:
    """A variable, a parameter or a reform citing a source; `reform` when a reform adds or replaces
    the variable or parameter."""

    kind: str  # "variable", "parametre" or "reforme"
    name: str
    reform: str | None = None


@dataclass(frozen=True)
class TestCase:
    file: str  # relative to the tests folder: <domain>/<name>.yaml
    number: int  # its place in the file, from 1
    name: str
    reform: str | None  # the last part of its `reforms:` path
    outputs: frozenset


@dataclass(frozen=True)
class ReformInfo:
    key: str
    path: str
    name: str
    date_effet: str | None
    documentation: str  # its name and docstring (a parametric reform: its description)


@dataclass
class Entry:
    section: str
    key: tuple
    titles: set = field(default_factory=set)
    dates: set = field(default_factory=set)
    uses: dict = field(default_factory=dict)  # Use → dates of the values citing it
    companions: list = field(default_factory=list)  # for a link or a file: what it is cited with

    @property
    def title(self) -> str:
        """The most complete of the ways the references name it (the longest, then the first)."""
        return min(self.titles, key=lambda t: (-len(t), t))

    @property
    def date(self) -> datetime.date | None:
        return min(self.dates) if self.dates else None


@dataclass
class LegalIndex:
    entries: dict  # (section, key) → Entry
    labels: dict  # Use → label of the variable or description of the parameter
    tests: list  # TestCase
    reforms: list  # ReformInfo
    known_articles: dict  # article → codes, to read articles named without their code
    unrecognised: dict  # reference → Uses, when it names no source
    blind_spots: dict = field(default_factory=dict)  # variable → what is left uncoded, and why


def _references(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(item) for item in value]


def _parameters(node):
    for parameter in node.get_descendants():
        if isinstance(parameter, Parameter):
            yield parameter


def _cited(system, reform: str | None = None, baseline=None):
    """(Use, label, reference, date of the value or None) for each reference of a system; for a
    reform, only what it adds or replaces."""
    for name, variable in sorted(system.variables.items()):
        before = baseline.variables.get(name) if baseline else None
        if before is variable:
            continue
        references = _references(variable.reference)
        if before is not None:
            references = [r for r in references if r not in _references(before.reference)]
        for reference in references:
            yield Use("variable", name, reform), variable.label, reference, None
    known = {p.name for p in _parameters(baseline.parameters)} if baseline else set()
    for parameter in _parameters(system.parameters):
        if parameter.name in known:
            continue
        for at in parameter.values_list:
            for reference in _references((at.metadata or {}).get("reference")):
                use = Use("parametre", parameter.name, reform)
                yield use, parameter.description, reference, at.instant_str


def blind_spots(system) -> dict:
    """The "Angle mort : ..." of each variable's documentation, on one line."""
    spots = {}
    for name, variable in sorted(system.variables.items()):
        found = BLIND_SPOT.search(variable.documentation or "")
        if found:
            spots[name] = " ".join(found.group(1).split())
    return spots


def _reforms(baseline):
    """(ReformInfo, reformed system) of each reform of PYTHON_REFORMS and each parametric reform."""
    folder = legal_folder("reforms") / "parametriques"
    paths = list(PYTHON_REFORMS) + [
        f"{PARAMETRIC_REFORMS}.{path.stem}" for path in sorted(folder.glob("*.yaml"))
    ]
    for path in paths:
        module_name, _, key = path.rpartition(".")
        module = importlib.import_module(module_name)
        reform = getattr(module, key)
        if module_name == PARAMETRIC_REFORMS:
            data = yaml.safe_load((folder / f"{key}.yaml").read_text(encoding="utf-8"))
            documentation, date_effet = str(data["description"]), str(data["date_effet"])
        else:
            documentation, date_effet = f"{reform.name}\n{module.__doc__}", reform.date_effet
        yield ReformInfo(key, path, str(reform.name), date_effet, documentation), reform(baseline)


def read_tests(folder: Path) -> list[TestCase]:
    """The cases of the YAML tests of `folder` (but `engine/`, the Python tests), in the order of the files."""
    folder = Path(folder)
    cases = []
    for path in sorted(folder.rglob("*.yaml")):
        relative = path.relative_to(folder)
        if relative.parts[0] == "engine":
            continue
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        for number, case in enumerate(content if isinstance(content, list) else [content], 1):
            outputs = set()
            for key, value in (case.get("output") or {}).items():
                if key in ("individus", "familles") and isinstance(value, dict):
                    for person in value.values():
                        outputs.update(person or {})
                else:
                    outputs.add(key)
            reforms = _references(case.get("reforms"))
            reform = reforms[-1].rpartition(".")[2] if reforms else None
            name = " ".join(str(case.get("name", "")).split())
            cases.append(TestCase(relative.as_posix(), number, name, reform, frozenset(outputs)))
    return cases


def build(tests_folder: Path = DEFAULT_TESTS, system=None) -> LegalIndex:
    """The index of a tax-benefit system (by default `CountryTaxBenefitSystem()`) and its tests."""
    system = system or CountryTaxBenefitSystem()
    cited = list(_cited(system))
    reforms = []
    for info, reformed in _reforms(system):
        reforms.append(info)
        cited += _cited(reformed, info.key, system)

    known: dict[str, set[str]] = defaultdict(set)
    for _, _, reference, _ in cited:
        for citation in citations(reference):
            if citation.section == "code" and citation.key[1] >= 0:
                known[citation.key[3]].add(citation.key[0])

    found = [(use, date, citations(reference, known)) for use, _, reference, date in cited]
    by_value = defaultdict(set)  # all that a variable, or a parameter's value, cites
    for use, date, citing in found:
        by_value[use, date].update(citing)

    entries: dict = {}
    labels = {use: " ".join(str(label or "").split()) for use, label, _, _ in cited}
    unrecognised: dict = defaultdict(set)

    def add(citation: Citation, use: Use, date: str | None) -> Entry:
        entry = entries.setdefault(
            (citation.section, citation.key), Entry(citation.section, citation.key)
        )
        entry.titles.add(citation.title)
        if citation.date:
            entry.dates.add(citation.date)
        entry.uses.setdefault(use, set())
        if date:
            entry.uses[use].add(date)
        return entry

    for (use, date, citing), (_, _, reference, _) in zip(found, cited, strict=True):
        if not citing and use.reform is None:
            unrecognised[" ".join(reference.split())].add(use)
        for citation in citing:
            entry = add(citation, use, date)
            if citation.section in ("legifrance", "fichier"):
                beside = {c for c in citing if c.section not in ("legifrance", "fichier")}
                context = beside or {
                    c for c in by_value[use, date] if c.section not in ("legifrance", "fichier")
                }
                entry.companions.append({(c.section, c.key) for c in context})
    for info in reforms:
        for citation in citations(info.documentation, known):
            add(citation, Use("reforme", info.key), None)
    tests = read_tests(Path(tests_folder))
    return LegalIndex(entries, labels, tests, reforms, known, unrecognised, blind_spots(system))
