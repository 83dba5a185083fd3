"""The Web API, started for real with `openfisca serve` on 127.0.0.1, and called over HTTP."""

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

CASE = {
    "individus": {
        "paulo": {
            "foyer_permanent_france": {"2018-01": False},
            # Present 1 Jan–31 Mar and 17 Sep–21 Dec 2017: the circular's worked example.
            "jours_absence_france": {
                "2017-04": 30,
                "2017-05": 31,
                "2017-06": 30,
                "2017-07": 31,
                "2017-08": 31,
                "2017-09": 16,
                "2017-12": 10,
            },
            "jours_presence_france_retenus": {"2018-01": None},
            "reside_en_france": {"2018-01": None},
        }
    }
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def api():
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "openfisca_core.scripts.openfisca_command",
            "serve",
            "--country-package",
            "openfisca_residence",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{url}/spec", timeout=2)
            break
        except (urllib.error.URLError, ConnectionError):
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail(
                    f"openfisca serve did not start: {server.stderr.read().decode()[-2000:]}"
                )
            time.sleep(0.3)
    yield url
    server.terminate()
    server.wait(timeout=30)


def call(url, path, payload=None):
    data = None if payload is None else json.dumps(payload).encode()
    request = urllib.request.Request(
        url + path, data=data, headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_calculate_the_circulars_fractional_presence(api):
    status, answer = call(api, "/calculate", CASE)
    assert status == 200
    paulo = answer["individus"]["paulo"]
    assert paulo["jours_presence_france_retenus"]["2018-01"] == 186
    assert paulo["reside_en_france"]["2018-01"] is True


def test_trace_names_the_conditions(api):
    status, answer = call(api, "/trace", CASE)
    assert status == 200
    assert "sejour_principal_france<2018-01>" in answer["trace"]
    assert "foyer_permanent_france<2018-01>" in answer["trace"]


def test_variables_and_parameters_are_listed(api):
    assert "reside_en_france" in call(api, "/variables")[1]
    status, variable = call(api, "/variable/sejour_principal_france")
    assert status == 200 and "R.115-6" in " ".join(variable["references"])
    status, parameter = call(api, "/parameter/residence.sejour_principal.duree_presence_minimale")
    assert status == 200 and parameter["values"]["2007-03-18"] == 180


def test_bad_input_is_a_400_naming_the_field(api):
    case = {
        "individus": {
            "paulo": {
                "jours_absence_france": {"2017-02": 30},
                "reside_en_france": {"2017-02": None},
            }
        }
    }
    status, answer = call(api, "/calculate", case)
    assert status == 400
    message = answer["individus"]["paulo"]["jours_absence_france"]["2017-02"]
    assert "individu paulo = 30; expected a whole number of days from 0 to 28" in message
