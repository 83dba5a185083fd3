"""The Web API under a hostile client (issue 18): legitimate throughput and p99, with and without.

    .venv/bin/python benchmarks/bench_api.py [--workers 2] [--clients 4] [--seconds 20]
    .venv/bin/python benchmarks/bench_api.py --large 100000

`openfisca-residence serve` is started on 127.0.0.1 (a free port, loopback only), then three
phases of `--seconds` each, the legitimate clients (`--clients` threads, each sending the README's
example, one person whose residence is computed, on a kept-alive connection) running throughout:

1. `alone`: the legitimate clients only;
2. `attack`: a hostile client also sends 5 requests a second of long-period inputs (`--attack`:
   `issue`, 17 inputs over `year:1000:8999`, issue 18's 949-byte body; `longest`, the longest the
   limits let through, 17 inputs covering `--max-input-months` months in all; `both` in turn),
   and 3 connections send bodies slowly (a byte every 0.5 s; each reconnects once answered);
3. `after`: the legitimate clients only, once the attack has stopped.

For each phase: legitimate requests answered 200 per second, their p50 and p99 latency, their
errors; the hostile requests' statuses. The goal: under attack, ≥ 80 % of the throughput alone and
p99 under 1 s. The machine's load average is printed before and after: a run that shared the
cores with another job measures that job too; run it again.

`--large N`: one request of N persons (families of three, a few inputs each, the nine benefits'
eligibility asked for one month), sent to a server started with `--max-persons N --max-families
N --max-body` large enough and `--time-budget 600`: its time and size.

`--latency N`: N requests one after the other, on a kept-alive connection, each of one person
(a Moroccan holding a carte de résident) asking the nine benefits' eligibility for one month:
the median, p90 and p99 latency seen by the client (the first 20 requests, which warm the
workers' caches, not counted).

Not a test: it takes a minute. Prints one line per phase, then a JSON object as last line.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from openfisca_residence.system.benefits import BENEFITS
from openfisca_residence.web.limits import Limits

BIN = Path(sys.executable).parent
LEGITIMATE = {
    "individus": {
        "paulo": {
            "jours_absence_france": {"2018-01": 31},
            "reside_en_france": {"2018-01": None},
        }
    }
}
LONG_INPUTS = [
    "a_combattu_pour_la_france",
    "convention_internationale_applicable",
    "demande_renouvellement_titre",
    "mesure_eloignement_definitive",
    "titre_sejour_etudiant",
    "absence_pour_etudes",
    "foyer_permanent_france",
    "percoit_aah",
    "percoit_aide_logement",
    "percoit_ame",
    "percoit_asi",
    "percoit_aspa",
    "percoit_css",
    "percoit_prestations_familiales",
    "percoit_puma",
    "percoit_rsa",
    "chomage_involontaire",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(port: int, workers: int, *options: str) -> subprocess.Popen:
    command = [BIN / "openfisca-residence", "serve", "--port", str(port), "--workers", str(workers)]
    server = subprocess.Popen(
        [*command, *options],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/spec", timeout=5)
            return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("the server did not start")


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(30)
    except subprocess.TimeoutExpired:
        server.kill()


class Legitimate(threading.Thread):
    """One client sending the legitimate request again and again; latencies by phase."""

    def __init__(self, port: int, phase: list, done: threading.Event) -> None:
        super().__init__(daemon=True)
        self.port, self.phase, self.done = port, phase, done
        self.latencies: dict[str, list[float]] = {}
        self.errors: dict[str, int] = {}

    def run(self) -> None:
        body = json.dumps(LEGITIMATE).encode()
        connection = None
        while not self.done.is_set():
            phase = self.phase[0]
            started = time.perf_counter()
            try:
                if connection is None:
                    connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                connection.request("POST", "/calculate", body, {"Content-Type": "application/json"})
                answer = connection.getresponse()
                answer.read()
                ok = answer.status == 200
            except OSError:
                ok, connection = False, None
            if ok:
                self.latencies.setdefault(phase, []).append(time.perf_counter() - started)
            else:
                self.errors[phase] = self.errors.get(phase, 0) + 1


def hostile_request(months: int, turn: int, kind: str) -> bytes:
    if kind == "issue" or (kind == "both" and turn % 2 == 0):  # issue 18's: refused at the door
        inputs = {name: {"year:1000:8999": False} for name in LONG_INPUTS}
    else:  # the longest the limits let through: `months` months of inputs in all
        share = max(1, months // len(LONG_INPUTS))
        inputs = {name: {f"month:1994-01:{share}": False} for name in LONG_INPUTS}
    inputs["reside_en_france"] = {"2018-01": None}
    return json.dumps({"individus": {"x": inputs}}).encode()


def attacker(port: int, months: int, kind: str, stop_at: float, statuses: dict) -> None:
    """5 requests a second, each on its own thread (a client that does not wait)."""
    threads, turn = [], 0

    def send(body: bytes) -> None:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            connection.request("POST", "/calculate", body, {"Content-Type": "application/json"})
            status = connection.getresponse().status
        except OSError as error:
            status = type(error).__name__
        statuses[status] = statuses.get(status, 0) + 1

    while time.monotonic() < stop_at:
        thread = threading.Thread(target=send, args=(hostile_request(months, turn, kind),))
        thread.start()
        threads.append(thread)
        turn += 1
        time.sleep(0.2)
    for thread in threads:
        thread.join(60)


def slow_body(port: int, stop_at: float, answers: dict) -> None:
    """A body announced as 10,000 bytes, sent a byte every 0.5 s; again once answered."""
    while time.monotonic() < stop_at:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5) as client:
                client.sendall(
                    b"POST /calculate HTTP/1.1\r\nHost: x\r\nContent-Length: 10000\r\n\r\n{"
                )
                answer = b""
                while time.monotonic() < stop_at and b"\r\n" not in answer:
                    client.sendall(b" ")
                    with contextlib.suppress(TimeoutError):
                        answer += client.recv(100)  # waits 0.5 s when nothing comes
            status = answer.split(b" ")[1].decode() if answer else "none"
        except OSError as error:
            status = type(error).__name__
        answers[status] = answers.get(status, 0) + 1


def percentile(values: list[float], share: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(share * len(values)))] if values else float("nan")


def attack(arguments) -> dict:
    port = free_port()
    server = start(port, arguments.workers)
    load_before = os.getloadavg()
    phase, done = ["warm"], threading.Event()
    clients = [Legitimate(port, phase, done) for _ in range(arguments.clients)]
    for client in clients:
        client.start()
    hostile: dict = {}
    slow: dict = {}
    try:
        time.sleep(2)
        durations = {}
        for name in ("alone", "attack", "after"):
            phase[0] = name
            started = time.monotonic()
            stop_at = started + arguments.seconds
            threads = []
            if name == "attack":
                threads.append(
                    threading.Thread(
                        target=attacker,
                        args=(port, Limits().max_input_months, arguments.attack, stop_at, hostile),
                    )
                )
                threads += [
                    threading.Thread(target=slow_body, args=(port, stop_at, slow)) for _ in range(3)
                ]
            for thread in threads:
                thread.start()
            time.sleep(max(0.0, stop_at - time.monotonic()))
            phase[0] = f"{name}-end"
            durations[name] = time.monotonic() - started
            for thread in threads:
                thread.join(90)
    finally:
        done.set()
        for client in clients:
            client.join(60)
        stop(server)
    results = {}
    for name, duration in durations.items():
        latencies = [value for client in clients for value in client.latencies.get(name, [])]
        errors = sum(client.errors.get(name, 0) for client in clients)
        results[name] = {
            "requests_per_second": round(len(latencies) / duration, 1),
            "p50_ms": round(1000 * percentile(latencies, 0.50), 1),
            "p99_ms": round(1000 * percentile(latencies, 0.99), 1),
            "errors": errors,
        }
        print(name, results[name], flush=True)
    ratio = results["attack"]["requests_per_second"] / results["alone"]["requests_per_second"]
    return {
        "attack": arguments.attack,
        "workers": arguments.workers,
        "clients": arguments.clients,
        "seconds": arguments.seconds,
        "phases": results,
        "attack_over_alone": round(ratio, 3),
        "hostile_statuses": {str(key): value for key, value in hostile.items()},
        "slow_body_statuses": {str(key): value for key, value in slow.items()},
        "goal_met": ratio >= 0.8 and results["attack"]["p99_ms"] < 1000,
        "load_before": [round(value, 2) for value in load_before],
        "load_after": [round(value, 2) for value in os.getloadavg()],
    }


def asked(month: str) -> dict:
    """Each benefit's eligibility, asked for `month`."""
    return {f"{benefit}_eligible": {month: None} for benefit in BENEFITS}


