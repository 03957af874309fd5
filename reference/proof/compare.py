"""``rosetta compare``: train every model on every backend from the same NumPy-made start, and compare.

Each backend trains from identical initial parameters (drawn once in NumPy from the seed) on identical
data; each run's cost curve is judged against an ensemble of NumPy runs (reference/proof/ensemble.py).

Every run is judged over its whole length, in float32 and float64 alike, against an ensemble of NumPy runs
perturbed at rounding level (reference/proof/ensemble.py): a backend agrees when its cost curve never leaves the
ensemble's envelope. Where training is calm the envelope is a few
ulps wide, stricter than the tolerance table; where training amplifies rounding (the course's shallow network on
the planar data, past iteration 7000) it widens with the members, so correct backends, 1e-3 apart there, still
agree, while a slow, systematic error leaves it.

A NaN or an inf anywhere, in the backend's run or NumPy's, judged iterations or not, is disagreement:
rounding moves values, it never makes them non-finite; a run that diverges agrees with nothing.

``compare_model`` runs one model; ``format_table`` prints the runs; ``command`` is ``rosetta compare`` whole.
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .. import data, determinism
from .. import validation as v
from ..backends import available_backends, get_backend
from ..quiet import load_backends, quiet_stderr
from . import ensemble as ensembles
from . import minibatches
from .minibatches import Optimization

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
    agrees: bool                # finite, and consistent with the ensemble over the whole run
    first_exit: int | None      # the first iteration whose cost leaves the ensemble's envelope
    envelope_used: float        # the largest fraction of the envelope the cost curve used (above 1: outside)
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
    envelope: list[float]       # how far from NumPy's a consistent run's cost may be by each iteration
    ensemble_seconds: float
    results: list[Result]
    lambd: float = 0.0          # course 2: L2's lambda, and
    keep_prob: float = 1.0      # dropout's keep probability (1: none)
    optimization: str = ""      # course 2, week 2: the optimizer over mini-batches ("": full-batch gradient descent)

    def summary(self) -> dict:
        keys = ("model", "dtype", "learning_rate", "num_iterations", "init", "layer_dims", "activation",
                "judged_iterations", "judged_because", "ensemble_seconds", "lambd", "keep_prob", "optimization")
        return {key: getattr(self, key) for key in keys}


def train_one(backend_name, model, X_train, y_train, X_test, params, activation, learning_rate, num_iterations,
              dtype, grid=None, regularization=None, optimization=None):
    """Train one backend from ``params``; return costs, final params, predictions (and on ``grid``) as NumPy.

    ``regularization``: course 2's lambd, keep_prob and NumPy-drawn masks; the backend's regularization module
    trains then. ``optimization``: course 2, week 2's (minibatches.Optimization, the epochs' orders); the backend's
    optimizers module trains then, num_iterations counting epochs."""
    backend = get_backend(backend_name)
    module = getattr(backend, "regularization" if regularization else model)
    kwargs = {} if activation is None else {"activation": activation}
    with backend.precision(dtype):
        X = backend.asarray(X_train.T, dtype)  # (n_x, m)
        Y = backend.asarray(y_train[np.newaxis, :], dtype)  # (1, m)
        train_kwargs = dict(regularization or {})
        if train_kwargs.get("masks") is not None:
            train_kwargs["masks"] = {k: backend.asarray(D, dtype) for k, D in train_kwargs["masks"].items()}
        start = time.perf_counter()
        start_params = {k: backend.asarray(p, dtype) for k, p in params.items()}
        if optimization:
            settings, orders = optimization
            trained, costs = backend.optimizers.train(X, Y, start_params, orders, learning_rate=learning_rate,
                                                      **kwargs, **settings.kwargs)
        else:
            trained, costs = module.train(X, Y, start_params, learning_rate, num_iterations, **kwargs, **train_kwargs)
        costs = backend.to_numpy(costs)  # waits for asynchronous frameworks to finish
        seconds = time.perf_counter() - start
        train_pred = backend.to_numpy(module.predict(X, trained, **kwargs))[0]
        test_pred = (backend.to_numpy(module.predict(backend.asarray(X_test.T, dtype), trained, **kwargs))[0]
                     if len(X_test) else np.zeros(0))  # the moons have no test set
        grid_pred = None
        if grid is not None:
            grid_pred = backend.to_numpy(module.predict(backend.asarray(grid.T, dtype), trained, **kwargs))[0]
        trained = {k: backend.to_numpy(p) for k, p in trained.items()}
    return costs, trained, train_pred, test_pred, seconds, grid_pred


def compare_model(model, backends, X_train, X_test, y_train, y_test, *, dtype="float64", seed=0, init=None,
                  learning_rate=None, num_iterations=None, grid=None, progress=None, lambd=0.0,
                  keep_prob=1.0, optimization: Optimization | None = None) -> ModelComparison:
    """Train ``model`` on NumPy (the reference), the probe, and each backend; compare each with NumPy.

    ``progress(label, iterations)`` is called before each training run. ``lambd`` and ``keep_prob`` (course 2, week
    1) apply to the networks, logistic regression having no hidden layer to drop: L2 on every W[l], and dropout
    on the hidden layers with masks drawn once in NumPy (seed 1, as the course's notebook) and kept for every
    step, the same for every backend. ``optimization`` (course 2, week 2) trains the networks with its optimizer
    over mini-batches, in the course's orders drawn once in NumPy (minibatches.py), num_iterations counting epochs.
    """
    import impl_numpy

    spec = MODEL_DEFAULTS[model]
    learning_rate = v.check_learning_rate(spec["learning_rate"] if learning_rate is None else learning_rate)
    num_iterations = v.check_num_iterations(spec["num_iterations"] if num_iterations is None else num_iterations)
    init = v.check_init(init or spec["init"])
    dims = [X_train.shape[1], *spec["hidden"], 1]
    params = getattr(impl_numpy, model).initialize_parameters(dims, init, seed, "float64")
    lambd, keep_prob = v.check_lambd(lambd), v.check_keep_prob(keep_prob)
    regularization = None
    if model != "logistic_regression" and (lambd or keep_prob < 1):
        masks = impl_numpy.regularization.dropout_masks(dims, len(X_train), keep_prob) if keep_prob < 1 else None
        regularization = {"lambd": lambd, "keep_prob": keep_prob, "masks": masks}
    course2_week2 = None
    if model != "logistic_regression" and optimization is not None:
        if regularization:
            raise ValueError(f"optimizer: expected gradient descent on full batches with lambd or keep_prob (course "
                             f"2's regularized and mini-batch models are apart), got {optimization}")
        course2_week2 = (optimization, minibatches.orders(len(X_train), num_iterations))
    args = (model, X_train, y_train, X_test, params, spec["activation"], learning_rate, num_iterations, dtype)

    def step(label, runs=1):
        if progress:
            progress(f"{model} on {label}", runs * num_iterations)

    step("numpy")
    reference = train_one("numpy", *args, grid=grid, regularization=regularization, optimization=course2_week2)
    ref_costs, ref_params = reference[0], reference[1]
    step(f"numpy, {ensembles.N_MEMBERS} runs perturbed at rounding level (the ensemble)", ensembles.N_MEMBERS)
    ensemble = ensembles.build(model, X_train.T, y_train[np.newaxis, :], params, learning_rate, num_iterations,
                               spec["activation"], dtype, seed=seed, reference=(ref_costs, ref_params),
                               regularization=regularization, optimization=course2_week2)
    because = (f"the whole run, against an ensemble of {ensembles.N_MEMBERS} NumPy runs perturbed at rounding level "
               f"(reference/proof/ensemble.py)")

    results = []
    for name in ["numpy", *[b for b in backends if b != "numpy"]]:
        if name == "numpy":
            costs, trained, train_pred, test_pred, seconds, grid_pred = reference
        else:
            step(name)
            costs, trained, train_pred, test_pred, seconds, grid_pred = train_one(
                name, *args, grid=grid, regularization=regularization, optimization=course2_week2)
        finite = all(np.isfinite(a).all() for a in (costs, ref_costs, *trained.values(), *ref_params.values()))
        verdict = ensemble.judge(costs, trained)
        cost_diffs = np.abs(costs.astype(np.float64) - ref_costs.astype(np.float64))
        results.append(Result(
            model=model, backend=name, dtype=dtype,
            final_cost=float(costs[-1]) if len(costs) else float("nan"),
            train_accuracy=float(np.mean(train_pred == y_train)),
            test_accuracy=float(np.mean(test_pred == y_test)) if len(y_test) else float("nan"),  # moons: none
            max_param_diff=max(float(np.max(np.abs(trained[k].astype(np.float64) - ref_params[k]))) for k in trained),
            max_cost_diff=float(cost_diffs.max()) if len(costs) else 0.0,
            seconds=seconds, agrees=bool(finite and verdict.consistent), first_exit=verdict.first_exit,
            envelope_used=verdict.worst, judged_iterations=num_iterations, num_iterations=num_iterations,
            costs=[float(c) for c in costs], cost_diffs=[float(d) for d in cost_diffs],
            params=trained, grid_predictions=grid_pred,
        ))
    return ModelComparison(model, dtype, learning_rate, num_iterations, init, dims, spec["activation"], num_iterations,
                           because, [float(a) for a in ensemble.envelope()], ensemble.seconds, results,
                           lambd if regularization else 0.0, keep_prob if regularization else 1.0,
                           str(optimization) if course2_week2 else "")


def format_table(comparisons: list[ModelComparison]) -> str:
    header = (f"{'model':<20} {'backend':<8} {'final cost':>11} {'train acc':>9} {'test acc':>9} "
              f"{'max |dparams|':>13} {'max |dcost|':>11} {'envelope':>8} {'seconds':>8}  agrees")
    lines = [header, "-" * len(header)]
    for c in comparisons:
        for r in c.results:
            if r.agrees:
                verdict = "yes"
            elif r.first_exit is not None:
                verdict = f"NO (leaves at iteration {r.first_exit})"
            else:
                verdict = "NO (not finite)"
            lines.append(f"{r.model:<20} {r.backend:<8} {r.final_cost:>11.6f} {r.train_accuracy:>9.2%} "
                         f"{_percent(r.test_accuracy)} {r.max_param_diff:>13.2e} {r.max_cost_diff:>11.2e} "
                         f"{r.envelope_used:>8.2f} {r.seconds:>8.2f}  {verdict}")
    note = (f"Every run is judged over all its iterations against {ensembles.N_MEMBERS} NumPy runs perturbed at "
            "rounding level;\nenvelope: the largest fraction of the ensemble's envelope a run used (above 1 leaves "
            "it).")
    return "\n".join([*lines, "", note])


def _percent(accuracy: float) -> str:
    return f"{accuracy:>9.2%}" if accuracy == accuracy else f"{'-':>9}"  # NaN: no test set (the moons)


def _json_safe(value):
    """``value`` with NaN and infinities (a diverging run's costs) as null, so that the JSON stays standard."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: _json_safe(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_safe(item) for item in value]
    return value


def command(args, progress, plots) -> int:
    """``rosetta compare``: the table (or ``--json``), the plots and results.json in ``--out``; 0 when every backend
    agrees with NumPy, 1 when one does not.

    ``progress`` (the ``Progress`` of reference/views/progress.py) and ``plots`` (reference/views/plots.py) are
    handed in by reference/cli.py: the proof imports no view.
    """
    X_train, X_test, y_train, y_test = data.from_args(args)  # bad input fails here, before any framework loads
    optimization = minibatches.from_args(args)
    with quiet_stderr():  # finding the installed backends imports their frameworks
        backends = args.backends or available_backends()
    # One thread per framework, fixed: the runs become bitwise reproducible across machines, and tiny
    # problems like these run faster (torch's thread pool stalled 2000 logistic steps for 33 s on a busy
    # 2-core machine, against 1 s on one thread); reference/determinism.py says why each setting is needed.
    determinism.apply(threads=1)
    load_backends(backends)
    grid = plots.grid_for(X_train)[0] if X_train.shape[1] == 2 and not args.no_plots else None
    runs_per_model = len(set(backends) | {"numpy"}) + ensembles.N_MEMBERS  # + the ensemble's NumPy runs
    total = sum((MODEL_DEFAULTS[m]["num_iterations"] if args.iterations is None else args.iterations)
                for m in args.models) * runs_per_model
    bar = progress(total, enabled=not args.json)
    try:
        comparisons = [compare_model(model, backends, X_train, X_test, y_train, y_test, dtype=args.dtype,
                                     seed=args.seed, init=args.init, learning_rate=args.learning_rate,
                                     num_iterations=args.iterations, grid=grid, progress=bar.step,
                                     lambd=args.lambd, keep_prob=args.keep_prob,
                                     optimization=optimization)
                       for model in args.models]
    finally:
        bar.close()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    written = [] if args.no_plots else plots.write_all(comparisons, X_train, y_train, out)
    agree = all(r.agrees for c in comparisons for r in c.results)
    document = {
        "dataset": args.dataset, "dtype": args.dtype, "seed": args.seed, "lambd": args.lambd,
        "keep_prob": args.keep_prob, "optimization": str(optimization or ""),
        "n_train": int(len(X_train)), "n_test": int(len(X_test)), "n_features": int(X_train.shape[1]),
        "backends": ["numpy", *[b for b in backends if b != "numpy"]], "all_agree": agree,
        "ensemble": {"members": ensembles.N_MEMBERS, "K": ensembles.K, "floor_ulps": ensembles.FLOOR_ULPS},
        "models": [c.summary() for c in comparisons],
        "results": [r.summary() for c in comparisons for r in c.results],
        "plots": [p.name for p in written],
    }
    costs = {f"{r.model}/{r.backend}": r.costs for c in comparisons for r in c.results}
    envelopes = {c.model: c.envelope for c in comparisons}  # by iteration, as the plots draw them
    (out / "results.json").write_text(json.dumps(_json_safe({**document, "costs": costs, "envelopes": envelopes}),
                                                 indent=1, allow_nan=False))
    if args.json:
        print(json.dumps(_json_safe(document), indent=1, allow_nan=False))
    else:
        course2 = (f"; the networks with lambd {args.lambd:g}, keep_prob {args.keep_prob:g} (masks drawn once)"
                   if args.lambd or args.keep_prob < 1 else "")
        if optimization:
            course2 += f"; the networks trained with {optimization} (iterations count epochs)"
        print(f"\n{args.dataset} data: {len(X_train)} training and {len(X_test)} test examples, "
              f"{X_train.shape[1]} features, {args.dtype}{course2}\n")
        print(format_table(comparisons))
        verdict = "Every backend agrees" if agree else "Some backends DISAGREE"
        print(f"\n{verdict} with NumPy: every run consistent with the ensemble (reference/proof/ensemble.py).")
        print(f"Plots and results.json in {out}/: {', '.join(p.name for p in written) or 'no plots'}")
    return 0 if agree else 1
