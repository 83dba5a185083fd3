"""Packaging of openfisca-residence.

The legal folders `variables/`, `parameters/` and `reforms/` sit at the top of the repository, where a
legal expert looks for them, and are shipped inside the package as `openfisca_residence.variables`,
`openfisca_residence.parameters` and `openfisca_residence.reforms`: `pip install .` gives a complete
system, and so does `pip install -e .`.
"""

from pathlib import Path

from setuptools import find_namespace_packages, setup


def packages_of(folder: str, name: str) -> list[str]:
    """The package `name` mapped to `folder`, and every sub-folder of it."""
    subpackages = find_namespace_packages(where=folder, exclude=["__pycache__", "*.__pycache__"])
    return [name] + [f"{name}.{subpackage}" for subpackage in subpackages]


setup(
    name="openfisca-residence",
    version="0.2.0",
    description="Conditions de résidence et de séjour régulier des prestations sociales françaises (OpenFisca)",
    long_description=Path("README.md").read_text(encoding="utf-8"),
    long_description_content_type="text/markdown",
    license="AGPL-3.0-or-later",
    # The Web API links each variable's source to its file here (OpenFisca reads `Repository`).
    project_urls={"Repository": "https://github.com/openfisca-residence/openfisca-residence"},
    python_requires=">=3.11",
    packages=(
        packages_of("openfisca_residence", "openfisca_residence")
        + packages_of("variables", "openfisca_residence.variables")
        + packages_of("reforms", "openfisca_residence.reforms")
        + ["openfisca_residence.parameters"]
    ),
    package_dir={
        "openfisca_residence": "openfisca_residence",
        "openfisca_residence.variables": "variables",
        "openfisca_residence.parameters": "parameters",
        "openfisca_residence.reforms": "reforms",
    },
    package_data={
        "openfisca_residence": [
            "examples/*.yaml",
            "rules/*.tsv",
            "synthetic/*.tsv",
            "i18n/locale/*/LC_MESSAGES/*.po",
            "web/explorer/templates/*.html",
            "web/explorer/static/*",
            "web/static/swagger-ui/*",
        ],
        "openfisca_residence.situation_examples": ["*.json"],
        "openfisca_residence.reforms": ["*.yaml"],
        "openfisca_residence.reforms.parametriques": ["*.yaml"],
        "openfisca_residence.parameters": ["**/*.yaml"],
    },
    install_requires=[
        "openfisca-core[web-api] >= 46.0.1, < 47",
        # The buffering front of `openfisca-residence serve` (openfisca_residence/web/front.py).
        "aiohttp >= 3.9, < 4",
        # The Web API's large bodies read and written (openfisca_residence/web/requests.py).
        "orjson >= 3.9, < 4",
        "numpy >= 1.26, < 3",
        "PyYAML >= 6.0, < 7",
        "matplotlib >= 3.8, < 4",
        "pyarrow >= 15",
        "pandas >= 2.1",
        "tqdm >= 4.66",
        # BLAS on one thread in the worker processes (openfisca_residence/simulation/backends.py).
        "threadpoolctl >= 3.1, < 4",
        "dask[dataframe] >= 2024.8, < 2027",
        "distributed >= 2024.8, < 2027",
        # The messages' catalogues (gettext PO files), country names and dates in words.
        "Babel >= 2.12, < 3",
    ],
    # The cross-check with openfisca-france (tools/cross_check_openfisca_france.py) has its own
    # optional dependency, tools/requirements-cross-check.txt, installed by `make cross-check` in a
    # virtualenv of its own: openfisca-france requires openfisca-core < 45, this package 46, so it
    # cannot be an extra of this package (pip would find no solution).
    extras_require={
        "dev": [
            "pytest >= 8.3, < 10",
            "setuptools >= 68",
            "wheel",
            "ruff >= 0.6",
            "yamllint >= 1.35",
            # Invariants over random persons (tests/infrastructure/test_invariants.py) and fuzzing
            # of the served Web API from its OpenAPI spec (tests/infrastructure/test_api_fuzzing.py).
            "hypothesis >= 6.100, < 7",
            "schemathesis >= 4.0, < 5",
            # The case explorer in a real browser (tests/engine/web/test_explorer_browser.py):
            # Playwright drives Debian's chromium, installed by `make test`; no browser download.
            "playwright >= 1.45, < 2",
            # tools/dask_tls_certificates.py, run by tests/engine/simulation/test_dask_safety.py.
            "cryptography >= 42",
        ],
    },
    entry_points={
        "console_scripts": ["openfisca-residence = openfisca_residence.cli:main"],
    },
)
