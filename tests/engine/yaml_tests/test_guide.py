"""The legal experts' guide (docs/guide-experts.md) cannot rot: its cases are run as written.

Each ```yaml block holding YAML tests is run by `openfisca test`, the way a legal expert runs it. A
block after the line `<!-- cas faux -->` is wrong on purpose: it must fail, and each line of the
```text block that follows it must appear in what `openfisca test` prints. A block after
`<!-- cas averti -->` passes with a warning: each line of the ```text block that follows it too.
"""

import re
from pathlib import Path

import yaml
from conftest import openfisca_test

ROOT = Path(__file__).parents[3]
GUIDE = ROOT / "docs" / "guide-experts.md"
WRONG = "<!-- cas faux -->"
WARNED = "<!-- cas averti -->"
FENCE = re.compile(r"^```(\w+)\n(.*?)^```$", re.M | re.S)


def blocks() -> list[tuple[str, str, str]]:
    """(language, content, the line before it) of each fenced block of the guide, in order."""
    text = GUIDE.read_text(encoding="utf-8")
    found = []
    for match in FENCE.finditer(text):
        before = text[: match.start()].rstrip().splitlines()[-1].strip()
        found.append((match[1], match[2], before))
    return found


def cases() -> list[tuple[str, bool, list[str]]]:
    """(YAML tests, wrong on purpose, lines its failure or its warning prints) of each block of
    cases."""
    found, all_blocks = [], blocks()
    for i, (language, content, before) in enumerate(all_blocks):
        if language != "yaml" or not isinstance(yaml.safe_load(content), list):
            continue
        expected = []
        if before in (WRONG, WARNED):
            message = next(c for lang, c, _ in all_blocks[i + 1 :] if lang == "text")
            expected = [line.strip() for line in message.splitlines() if line.strip()]
        found.append((content, before == WRONG, expected))
    return found


def test_the_guide_shows_cases_that_pass_and_cases_that_fail():
    found = cases()
    assert sum(not wrong for _, wrong, _ in found) >= 10
    assert sum(wrong for _, wrong, _ in found) >= 4
    assert any(expected and not wrong for _, wrong, expected in found)  # a warning shown
    names = " ".join(
        str(case["name"]) for content, _, _ in found for case in yaml.safe_load(content)
    )
    for seed in ("chercher un emploi", "espagnole inactive", "R.111-4", "retrait", "R.512-1"):
        assert seed in names
    assert "Exemple de la circulaire" in names


def test_every_case_of_the_guide_holds_and_every_failure_prints_as_shown(tmp_path):
    wrong_files = set()
    expected_lines = []
    found = cases()
    for number, (content, wrong, expected) in enumerate(found, 1):
        name = f"cas_{number:02}.yaml"
        (tmp_path / name).write_text(content, encoding="utf-8")
        if wrong:
            wrong_files.add(name)
        expected_lines += expected
    returncode, output = openfisca_test(tmp_path, "-v", cwd=tmp_path)
    assert returncode != 0  # the guide shows failures too
    failed = set(re.findall(r"^FAILED (cas_\d+\.yaml)", output, re.M))
    assert failed == wrong_files, output[-3000:]
    cases_count = sum(len(yaml.safe_load(content)) for content, _, _ in found)
    assert f"{len(wrong_files)} failed, {cases_count - len(wrong_files)} passed" in output
    missing = [line for line in expected_lines if line not in output]
    assert not missing, f"the guide shows messages openfisca test no longer prints: {missing}"
    assert output.count("aucun fait n'est donné") == 1  # the guide's other cases give their facts
    assert "Traceback" not in output


def test_the_parametric_reform_shown_is_the_project_s():
    shown = [
        yaml.safe_load(content)
        for language, content, _ in blocks()
        if language == "yaml" and isinstance(yaml.safe_load(content), dict)
    ]
    assert shown
    for reform in shown:
        path = ROOT / "reforms" / "parametriques" / f"{reform['nom']}.yaml"
        assert reform == yaml.safe_load(path.read_text(encoding="utf-8"))
