"""Course 2, week 1's assignments on every backend, and each framework's naive L2 and dropout against the course's:
``python -m benchmarks.course2 [--data-mat datasets/data.mat]``.

Writes benchmarks/course2.json (docs/course2.md's tables are generated from it, docs/cogs.py) and prints them:

- ``runs``: the initialization assignment (``init_model``: [2, 10, 5, 1], 15000 iterations at 0.01 on the circles,
  which are the course's points exactly) with zeros, random (x 10) and He weights, and the regularization assignment
  (``reg_model``: [2, 20, 3, 1], 30000 iterations at 0.3) without regularization, with lambd = 0.7 and with
  keep_prob = 0.86, on the stand-in data (or the course's data.mat, given), on every backend's manual equations in
  float64, each with the notebook's published costs and accuracies beside it where the data are the course's;
- ``configs``: the regularization assignment through each framework's own layers (impl_*/layers.py): L2 as the
  course's equations configured in the framework (``L2_VARIANTS["course"]``) and as learners configure it naively,
  and dropout as the framework's layer with rate 1 - keep_prob (a fresh mask per step), with the keep probability
  given as the rate (p = 0.86), and with the course's masks given: the final cost, the accuracies and the largest
  cost difference from the course's run (NumPy's equations, one set of masks as the notebook).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

import impl_numpy  # noqa: I001  (after reference: the backends import it)
from reference import data, determinism
from reference.backends import available_backends, get_backend
from reference.quiet import load_backends

OUT = Path(__file__).with_name("course2.json")

INIT_MODEL = {"dims": [2, 10, 5, 1], "learning_rate": 0.01, "num_iterations": 15000, "seed": 3}
REG_MODEL = {"dims": [2, 20, 3, 1], "learning_rate": 0.3, "num_iterations": 30000, "seed": 3, "init": "xavier"}
INIT_RUNS = {"zeros": {}, "random": {}, "he": {}}
REG_RUNS = {"none": {}, "L2, lambd 0.7": {"lambd": 0.7}, "dropout, keep_prob 0.86": {"keep_prob": 0.86}}

# The notebooks' printed outputs (learners' public copies of the course's "Initialization" and "Regularization"
# notebooks print these; the random run's costs differ in the fourth digit between copies, since its
# first cost is log(0) and NumPy versions round the saturated sigmoid differently): cost at the iterations printed,
# train and test accuracy.
PUBLISHED = {
    ("init_model", "zeros"): {"costs": {0: 0.6931471805599453, 1000: 0.6931471805599453, 14000: 0.6931471805599453},
                              "train": 0.5, "test": 0.5},
    ("init_model", "random"): {"costs": {0: float("inf")}, "train": 0.83, "test": 0.86},
    ("init_model", "he"): {"costs": {0: 0.8830537463419761, 1000: 0.6879825919728063},
                           "train": 0.9933333333333333, "test": 0.96},
    ("reg_model", "none"): {"costs": {0: 0.6557412523481002, 10000: 0.16329987525724216, 20000: 0.13851642423255986},
                            "train": 0.9478672985781991, "test": 0.915},
    ("reg_model", "L2, lambd 0.7"): {"costs": {0: 0.6974484493131264, 10000: 0.2684918873282239,
                                               20000: 0.2680916337127301}, "train": 0.9383886255924171, "test": 0.93},
    ("reg_model", "dropout, keep_prob 0.86"): {"costs": {0: 0.6543912405149825, 10000: 0.0610169865749056,
                                                         20000: 0.060582435798513114},
                                               "train": 0.9289099526066351, "test": 0.95},
}


def _accuracy(labels, y) -> float:
    return float(np.mean(np.asarray(labels).reshape(-1) == y))


def assignment_run(backend_name: str, model: str, run: str, X_train, X_test, y_train, y_test) -> dict:
    """One of the six runs on one backend's manual equations, float64."""
    backend = get_backend(backend_name)
    spec = INIT_MODEL if model == "init_model" else REG_MODEL
    init = run if model == "init_model" else spec["init"]
    course2 = REG_RUNS.get(run, {}) if model == "reg_model" else {}
    params = impl_numpy.deep_nn.initialize_parameters(spec["dims"], init, spec["seed"], "float64")
    keep_prob = course2.get("keep_prob", 1.0)
    masks = impl_numpy.regularization.dropout_masks(spec["dims"], len(X_train), keep_prob) if keep_prob < 1 else None
    module = backend.regularization if model == "reg_model" else backend.deep_nn
    with backend.precision("float64"), np.errstate(all="ignore"):
        X = backend.asarray(X_train.T)
        Y = backend.asarray(y_train[None, :])
        kwargs = {"activation": "relu"}
        if model == "reg_model":
            kwargs.update(lambd=course2.get("lambd", 0.0), keep_prob=keep_prob,
                          masks=None if masks is None else {k: backend.asarray(D) for k, D in masks.items()})
        start = time.perf_counter()
        trained, costs = module.train(X, Y, {k: backend.asarray(v) for k, v in params.items()},
                                      spec["learning_rate"], spec["num_iterations"], **kwargs)
        costs = backend.to_numpy(costs)
        seconds = time.perf_counter() - start
        train = _accuracy(backend.to_numpy(module.predict(X, trained, "relu")), y_train)
        test = _accuracy(backend.to_numpy(module.predict(backend.asarray(X_test.T), trained, "relu")), y_test)
    every = 1000 if model == "init_model" else 10000
    return {"model": model, "run": run, "backend": backend_name,
            "costs": {i: float(costs[i]) for i in range(0, len(costs), every)}, "final_cost": float(costs[-1]),
            "train": train, "test": test, "seconds": seconds}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-mat", default=None, help="the course's datasets/data.mat (default: the stand-in)")
    parser.add_argument("--backends", default=None, help="comma-separated (default: every installed backend)")
    parser.add_argument("--out", default=str(OUT))
    args = parser.parse_args(argv)
    determinism.apply(threads=1)
    backends = args.backends.split(",") if args.backends else available_backends()
    load_backends(backends)
    circles = data.circles()
    football = data.football(args.data_mat)
    runs = []
    for model, names, split in (("init_model", INIT_RUNS, circles), ("reg_model", REG_RUNS, football)):
        X_train, X_test, y_train, y_test = split
        for run in names:
            for backend in backends:
                r = assignment_run(backend, model, run, X_train, X_test, y_train, y_test)
                runs.append(r)
                print(f"{model:<10} {run:<24} {backend:<6} final cost {r['final_cost']:.6f}, train {r['train']:.4f}, "
                      f"test {r['test']:.4f}; {r['seconds']:.1f} s", flush=True)
    document = {"football": "data.mat" if args.data_mat else "stand-in", "backends": backends, "runs": runs}
    Path(args.out).write_text(json.dumps(document, indent=1))


if __name__ == "__main__":
    main()
