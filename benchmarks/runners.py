"""One timed configuration: a backend in one mode, its gradients manual or autodiff, a workload, a dtype.

Every backend is timed through its public ``train`` or ``train_autodiff``; a mode only changes how
that function is run (eagerly, under ``torch.compile``, as TF's ``tf.function`` or eagerly, jitted in
JAX). The two anchors are timed the same way: ``matmuls``, the NumPy matrix products a step cannot
avoid, and ``sklearn``, scikit-learn's ``MLPClassifier`` doing the same batch gradient descent.
"""

from __future__ import annotations

import contextlib
import os
import statistics
import time
import warnings
from functools import partial

import numpy as np

from .workloads import Workload, initial_params, make_data

# backend -> its (mode, gradients) pairs, in table order; the anchors come first
MODES = {
    "matmuls": [("numpy", "-")],
    "sklearn": [("MLPClassifier", "manual")],
    "numpy": [("loop", "manual")],
    "torch": [("eager", "manual"), ("eager", "autodiff"), ("compile", "manual"), ("compile", "autodiff")],
    "tf": [("eager", "manual"), ("eager", "autodiff"), ("function", "manual"), ("function", "autodiff")],
    "jax": [("jit-scan", "manual"), ("jit-scan", "autodiff")],
}
ANCHORS = ("matmuls", "sklearn")
BACKENDS = ("numpy", "torch", "tf", "jax")
COMPILED_MODES = ("compile", "function", "jit-scan")
STEPS_PER_COMPILED_CALL = 10  # torch.compile: training steps unrolled into one compiled call


def import_framework(backend: str) -> None:
    """Import what a configuration needs, so that a worker can read its memory before and after."""
    if backend == "sklearn":
        import sklearn.neural_network  # noqa: F401
    elif backend in BACKENDS:
        from reference.backends import get_backend

        get_backend(backend)


def precision(backend: str, dtype: str):
    """The backend's precision(dtype) context (JAX's 64-bit mode); nothing for NumPy and the anchors."""
    if backend not in BACKENDS:
        return contextlib.nullcontext()
    from reference.backends import get_backend

    return get_backend(backend).precision(dtype)


def make_runner(backend: str, mode: str, grads: str, workload: Workload, dtype: str):
    """run(n): n steps of gradient descent from the same start, finished (the costs read back) on return."""
    X, Y = make_data(workload)
    if backend == "matmuls":
        return _matmuls_runner(workload, dtype)
    if backend == "sklearn":
        return _sklearn_runner(workload, X, Y, dtype)
    from reference.backends import get_backend

    impl = get_backend(backend)
    model = getattr(impl, workload.model)
    train = model.train if grads == "manual" else model.train_autodiff
    X, Y = impl.asarray(X, dtype), impl.asarray(Y, dtype)
    params = {name: impl.asarray(value, dtype) for name, value in initial_params(workload).items()}
    lr, kwargs = workload.learning_rate, workload.kwargs()

    if backend == "torch" and mode == "compile":
        return _torch_compiled_runner(train, X, Y, params, lr, kwargs, impl)

    def run(n):
        with _tf_eager() if (backend == "tf" and mode == "eager") else contextlib.nullcontext():
            _, costs = train(X, Y, params, learning_rate=lr, num_iterations=n, **kwargs)
            return impl.to_numpy(costs)
    return run


@contextlib.contextmanager
def _tf_eager():
    """Run tf.function-decorated code (impl_tf's train) op by op, as plain Python."""
    import tensorflow as tf

    tf.config.run_functions_eagerly(True)
    try:
        yield
    finally:
        tf.config.run_functions_eagerly(False)


