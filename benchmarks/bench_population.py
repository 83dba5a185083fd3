"""Benchmark (not a test): every benefit's eligibility and reason of refusal for N persons × 12 months.

    .venv/bin/python benchmarks/bench_population.py --persons 1000000
    .venv/bin/python benchmarks/bench_population.py --series           # 10k, 100k, 300k, 1M
    .venv/bin/python benchmarks/bench_population.py --persons 1000000 --chunk-sizes 25000,50000,100000,200000

For N synthetic persons (`openfisca_residence.synthetic.generate`, seed 2026, inputs from twelve
months before the first month computed), the model computes every `X_eligible` and `X_motif_refus`
of the nine benefits (`benchmarks.numpy_model.VARIABLES`) for 12 months through
`Microsimulation(population, chunk_size=...).calculate_many(variables, months)`; the hand-fused
numpy port of the same rules (`benchmarks/numpy_model.py`) computes them too. The last line
printed is JSON:

- `persons`, `months`;
- `seconds`: the model's `Microsimulation(...)` and `calculate_many(...)`, the population being
  generated and validated beforehand (not counted);
- `numpy_seconds`: `numpy_model.compute(...)` on the same validated population;
- `ratio`: `seconds / numpy_seconds`;
- `peak_rss_mb`: the peak resident memory of the process that runs the model (its high-water
  mark, VmHWM of /proc/self/status, read at the end of the run): a fresh process that reads the
  validated population (an Arrow file written by this script), runs the model and nothing else.
  The population held in memory is counted, as in any real run. A thread also samples the
  resident memory during the model run alone (`model_run_peak_rss_mb`; `model_rss_before_mb` just
  before it);
- then details: the processor time of both runs (`cpu_seconds`, `numpy_cpu_seconds`: less
  sensitive than wall time to other processes on a shared machine), the chunk sizes, the numpy
  port's own peak, the equality check, the machine.

Before timing, the model and the numpy port are compared on a sample of whole families
(`--sample`, 5,000 persons by default): every value of every variable and month must be equal,
or the script names the first difference (variable, month, person) and exits with code 1.

Each timed run is a fresh process (`--worker`), so that one run's memory does not count in
another's. The machine may be shared: `--repeat` runs each several times and keeps the fastest
(the load average is recorded in the JSON).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy
import pyarrow
import pyarrow.ipc

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `python benchmarks/bench_population.py` from anywhere
    sys.path.insert(0, str(ROOT))

from benchmarks import numpy_model  # noqa: E402
from openfisca_residence.data.population import Population, validate  # noqa: E402
from openfisca_residence.data.schema import FAMILY_ID, PERSON_ID  # noqa: E402
from openfisca_residence.simulation.backends import available_cores  # noqa: E402
from openfisca_residence.simulation.chunk import DEFAULT_CHUNK_SIZE  # noqa: E402
from openfisca_residence.simulation.microsimulation import Microsimulation  # noqa: E402
from openfisca_residence.synthetic import generate  # noqa: E402
from openfisca_residence.system.months import parse_months  # noqa: E402
from openfisca_residence.system.registry import tax_benefit_system  # noqa: E402

SEED = 2026
MONTHS = "2025-01..2025-12"
HISTORY_MONTHS = 12  # inputs from a year before the first month: the rules read the past year
SAMPLE = 5_000
SERIES = (10_000, 100_000, 300_000, 1_000_000)
SAMPLING_SECONDS = 0.01
PEAK_GOAL_MB = 1536  # the goal: 1.5 GB
PAGE_MB = os.sysconf("SC_PAGE_SIZE") / 2**20


# ---------------------------------------------------------------------------------------------
# Memory


def rss_mb() -> float:
    """The resident memory of this process now, in MB (Linux: /proc/self/statm)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE_MB


def peak_rss_mb() -> float:
    """The peak resident memory of this process so far, in MB: the kernel's high-water mark of
    its memory (VmHWM, /proc/self/status).

    Not `getrusage(RUSAGE_SELF).ru_maxrss`: on Linux it keeps, across `exec`, the peak of the
    parent that started the process (subprocess forks, or vforks, before exec), which here holds
    the generated population.
    """
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # not Linux


class PeakSampler:
    """The largest resident memory seen by a thread sampling it during a `with` block."""

    def __init__(self, interval: float = SAMPLING_SECONDS) -> None:
        self.interval, self.peak = interval, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, rss_mb())
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakSampler:
        self.peak = rss_mb()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_mb())


# ---------------------------------------------------------------------------------------------
# The population


def history_start(months: list[str]) -> str:
    """The first month of inputs: a year before the first month computed."""
    return str(numpy.datetime64(months[0], "M") - HISTORY_MONTHS)


def population_table(persons: int, months: list[str], seed: int = SEED) -> pyarrow.Table:
    """The synthetic population of the benchmark, with inputs from a year before `months`."""
    return generate(persons, seed, history_start(months), months[-1])


