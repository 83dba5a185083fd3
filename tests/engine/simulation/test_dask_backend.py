"""The Dask backend: a scheduler and two workers, separate processes on 127.0.0.1, give the
results of one process, value for value and total for total, even when a worker is killed."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pandas
import pytest
from distributed import Client

from openfisca_residence import cli
from openfisca_residence.analysis.comparison import compare
from openfisca_residence.data import streaming
from openfisca_residence.data.population import Population
from openfisca_residence.simulation import dask_cluster
from openfisca_residence.simulation.backends import Backend
from openfisca_residence.simulation.files import simulate_file
from openfisca_residence.simulation.microsimulation import Microsimulation

VARIABLES = ["reside_en_france", "rsa_eligible", "rsa_motif_refus", "puma_eligible"]
MONTHS = ["2024-01", "2024-02", "2024-03"]
DASK = str(Path(sys.executable).parent / "dask")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    """`dask scheduler` and `dask worker` processes on 127.0.0.1, stopped by `stop()`."""

    def __init__(self, workers: int, directory: Path) -> None:
        port = free_port()
        self.address = f"tcp://127.0.0.1:{port}"
        self.log = (directory / "cluster.log").open("w")
        start = dict(cwd=directory, stdout=self.log, stderr=subprocess.STDOUT)
        self.scheduler = subprocess.Popen(
            [DASK, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
            **start,
        )
        self.workers = [
            subprocess.Popen(
                [
                    DASK,
                    "worker",
                    self.address,
                    "--host",
                    "127.0.0.1",
                    "--nthreads",
                    "1",
                    "--no-nanny",
                    "--no-dashboard",
                    "--local-directory",
                    str(directory),
                ],
                **start,
            )
            for _ in range(workers)
        ]
        with Client(self.address, timeout="30s") as client:
            client.wait_for_workers(workers, timeout=60)

    def stop(self) -> None:
        for process in [*self.workers, self.scheduler]:
            if process.poll() is None:
                process.terminate()
        for process in [*self.workers, self.scheduler]:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.log.close()


@pytest.fixture
def two_workers(tmp_path):
    cluster = Cluster(2, tmp_path)
    yield cluster
    cluster.stop()
    assert all(p.poll() is not None for p in [*cluster.workers, cluster.scheduler])


@pytest.fixture(scope="module")
def population_file(generated, tmp_path_factory):
    path = tmp_path_factory.mktemp("dask") / "population.parquet"
    streaming.write_population(generated.slice(0, 300), path, row_group=50)
    return path


@pytest.fixture(scope="module")
def single_process(population_file, tmp_path_factory):
    """The results of the local backend, in this process, batch by batch."""
    output = tmp_path_factory.mktemp("local") / "results.parquet"
    done = simulate_file(
        population_file, output, VARIABLES, MONTHS, backend=Backend(batch_size=300)
    )
    return output, done


def assert_identical(output, done, single_process):
    expected_output, expected = single_process
    pandas.testing.assert_frame_equal(
        pandas.read_parquet(output), pandas.read_parquet(expected_output)
    )
    families = output.with_name(f"{output.stem}.familles.parquet")
    pandas.testing.assert_frame_equal(
        pandas.read_parquet(families),
        pandas.read_parquet(expected_output.with_name("results.familles.parquet")),
    )
    assert done.totals.sums.keys() == expected.totals.sums.keys()
    for key in expected.totals:
        assert done.totals.value(*key) == expected.totals.value(*key)  # the same floats
    assert done.entity_size("individu") == expected.entity_size("individu")


def test_a_scheduler_and_two_worker_processes_give_the_same_results(
    two_workers, population_file, single_process, tmp_path
):
    output = tmp_path / "results.parquet"
    backend = Backend(scheduler=two_workers.address, batch_size=40)
    done = simulate_file(population_file, output, VARIABLES, MONTHS, backend=backend)
    assert done.partitions >= 7
    assert_identical(output, done, single_process)
    with Client(two_workers.address) as client:  # both workers took part, none is left busy
        assert len(client.scheduler_info()["workers"]) == 2
    simulation = Microsimulation(
        Population.read(population_file), chunk_size=60, scheduler=two_workers.address
    )
    here = Microsimulation(Population.read(population_file), chunk_size=60)
    pandas.testing.assert_frame_equal(
        simulation.calculate_many(VARIABLES, MONTHS).persons,
        here.calculate_many(VARIABLES, MONTHS).persons,
    )
    for variable in VARIABLES:
        assert simulation.total(variable, MONTHS).equals(here.total(variable, MONTHS))
    # A comparison of a reform with today's law, partition by partition on the cluster.
    reform, months = "fin_droits_expiration_sejour@2024-01-01", MONTHS[-1:]
    on_dask = compare(population_file, [reform], months, backend=backend)
    local = compare(population_file, [reform], months, chunk_size=40)
    for frame in ("summary", "breakdown", "undue"):
        pandas.testing.assert_frame_equal(getattr(on_dask, frame), getattr(local, frame))
    assert on_dask.summary["eligible_before"].sum() > 0  # persons were counted


def test_a_worker_killed_mid_run_loses_nothing(
    two_workers, population_file, single_process, tmp_path
):
    killed = []

    def kill_one_worker(_persons):
        if not killed:  # after the first partition, with others in flight on both workers
            victim = two_workers.workers[0]
            os.kill(victim.pid, signal.SIGKILL)
            victim.wait(timeout=10)
            killed.append(victim.pid)

    output = tmp_path / "results.parquet"
    backend = Backend(scheduler=two_workers.address, batch_size=20)
    done = simulate_file(
        population_file, output, VARIABLES, MONTHS, backend=backend, progress=kill_one_worker
    )
    assert killed and two_workers.workers[0].poll() is not None
    assert_identical(output, done, single_process)
    with Client(two_workers.address) as client:
        deadline = time.monotonic() + 10
        while len(client.scheduler_info()["workers"]) != 1 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(client.scheduler_info()["workers"]) == 1  # the other one did the rest


def test_the_command_starts_and_stops_a_local_cluster(population_file, single_process, tmp_path):
    output = tmp_path / "results.parquet"
    code = cli.main(
        [
            "simulate",
            str(population_file),
            "--variables",
            ",".join(VARIABLES),
            "--months",
            "2024-01..2024-03",
            "--output",
            str(output),
            "--backend",
            "dask",
            "--workers",
            "2",
            "--chunk-size",
            "50",
            "--quiet",
        ]
    )
    assert code == 0
    pandas.testing.assert_frame_equal(
        pandas.read_parquet(output), pandas.read_parquet(single_process[0])
    )


@pytest.mark.parametrize(
    ("scheduler", "message"),
    [("tcp://127.0.0.1:{port}", "cannot reach the Dask scheduler"), ("nowhere:x:y", "cannot")],
)
def test_an_unreachable_scheduler_is_one_message_and_exit_2(
    population_file, tmp_path, capsys, monkeypatch, scheduler, message
):
    monkeypatch.setattr(dask_cluster, "CONNECT_TIMEOUT", "1s")
    code = cli.main(
        [
            "simulate",
            str(population_file),
            "--variables",
            "reside_en_france",
            "--months",
            "2024-01",
            "--output",
            str(tmp_path / "r.parquet"),
            "--quiet",
            "--scheduler",
            scheduler.format(port=free_port()),
        ]
    )
    assert code == 2
    error = capsys.readouterr().err
    assert message in error and "Traceback" not in error and len(error.splitlines()) == 1
    assert not (tmp_path / "r.parquet").exists()


def test_the_dask_backend_reads_parquet_files(generated, tmp_path, capsys):
    path = tmp_path / "population.csv"
    streaming.write_population(generated.slice(0, 50), path)
    code = cli.main(
        [
            "simulate",
            str(path),
            "--variables",
            "reside_en_france",
            "--months",
            "2024-01",
            "--output",
            str(tmp_path / "r.parquet"),
            "--backend",
            "dask",
            "--quiet",
        ]
    )
    assert code == 2
    assert "reads Parquet files" in capsys.readouterr().err
