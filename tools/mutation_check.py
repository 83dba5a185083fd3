"""Do the tests fail for the right reasons? Change a threshold of the law in a copy of the project,
and check that the YAML tests and at least one Python test fail (issue 18, item 9).

    .venv/bin/python tools/mutation_check.py [--python-tests tests/engine/test_law_values.py ...]

Each mutation (`MUTATIONS`) changes one parameter file in a fresh copy of the repository (its
files known to git, the legal folders linked into the package so that the copy's are imported),
then runs there the legal experts' YAML tests of its domain and the Python tests given, with this
virtualenv's Python. A mutation that no test notices is a hole in the tests. Prints one line per
mutation and run, then a JSON list; exit code 1 when a mutation escapes either kind of test, or
when the copy without mutation (the control) fails.
Not a test: it takes a few minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# (name, parameter file, text, mutated text, YAML tests of its domain)
MUTATIONS = [
    ("none (the control: every test passes)", "parameters/index.yaml", "", "", ["tests/ue"]),
    (
        "the EU worker's 120 hours become 121",
        "parameters/ue/travailleur/heures_mois.yaml",
        "value: 120",
        "value: 121",
        ["tests/ue"],
    ),
    (
        "the RSA's 5 years of permits become 6",
        "parameters/sejour/anteriorite_titres/rsa.yaml",
        "value: 5",
        "value: 6",
        ["tests/sejour", "tests/prestations"],
    ),
]
PYTHON_TESTS = ["tests/engine/test_law_values.py"]


def copy_of_the_project(folder: Path) -> Path:
    files = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    for name in files:
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    for legal in ("variables", "parameters", "reforms"):  # as setup.py maps them
        (folder / "openfisca_residence" / legal).symlink_to(folder / legal)
    return folder


def failed(command: list[str], copy: Path) -> bool:
    environment = {**os.environ, "PYTHONPATH": str(copy)}
    run = subprocess.run(command, cwd=copy, env=environment, capture_output=True, text=True)
    return run.returncode != 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python-tests", nargs="+", default=PYTHON_TESTS)
    arguments = parser.parse_args()
    results = []
    for name, path, text, mutated, yaml_tests in MUTATIONS:
        with tempfile.TemporaryDirectory() as folder:
            copy = copy_of_the_project(Path(folder))
            parameter = copy / path
            original = parameter.read_text(encoding="utf-8")
            assert text in original, (path, text)
            parameter.write_text(original.replace(text, mutated), encoding="utf-8")
            yaml_failed = failed(
                [sys.executable, "-m", "openfisca_residence.cli", "test", *yaml_tests], copy
            )
            pytest = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
            python_failed = failed([*pytest, *arguments.python_tests], copy)
        results.append(
            {"mutation": name, "yaml_failed": yaml_failed, "python_failed": python_failed}
        )
        print(
            f"{name}: YAML tests {'fail' if yaml_failed else 'PASS'}, Python tests "
            f"{'fail' if python_failed else 'PASS'}",
            flush=True,
        )
    print(json.dumps(results, ensure_ascii=False))
    control, *mutants = results
    caught = all(r["yaml_failed"] and r["python_failed"] for r in mutants)
    return 0 if caught and not (control["yaml_failed"] or control["python_failed"]) else 1


if __name__ == "__main__":
    sys.exit(main())
