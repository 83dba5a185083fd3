import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

import pandas
import pytest

from openfisca_residence import CountryTaxBenefitSystem, i18n, legal_folder

PARAMETERS = legal_folder("parameters")


@pytest.fixture(scope="session")
def tax_benefit_system():
    return CountryTaxBenefitSystem()


@pytest.fixture(scope="session")
def generated():
    """A few hundred synthetic persons (months 2023-01..2024-12), as a pyarrow Table."""
    from openfisca_residence.synthetic import generate

    return generate(persons=400, seed=7)


@pytest.fixture
def hand_checked() -> pandas.DataFrame:
    """Four persons, under today's law and with no keeping of rights from 1 January 2027
    (`fin_droits_expiration_sejour`).

    - expired (weight 10): card expired 31 March 2027; PUMa and CSS kept 6 months today (to 30
      September), lost under the reform (titre_expire): irregular from 1 April, the AME in August
      (more than three months on the first day of the month); paid PUMa.
    - french (weight 100): PUMa both ways; paid PUMa and the CSS.
    - undocumented (weight 5): the AME both ways (after three months of irregular stay); paid the
      AME.
    - withdrawn (weight 20): carte de résident withdrawn 10 March 2027; PUMa kept until 9
      September today, lost under the reform (decision_refus_sejour): irregular from 10 March,
      the AME in July; paid PUMa and the CSS.
    """
    return pandas.DataFrame(
        {
            "person_id": [1, 2, 3, 4],
            "weight": [10.0, 100.0, 5.0, 20.0],
            "nationalite": ["ML", "FR", "ML", "TN"],
            "titre_sejour": ["carte_sejour_temporaire", "aucun", "aucun", "carte_resident"],
            "titre_sejour_date_fin": ["2027-03-31", None, None, "2030-01-01"],
            "decision_refus_sejour_date": [None, None, None, "2027-03-10"],
            "date_arrivee_france": ["2015-01-01", None, "2020-01-01", "2010-01-01"],
            "percoit_puma": [True, True, False, True],
            "percoit_css": [False, True, False, True],
            "percoit_ame": [False, False, True, False],
        }
    )


@pytest.fixture(autouse=True)
def messages_in_french(monkeypatch):
    """The messages in the language users get by default, whatever the developer's environment."""
    monkeypatch.delenv(i18n.ENVIRONMENT, raising=False)


def parameter_files():
    """The YAML files of parameters/, the folders' index.yaml apart."""
    return sorted(p for p in PARAMETERS.rglob("*.yaml") if p.name != "index.yaml")


def parameters_in(data: dict, name: str):
    """The parameters a YAML file defines: itself if it has `values`, else each of its nodes."""
    if "values" in data:
        yield name, data
        return
    for key, child in data.items():
        if isinstance(child, dict):
            yield from parameters_in(child, f"{name}.{key}")


def environment(language: str | None = None) -> dict[str, str]:
    """This process's environment for a command, its messages in French (or in `language`)."""
    found = {key: value for key, value in os.environ.items() if key != i18n.ENVIRONMENT}
    return {**found, i18n.ENVIRONMENT: language} if language else found


def openfisca_test(*arguments, cwd=None, language=None) -> tuple[int, str]:
    """`openfisca-residence test ARGUMENTS`, the legal experts' command, as a user runs it (its
    messages in French, or in `language`): its exit code and its output (stdout and stderr)."""
    run = subprocess.run(
        [sys.executable, "-m", "openfisca_residence.cli", "test", *map(str, arguments)],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        env=environment(language),
    )
    return run.returncode, run.stdout + run.stderr


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Api:
    """The Web API served by `openfisca-residence serve` on 127.0.0.1, and its log."""

    url: str
    log: str

    def call(
        self,
        path,
        payload=None,
        *,
        raw: bytes | None = None,
        content_type: str = "application/json",
        method: str | None = None,
    ):
        """(HTTP status, decoded JSON answer) of GET `path`, or of POST `payload` (or `raw` bytes),
        or of `method`."""
        data = raw if raw is not None else None if payload is None else json.dumps(payload).encode()
        request = urllib.request.Request(
            self.url + path, data=data, headers={"Content-Type": content_type}, method=method
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            body = error.read()
            try:
                return error.code, json.loads(body)
            except ValueError:
                return error.code, body.decode(errors="replace")


def serve(tmp_path_factory, *options):
    """`openfisca-residence serve` on a free port of 127.0.0.1, one worker, with `options`; stopped
    at the end of the session. Its log goes to a file (a pipe left unread would block the server)."""
    port = free_port()
    log = tmp_path_factory.mktemp("api") / "server.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "openfisca_residence.cli",
                "serve",
                "--port",
                str(port),
                "--workers",
                "1",
                *options,
            ],
            stdout=subprocess.DEVNULL,
            stderr=output,
            env=environment(),
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}/spec", timeout=2)
                break
            except (urllib.error.URLError, ConnectionError):
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(
                        f"openfisca-residence serve did not start: {log.read_text()[-2000:]}"
                    )
                time.sleep(0.3)
        yield Api(url, str(log))
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture(scope="session")
def api(tmp_path_factory):
    """The Web API of today's law."""
    yield from serve(tmp_path_factory)


# Small limits, so that each can be reached by a small request (tests/engine/web/test_limits.py).
LIMITS = {
    "--max-body": "4000000",
    "--max-persons": "12000",
    "--max-families": "50",
    "--time-budget": "1",
    "--read-timeout": "2",
    "--queue": "1",
    "--max-requests": "4",
}


@pytest.fixture(scope="module")
def limited_api(tmp_path_factory):
    """The Web API of today's law, served with the small limits of `LIMITS`."""
    yield from serve(tmp_path_factory, *[part for item in LIMITS.items() for part in item])


@pytest.fixture(scope="session")
def reformed_api(tmp_path_factory):
    """The Web API served with the reform fin_droits_expiration_sejour (`--reform`)."""
    yield from serve(tmp_path_factory, "--reform", "fin_droits_expiration_sejour")
