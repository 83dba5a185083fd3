"""A plain `pip install .` ships the legal folders: the wheel holds them and works on its own."""

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).parents[2]

CHECK = """
import json, openfisca_residence
from openfisca_residence import CountryTaxBenefitSystem
import openfisca_residence.reforms
from openfisca_residence.synthetic.published import stock
system = CountryTaxBenefitSystem()
print(json.dumps({
    "module": openfisca_residence.__file__,
    "variables": len(system.variables),
    "threshold": system.parameters("2018-01-01").residence.sejour_principal.duree_presence_minimale,
    "published": stock("titres_valides", "2023-12-31").value,
}))
"""


def test_the_wheel_holds_the_legal_folders_and_works_without_the_sources(
    tmp_path, tax_benefit_system
):
    # Built from a copy of the files git keeps (tracked, or new and not ignored), so that
    # setuptools' build/ stays out of the checkout.
    tracked = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    source = tmp_path / "source"
    for name in tracked.stdout.splitlines():
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("openfisca_residence-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in [
        "openfisca_residence/variables/residence/sejour_principal_france.py",
        "openfisca_residence/parameters/residence/sejour_principal/duree_presence_minimale.yaml",
        "openfisca_residence/parameters/index.yaml",
        "openfisca_residence/reforms/__init__.py",
        "openfisca_residence/reforms/loi_2024_42_art_19.yaml",
        "openfisca_residence/reforms/parametriques/maintien_droits_trois_mois.yaml",
        "openfisca_residence/situation_examples/personne_seule.json",
        "openfisca_residence/examples/exemple_residence.yaml",
        "openfisca_residence/rules/iso_3166_1_alpha_2.tsv",
    ]:
        assert expected in names

    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    run = subprocess.run(
        [sys.executable, "-c", CHECK],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
    )
    installed = json.loads(run.stdout.splitlines()[-1])
    assert installed["module"].startswith(str(target))
    assert installed["variables"] == len(tax_benefit_system.variables)
    # the parameters shipped are those of the source tree
    parameters = tax_benefit_system.parameters("2018-01-01").residence.sejour_principal
    assert installed["threshold"] == parameters.duree_presence_minimale
    assert installed["published"] == 4003718  # synthetic/chiffres_publies.tsv is shipped
