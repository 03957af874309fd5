"""``rosetta compare``: train every model on every backend from the same NumPy-made start, and compare.

Each backend trains from identical initial parameters (drawn once in NumPy from the seed) on identical
data; the cost curve and the final parameters are compared with NumPy's under the tolerance table
(reference/tolerances.py).

Which iterations are judged:

- float32: the first FLOAT32_TRAINING_ITERATIONS, as the table says; the drift over the whole run is
  still reported and plotted.
- float64: the whole run, unless the run itself amplifies rounding. Some runs do: the course's shallow
  network on the planar data (learning rate 1.2) trains calmly for thousands of iterations, then
  enters a phase where any difference grows tenfold every ~15 iterations, so that two correct
  implementations, differing by a few ulp, end up 1e-3 apart in cost. No tolerance can tell
  "correct" from "wrong" there. To find such a phase, NumPy trains a second time on the same
  examples in another order (a "probe": the same equations, only the order of every sum over the
  examples changes, which is what separates one backend from another). Where the probe has used
  up PROBE_ONSET of the tolerance, rounding differences have started to grow; since correct
  backends cross the tolerance within a few dozen iterations of one another past that point,
  judging stops at PROBE_MARGIN of it. Cost differences after it are reported and plotted,
  the final parameters are reported but not judged.

A NaN or an inf anywhere, in the backend's run or NumPy's, judged iterations or not, is disagreement:
rounding moves values, it never makes them non-finite; a run that diverges agrees with nothing.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from . import validation as v
from .backends import get_backend
from .tolerances import FLOAT32_TRAINING_ITERATIONS, compare, tolerance

# The course's hyperparameters for each model (weeks 2, 3 and 4).
MODEL_DEFAULTS: dict[str, dict[str, Any]] = {
    "logistic_regression": {"hidden": (), "activation": None, "learning_rate": 0.005, "num_iterations": 2000,
                            "init": "zeros"},
    "shallow_nn": {"hidden": (4,), "activation": "tanh", "learning_rate": 1.2, "num_iterations": 10000,
                   "init": "random_small"},
    "deep_nn": {"hidden": (20, 7, 5), "activation": "relu", "learning_rate": 0.0075, "num_iterations": 2500,
                "init": "xavier"},
}

# The probe's cost has "left rounding level" once it differs from NumPy's by this fraction of the
# training_costs tolerance; judging stops at PROBE_MARGIN of that iteration. Measured on the planar
# shallow runs with seeds 0, 4 and 7: the probe reaches 1e-4 of the tolerance 24 to 44 iterations
# before the first backend crosses the tolerance, and 0.9 moves the end back by hundreds more.
PROBE_ONSET = 1e-4
PROBE_MARGIN = 0.9


@dataclass
class Result:
    """One model trained on one backend, compared with NumPy."""

    model: str
    backend: str
    dtype: str
    final_cost: float
    train_accuracy: float
    test_accuracy: float
    max_param_diff: float       # final parameters, the largest |backend - NumPy| over all entries
    max_cost_diff: float        # the whole cost curve, the largest |backend - NumPy|
    seconds: float
    agrees: bool                # finite, and within the tolerance table over the judged iterations
    judged_iterations: int
    num_iterations: int
    costs: list[float] = field(repr=False)
    cost_diffs: list[float] = field(repr=False)
    params: dict[str, np.ndarray] = field(repr=False, default_factory=dict)
    grid_predictions: np.ndarray | None = field(repr=False, default=None)

    def summary(self) -> dict:
        d = asdict(self)
        for key in ("costs", "cost_diffs", "params", "grid_predictions"):
            del d[key]
        return d


@dataclass
class ModelComparison:
    """Every backend's run of one model, the hyperparameters they shared, and how much was judged."""

    model: str
    dtype: str
    learning_rate: float
    num_iterations: int
    init: str
    layer_dims: list[int]
    activation: str | None
    judged_iterations: int
    judged_because: str
    probe_cost_diffs: list[float] | None
    results: list[Result]

    def summary(self) -> dict:
        keys = ("model", "dtype", "learning_rate", "num_iterations", "init", "layer_dims", "activation",
                "judged_iterations", "judged_because")
        return {key: getattr(self, key) for key in keys}


def train_one(backend_name, model, X_train, y_train, X_test, params, activation, learning_rate, num_iterations,
              dtype, grid=None):
    """Train one backend from ``params``; return costs, final params, predictions (and on ``grid``) as NumPy."""
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
        grid_pred = None
        if grid is not None:
            grid_pred = backend.to_numpy(module.predict(backend.asarray(grid.T, dtype), trained, **kwargs))[0]
        trained = {k: backend.to_numpy(p) for k, p in trained.items()}
    return costs, trained, train_pred, test_pred, seconds, grid_pred


