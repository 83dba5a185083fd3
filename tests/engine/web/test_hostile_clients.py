"""The served Web API against hostile clients (`openfisca-residence serve` on 127.0.0.1, with the
small limits of conftest.py's `LIMITS`): every case of issue 18's table answers 4xx (or 503 for
the time budget and a full queue) with a JSON error naming the limit or the input, and never
holds a worker. Each test is bounded in time: every socket has a timeout, every wait a deadline.
"""

import http.client
import json
import socket
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

import pytest

TIMEOUT = 30  # seconds, for any answer
CASE = {"individus": {"paulo": {"reside_en_france": {"2018-01": None}}}}


def post(api, body: bytes, headers: dict | None = None, path: str = "/calculate"):
    """(status, headers, body bytes) of a POST of raw bytes, with exactly these headers."""
    address = urllib.parse.urlsplit(api.url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=TIMEOUT)
    try:
        connection.putrequest("POST", path, skip_accept_encoding=True)
        for name, value in {"Content-Length": str(len(body)), **(headers or {})}.items():
            connection.putheader(name, value)
        connection.endheaders(body)
        answer = connection.getresponse()
        return answer.status, dict(answer.getheaders()), answer.read()
    finally:
        connection.close()


def error_of(answer: bytes) -> str:
    return json.loads(answer)["error"]


def as_text(answer: bytes) -> str:
    """A JSON answer as text, its accents unescaped."""
    return json.dumps(json.loads(answer), ensure_ascii=False)


def persons(count: int) -> dict:
    """`count` persons, each asking whether they reside in France in January 2024."""
    asked = {"2024-01": None}
    return {
        "individus": {
            f"p{n}": {"jours_absence_france": {"2024-01": 3}, "reside_en_france": asked}
            for n in range(count)
        }
    }


# A request that computes for seconds, past the 1 s time budget of `limited_api` (3 to 6 s in one
# process on the machine of 4 December 2026, where ten years of six eligibilities took 0.6 to 1 s
# and no longer passed the budget every time), in a small body: one person repeated 12,000 times
# along an axis (the most persons LIMITS allows), asking the eligibility and the reason of refusal
# of the six benefits of persons for forty years.
FORTY_YEARS = {f"{2024 + n // 12}-{n % 12 + 1:02d}": None for n in range(480)}
SLOW = {
    "individus": {
        "p": {
            f"{benefit}_{output}": FORTY_YEARS
            for benefit in ("aah", "aspa", "asi", "puma", "css", "ame")
            for output in ("eligible", "motif_refus")
        }
    },
    "familles": {"f": {"parents": ["p"]}},
    "axes": [
        [
            {
                "name": "jours_absence_france",
                "count": 12_000,
                "min": 0,
                "max": 28,
                "period": "2024-01",
            }
        ]
    ],
}


def test_a_body_sent_as_text_or_without_type_is_read_as_json(limited_api):
    for headers in ({}, {"Content-Type": "text/plain"}, {"Content-Type": "image/png"}):
        status, _, answer = post(limited_api, json.dumps(CASE).encode(), headers)
        assert status == 200, answer
        assert json.loads(answer)["individus"]["paulo"]["reside_en_france"]["2018-01"] is True
    status, _, answer = post(limited_api, b'{"individus": {', {"Content-Type": "text/plain"})
    assert status == 400 and error_of(answer).startswith("JSON invalide")


@pytest.mark.parametrize("depth", [11, 100, 500, 1000, 5000])
def test_json_nested_too_deep_is_a_400_naming_the_limit(limited_api, depth):
    for body in ("[" * depth + "]" * depth, '{"a":' * depth + "1" + "}" * depth):
        status, _, answer = post(limited_api, body.encode())
        assert status == 400, answer[:200]
        assert "s'imbrique sur plus de 10 niveaux (--max-depth" in error_of(answer)


def test_a_body_above_the_limit_is_a_413_that_echoes_nothing(limited_api):
    value = "x" * 5_000_000
    body = json.dumps({"individus": {"p": {"nationalite": {"ETERNITY": value}}}}).encode()
    status, headers, answer = post(limited_api, body)
    assert status == 413 and len(answer) < 500
    assert "dépasse 4000000 octets" in error_of(answer) and "--max-body" in error_of(answer)
    assert headers["Content-Type"].startswith("application/json")


def test_a_large_value_or_key_under_the_limit_is_not_echoed(limited_api):
    value = "x" * 500_000
    case = {"individus": {"p": {"nationalite": {"ETERNITY": value}}}}
    status, _, answer = post(limited_api, json.dumps(case).encode())
    assert status == 400 and len(answer) < 1_000, answer[:300]
    assert "(500002 caractères)" in as_text(answer)  # the value, quoted, cut with its length
    case = {"individus": {"p": {value: {"2018-01": 1}}}}
    status, _, answer = post(limited_api, json.dumps(case).encode())
    assert status == 404 and len(answer) < 5_000, answer[:300]
    assert "(500000 caractères)" in as_text(answer)


@pytest.mark.parametrize(
    "period", ["0001-01", "1991-12", "2101-01", "9999-12", "year:1000:8999", "month:2100-12:2"]
)
def test_an_input_outside_the_modelled_months_is_a_400_at_its_place(limited_api, period):
    case = {"individus": {"p": {"jours_absence_france": {period: 0}, **CASE["individus"]["paulo"]}}}
    status, _, answer = post(limited_api, json.dumps(case).encode())
    assert status == 400, answer
    message = json.loads(answer)["individus"]["p"]["jours_absence_france"][period]
    assert (
        f"une entrée ne peut pas être donnée pour {period} : le droit est modélisé de 1994-01"
        in message
    )


