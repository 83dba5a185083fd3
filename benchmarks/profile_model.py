"""Where the model's time goes, for the population benchmark's variables (not a test).

    .venv/bin/python benchmarks/profile_model.py --persons 200000
    .venv/bin/python benchmarks/profile_model.py --persons 200000 --cprofile

Runs `Microsimulation(...).calculate_many` on every `X_eligible` and `X_motif_refus` (the variables
of `benchmarks/bench_population.py`), on the same synthetic population, and reports:

1. phases: building the chunks' simulations (`chunk.build_simulation`: entities and
   `set_input` of every input column), computing (`Simulation.calculate`), putting the results
   together (frames of `calculate_many`);
2. a per-variable exclusive timer around `openfisca_core.simulations.Simulation._run_formula`:
   the time of each variable's formula, the formulas it triggers excluded (their own lines), with
   the number of (month × chunk) evaluations. A formula's time includes the OpenFisca calls it
   makes for values already known (`individu("x", period)`: holder and period look-ups);
3. with `--cprofile`: the self time of every function, grouped by where it lives: OpenFisca-Core,
   the formulas and the project's numpy helpers (numpy work written in Python: the operators on
   arrays are counted in the line that writes them), numpy's own functions, pyarrow, the
   microsimulation. cProfile slows Python calls more than array work: it overstates the overhead
   of OpenFisca's small functions; the exclusive timer does not.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from openfisca_core.simulations import Simulation  # noqa: E402

from benchmarks import numpy_model  # noqa: E402
from benchmarks.bench_population import MONTHS, SEED, population_table  # noqa: E402
from openfisca_residence.data.population import validate  # noqa: E402
from openfisca_residence.simulation import chunk, microsimulation  # noqa: E402
from openfisca_residence.system.months import parse_months  # noqa: E402
from openfisca_residence.system.registry import tax_benefit_system  # noqa: E402


class FormulaTimer:
    """Exclusive time of each variable's formulas: `Simulation._run_formula`, children excluded."""

    def __init__(self) -> None:
        self.exclusive: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self._stack: list[float] = []
        self._original = Simulation._run_formula

    def __enter__(self) -> FormulaTimer:
        timer, original = self, self._original

        def run_formula(simulation, variable, population, period):
            start = time.perf_counter()
            timer._stack.append(0.0)
            try:
                return original(simulation, variable, population, period)
            finally:
                elapsed = time.perf_counter() - start
                children = timer._stack.pop()
                timer.exclusive[variable.name] += elapsed - children
                timer.calls[variable.name] += 1
                if timer._stack:
                    timer._stack[-1] += elapsed

        Simulation._run_formula = run_formula
        return self

    def __exit__(self, *exc) -> None:
        Simulation._run_formula = self._original

    @property
    def total(self) -> float:
        return sum(self.exclusive.values())


class PhaseTimer:
    """Time spent in a few functions of the microsimulation (inclusive)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self._patched = []

    def wrap(self, owner, name: str, label: str) -> None:
        original = getattr(owner, name)
        seconds = self.seconds

        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                seconds[label] += time.perf_counter() - start

        setattr(owner, name, timed)
        self._patched.append((owner, name, original))

    def restore(self) -> None:
        for owner, name, original in reversed(self._patched):
            setattr(owner, name, original)


CATEGORIES = [
    ("OpenFisca-Core", ("openfisca_core",)),
    (
        "formulas and numpy helpers",
        (
            "/variables/",
            "openfisca_residence/rules/",
        ),
    ),
    ("microsimulation and inputs", ("openfisca_residence/",)),
    ("numpy functions", ("numpy",)),
    ("pyarrow", ("pyarrow",)),
    ("pandas", ("pandas",)),
]


def category(filename: str, function: str) -> str:
    where = filename if filename != "~" else function
    for label, markers in CATEGORIES:
        if any(marker in where for marker in markers):
            return label
    return "other (Python builtins, ...)"


def cprofile_shares(profile: cProfile.Profile) -> list[tuple[str, float]]:
    stats = pstats.Stats(profile)
    totals: dict[str, float] = defaultdict(float)
    for (filename, _, function), (_, _, tottime, _, _) in stats.stats.items():
        totals[category(filename, function)] += tottime
    return sorted(totals.items(), key=lambda item: -item[1])


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=200_000)
    parser.add_argument("--months", default=MONTHS)
    parser.add_argument("--chunk-size", type=int, default=chunk.DEFAULT_CHUNK_SIZE)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--cprofile", action="store_true")
    args = parser.parse_args(argv)
    months = parse_months(args.months)
    population = validate(population_table(args.persons, months, SEED))
    tax_benefit_system()

    phases = PhaseTimer()
    phases.wrap(chunk, "build_simulation", "build simulations (set_input)")
    phases.wrap(microsimulation.Microsimulation, "compute", "compute (all chunks)")
    profile = cProfile.Profile() if args.cprofile else None
    start, cpu_start = time.perf_counter(), time.process_time()
    with FormulaTimer() as formulas:
        if profile:
            profile.enable()
        simulation = microsimulation.Microsimulation(
            population,
            chunk_size=args.chunk_size,
            workers=1,  # profiled here, in one process
        )
        simulation.calculate_many(numpy_model.VARIABLES, months)
        if profile:
            profile.disable()
    total, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    phases.restore()

    print(
        f"{args.persons:,} persons × {len(months)} months, chunks of {args.chunk_size:,}: "
        f"{total:.2f} s, {cpu:.2f} s of processor{' (under cProfile)' if profile else ''}"
    )
    print("\nPhases (inclusive):")
    building = phases.seconds["build simulations (set_input)"]
    computing = phases.seconds["compute (all chunks)"]
    for label, seconds in phases.seconds.items():
        print(f"  {label:40} {seconds:7.2f} s  {seconds / total:6.1%}")
    print(
        f"  {'calculate_many frames (after compute)':40} {total - computing:7.2f} s  "
        f"{(total - computing) / total:6.1%}"
    )
    outside = computing - building - formulas.total
    print(
        f"\nFormulas (exclusive, with the look-ups they make): {formulas.total:.2f} s "
        f"({formulas.total / total:.1%} of the run); computing outside the formulas "
        f"(Simulation.calculate's cache, checks, casts; chunks, results): {outside:.2f} s "
        f"({outside / total:.1%})"
    )
    print(f"\nTop {args.top} variables by exclusive formula time:")
    print(f"  {'variable':48} {'seconds':>8} {'share':>7} {'calls':>6} {'ms/call':>8}")
    ranked = sorted(formulas.exclusive.items(), key=lambda item: -item[1])
    for name, seconds in ranked[: args.top]:
        calls = formulas.calls[name]
        print(
            f"  {name:48} {seconds:8.3f} {seconds / total:7.1%} {calls:6} "
            f"{seconds / calls * 1000:8.2f}"
        )
    print(f"  ({len(ranked)} variables with a formula evaluated)")
    if profile:
        shares = cprofile_shares(profile)
        profiled = sum(seconds for _, seconds in shares)
        print("\ncProfile self time by place:")
        for label, seconds in shares:
            print(f"  {label:40} {seconds:7.2f} s  {seconds / profiled:6.1%}")
        stats = pstats.Stats(profile)
        print("\nTop functions by self time:")
        stats.sort_stats("tottime").print_stats(20)


if __name__ == "__main__":
    main()
