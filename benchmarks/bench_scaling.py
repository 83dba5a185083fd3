"""Scaling benchmark (issue 9): one process against a Dask cluster of 1 and 2 workers.

    .venv/bin/python benchmarks/bench_scaling.py --persons 1000000 10000000 --workers 1 2

For each size, the synthetic population is written once (`--data`, outside the repository), then
`openfisca-residence simulate` computes the residence and eligibility variables over 12 months:

- `local`: this machine, one process, reading the file batch by batch;
- `dask N`: a `dask scheduler` and N `dask worker` processes (one thread each, no nanny) started
  here on 127.0.0.1, the command given `--scheduler`. The time is the command's (reading, the
  tax-benefit system built on each worker, computing, writing), not the cluster's start, which
  is measured once (`--backend dask`, a LocalCluster started and stopped by the command).

Peak memory is each process's maximum resident set (`os.wait4`): the command (the client, which
writes the results; with a LocalCluster, its largest process, a worker), and each worker.
`other_cpu_s` is the CPU time other processes of the machine took during the run (from
/proc/stat): a run that shared the 2 cores with another job measures nothing; run it again.
`overhead` is workers × time / time of one process − 1: the cost of Dask for the same work
(0: perfect scaling). Prints one line per run, then a JSON list as last line.
Not a test: it takes minutes (10,000,000 persons: about 5 minutes for one process).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent
VARIABLES = [
    "reside_en_france",
    "rsa_eligible",
    "puma_eligible",
    "aah_eligible",
    "prestations_familiales_eligible",
]
MONTHS = "2024-01..2024-12"


def population(persons: int, data: Path) -> Path:
    path = data / f"population_{persons}.parquet"
    if not path.exists():
        from openfisca_residence.synthetic import write

        started = time.perf_counter()
        write(path, persons, seed=2026)
        print(f"# generated {path} in {time.perf_counter() - started:.0f} s", flush=True)
    return path


CPU_SECONDS = {"ours": 0.0}  # CPU seconds of the processes started here, summed


def waited(process: subprocess.Popen) -> tuple[int, float]:
    """Wait for a child: its exit code and its peak resident memory in MB."""
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    CPU_SECONDS["ours"] += usage.ru_utime + usage.ru_stime
    return process.returncode, usage.ru_maxrss / 1024


def machine_busy() -> float:
    """CPU seconds the whole machine spent busy since boot (/proc/stat), all processes."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = fields[3] + fields[4]
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def measured(run, *arguments) -> dict:
    """A run, with the CPU seconds other processes of the machine took meanwhile: a run that
    shared the cores with another job is not a measure of this one (`other_cpu_s`)."""
    busy, ours = machine_busy(), CPU_SECONDS["ours"]
    result = run(*arguments)
    others = machine_busy() - busy - (CPU_SECONDS["ours"] - ours)
    result["other_cpu_s"] = round(max(others, 0.0), 1)
    return result


def stopped(process: subprocess.Popen, timeout: float = 20) -> float:
    """Stop a child (SIGTERM, then SIGKILL after `timeout` s): its peak resident memory in MB."""
    process.terminate()
    deadline = time.monotonic() + timeout
    while True:
        pid, _, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            process.returncode = -1
            CPU_SECONDS["ours"] += usage.ru_utime + usage.ru_stime
            return usage.ru_maxrss / 1024
        if time.monotonic() > deadline:
            process.kill()
            return waited(process)[1]
        time.sleep(0.1)


def simulate(path: Path, output: Path, variables, batch: int, *options: str) -> dict:
    command = [str(BIN / "openfisca-residence"), "simulate", str(path)]
    command += ["--variables", ",".join(variables), "--months", MONTHS, "--output", str(output)]
    command += ["--chunk-size", str(batch), "--quiet", *options]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = process.stdout.read(), process.stderr.read()
    code, peak = waited(process)
    seconds = time.perf_counter() - started
    if code:
        raise SystemExit(f"{' '.join(command)} failed ({code}):\n{out}\n{err}")
    return {"seconds": round(seconds, 1), "client_peak_mb": round(peak)}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def on_cluster(path: Path, output: Path, variables, batch: int, workers: int, logs: Path) -> dict:
    """The command on a scheduler and `workers` worker processes started here, on 127.0.0.1."""
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    log = (logs / f"cluster_{workers}.log").open("w")
    start = {"stdout": log, "stderr": subprocess.STDOUT, "cwd": logs}
    scheduler = subprocess.Popen(
        [
            str(BIN / "dask"),
            "scheduler",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--no-dashboard",
        ],
        **start,
    )
    nodes = [
        subprocess.Popen(
            [
                str(BIN / "dask"),
                "worker",
                address,
                "--host",
                "127.0.0.1",
                "--nthreads",
                "1",
                "--no-nanny",
                "--no-dashboard",
                "--local-directory",
                str(logs),
            ],
            **start,
        )
        for _ in range(workers)
    ]
    try:
        from distributed import Client

        with Client(address, timeout="30s") as client:
            client.wait_for_workers(workers, timeout=120)
        result = simulate(path, output, variables, batch, "--scheduler", address)
    finally:
        peaks = [stopped(process) for process in nodes]  # the workers first, then the scheduler
        stopped(scheduler)
        log.close()
    result["worker_peak_mb"] = [round(peak) for peak in peaks]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--persons", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--variables", default=",".join(VARIABLES))
    parser.add_argument("--batch-size", type=int, default=100_000)
    parser.add_argument("--data", type=Path, default=Path("/tmp/openfisca-residence-bench"))
    parser.add_argument("--local-cluster", action="store_true", help="also time --backend dask")
    arguments = parser.parse_args()
    arguments.data.mkdir(parents=True, exist_ok=True)
    variables = arguments.variables.split(",")
    runs = []
    for persons in arguments.persons:
        path = population(persons, arguments.data)
        output = arguments.data / f"results_{persons}.parquet"
        local = measured(simulate, path, output, variables, arguments.batch_size)
        runs.append({"persons": persons, "backend": "local", "workers": 1, **local})
        print(json.dumps(runs[-1]), flush=True)
        for workers in arguments.workers:
            run = measured(
                on_cluster, path, output, variables, arguments.batch_size, workers, arguments.data
            )
            run["overhead"] = round(run["seconds"] / local["seconds"] * workers - 1, 3)
            runs.append({"persons": persons, "backend": "dask", "workers": workers, **run})
            print(json.dumps(runs[-1]), flush=True)
        if arguments.local_cluster:
            run = measured(
                simulate, path, output, variables, arguments.batch_size, "--backend", "dask"
            )
            runs.append({"persons": persons, "backend": "dask LocalCluster", "workers": 2, **run})
            print(json.dumps(runs[-1]), flush=True)
    print(json.dumps(runs))


if __name__ == "__main__":
    main()