def test_too_many_persons_or_families_is_a_413_naming_the_limit(limited_api):
    many = {"individus": {f"p{n}": {} for n in range(12_001)}}
    status, _, answer = post(limited_api, json.dumps(many).encode())
    assert status == 413 and "12001 individus" in error_of(answer)
    assert "--max-persons" in error_of(answer)
    axes = [[{"count": 20_000, "name": "jours_absence_france", "min": 0, "max": 28}]]
    case = {**persons(1), "axes": axes}
    status, _, answer = post(limited_api, json.dumps(case).encode())
    assert status == 413 and "20000 individus (1 × les effectifs des axes)" in error_of(answer)
    families = {f"f{n}": {"parents": [f"p{n}"]} for n in range(51)}
    status, _, answer = post(
        limited_api, json.dumps({**persons(51), "familles": families}).encode()
    )
    assert status == 413 and "51 familles" in error_of(answer)
    assert "--max-families" in error_of(answer)


def test_inputs_over_too_many_months_are_a_413_naming_the_limit(limited_api):
    inputs = ["foyer_permanent_france", "percoit_rsa", "percoit_aah", "percoit_puma"]
    case = {"individus": {"p": {name: {"month:1994-01:1200": False} for name in inputs}}}
    status, _, answer = post(limited_api, json.dumps(case).encode())
    assert status == 413 and "couvrent 4800 mois" in error_of(answer)
    assert "240 au plus par requête (--max-input-months)" in error_of(answer)
    case = {"individus": {"p": {name: {"2017": False, "2018-01": False} for name in inputs}}}
    assert post(limited_api, json.dumps(case).encode())[0] == 200  # 4 × 13 months


def slow_body(api, results: list, stop: threading.Event) -> None:
    """A client announcing 1,000 bytes and sending one every 0.2 s: the answer and when it came."""
    address = urllib.parse.urlsplit(api.url)
    started = time.monotonic()
    with socket.create_connection((address.hostname, address.port), timeout=TIMEOUT) as client:
        client.sendall(b"POST /calculate HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{")
        client.settimeout(0.2)
        answer = b""
        while not stop.is_set() and time.monotonic() - started < TIMEOUT:
            try:
                client.sendall(b" ")
                answer += client.recv(4096)
                if b"\r\n\r\n" in answer:
                    break
            except TimeoutError:
                continue
            except OSError:
                break
    results.append((answer, time.monotonic() - started))


def test_slow_bodies_are_answered_408_and_hold_no_worker(limited_api):
    results, stop = [], threading.Event()
    clients = [
        threading.Thread(target=slow_body, args=(limited_api, results, stop)) for _ in range(3)
    ]
    for client in clients:
        client.start()
    try:
        time.sleep(0.5)  # the three are sending; the only worker still answers at once
        for _ in range(3):
            started = time.monotonic()
            status, _, _ = post(limited_api, json.dumps(CASE).encode())
            assert status == 200 and time.monotonic() - started < 1.5
    finally:
        for client in clients:
            client.join(TIMEOUT)
        stop.set()
    assert len(results) == 3
    for answer, after in results:
        assert answer.startswith(b"HTTP/1.1 408"), answer[:100]
        assert b"--read-timeout" in answer and 1.5 < after < 6


def test_past_the_time_budget_the_answer_is_503_and_the_worker_is_replaced(limited_api):
    started = time.monotonic()
    status, _, answer = post(limited_api, json.dumps(SLOW).encode())
    assert status == 503, answer[:300]
    assert "temps accordé par ce serveur (1 s, --time-budget)" in error_of(answer)
    assert time.monotonic() - started < 8
    status, _, _ = post(limited_api, json.dumps(CASE).encode())
    assert status == 200
    with open(limited_api.log) as log:
        assert "Booting worker" in log.read().split("Listening at")[-1]


def test_a_full_queue_is_answered_503_at_once(limited_api):
    slow = json.dumps(SLOW).encode()
    with ThreadPoolExecutor(2) as pool:
        computing = pool.submit(post, limited_api, slow)  # the only worker
        time.sleep(0.3)
        waiting = pool.submit(post, limited_api, json.dumps(CASE).encode())  # the queue of 1
        time.sleep(0.3)
        status, headers, answer = post(limited_api, json.dumps(CASE).encode())
        assert computing.result(TIMEOUT)[0] == 503  # past the time budget
        # The request waiting in the queue gets the next worker, or, on a loaded machine where the
        # replaced worker boots in more than the time budget, a 503 saying no worker was free.
        waited = waiting.result(TIMEOUT)
        assert waited[0] == 200 or "aucun processus de calcul" in error_of(waited[2])
    # refused for the full queue, not after waiting (the message says which)
    assert status == 503 and headers["Retry-After"] == "1"
    assert "occupé : 1 requêtes attendent déjà (--queue)" in error_of(answer)


def test_workers_are_replaced_after_their_requests(limited_api):
    def booted() -> int:
        with open(limited_api.log) as log:
            return log.read().count("Booting worker")

    before = booted()
    for _ in range(10):
        assert post(limited_api, json.dumps(CASE).encode())[0] == 200
    deadline = time.monotonic() + TIMEOUT
    while booted() < before + 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert booted() >= before + 2  # --max-requests 4 (5 with the jitter): twice in 10 requests
