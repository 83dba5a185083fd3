"""Where chunks are computed: every core the process may run on by default, forked workers that
inherit what the caller shares, the same results whatever the workers."""

import os
import subprocess
import sys

import pytest

from openfisca_residence.data.population import Population
from openfisca_residence.simulation import backends
from openfisca_residence.simulation.backends import Backend, available_cores
from openfisca_residence.simulation.microsimulation import Microsimulation

MONTHS = ["2024-05", "2024-06"]


def test_the_local_backend_uses_the_cores_of_the_process_affinity():
    assert available_cores() == len(os.sched_getaffinity(0))
    assert Backend().workers == available_cores()
    assert Backend("dask").workers == backends.LOCAL_CLUSTER_WORKERS
    assert Backend(workers=1).workers == 1
    with pytest.raises(ValueError, match="1 or more"):
        Backend(workers=0)


def test_a_process_bound_to_one_core_computes_alone():
    code = (
        "import os; os.sched_setaffinity(0, {min(os.sched_getaffinity(0))}); "
        "from openfisca_residence.simulation.backends import Backend; print(Backend().workers)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "1"


def test_every_worker_gets_a_chunk_and_what_is_shared_is_not_kept(generated):
    population = Population.from_table(generated)
    two = Microsimulation(population, workers=2)
    assert two.chunk_count == 2  # 400 persons: one chunk each, not one chunk for one worker
    assert Microsimulation(population, workers=1).chunk_count == 1
    two.calculate("reside_en_france", MONTHS)
    assert backends._INHERITED == {}
