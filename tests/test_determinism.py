"""Determinism: the same seed gives bitwise-identical results on repeated runs, in every backend.

A run is a deep relu network's fit from the backend's own seeded initializer (so that the seeded draws are
covered too); its fingerprint is the SHA-256 of the bytes of every cost and every final parameter. Expected:
equal fingerprints, bit for bit,

- for two runs in this process, with the libraries' default thread settings;
- for two fresh processes that apply reference/determinism.py's settings, which must then be in effect (one
  thread for BLAS, OpenMP, torch, TensorFlow and XLA; the frameworks' determinism switches on): the same
  bytes whatever the process (its memory layout, its hash seed);

and a different fingerprint for another seed, so that the comparison can fail. The two processes start with
this module and run while the in-process runs do.
"""

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reference import DeepNN, available_backends, determinism
from reference.data import planar

ROOT = Path(__file__).resolve().parents[1]
BACKENDS = available_backends()


def run(backend, seed):
    """A deep relu network that starts from the backend's own he draws (seeded)."""
    return DeepNN(hidden_layer_sizes=(6, 4), activation="relu", init="he", seed=seed, learning_rate=0.1,
                  num_iterations=25, backend=backend)


def fingerprint(model) -> str:
    digest = hashlib.sha256(model.costs_.tobytes())
    for name in sorted(model.params_):
        digest.update(name.encode() + model.params_[name].tobytes())
    return digest.hexdigest()


def fingerprints(backends, seed=3) -> dict[str, str]:
    """backend -> the fingerprint of its fit."""
    X, y = planar(m=60)
    return {backend: fingerprint(run(backend, seed).fit(X, y)) for backend in backends}


CHILD = """
import json, sys
sys.path.insert(0, "tests")
import numpy, torch, tensorflow, jax  # imported, not yet computing: apply sets their own switches too
from reference import determinism
applied = determinism.apply(1)
from test_determinism import BACKENDS, fingerprints
prints = fingerprints(BACKENDS)
print("RESULT " + json.dumps({"applied": applied, "current": determinism.current(), "fingerprints": prints}))
"""


@pytest.fixture(scope="module", autouse=True)
def started():
    """Two fresh processes with the settings applied, started as this module starts."""
    if not {"torch", "tf", "jax"} <= set(BACKENDS):
        yield None  # the settings are checked for every framework: the tests that need them skip
        return
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    processes = [subprocess.Popen([sys.executable, "-c", CHILD], cwd=ROOT, env=env, text=True,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    yield processes
    for process in processes:
        if process.poll() is None:
            process.kill()
            process.communicate()


@pytest.fixture(scope="module")
def children(started):
    if started is None:
        pytest.skip("needs every framework installed")
    results = []
    for process in started:
        stdout, stderr = process.communicate(timeout=600)
        assert process.returncode == 0, stderr[-3000:]
        line = next(line for line in stdout.splitlines() if line.startswith("RESULT "))
        results.append(json.loads(line.removeprefix("RESULT ")))
    return results


def test_repeated_runs_in_one_process_are_bitwise_identical():
    assert fingerprints(BACKENDS) == fingerprints(BACKENDS)


def test_another_seed_gives_another_result():
    assert fingerprints(["numpy"], seed=3) != fingerprints(["numpy"], seed=4)


def test_two_fresh_processes_with_the_settings_are_bitwise_identical(children):
    first, second = (child["fingerprints"] for child in children)
    assert sorted(first) == sorted(BACKENDS)
    assert first == second


def test_the_settings_are_in_effect(children):
    for child in children:
        applied, current = child["applied"], child["current"]
        assert applied == {"threads": 1, "not_set": []}
        assert current["blas_and_openmp"] and all(threads == 1 for _, threads in current["blas_and_openmp"])
        assert current["torch"] == {"threads": 1, "interop_threads": 1, "deterministic": True}
        assert current["tensorflow"] == {"intra_op_threads": 1, "inter_op_threads": 1}
        assert current["environment"]["TF_DETERMINISTIC_OPS"] == "1"
        assert "intra_op_parallelism_threads=1" in current["environment"]["XLA_FLAGS"]


def test_environment_keeps_other_xla_flags_and_replaces_thread_flags(monkeypatch):
    monkeypatch.setenv("XLA_FLAGS", "--xla_dump_to=/tmp/x --xla_cpu_multi_thread_eigen=true")
    env = determinism.environment(2)
    assert env["XLA_FLAGS"] == "--xla_dump_to=/tmp/x --xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=2"
    assert env["OMP_NUM_THREADS"] == env["OPENBLAS_NUM_THREADS"] == env["TF_NUM_INTRAOP_THREADS"] == "2"


@pytest.mark.parametrize("threads", [0, -1, 1.5, True, "1"])
def test_apply_rejects_a_bad_thread_count(threads):
    with pytest.raises(ValueError, match=r"threads: expected an integer >= 1, got "):
        determinism.apply(threads)
