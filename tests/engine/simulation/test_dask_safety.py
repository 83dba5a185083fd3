"""The Dask backend fails fast and runs safely (issue 18, item 8): a port that never answers, a
cluster without worker, a scheduler stopped mid-run each end with one message and exit code 2
(or a `ClusterError`) within their timeouts; a cluster that speaks TLS only, with certificates
from `tools/dask_tls_certificates.py`, computes what one process computes and refuses a client
without certificate. Every wait is bounded."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pandas
import pytest

from openfisca_residence import cli
from openfisca_residence.data import streaming
from openfisca_residence.simulation import dask_cluster
from openfisca_residence.simulation.backends import Backend
from openfisca_residence.simulation.dask_cluster import ClusterError
from openfisca_residence.simulation.files import simulate_file

ROOT = Path(__file__).resolve().parents[3]
DASK = str(Path(sys.executable).parent / "dask")
TLS_OPTIONS = ["--tls-ca-file", "ca.pem", "--tls-cert", "node.pem", "--tls-key", "node-key.pem"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def population_file(generated, tmp_path_factory):
    path = tmp_path_factory.mktemp("dask_safety") / "population.parquet"
    streaming.write_population(generated.slice(0, 120), path, row_group=20)
    return path


@pytest.fixture
def quick(monkeypatch):
    monkeypatch.setattr(dask_cluster, "CONNECT_TIMEOUT", "2s")
    monkeypatch.setattr(dask_cluster, "WORKERS_TIMEOUT", 3)
    monkeypatch.setattr(dask_cluster, "SILENCE_TIMEOUT", 3)


def simulate(population_file, output, scheduler):
    return cli.main(
        [
            "simulate",
            str(population_file),
            "--variables",
            "reside_en_france",
            "--months",
            "2024-01",
            "--output",
            str(output),
            "--quiet",
            "--scheduler",
            scheduler,
        ]
    )


class Processes:
    """Processes started by a test, stopped at its end."""

    def __init__(self, folder: Path) -> None:
        self.folder, self.started = folder, []
        self.log = (folder / "dask.log").open("w")

    def start(self, *command, env=None):
        process = subprocess.Popen(
            command, cwd=self.folder, stdout=self.log, stderr=subprocess.STDOUT, env=env
        )
        self.started.append(process)
        return process

    def scheduler(self, protocol: str = "tcp", *options) -> tuple[str, subprocess.Popen]:
        """A `dask scheduler` on 127.0.0.1: its address, once it listens, and its process."""
        port = free_port()
        command = ["scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"]
        process = self.start(DASK, *command, *options)
        address = f"{protocol}://127.0.0.1:{port}"
        wait_for_port(address)
        return address, process

    def worker(self, address: str, *options) -> subprocess.Popen:
        command = ["worker", address, "--host", "127.0.0.1", "--nthreads", "1", "--no-nanny"]
        return self.start(DASK, *command, "--no-dashboard", *options)

    def stop(self):
        for process in self.started:
            if process.poll() is None:
                process.kill()
            process.wait(30)
        self.log.close()


@pytest.fixture
def processes(tmp_path):
    started = Processes(tmp_path)
    yield started
    started.stop()


def wait_for_port(address: str, deadline: float = 60) -> None:
    host, port = address.rsplit("/", 1)[1].rsplit(":", 1)
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        try:
            socket.create_connection((host, int(port)), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"nothing listens at {address}")


def test_a_port_that_accepts_and_never_answers(population_file, tmp_path, capsys, quick):
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)  # accepts (the kernel does), never answers
    started = time.monotonic()
    try:
        code = simulate(
            population_file, tmp_path / "r.parquet", f"tcp://127.0.0.1:{silent.getsockname()[1]}"
        )
    finally:
        silent.close()
    error = capsys.readouterr().err
    assert code == 2 and time.monotonic() - started < 30
    assert "cannot reach the Dask scheduler" in error and "Traceback" not in error


def test_a_cluster_without_worker(population_file, tmp_path, capsys, quick, processes):
    address, _ = processes.scheduler()
    started = time.monotonic()
    code = simulate(population_file, tmp_path / "r.parquet", address)
    error = capsys.readouterr().err
    assert code == 2 and time.monotonic() - started < 30
    assert "has no worker: none joined within 3 s" in error


def test_a_scheduler_stopped_mid_run(population_file, tmp_path, quick, processes):
    address, scheduler = processes.scheduler()
    processes.worker(address)

    def stop_the_scheduler(_rows):
        if scheduler.poll() is None:
            scheduler.kill()

    started = time.monotonic()
    with pytest.raises(ClusterError) as raised:
        simulate_file(
            population_file,
            tmp_path / "r.parquet",
            ["reside_en_france"],
            ["2024-01"],
            backend=Backend(scheduler=address, batch_size=20),
            progress=stop_the_scheduler,
        )
    assert time.monotonic() - started < 60, raised.value
    assert "scheduler" in str(raised.value)  # connection lost, or stopped answering
    assert not (tmp_path / "r.parquet").exists()


def test_a_tls_cluster_computes_and_refuses_a_client_without_certificate(
    population_file, tmp_path, processes
):
    certificates = tmp_path / "certs"
    subprocess.run(
        [sys.executable, ROOT / "tools" / "dask_tls_certificates.py", "--output", certificates],
        check=True,
        timeout=60,
    )
    tls = [str(certificates / part) if part.endswith(".pem") else part for part in TLS_OPTIONS]
    address, _ = processes.scheduler("tls", "--protocol", "tls", *tls)
    processes.worker(address, *tls)
    command = [sys.executable, "-m", "openfisca_residence.cli", "simulate", str(population_file)]
    command += ["--variables", "reside_en_france", "--months", "2024-01", "--quiet"]
    client = {
        "DASK_DISTRIBUTED__COMM__TLS__CA_FILE": str(certificates / "ca.pem"),
        "DASK_DISTRIBUTED__COMM__TLS__CLIENT__CERT": str(certificates / "client.pem"),
        "DASK_DISTRIBUTED__COMM__TLS__CLIENT__KEY": str(certificates / "client-key.pem"),
        "DASK_DISTRIBUTED__COMM__REQUIRE_ENCRYPTION": "True",
    }
    run = subprocess.run(
        [*command, "--output", str(tmp_path / "tls.parquet"), "--scheduler", address],
        env={**os.environ, **client},
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    local = tmp_path / "local.parquet"
    assert cli.main([*command[3:], "--output", str(local)]) == 0
    pandas.testing.assert_frame_equal(
        pandas.read_parquet(tmp_path / "tls.parquet"), pandas.read_parquet(local)
    )
    without = subprocess.run(
        [*command, "--output", str(tmp_path / "refused.parquet"), "--scheduler", address],
        env={**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "5s"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert without.returncode == 2 and "cannot reach the Dask scheduler" in without.stderr
    plain = subprocess.run(
        [
            *command,
            "--output",
            str(tmp_path / "plain.parquet"),
            "--scheduler",
            address.replace("tls", "tcp"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert plain.returncode == 2 and "Traceback" not in plain.stderr
