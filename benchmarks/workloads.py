"""The benchmark's workloads (issue 7) and their data, built once in NumPy in the course's layout.

- W1: the course's week-4 application: a deep network [12288, 20, 7, 5, 1] with relu on 209
  image-like examples (synthetic pixels in [0, 1], the shape of the cat images), alpha = 0.0075.
- W2: the week-3 planar network [2, 4, 1] with tanh on the 400-point flower, alpha = 1.2: tiny
  matrices, so it measures the per-step overhead of each framework.
- W3: week-2 logistic regression on the same 12288 x 209 data, alpha = 0.005.
- tiny: a small deep network for the smoke test; not part of a default run.

Time per iteration is what is reported, so a repeat runs ``iterations`` steps, not the course's count.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Workload:
    name: str
    model: str                  # the impl_* module: logistic_regression, shallow_nn or deep_nn
    layer_dims: tuple[int, ...]  # [n_x, n[1], ..., 1]
    activation: str | None      # hidden-layer g; None for logistic regression
    m: int                      # examples
    learning_rate: float
    course_iterations: int      # what the course trains for (for the record)
    iterations: int             # steps per timed repeat in a full run
    quick_iterations: int       # steps per timed repeat with --quick
    description: str

    def kwargs(self) -> dict:
        """Keyword arguments of the model's train beyond (X, Y, params, learning_rate, num_iterations)."""
        return {} if self.activation is None else {"activation": self.activation}


WORKLOADS = {
    "W1": Workload("W1", "deep_nn", (12288, 20, 7, 5, 1), "relu", 209, 0.0075, 2500, 30, 4,
                   "deep [12288, 20, 7, 5, 1] relu, 209 image-like examples"),
    "W2": Workload("W2", "shallow_nn", (2, 4, 1), "tanh", 400, 1.2, 10000, 300, 50,
                   "shallow [2, 4, 1] tanh, 400 planar points"),
    "W3": Workload("W3", "logistic_regression", (12288, 1), None, 209, 0.005, 2000, 100, 10,
                   "logistic regression, 12288 features, 209 examples"),
    "tiny": Workload("tiny", "deep_nn", (64, 5, 3, 1), "relu", 16, 0.0075, 100, 20, 3,
                     "deep [64, 5, 3, 1] relu, 16 examples (smoke test)"),
}
DEFAULT_WORKLOADS = ("W1", "W2", "W3")


def make_data(workload: Workload, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """X (n_x, m) and Y (1, m) in float64: the planar flower for a 2-feature workload, else synthetic pixels."""
    n_x, m = workload.layer_dims[0], workload.m
    if n_x == 2:
        from reference.data import planar

        X, y = planar(m)
        return np.ascontiguousarray(X.T), y.reshape(1, m)
    rng = np.random.default_rng(seed)
    X = rng.integers(0, 256, size=(n_x, m)) / 255  # pixel values scaled to [0, 1], as the course does
    Y = (rng.random((1, m)) < 0.35).astype(np.float64)  # about the course's share of cats
    return X, Y


def initial_params(workload: Workload) -> dict[str, np.ndarray]:
    """The model's default initialization from impl_numpy, float64."""
    import importlib

    module = importlib.import_module(f"impl_numpy.{workload.model}")
    return module.initialize_parameters(list(workload.layer_dims))


def matmul_flops(workload: Workload) -> int:
    """Flops of the products one step cannot avoid: W[l] A[l-1], dZ[l] A[l-1]^T, and W[l]^T dZ[l] for l > 1."""
    dims, m = workload.layer_dims, workload.m
    per_layer = [2 * dims[l] * dims[l - 1] * m for l in range(1, len(dims))]
    return 2 * sum(per_layer) + sum(per_layer[1:])