def judged_window(costs, probe_costs, dtype: str, num_iterations: int) -> tuple[int, str]:
    """How many iterations of the cost curve to judge, and why (see the module docstring)."""
    if dtype == "float32":
        judged = min(num_iterations, FLOAT32_TRAINING_ITERATIONS)
        return judged, (f"float32 runs are judged over their first {FLOAT32_TRAINING_ITERATIONS} iterations "
                        f"(FLOAT32_TRAINING_ITERATIONS in reference/tolerances.py); the rest is shown, not judged")
    tol = tolerance(dtype, "training_costs")
    diff = np.abs(np.asarray(probe_costs, np.float64) - np.asarray(costs, np.float64))
    onset = diff > PROBE_ONSET * (tol.atol + tol.rtol * np.abs(costs))
    if not onset.any():
        return num_iterations, "the whole run"
    first = int(np.argmax(onset))
    judged = int(PROBE_MARGIN * first)
    return judged, (f"training amplifies rounding from about iteration {first}: NumPy on the same examples in "
                    f"another order leaves rounding level there, so iterations {judged}..{num_iterations} are "
                    f"shown, not judged")


def compare_model(model, backends, X_train, X_test, y_train, y_test, *, dtype="float64", seed=0, init=None,
                  learning_rate=None, num_iterations=None, grid=None, progress=None) -> ModelComparison:
    """Train ``model`` on NumPy (the reference), the probe, and each backend; compare each with NumPy.

    ``progress(label, iterations)`` is called before each training run.
    """
    import impl_numpy

    spec = MODEL_DEFAULTS[model]
    learning_rate = v.check_learning_rate(spec["learning_rate"] if learning_rate is None else learning_rate)
    num_iterations = v.check_num_iterations(spec["num_iterations"] if num_iterations is None else num_iterations)
    init = v.check_init(init or spec["init"])
    dims = [X_train.shape[1], *spec["hidden"], 1]
    params = getattr(impl_numpy, model).initialize_parameters(dims, init, seed, "float64")
    args = (model, X_train, y_train, X_test, params, spec["activation"], learning_rate, num_iterations, dtype)

    def step(label):
        if progress:
            progress(f"{model} on {label}", num_iterations)

    step("numpy")
    reference = train_one("numpy", *args, grid=grid)
    ref_costs, ref_params = reference[0], reference[1]
    probe_costs = None
    if dtype == "float64":
        step("numpy, examples reordered (the probe)")
        order = np.random.default_rng(seed).permutation(len(y_train))
        probe_args = (model, X_train[order], y_train[order], *args[3:])
        probe_costs = train_one("numpy", *probe_args)[0]
    judged, because = judged_window(ref_costs, probe_costs, dtype, num_iterations)

    results = []
    for name in ["numpy", *[b for b in backends if b != "numpy"]]:
        if name == "numpy":
            costs, trained, train_pred, test_pred, seconds, grid_pred = reference
        else:
            step(name)
            costs, trained, train_pred, test_pred, seconds, grid_pred = train_one(name, *args, grid=grid)
        finite = all(np.isfinite(a).all() for a in (costs, ref_costs, *trained.values(), *ref_params.values()))
        agrees = finite and compare(costs[:judged], ref_costs[:judged], dtype, "training_costs").ok
        if judged == num_iterations and dtype == "float64":
            agrees &= all(compare(trained[k], ref_params[k], dtype, "training_params").ok for k in ref_params)
        cost_diffs = np.abs(costs.astype(np.float64) - ref_costs.astype(np.float64))
        results.append(Result(
            model=model, backend=name, dtype=dtype,
            final_cost=float(costs[-1]) if len(costs) else float("nan"),
            train_accuracy=float(np.mean(train_pred == y_train)),
            test_accuracy=float(np.mean(test_pred == y_test)),
            max_param_diff=max(float(np.max(np.abs(trained[k].astype(np.float64) - ref_params[k]))) for k in trained),
            max_cost_diff=float(cost_diffs.max()) if len(costs) else 0.0,
            seconds=seconds, agrees=bool(agrees), judged_iterations=judged, num_iterations=num_iterations,
            costs=[float(c) for c in costs], cost_diffs=[float(d) for d in cost_diffs],
            params=trained, grid_predictions=grid_pred,
        ))
    probe_diffs = None if probe_costs is None else [float(d) for d in np.abs(probe_costs - ref_costs)]
    return ModelComparison(model, dtype, learning_rate, num_iterations, init, dims, spec["activation"], judged,
                           because, probe_diffs, results)


def format_table(comparisons: list[ModelComparison]) -> str:
    header = (f"{'model':<20} {'backend':<8} {'final cost':>11} {'train acc':>9} {'test acc':>9} "
              f"{'max |dparams|':>13} {'max |dcost|':>11} {'seconds':>8}  agrees")
    lines = [header, "-" * len(header)]
    notes: list[str] = []
    for c in comparisons:
        mark = ""
        if c.judged_iterations < c.num_iterations:
            note = (f"{c.judged_because}." if c.dtype == "float32" else
                    f"{c.model}: judged over iterations 0..{c.judged_iterations} of {c.num_iterations}; "
                    f"{c.judged_because}.")
            notes += [note] if note not in notes else []
            mark = f" ({c.judged_iterations} of {c.num_iterations} it.)"
        for r in c.results:
            lines.append(f"{r.model:<20} {r.backend:<8} {r.final_cost:>11.6f} {r.train_accuracy:>9.2%} "
                         f"{r.test_accuracy:>9.2%} {r.max_param_diff:>13.2e} {r.max_cost_diff:>11.2e} "
                         f"{r.seconds:>8.2f}  {'yes' if r.agrees else 'NO'}{mark}")
    return "\n".join(lines + ([""] + notes if notes else []))