def sample_families(population: Population, persons: int, seed: int = SEED) -> Population:
    """Whole families drawn at random until `persons` persons at least, in the population's order."""
    families, count = population.families
    if persons >= len(population):
        return population
    order = numpy.random.default_rng(seed).permutation(count)
    sizes = numpy.bincount(families, minlength=count)[order]
    chosen = order[: int(numpy.searchsorted(numpy.cumsum(sizes), persons)) + 1]
    rows = numpy.flatnonzero(numpy.isin(families, chosen))
    return Population(population.table.take(pyarrow.array(rows)), "sample")


def write_arrow(table: pyarrow.Table, path: Path) -> None:
    with pyarrow.ipc.new_file(path, table.schema) as writer:
        writer.write_table(table)


def read_population(path: Path) -> Population:
    """A population validated by the parent process, written normalised (no second check)."""
    with pyarrow.ipc.open_file(path) as reader:
        return Population(reader.read_all(), str(path))


# ---------------------------------------------------------------------------------------------
# Equality of the model and the numpy port


def differences(population: Population, months: list[str], chunk_size: int | None = None):
    """Each (variable, month) where the model and the numpy port differ, with its first person.

    Returns a list of `(variable, month, count, message)`, empty when every value is equal.
    """
    simulation = Microsimulation(population, chunk_size=chunk_size or DEFAULT_CHUNK_SIZE)
    model = simulation.calculate_many(numpy_model.VARIABLES, months)
    ours = numpy_model.compute(population, months)
    found = []
    for variable in numpy_model.VARIABLES:
        famille = variable in {f"{b}_eligible" for b in numpy_model.FAMILY_BENEFITS}
        frame = model.families if famille else model.persons
        values = ours.families if famille else ours.persons
        for month in months:
            column = frame[f"{variable}@{month}"]
            expected = column.cat.codes.to_numpy() if hasattr(column, "cat") else column.to_numpy()
            got = values[(variable, month)]
            wrong = numpy.flatnonzero(expected != got)
            if len(wrong):
                row = wrong[0]
                who = (
                    f"family_id {_plain(frame[FAMILY_ID].iloc[row])!r} (reference person "
                    f"{_plain(frame['reference_person_id'].iloc[row])!r})"
                    if famille
                    else f"person_id {_plain(frame[PERSON_ID].iloc[row])!r}"
                )
                message = (
                    f"{variable} {month}: {len(wrong)} difference(s); first: {who}, "
                    f"model {_shown(column, row)}, numpy_model {_shown_code(variable, got[row])}"
                )
                found.append((variable, month, len(wrong), message))
    return found


def _plain(value):
    return value.item() if isinstance(value, numpy.generic) else value


def _shown(column, row):
    value = column.iloc[row]
    return value if not hasattr(column, "cat") else f"{value} ({column.cat.codes.iloc[row]})"


def _shown_code(variable: str, code):
    if variable.endswith("_motif_refus"):
        items = list(tax_benefit_system().variables[variable].possible_values)
        name = items[int(code)].name if 0 <= int(code) < len(items) else "?"
        return f"{name} ({int(code)})"
    return bool(code)


# ---------------------------------------------------------------------------------------------
# Workers: one timed run in a fresh process


def worker(kind: str, path: Path, months: list[str], chunk_size: int, workers: int = 1) -> dict:
    """Read the population, then time the model (`kind` "model", in `workers` processes) or the
    numpy port ("numpy")."""
    population = read_population(path)
    tax_benefit_system()  # built once per process (0.1 s), before the clock starts
    before = rss_mb()
    with PeakSampler() as sampler:
        start, cpu_start = time.perf_counter(), time.process_time()
        if kind == "model":
            Microsimulation(population, chunk_size=chunk_size, workers=workers).calculate_many(
                numpy_model.VARIABLES, months
            )
        else:
            numpy_model.compute(population, months, chunk_size=chunk_size)
        seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    return {
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "peak_rss_mb": peak_rss_mb(),
        # the largest worker process's (0 in one process): each holds its chunk's simulation
        "worker_peak_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "run_peak_rss_mb": sampler.peak,
        "rss_before_mb": before,
    }


def run_worker(kind: str, path: Path, months: list[str], chunk_size: int, workers: int = 1) -> dict:
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--worker",
        kind,
        "--population",
        str(path),
        "--months",
        ",".join(months),
        "--chunk-size",
        str(chunk_size),
        "--workers",
        str(workers),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"{kind} worker failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def fastest(kind: str, path: Path, months, chunk_size: int, repeat: int, workers: int = 1) -> dict:
    """The fastest of `repeat` runs; its peak is the largest of all runs (memory does not vary
    with the load of the machine, time does)."""
    runs = [run_worker(kind, path, months, chunk_size, workers) for _ in range(repeat)]
    best = min(runs, key=lambda run: run["seconds"])
    best = dict(best, peak_rss_mb=max(run["peak_rss_mb"] for run in runs))
    best["all_seconds"] = [round(run["seconds"], 3) for run in runs]
    return best