def _torch_compiled_runner(train, X, Y, params, lr, kwargs, impl):
    """torch.compile of train with num_iterations=STEPS_PER_COMPILED_CALL, called from a Python loop.

    Compiling train for all n steps would unroll its Python loop into one graph of n steps. One step
    per call pays torch.compile's fixed cost of a call (guards, wrapper: about 25 us here) every step,
    which is most of a W2 step; ten steps per call spread it.
    """
    import torch

    torch._dynamo.config.trace_autograd_ops = True  # let dynamo trace torch.autograd.grad (train_autodiff)
    compiled = {}

    def steps(k):
        if k not in compiled:
            compiled[k] = torch.compile(partial(train, learning_rate=lr, num_iterations=k, **kwargs), dynamic=False)
        return compiled[k]

    def run(n):
        p, costs = params, []
        for k in [STEPS_PER_COMPILED_CALL] * (n // STEPS_PER_COMPILED_CALL) + [1] * (n % STEPS_PER_COMPILED_CALL):
            p, cost = steps(k)(X, Y, p)
            costs.append(cost)
        return impl.to_numpy(torch.cat(costs)) if costs else np.empty(0)
    return run


def _matmuls_runner(workload: Workload, dtype: str):
    """The products of one step, back to back in NumPy: W[l] A[l-1], then dZ[l] A[l-1]^T and W[l]^T dZ[l] (l > 1)."""
    rng = np.random.default_rng(0)
    dims, m = workload.layer_dims, workload.m
    L = len(dims) - 1
    A = [rng.random((dims[l], m)).astype(dtype) for l in range(L + 1)]  # A[0] = X
    W = [None] + [rng.standard_normal((dims[l], dims[l - 1])).astype(dtype) for l in range(1, L + 1)]
    dZ = [None] + [rng.standard_normal((dims[l], m)).astype(dtype) for l in range(1, L + 1)]

    def run(n):
        for _ in range(n):
            for l in range(1, L + 1):
                W[l] @ A[l - 1]              # Z[l] (n[l], m)
            for l in range(L, 0, -1):
                dZ[l] @ A[l - 1].T           # dW[l] (n[l], n[l-1])
                if l > 1:
                    W[l].T @ dZ[l]           # dA[l-1] (n[l-1], m)
        return None
    return run


def _sklearn_runner(workload: Workload, X, Y, dtype: str):
    """MLPClassifier with the same layers, plain full-batch gradient descent: sgd, one batch, no momentum, alpha 0."""
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    Xs = np.ascontiguousarray(X.T, dtype=dtype)  # scikit-learn's layout (m, n_x)
    ys = Y.ravel().astype(int)

    def run(n):
        clf = MLPClassifier(hidden_layer_sizes=workload.layer_dims[1:-1], activation=workload.activation or "relu",
                            solver="sgd", learning_rate="constant", learning_rate_init=workload.learning_rate,
                            momentum=0.0, nesterovs_momentum=False, batch_size=workload.m, alpha=0.0, max_iter=n,
                            shuffle=False, tol=0.0, n_iter_no_change=n + 1, early_stopping=False, random_state=0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)  # max_iter is reached on purpose
            clf.fit(Xs, ys)
        return np.asarray(clf.loss_curve_)
    return run


def measure(backend: str, mode: str, grads: str, workload: Workload, dtype: str, iterations: int,
            repeats: int) -> dict:
    """Time one call to warm up (compile, trace), then ``repeats`` calls of ``iterations`` steps each."""
    with precision(backend, dtype):
        run = make_runner(backend, mode, grads, workload, dtype)
        start = time.perf_counter()
        costs = run(iterations)
        first = time.perf_counter() - start
        times = []
        sched_before, machine_before = _scheduler_totals(), _machine_busy_s()
        for _ in range(repeats):
            start = time.perf_counter()
            costs = run(iterations)
            times.append(time.perf_counter() - start)
        sched_after, machine_after = _scheduler_totals(), _machine_busy_s()
    median = statistics.median(times)
    waited = other_load = None
    if sched_before is not None and sched_after is not None:
        waited = (sched_after[1] - sched_before[1]) / 1e9
        if machine_before is not None and machine_after is not None:
            others = (machine_after - machine_before) - (sched_after[0] - sched_before[0]) / 1e9
            other_load = max(others, 0.0) / (sum(times) * (os.cpu_count() or 1))
    final_cost = None if costs is None or len(costs) == 0 else float(np.asarray(costs).ravel()[-1])
    return {
        "iterations": iterations, "repeats": repeats, "times_s": times,
        "ms_per_iteration": 1e3 * median / iterations, "min_ms_per_iteration": 1e3 * min(times) / iterations,
        "first_call_s": first, "compile_s": max(first - median, 0.0),  # first call's extra time
        "final_cost": final_cost,
        # the machine's CPU time used by other processes while the timed calls ran, over the cores' time
        "other_load": other_load,
        # time this process's threads were ready to run but waited for a core (other load, or its own threads
        # outnumbering the cores), over the timed wall time
        "runqueue_wait_fraction": None if waited is None else waited / sum(times),
    }


def _machine_busy_s() -> float | None:
    """CPU seconds the whole machine has spent busy (user, system, interrupts, stolen), from /proc/stat (Linux)."""
    try:
        with open("/proc/stat") as f:
            ticks = [int(field) for field in f.readline().split()[1:9]]
    except (OSError, ValueError):
        return None
    user, nice, system, idle, iowait, irq, softirq, steal = ticks
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def _scheduler_totals() -> tuple[int, int] | None:
    """(on-CPU ns, waiting-for-a-CPU ns) summed over this process's threads, from /proc (Linux)."""
    try:
        totals = [0, 0]
        for task in os.listdir("/proc/self/task"):
            with open(f"/proc/self/task/{task}/schedstat") as f:
                on_cpu, waiting, _ = f.read().split()
            totals[0] += int(on_cpu)
            totals[1] += int(waiting)
        return totals[0], totals[1]
    except (OSError, ValueError):
        return None


def thread_settings(backend: str) -> dict:
    """The thread pools in use: NumPy's BLAS always, and the framework's own."""
    from threadpoolctl import threadpool_info

    settings: dict = {"cpu_count": os.cpu_count(), "affinity": len(os.sched_getaffinity(0))}
    settings["blas"] = [f"{pool['internal_api']}:{pool['num_threads']}" for pool in threadpool_info()]
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "XLA_FLAGS"):
        if var in os.environ:
            settings[var] = os.environ[var]
    if backend == "torch":
        import torch

        settings["torch"] = {"intra_op": torch.get_num_threads(), "inter_op": torch.get_num_interop_threads()}
    elif backend == "tf":
        import tensorflow as tf

        settings["tf"] = {"intra_op": tf.config.threading.get_intra_op_parallelism_threads(),  # 0: one per core
                          "inter_op": tf.config.threading.get_inter_op_parallelism_threads()}
    elif backend == "jax":
        import jax

        settings["jax"] = {"devices": [str(d) for d in jax.devices()],
                           "xla_cpu_threads": "XLA default (one per core)" if "XLA_FLAGS" not in os.environ
                           else os.environ["XLA_FLAGS"]}
    return settings
