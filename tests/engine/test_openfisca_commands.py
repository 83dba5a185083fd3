"""OpenFisca's own commands still work with this package: `openfisca test` and `openfisca serve`
run the same rules (this package's system, its populations and input checks), with OpenFisca's
messages and answers."""

import json
import subprocess
import sys
import time
import urllib.request

from conftest import free_port

COMMAND = [sys.executable, "-m", "openfisca_core.scripts.openfisca_command"]


def test_openfisca_test_runs_the_legal_yaml_tests(tmp_path):
    case = tmp_path / "cas.yaml"
    case.write_text(
        "- name: Une nationalité donnée pour ETERNITY vaut pour chaque mois.\n"
        "  period: 2018-02\n"
        "  input:\n"
        "    nationalite: {ETERNITY: IT}\n"
        "  output:\n"
        "    ressortissant_ue_eee_suisse: true\n",
        encoding="utf-8",
    )
    run = subprocess.run(
        [*COMMAND, "test", "--country-package", "openfisca_residence", str(case)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-2000:]
    assert "1 passed" in run.stdout


def test_openfisca_serve_serves_the_rules(tmp_path):
    port = free_port()
    log = (tmp_path / "server.log").open("wb")
    server = subprocess.Popen(
        [
            *COMMAND,
            "serve",
            "--country-package",
            "openfisca_residence",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    try:
        body = {
            "individus": {
                "paulo": {
                    "nationalite": {"ETERNITY": "IT"},
                    "ressortissant_ue_eee_suisse": {"2018-02": None},
                }
            }
        }
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/calculate",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    answer = json.loads(response.read())
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "did not start"
                time.sleep(0.3)
        assert answer["individus"]["paulo"]["ressortissant_ue_eee_suisse"]["2018-02"] is True
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