# ---------------------------------------------------------------------------------------------
# The machine


def machine() -> dict:
    cpu = "unknown"
    with open("/proc/cpuinfo") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as info:
        memory_kb = int(info.readline().split()[1])
    from importlib.metadata import version

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "available_cores": available_cores(),
        "memory_gb": round(memory_kb / 2**20, 1),
        "python": platform.python_version(),
        "numpy": numpy.__version__,
        "pyarrow": pyarrow.__version__,
        "openfisca_core": version("openfisca-core"),
    }


# ---------------------------------------------------------------------------------------------
# Commands


def benchmark(args, months: list[str]) -> dict:
    persons = args.persons
    started = time.perf_counter()
    table = population_table(persons, months, args.seed)
    population = validate(table)
    print(
        f"population: {persons:,} persons, {table.num_columns} columns, "
        f"inputs {history_start(months)}..{months[-1]}, "
        f"generated and validated in {time.perf_counter() - started:.1f} s (not counted)",
        flush=True,
    )
    sample = sample_families(population, args.sample, args.seed)
    found = differences(sample, months)
    if found:
        print(f"EQUALITY CHECK FAILED on {len(sample):,} persons × {len(months)} months:")
        for _, _, _, message in found:
            print("  " + message)
        print(json.dumps({"persons": persons, "equal": False, "differences": len(found)}))
        sys.exit(1)
    print(
        f"equality check: the model and numpy_model agree on {len(sample):,} persons "
        f"× {len(months)} months × {len(numpy_model.VARIABLES)} variables",
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="bench_population_") as folder:
        path = Path(folder) / "population.arrow"
        write_arrow(population.table, path)
        del table, population, sample
        gc.collect()
        chunk_sizes = args.chunk_sizes or [args.chunk_size]
        trials = []
        for chunk_size in chunk_sizes:
            load = os.getloadavg()[0]
            model = fastest("model", path, months, chunk_size, args.repeat)
            trials.append((chunk_size, model, load))
            print(
                f"model, chunks of {chunk_size:,}: {model['seconds']:.2f} s "
                f"(runs {model['all_seconds']}; processor {model['cpu_seconds']:.2f} s), "
                f"peak RSS {model['peak_rss_mb']:.0f} MB (before the run {model['rss_before_mb']:.0f} MB, during it "
                f"{model['run_peak_rss_mb']:.0f} MB), load average {load:.2f}",
                flush=True,
            )
        parallel = {
            workers: fastest("model", path, months, args.chunk_size, args.repeat, workers)
            for workers in args.workers
            if workers > 1
        }
        for workers, run in parallel.items():
            print(
                f"model, {workers} worker processes: {run['seconds']:.2f} s "
                f"(runs {run['all_seconds']}), peak RSS {run['peak_rss_mb']:.0f} MB "
                f"(the largest worker {run['worker_peak_rss_mb']:.0f} MB)",
                flush=True,
            )
        numpy_run = fastest("numpy", path, months, args.numpy_chunk_size, args.repeat)
        print(
            f"numpy_model, chunks of {args.numpy_chunk_size:,}: {numpy_run['seconds']:.2f} s "
            f"(runs {numpy_run['all_seconds']}; processor {numpy_run['cpu_seconds']:.2f} s), "
            f"peak RSS {numpy_run['peak_rss_mb']:.0f} MB",
            flush=True,
        )
    if len(trials) > 1:
        print("chunk size | seconds | processor s | peak RSS (MB)")
        for chunk_size, model, _ in trials:
            print(
                f"{chunk_size:>10,} | {model['seconds']:7.2f} | {model['cpu_seconds']:11.2f} | "
                f"{model['peak_rss_mb']:13.0f}"
            )
    chunk_size, model, load = trials[0] if len(trials) == 1 else min(trials, key=_tradeoff)
    return {
        "persons": persons,
        "months": len(months),
        "seconds": round(model["seconds"], 3),
        "numpy_seconds": round(numpy_run["seconds"], 3),
        "ratio": round(model["seconds"] / numpy_run["seconds"], 2),
        "peak_rss_mb": round(model["peak_rss_mb"]),
        "chunk_size": chunk_size,
        "cpu_seconds": round(model["cpu_seconds"], 3),
        "numpy_cpu_seconds": round(numpy_run["cpu_seconds"], 3),
        "model_run_peak_rss_mb": round(model["run_peak_rss_mb"]),
        "model_rss_before_mb": round(model["rss_before_mb"]),
        "numpy_chunk_size": args.numpy_chunk_size,
        "numpy_peak_rss_mb": round(numpy_run["peak_rss_mb"]),
        "model_runs": model["all_seconds"],
        "numpy_runs": numpy_run["all_seconds"],
        "chunk_trials": [
            {
                "chunk_size": c,
                "seconds": round(m["seconds"], 3),
                "cpu_seconds": round(m["cpu_seconds"], 3),
                "peak_rss_mb": round(m["peak_rss_mb"]),
            }
            for c, m, _ in trials
        ]
        if len(trials) > 1
        else None,
        "workers": 1,
        "parallel": [
            {
                "workers": workers,
                "seconds": round(run["seconds"], 3),
                "speedup": round(model["seconds"] / run["seconds"], 2),
                "peak_rss_mb": round(run["peak_rss_mb"]),
                "worker_peak_rss_mb": round(run["worker_peak_rss_mb"]),
                "runs": run["all_seconds"],
            }
            for workers, run in parallel.items()
        ],
        "equal": True,
        "sample_persons": args.sample,
        "load_average": round(load, 2),
        **machine(),
    }