def person(n: int, month: str = "2024-01") -> dict:
    """A third-country national with a carte de résident, a few days abroad, the nine benefits
    asked."""
    return {
        "nationalite": {"ETERNITY": "MA"},
        "date_naissance": {"ETERNITY": "1980-05-01"},
        "titre_sejour": {month: "carte_resident"},
        "titre_sejour_date_debut": {month: "2015-03-01"},
        "titre_sejour_date_fin": {month: "2030-02-28"},
        "jours_absence_france": {month: n % 28},
        **asked(month),
    }


def latency(arguments) -> dict:
    body = json.dumps({"individus": {"amina": person(0)}}).encode()
    port = free_port()
    server = start(port, 1)
    load_before = os.getloadavg()
    latencies = []
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        for n in range(arguments.latency + 20):
            started = time.perf_counter()
            connection.request("POST", "/calculate", body, {"Content-Type": "application/json"})
            answer = connection.getresponse()
            content = answer.read()
            if answer.status != 200:
                raise SystemExit(f"HTTP {answer.status}: {content[:500]!r}")
            if n >= 20:
                latencies.append(time.perf_counter() - started)
    finally:
        stop(server)
    result = {
        "benchmark": "api_one_person",
        "requests": len(latencies),
        "benefits": len(BENEFITS),
        "median_ms": round(1000 * percentile(latencies, 0.5), 2),
        "p90_ms": round(1000 * percentile(latencies, 0.9), 2),
        "p99_ms": round(1000 * percentile(latencies, 0.99), 2),
        "load_before": [round(value, 2) for value in load_before],
        "load_after": [round(value, 2) for value in os.getloadavg()],
    }
    print(result)
    return result


