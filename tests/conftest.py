"""Shared fixtures: small problems built once in NumPy, so every backend starts from the same numbers; and how
the suite shares the machine's cores."""

import os
import shutil
import tempfile

from reference import determinism

# One thread per library in every test process. The suite runs one process per core (pytest-xdist, pyproject's
# addopts); a library that also starts a thread per core oversubscribes the machine: the 2500-step NumPy runs
# of tests/test_harness.py's 3072-input network took 17 s each instead of 3. Libraries that start later read the
# environment; NumPy's BLAS, loaded already, is limited by threadpoolctl.
os.environ.update(determinism.environment(1))

# One XLA compilation cache for the whole run. XLA's compilations are most of the JAX tests' time (tests/test_harness.py's
# JAX tests: 23 s with a cold cache, 8 s with one warm from an earlier run), and xdist's workers, the notebooks' kernels and the tests'
# own child processes compile many of the same programs; they inherit this environment, so what one compiled the
# others read back. Only compilations over 50 ms are kept: storing every one of the thousands of tiny op-by-op ones
# cost more than it saved (the suite took 449 s so, 413 s without a cache, 386 s with this one). The folder is made
# here, in the first process (xdist's controller, or the only one), and lives for the run: every run starts cold, as
# CI's does. The size limit turns on the cache's file lock, so that no process reads an entry another is still
# writing. The learners' confined children get none of this environment (reference/check/confine.py).
if "JAX_COMPILATION_CACHE_DIR" not in os.environ:
    XLA_CACHE = tempfile.mkdtemp(prefix="nn-rosetta-xla-")
    os.environ.update(JAX_COMPILATION_CACHE_DIR=XLA_CACHE, JAX_PERSISTENT_CACHE_MIN_COMPILE_TIME_SECS="0.05",
                      JAX_PERSISTENT_CACHE_MIN_ENTRY_SIZE_BYTES="0", JAX_COMPILATION_CACHE_MAX_SIZE=str(2**31))
else:
    XLA_CACHE = None  # a worker's (the controller made it), or the user's own


def pytest_unconfigure(config):
    if XLA_CACHE is not None:
        shutil.rmtree(XLA_CACHE, ignore_errors=True)

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

from reference.proof.harness import with_edges  # noqa: E402
from reference.validation import ACTIVATIONS, INITIALIZERS  # noqa: E402

threadpool_limits(limits=1)

# Which tests share a process (pytest-xdist, one worker per core): a file's tests stay together, so that what a
# module computes once (an ensemble, the harness's grid, a trained model) is computed once; files that read the same
# cache share a scope; the slow tests of OWN each run beside the others. The scopes are given by a scheduler of our
# own: xdist's loadgroup marks tests by rewriting item._nodeid, which pytest 9 no longer reads, so its groups were
# inert and every module's fixtures were built on both workers (the suite took 506 s; with these scopes 328 s).
SHARED = {"test_harness.py": "harness grid", "test_tolerance_table.py": "harness grid"}
# Files whose tests are mostly one per framework and build nothing worth sharing across frameworks: split by backend
BY_BACKEND = ("test_optimizers.py",)
OWN = ("test_notebooks.py::", "test_docs.py::test_the_readme_table_is_what_make_demo_prints",
       "test_docs.py::test_the_predict_table_is_what_the_trained_model_predicts")


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_make_scheduler(config, log):
    from xdist.scheduler import LoadScopeScheduling

    class ByFile(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path, _, rest = nodeid.partition("::")
            name = path.rsplit("/", 1)[-1]
            if any(f"{name}::{rest}".startswith(own) for own in OWN):
                return nodeid
            if name in BY_BACKEND:  # the backend is the first parameter: each backend's tests on one worker
                backend = rest.partition("[")[2].split("-")[0]
                return f"{path}::{backend}" if backend in ("torch", "tf", "jax") else path
            return SHARED.get(name, path)

        def schedule(self) -> None:
            """xdist's, with the work queue in our order: OWN's slow single tests first, then the scopes by their
            number of tests. xdist's own order (by number of tests) put those single tests last, and a notebook or
            the README's demo starting last left one worker running alone for a minute (a CI run took 546 s)."""
            if self.collection is not None or not self._check_nodes_have_same_collection():
                return super().schedule()
            self.collection = list(next(iter(self.registered_collections.values())))
            units: dict[str, dict[str, bool]] = {}
            for nodeid in self.collection:
                units.setdefault(self._split_scope(nodeid), {})[nodeid] = False
            for scope, nodeids in sorted(units.items(), key=lambda item: (item[0] not in item[1], -len(item[1]))):
                self.workqueue[scope] = nodeids
            for _ in range(len(self.nodes) - len(self.workqueue)):  # more workers than scopes: the rest go home
                self.assigned_work.popitem()[0].shutdown()
            for node in self.nodes:
                self._assign_work_unit(node)
            for node in self.nodes:
                self._reschedule(node)
            if not self.workqueue:
                for node in self.nodes:
                    node.shutdown()

    return ByFile(config, log)


MODELS = ("logistic_regression", "shallow_nn", "deep_nn")
DTYPES = ("float64", "float32")


def model_dims(model: str, n_x: int = 4) -> list[int]:
    """Small layer sizes for each model: enough units to exercise every index in the loops."""
    return {"logistic_regression": [n_x, 1], "shallow_nn": [n_x, 5, 1], "deep_nn": [n_x, 6, 4, 3, 1]}[model]


def model_kwargs(model: str, activation: str) -> dict:
    return {} if model == "logistic_regression" else {"activation": activation}


def small_problem(model: str, activation: str = "tanh", init: str = "he", m: int = 7, seed: int = 0,
                  edges: bool = True):
    """(X, Y, params) in the course layout, float64 NumPy, from a fixed seed: non-zero biases, and (``edges``)
    example 0 through the exact zeros and the 0.5 tie of harness.with_edges."""
    rng = np.random.default_rng(seed)
    dims = model_dims(model)
    X = rng.standard_normal((dims[0], m))
    Y = (rng.random((1, m)) > 0.5).astype(np.float64)
    Y[0, :2] = (0.0, 1.0)  # both classes present
    params = {}
    for l in range(1, len(dims)):
        scale = 0.0 if init == "zeros" else 1 / np.sqrt(dims[l - 1])
        params[f"W{l}"] = rng.standard_normal((dims[l], dims[l - 1])) * scale
        params[f"b{l}"] = rng.standard_normal((dims[l], 1)) * 0.1
    if edges:
        X, params = with_edges(X, params, activation if model != "logistic_regression" else "sigmoid")
    return X, Y, params


@pytest.fixture(params=ACTIVATIONS)
def activation(request):
    return request.param


@pytest.fixture(params=INITIALIZERS)
def init(request):
    return request.param


# Hypothesis profiles (tests/test_properties.py), chosen with pytest's own option, e.g.
# `pytest --hypothesis-profile=thorough`. "default" keeps the whole suite within its few minutes; "thorough"
# runs twenty times the generated cases. No deadline: the first example of a shape compiles (jax.jit,
# tf.function), which takes far longer than the examples after it. Derandomized: the default run is the
# same every time (a failure reproduces as it is); the thorough one draws new cases on every run. Hypothesis picks
# its own "ci" profile where the CI variable is set (100 examples: test_properties.py took 50 s instead of 13 in a
# CI=true run), so "ci" is ours too, the same as "default": CI runs the cases a developer's run does.
for name in ("default", "ci"):
    settings.register_profile(name, max_examples=25, deadline=None, derandomize=True, print_blob=True,
                              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("thorough", max_examples=500, deadline=None, derandomize=False, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