def _tradeoff(trial):
    """The chunk size kept when several are tried: the fastest in processor time (wall time
    follows the other processes of a shared machine) of those within the 1.5 GB goal, else the
    one with the lowest peak."""
    _, model, _ = trial
    within = model["peak_rss_mb"] <= PEAK_GOAL_MB
    return (not within, model["cpu_seconds"] if within else model["peak_rss_mb"])


def series(args, months: list[str]) -> dict:
    rows = []
    for persons in args.series_persons:
        command = [
            sys.executable,
            str(Path(__file__).resolve()),
            "--persons",
            str(persons),
            "--months",
            ",".join(months),
            "--chunk-size",
            str(args.chunk_size),
            "--numpy-chunk-size",
            str(args.numpy_chunk_size),
            "--repeat",
            str(args.repeat),
            "--sample",
            str(args.sample),
            "--workers",
            ",".join(map(str, args.workers)),
        ]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode:
            raise RuntimeError(f"--persons {persons} failed:\n{done.stdout}\n{done.stderr}")
        result = json.loads(done.stdout.strip().splitlines()[-1])
        rows.append(result)
        print(
            f"{persons:>9,} persons: {result['seconds']:.2f} s, numpy {result['numpy_seconds']:.2f} s",
            flush=True,
        )
    print()
    print(
        "persons   | seconds | µs/person | processor s | numpy s | numpy processor s | ratio "
        "| peak RSS MB"
    )
    for row in rows:
        per_person = row["seconds"] / row["persons"] * 1e6
        print(
            f"{row['persons']:>9,} | {row['seconds']:7.2f} | {per_person:9.2f} | "
            f"{row['cpu_seconds']:11.2f} | {row['numpy_seconds']:7.2f} | "
            f"{row['numpy_cpu_seconds']:17.2f} | {row['ratio']:5.2f} | {row['peak_rss_mb']:11,}"
        )
    return {"series": rows}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--months", default=MONTHS, help="YYYY-MM..YYYY-MM (default %(default)s)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--chunk-size",
        type=int,
        default=DEFAULT_CHUNK_SIZE,
        help="persons per simulation of the model (default: Microsimulation's, %(default)s)",
    )
    parser.add_argument(
        "--chunk-sizes",
        type=lambda text: [int(x) for x in text.split(",")],
        help="several chunk sizes to try, comma-separated (the JSON keeps the best trade-off)",
    )
    parser.add_argument("--numpy-chunk-size", type=int, default=numpy_model.DEFAULT_CHUNK_SIZE)
    parser.add_argument("--sample", type=int, default=SAMPLE, help="persons of the equality check")
    parser.add_argument(
        "--repeat", type=int, default=1, help="timed runs of each, the fastest kept"
    )
    parser.add_argument(
        "--series", action="store_true", help="one run per size of --series-persons"
    )
    parser.add_argument(
        "--series-persons",
        type=lambda text: [int(x) for x in text.split(",")],
        default=list(SERIES),
        help="sizes of the series, comma-separated (default: 10k, 100k, 300k, 1M)",
    )
    parser.add_argument(
        "--workers",
        type=lambda text: [int(x) for x in text.split(",")],
        default=[1, available_cores()],
        help="worker processes of the model, comma-separated (default: 1 and every core); "
        "`seconds` and `ratio` are those of one process, `parallel` gives the others",
    )
    parser.add_argument("--worker", choices=["model", "numpy"], help=argparse.SUPPRESS)
    parser.add_argument("--population", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    months = parse_months(args.months)
    if args.worker:
        workers = args.workers[0]
        print(json.dumps(worker(args.worker, args.population, months, args.chunk_size, workers)))
        return
    result = series(args, months) if args.series else benchmark(args, months)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
