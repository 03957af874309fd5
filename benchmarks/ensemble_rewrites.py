"""The ensemble against NumPy's own rewrites: ``python -m benchmarks.ensemble_rewrites [--seeds 4]``.

The ensemble's reference is NumPy, written one way. A behaviour-preserving rewrite of one of its backward equations
(``dZ1 @ (X.T / m)`` for ``(dZ1 @ X.T) / m``: an association order, a division moved) changes its rounding at every
step, systematically; if the members' perturbations do not cover such a change, correct backends leave the ensemble
of the rewritten NumPy (before this benchmark: torch and JAX at iteration 7697 of the course's flower).

For two of the course's runs (the flower: the shallow network, learning rate 1.2, 10000 iterations, float64, as
tests/test_harness.py; the deep network on the planar data, 2500 iterations, float32 and float64, as
tests/test_ensemble.py), for each way of making the members (``before``: 16 of them, each one ulp from the initial
parameters and with the examples in another order; ``moved``: 16 of ``ensemble.member_problem``, which moves X and
the learning rate too; ``now``: N_MEMBERS of those), for
each seed, and for NumPy as written and each of its REWRITES as the reference: the ensemble is built, and judged
against it are every correct backend and mode (manual, autodiff), the other forms of NumPy, each member against the
others (leave one out), and a slow bug (the learning rate rounded to float16, which the ensemble exists to catch).
Writes benchmarks/ensemble_rewrites.json and prints one line per run and way.
"""

from __future__ import annotations

import argparse
import json
import time
import types
from pathlib import Path

import numpy as np

import impl_numpy  # noqa: I001  (after reference: the backends import it)
from reference import available_backends, data, determinism
from reference.proof import ensemble, harness
from reference.proof.compare import MODEL_DEFAULTS

# behaviour-preserving rewrites of NumPy's backward equations: (the model, the text as written, the rewrite)
REWRITES = {
    "shallow_nn": [
        ('dW1 = dZ1 @ cache["A0"].T / m', 'dW1 = dZ1 @ (cache["A0"].T / m)'),
        ('dW1 = dZ1 @ cache["A0"].T / m', 'dW1 = (dZ1 / m) @ cache["A0"].T'),
        ('dW2 = dZ2 @ cache["A1"].T / m', 'dW2 = dZ2 @ (cache["A1"].T / m)'),
        ('db1 = np.sum(dZ1, axis=1, keepdims=True) / m', 'db1 = np.sum(dZ1 / m, axis=1, keepdims=True)'),
    ],
    "deep_nn": [
        ('dZ @ cache[f"A{l - 1}"].T / m', 'dZ @ (cache[f"A{l - 1}"].T / m)'),
        ('dZ @ cache[f"A{l - 1}"].T / m', '(dZ / m) @ cache[f"A{l - 1}"].T'),
        ("np.sum(dZ, axis=1, keepdims=True) / m", "np.sum(dZ / m, axis=1, keepdims=True)"),
    ],
}


def rewritten(model: str, old: str, new: str) -> types.SimpleNamespace:
    """impl_numpy with its ``model`` module executed again from its source with ``old`` replaced by ``new`` (or,
    where NumPy is already written the new way, ``new`` by ``old``: a rewrite of the code as it is, either way)."""
    path = Path(getattr(impl_numpy, model).__file__)
    source = path.read_text()
    if old not in source:
        if new not in source:
            raise ValueError(f"neither {old!r} nor {new!r} is in {path}: update REWRITES")
        old, new = new, old
    module = types.ModuleType(f"impl_numpy._rewritten_{model}")
    module.__file__, module.__package__ = str(path), "impl_numpy"
    exec(compile(source.replace(old, new), str(path), "exec"), module.__dict__)
    return types.SimpleNamespace(**{model: module})


def before(X, Y, params, learning_rate, rng, dtype, order=None):
    """The members as they were: one ulp of the initial parameters, the examples in another order."""
    order = rng.permutation(X.shape[1]) if order is None else order
    params = {key: ensemble.nudged(value, rng, dtype) for key, value in params.items()}
    return np.asarray(X, dtype)[:, order], np.asarray(Y, dtype)[:, order], params, learning_rate


WAYS = {"before": (before, 16), "moved": (ensemble.member_problem, 16),  # how the members are made, and how many
        "now": (ensemble.member_problem, ensemble.N_MEMBERS)}


def runs() -> dict[str, harness.Problem]:
    X, y = data.planar()
    flower_params = impl_numpy.shallow_nn.initialize_parameters([2, 4, 1], "random_small", seed=2)
    flower = harness.Problem("shallow_nn", X.T, y[None, :], flower_params, "tanh", "float64", 1.2, 10000)
    spec = MODEL_DEFAULTS["deep_nn"]
    X, _, y, _ = data.load("planar", seed=0)
    params = impl_numpy.deep_nn.initialize_parameters([X.shape[1], *spec["hidden"], 1], spec["init"], 0, "float64")
    deep = {dtype: harness.Problem("deep_nn", X.T, y[None, :], params, spec["activation"], dtype,
                                   spec["learning_rate"], spec["num_iterations"]) for dtype in ("float32", "float64")}
    return {"flower-float64": flower, "deep-float32": deep["float32"], "deep-float64": deep["float64"]}


