"""Where chunks are computed: every core the process may run on by default, forked workers that
inherit what the caller shares, the same results whatever the workers."""

import ctypes
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


def _blas_threads() -> int:
    from threadpoolctl import threadpool_info

    return max(pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas")


def test_workers_and_their_parent_run_blas_on_one_thread_then_the_parent_as_before():
    """OpenBLAS's waiting threads took the cores from the other workers' formulas."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(2, user_api="blas"):  # as on a machine of two cores or more
        with Backend(workers=2).executor() as executor:
            threads = [executor.result(executor.submit(_blas_threads)) for _ in range(4)]
            during = _blas_threads()
        assert threads == [1, 1, 1, 1]
        assert during == 1
        assert _blas_threads() == 2


def test_a_worker_keeps_its_freed_memory_for_the_next_chunk():
    """glibc takes the settings again in a worker (a value out of its range answers 0)."""
    if not hasattr(ctypes.CDLL(None), "mallopt"):
        pytest.skip("not glibc: malloc left as it is")
    with Backend(workers=2).executor() as executor:
        assert executor.result(executor.submit(backends.keep_freed_memory)) is True


def _write(array) -> None:
    array[:] = [1, 2, 3, 4]


def test_what_a_forked_worker_writes_in_a_shared_array_is_read_here():
    import multiprocessing

    import numpy

    array = backends.shared_empty(4, numpy.int16)
    worker = multiprocessing.get_context("fork").Process(target=_write, args=(array,))
    worker.start()
    worker.join()
    assert worker.exitcode == 0
    assert array.tolist() == [1, 2, 3, 4]
    assert backends.shared_empty(0, numpy.int16).shape == (0,)