def large(arguments) -> dict:
    persons = arguments.large
    individus = {f"p{n}": person(n) for n in range(persons)}
    familles = {
        f"f{n}": {
            "parents": [f"p{n}"],
            "enfants": [f"p{k}" for k in range(n + 1, min(n + 3, persons))],
        }
        for n in range(0, persons, 3)
    }
    body = json.dumps({"individus": individus, "familles": familles}).encode()
    port = free_port()
    server = start(
        port,
        1,
        *("--max-persons", str(persons), "--max-families", str(persons)),
        *("--max-body", str(2 * len(body)), "--time-budget", "600", "--read-timeout", "120"),
    )
    load_before = os.getloadavg()
    try:
        started = time.perf_counter()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=700)
        connection.request("POST", "/calculate", body, {"Content-Type": "application/json"})
        answer = connection.getresponse()
        content = answer.read()
        seconds = time.perf_counter() - started
    finally:
        stop(server)
    result = {
        "benchmark": "api_large_request",
        "persons": persons,
        "benefits": len(BENEFITS),
        "families": len(familles),
        "body_bytes": len(body),
        "status": answer.status,
        "answer_bytes": len(content),
        "seconds": round(seconds, 2),
        "load_before": [round(value, 2) for value in load_before],
        "load_after": [round(value, 2) for value in os.getloadavg()],
    }
    print(result)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument(
        "--attack",
        choices=["issue", "longest", "both"],
        default="both",
        help="the hostile requests: issue 18's (year:1000:8999), the longest inputs the limits "
        "let through, or both in turn (default)",
    )
    parser.add_argument("--large", type=int, help="one request of this many persons")
    parser.add_argument("--latency", type=int, help="this many one-person requests")
    arguments = parser.parse_args()
    if arguments.latency:
        print(json.dumps(latency(arguments)))
    else:
        print(json.dumps(large(arguments) if arguments.large else attack(arguments)))


if __name__ == "__main__":
    main()