def curve(package, p: harness.Problem, learning_rate: float | None = None) -> np.ndarray:
    module = getattr(package, p.model)
    _, costs = module.train(np.asarray(p.X, p.dtype), np.asarray(p.Y, p.dtype),
                            {k: np.asarray(v, p.dtype) for k, v in p.params.items()},
                            p.learning_rate if learning_rate is None else learning_rate, p.num_iterations,
                            **p.kwargs)
    return np.asarray(costs, np.float64)


def measure(name: str, p: harness.Problem, seeds: int) -> list[dict]:
    backends = [b + mode for b in available_backends() if b != "numpy" for mode in ("", ":autodiff")]
    correct = {b: np.asarray(harness.run_backend(p, b).training_costs, np.float64) for b in backends}
    forms = {"as written": impl_numpy, **{new: rewritten(p.model, old, new) for old, new in REWRITES[p.model]}}
    numpy_curves = {form: curve(package, p) for form, package in forms.items()}
    for form, costs in numpy_curves.items():  # a rewrite that rounds as NumPy does would measure nothing
        if form != "as written" and np.array_equal(costs, numpy_curves["as written"]):
            raise ValueError(f"{form!r} gives NumPy's costs to the bit: not a rewrite of its rounding")
    slow = curve(impl_numpy, p, float(np.float16(p.learning_rate)))
    rows = []
    for way, (perturb, members) in WAYS.items():
        for seed in range(seeds):
            for form, package in forms.items():
                start = time.perf_counter()
                e = ensemble.build(p.model, p.X, p.Y, p.params, p.learning_rate, p.num_iterations,
                                   p.kwargs.get("activation"), p.dtype, members, seed, package=package,
                                   perturb=perturb)
                judged = {**correct, **{f"numpy, {f}": c for f, c in numpy_curves.items() if f != form}}
                worst = {run: e.judge(c).worst for run, c in judged.items()}
                rows.append({"run": name, "way": way, "seed": seed, "reference": form, "worst": worst,
                             "members": [v.worst for v in e.leave_one_out()], "slow_bug": e.judge(slow).worst,
                             "seconds": time.perf_counter() - start})
            last = [r for r in rows if r["way"] == way and r["seed"] == seed]
            print(f"{name:<14} {way:<6} seed {seed}: correct runs outside "
                  f"{sum(w > 1 for r in last for w in r['worst'].values())}/{sum(len(r['worst']) for r in last)}"
                  f" (at most {max(w for r in last for w in r['worst'].values()):.2f}), members outside "
                  f"{sum(w > 1 for r in last for w in r['members'])}/{sum(len(r['members']) for r in last)}, "
                  f"the slow bug at {min(r['slow_bug'] for r in last):.1f} or more", flush=True)
    return rows


def summary(rows: list[dict]) -> list[dict]:
    """One line per run and way: how many judgements of correct runs, of members and of the slow bug were right."""
    out = []
    for name in dict.fromkeys(r["run"] for r in rows):
        for way in WAYS:
            these = [r for r in rows if r["run"] == name and r["way"] == way]
            correct = [w for r in these for w in r["worst"].values()]
            members = [w for r in these for w in r["members"]]
            out.append({"run": name, "way": way, "members": WAYS[way][1], "ensembles": len(these),
                        "correct_outside": sum(w > 1 for w in correct), "correct_judged": len(correct),
                        "correct_worst": max(correct), "members_outside": sum(w > 1 for w in members),
                        "members_judged": len(members), "slow_bug_caught": sum(r["slow_bug"] > 1 for r in these),
                        "slow_bug_least": min(r["slow_bug"] for r in these)})
    return out


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=4)
    parser.add_argument("--runs", default=",".join(runs()), help="comma-separated names (default: all three)")
    parser.add_argument("--out", default=str(Path(__file__).with_name("ensemble_rewrites.json")))
    args = parser.parse_args(argv)
    determinism.apply(threads=1)
    problems = runs()
    start = time.perf_counter()
    rows = [row for name in args.runs.split(",") for row in measure(name, problems[name], args.seeds)]
    result = {"members": ensemble.N_MEMBERS, "K": ensemble.K, "nudge_ulps": ensemble.NUDGE_ULPS, "seeds": args.seeds,
              "summary": summary(rows), "rows": rows, "seconds": time.perf_counter() - start}
    Path(args.out).write_text(json.dumps(result, indent=1))
    for line in result["summary"]:
        print(line)


if __name__ == "__main__":
    main()
