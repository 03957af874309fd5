"""``rosetta compare``: train every model on every backend from the same NumPy-made start, and compare.

Each backend trains from identical initial parameters (drawn once in NumPy from the seed) on identical
data; the final parameters and the whole cost curve are compared with NumPy's under the tolerance
table. In float32 only the first FLOAT32_TRAINING_ITERATIONS costs are judged (the table says why);
the drift over the full run is still reported.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from . import validation as v
from .backends import get_backend
from .tolerances import FLOAT32_TRAINING_ITERATIONS, compare

# The course's hyperparameters for each model (weeks 2, 3 and 4).
MODEL_DEFAULTS: dict[str, dict[str, Any]] = {
    "logistic_regression": {"hidden": (), "activation": None, "learning_rate": 0.005, "num_iterations": 2000,
                            "init": "zeros"},
    "shallow_nn": {"hidden": (4,), "activation": "tanh", "learning_rate": 1.2, "num_iterations": 10000,
                   "init": "random_small"},
    "deep_nn": {"hidden": (20, 7, 5), "activation": "relu", "learning_rate": 0.0075, "num_iterations": 2500,
                "init": "xavier"},
}


@dataclass
class Result:
    model: str
    backend: str
    dtype: str
    final_cost: float
    train_accuracy: float
    test_accuracy: float
    max_param_diff: float
    max_cost_diff: float
    seconds: float
    agrees: bool
    costs: list[float]
    cost_diffs: list[float]

    def summary(self) -> dict:
        d = asdict(self)
        del d["costs"], d["cost_diffs"]
        return d


def train_one(backend_name, model, X_train, y_train, X_test, params, activation, learning_rate, num_iterations,
              dtype):
    """Train one backend from ``params``; return costs, final params and predictions as NumPy arrays."""
    backend = get_backend(backend_name)
    module = getattr(backend, model)
    kwargs = {} if activation is None else {"activation": activation}
    with backend.precision(dtype):
        X = backend.asarray(X_train.T, dtype)  # (n_x, m)
        Y = backend.asarray(y_train[np.newaxis, :], dtype)  # (1, m)
        start = time.perf_counter()
        trained, costs = module.train(X, Y, {k: backend.asarray(p, dtype) for k, p in params.items()},
                                      learning_rate, num_iterations, **kwargs)
        costs = backend.to_numpy(costs)  # waits for asynchronous frameworks to finish
        seconds = time.perf_counter() - start
        train_pred = backend.to_numpy(module.predict(X, trained, **kwargs))[0]
        test_pred = backend.to_numpy(module.predict(backend.asarray(X_test.T, dtype), trained, **kwargs))[0]
        trained = {k: backend.to_numpy(p) for k, p in trained.items()}
    return costs, trained, train_pred, test_pred, seconds


def compare_model(model, backends, X_train, X_test, y_train, y_test, *, dtype="float64", seed=0, init=None,
                  learning_rate=None, num_iterations=None, progress=None) -> list[Result]:
    """Train ``model`` on each backend (NumPy first, as the reference) and compare with NumPy."""
    import impl_numpy

    spec = MODEL_DEFAULTS[model]
    learning_rate = v.check_learning_rate(learning_rate or spec["learning_rate"])
    num_iterations = v.check_num_iterations(spec["num_iterations"] if num_iterations is None else num_iterations)
    init = v.check_init(init or spec["init"])
    dims = [X_train.shape[1], *spec["hidden"], 1]
    params = getattr(impl_numpy, model).initialize_parameters(dims, init, seed, "float64")
    results, reference = [], None
    for name in ["numpy", *[b for b in backends if b != "numpy"]]:
        if progress:
            progress(model, name)
        costs, trained, train_pred, test_pred, seconds = train_one(
            name, model, X_train, y_train, X_test, params, spec["activation"], learning_rate, num_iterations, dtype)
        if reference is None:
            reference = (costs, trained)
        ref_costs, ref_params = reference
        judged = num_iterations if dtype == "float64" else min(num_iterations, FLOAT32_TRAINING_ITERATIONS)
        agrees = compare(costs[:judged], ref_costs[:judged], dtype, "training_costs").ok
        if dtype == "float64":
            agrees &= all(compare(trained[k], ref_params[k], dtype, "training_params").ok for k in trained)
        cost_diffs = np.abs(costs.astype(np.float64) - ref_costs.astype(np.float64))
        results.append(Result(
            model=model, backend=name, dtype=dtype,
            final_cost=float(costs[-1]) if len(costs) else float("nan"),
            train_accuracy=float(np.mean(train_pred == y_train)),
            test_accuracy=float(np.mean(test_pred == y_test)),
            max_param_diff=max(float(np.max(np.abs(trained[k].astype(np.float64) - ref_params[k]))) for k in trained),
            max_cost_diff=float(cost_diffs.max()) if len(costs) else 0.0,
            seconds=seconds, agrees=bool(agrees),
            costs=[float(c) for c in costs], cost_diffs=[float(d) for d in cost_diffs],
        ))
    return results


def format_table(results: list[Result]) -> str:
    header = (f"{'model':<20} {'backend':<8} {'final cost':>11} {'train acc':>9} {'test acc':>9} "
              f"{'max |dparams|':>13} {'max |dcost|':>11} {'seconds':>8}  agrees")
    lines = [header, "-" * len(header)]
    for r in results:
        lines.append(f"{r.model:<20} {r.backend:<8} {r.final_cost:>11.6f} {r.train_accuracy:>9.2%} "
                     f"{r.test_accuracy:>9.2%} {r.max_param_diff:>13.2e} {r.max_cost_diff:>11.2e} "
                     f"{r.seconds:>8.2f}  {'yes' if r.agrees else 'NO'}")
    return "\n".join(lines)
