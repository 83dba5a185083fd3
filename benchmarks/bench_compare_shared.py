"""Benchmark (not a test): the cost of a comparison, today's law and one reform, against today's law alone.

    .venv/bin/python benchmarks/bench_compare_shared.py --persons 1000000 --repeat 3

For N synthetic persons (`openfisca_residence.synthetic.generate`, seed 2026, inputs from twelve
months before the first month), over 2027-01..2027-12, each timed run is a fresh process that reads
the validated population and times, chunk after chunk on one core:

- `compare_seconds`: `compare(population, [reform], months)`, today's law and the reform;
- `baseline_seconds`: `compare(population, [], months)`, today's law alone (one simulation of the
  same variables, and the same tallies).

`reform_share` is the reform's own cost relative to today's law alone:
(compare - baseline) / baseline, in processor time. The processor times (`*_cpu_seconds`) are the
figures to compare between runs on a shared machine; `--repeat` keeps the smallest of each. The last
line printed is JSON.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyarrow
import pyarrow.ipc

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.bench_population import machine  # noqa: E402
from openfisca_residence.analysis.comparison import compare  # noqa: E402
from openfisca_residence.data.population import Population, validate  # noqa: E402
from openfisca_residence.simulation.backends import Backend  # noqa: E402
from openfisca_residence.synthetic import generate  # noqa: E402
from openfisca_residence.system.months import parse_months  # noqa: E402
from openfisca_residence.system.registry import tax_benefit_system  # noqa: E402

MONTHS = "2027-01..2027-12"
HISTORY_START = "2026-01"
REFORM = "fin_droits_expiration_sejour"


def worker(path: Path, reform: str, months: list[str]) -> dict:
    with pyarrow.ipc.open_file(path) as reader:
        population = Population(reader.read_all(), str(path))
    tax_benefit_system(reform)  # both systems built before the clock starts
    result = {}
    for name, reforms in (("baseline", []), ("compare", [reform])):
        start, cpu_start = time.perf_counter(), time.process_time()
        compare(population, reforms, months, backend=Backend(workers=1))  # one process
        result[f"{name}_seconds"] = time.perf_counter() - start
        result[f"{name}_cpu_seconds"] = time.process_time() - cpu_start
    return result


def run_worker(path: Path, reform: str, months: list[str]) -> dict:
    command = [sys.executable, __file__, "--worker", str(path), "--reform", reform]
    command += ["--months", ",".join(months)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"worker failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=200_000)
    parser.add_argument("--months", default=MONTHS)
    parser.add_argument("--reform", default=REFORM)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    months = parse_months(args.months)
    if args.worker:
        print(json.dumps(worker(args.worker, args.reform, months)))
        return
    population = validate(generate(args.persons, 2026, HISTORY_START, months[-1]))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "population.arrow"
        with pyarrow.ipc.new_file(path, population.table.schema) as writer:
            writer.write_table(population.table)
        runs = [run_worker(path, args.reform, months) for _ in range(args.repeat)]
    best = {key: round(min(run[key] for run in runs), 3) for key in runs[0]}
    result = {
        "persons": args.persons,
        "months": len(months),
        "reform": args.reform,
        "workers": 1,
        **best,
        "reform_share": round(
            (best["compare_cpu_seconds"] - best["baseline_cpu_seconds"])
            / best["baseline_cpu_seconds"],
            3,
        ),
        "runs": runs,
        **machine(),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
