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
from reference.proof import ensemble
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


DROPOUT_WAYS = {  # how each framework's layers drop, for keep_prob 0.86: build's arguments
    "the course's masks, given": lambda masks: {"keep_prob": 0.86, "masks": masks},
    "its dropout layer, rate 1 - keep_prob": lambda masks: {"keep_prob": 0.86},
    "its dropout layer given keep_prob as the rate": lambda masks: {"keep_prob": 1 - 0.86},
}
LAYERS_CONFIG = {  # how each framework writes the course's configuration, for the table
    "torch": {"L2": "SGD([{weights, weight_decay=lambd/m}, {biases, weight_decay=0}])",
              "dropout": "nn.Dropout(p=1 - keep_prob)"},
    "tf": {"L2": "Dense(kernel_regularizer=L2(lambd / (2 m)))", "dropout": "keras.layers.Dropout(rate=1 - keep_prob)"},
    "jax": {"L2": "optax.chain(add_decayed_weights(lambd / m, mask=kernels), sgd)",
            "dropout": "nnx.Dropout(rate=1 - keep_prob)"},
}


def config_run(backend_name: str, kind: str, way: str, X_train, X_test, y_train, y_test, reference) -> dict:
    """The regularization assignment through one framework's layers, configured one way; against ``reference``,
    NumPy's run of the course's equations (the same masks at every step, as the notebook)."""
    backend = get_backend(backend_name)
    layers, spec = backend.layers, REG_MODEL
    params = impl_numpy.deep_nn.initialize_parameters(spec["dims"], spec["init"], spec["seed"], "float64")
    build, train = {}, {}
    if kind == "L2":
        config = layers.L2_VARIANTS[way](0.7, len(X_train))
        build, train = config["build"], config["train"]
    else:
        masks = impl_numpy.regularization.dropout_masks(spec["dims"], len(X_train), 0.86)
        build = DROPOUT_WAYS[way](masks)
    if backend_name == "torch":
        import torch

        torch.manual_seed(0)  # nn.Dropout draws from torch's global generator
    with backend.precision("float64"):
        model = layers.load_params(layers.build(spec["dims"], "relu", "float64", **build), params)
        X, Y = backend.asarray(X_train.T), backend.asarray(y_train[None, :])
        start = time.perf_counter()
        costs = backend.to_numpy(layers.train(model, X, Y, spec["learning_rate"], spec["num_iterations"], **train))
        seconds = time.perf_counter() - start
        train_acc = _accuracy(backend.to_numpy(layers.predict(model, X)), y_train)
        test_acc = _accuracy(backend.to_numpy(layers.predict(model, backend.asarray(X_test.T))), y_test)
    return {"backend": backend_name, "kind": kind, "way": way, "final_cost": float(costs[-1]), "train": train_acc,
            "test": test_acc, "max_cost_difference": float(np.max(np.abs(costs - reference["costs"]))),
            "train_difference": train_acc - reference["train"], "test_difference": test_acc - reference["test"],
            "inside_ensemble": reference["ensemble"].judge(costs).consistent,
            "envelope_used": float(reference["ensemble"].judge(costs).worst), "seconds": seconds}


def numpy_reference(kind: str, X_train, X_test, y_train, y_test) -> dict:
    """NumPy's run of the course's equations, L2 0.7 or dropout 0.86 with the notebook's masks: the whole cost curve."""
    spec = REG_MODEL
    params = impl_numpy.deep_nn.initialize_parameters(spec["dims"], spec["init"], spec["seed"], "float64")
    keep_prob = 0.86 if kind == "dropout" else 1.0
    masks = impl_numpy.regularization.dropout_masks(spec["dims"], len(X_train), 0.86) if keep_prob < 1 else None
    module = impl_numpy.regularization
    trained, costs = module.train(X_train.T, y_train[None, :], params, spec["learning_rate"], spec["num_iterations"],
                                  "relu", 0.7 if kind == "L2" else 0.0, keep_prob, masks)
    result = {"costs": costs, "train": _accuracy(module.predict(X_train.T, trained, "relu"), y_train),
              "test": _accuracy(module.predict(X_test.T, trained, "relu"), y_test)}
    # the ensemble of NumPy runs perturbed at rounding level (reference/proof/ensemble.py) a correct run stays in
    result["ensemble"] = ensemble.build("deep_nn", X_train.T, y_train[None, :], params, spec["learning_rate"],
                                        spec["num_iterations"], "relu", "float64", reference=(costs, trained),
                                        regularization={"lambd": 0.7 if kind == "L2" else 0.0,
                                                        "keep_prob": keep_prob, "masks": masks})
    return result


CHECKS = {  # the backward checked: the course's, its two planted mistakes, and the check run with dropout on
    "correct": {},
    "dW2 * 2": {"dW2": 2},
    "db1 * 4": {"db1": 4},
    "both (the notebook's)": {"dW2": 2, "db1": 4},
}


def gradient_checks(backend_name: str) -> list[dict]:
    """gradient_check_n and the framework's own checker on the notebook's gradient_check_n_test_case, one backend."""
    backend = get_backend(backend_name)
    rng = np.random.RandomState(1)  # the test case's np.random.seed(1)
    X = rng.randn(4, 3)
    Y = np.array([[1.0, 1.0, 0.0]])
    params = {name: rng.randn(*shape) for name, shape in (("W1", (5, 4)), ("b1", (5, 1)), ("W2", (3, 5)),
                                                          ("b2", (3, 1)), ("W3", (1, 3)), ("b3", (1, 1)))}
    rows = []
    with backend.precision("float64"):
        X_, Y_ = backend.asarray(X), backend.asarray(Y)
        p = {key: backend.asarray(value) for key, value in params.items()}
        gc = backend.gradient_check
        for name, factors in CHECKS.items():
            def backward(params, cache, Y, factors=factors):
                grads = dict(backend.deep_nn.backward_propagation(params, cache, Y))
                return {key: grads[key] * factors.get(key, 1) for key in grads}

            _, cache = backend.deep_nn.forward_propagation(X_, p)
            difference = gc.gradient_check_n(p, backward(p, cache, Y_), X_, Y_)
            ok, _ = gc.framework_check(p, X_, Y_, backward)
            rows.append({"backend": backend_name, "check": name, "difference": float(difference),
                         "framework_check": bool(ok)})
        _, cache = backend.deep_nn.forward_propagation(X_, p)
        grads = backend.deep_nn.backward_propagation(p, cache, Y_)
        difference = gc.gradient_check_with_dropout(p, grads, X_, Y_, 0.86)
        rows.append({"backend": backend_name, "check": "correct, dropout on (keep_prob 0.86)",
                     "difference": float(difference), "framework_check": None})
    return rows


# The optimization notebook's runs (make_moons, [2, 5, 2, 1], He seed 3, epoch seeds 11, 12, ..., mini-batches of 64,
# 5000 epochs) and its printed costs and accuracies, where the learners' copies print them
WEEK2_RUNS = {"gd": {}, "momentum": {}, "adam": {},
              "gd, decayed": {"learning_rate": 0.1, "decay_rate": 1.0, "time_interval": 1000}}
WEEK2_PUBLISHED = {"gd": {"costs": {0: 0.702405, 1000: 0.668101, 4000: 0.573367}, "train": 0.7166666666666667},
                   "momentum": {"costs": {0: 0.702413}, "train": 0.7166666666666667},
                   "adam": {"costs": {0: 0.702166, 1000: 0.167845, 4000: 0.136066}, "train": None},
                   "gd, decayed": {"costs": {0: 0.701091, 1000: 0.127161, 2000: 0.120304}, "train": None}}


def week2_run(backend_name: str, run: str) -> dict:
    """One of the optimization notebook's runs on one backend's course equations (impl_*/optimizers.py), float64."""
    from reference.proof import minibatches

    backend = get_backend(backend_name)
    X, _, y, _ = data.moons()  # the notebook's points
    params = impl_numpy.deep_nn.initialize_parameters([2, 5, 2, 1], "he", 3)
    orders = minibatches.orders(300, 5000)  # the notebook's: seed 10, plus one before each epoch
    options = {"learning_rate": 0.0007, **WEEK2_RUNS[run]}
    with backend.precision("float64"):
        X_, Y_ = backend.asarray(X.T), backend.asarray(y[None, :])
        start = time.perf_counter()
        trained, costs = backend.optimizers.train(X_, Y_, {k: backend.asarray(v) for k, v in params.items()}, orders,
                                                  run.split(",")[0], **options)
        costs = backend.to_numpy(costs)
        seconds = time.perf_counter() - start
        train = _accuracy(backend.to_numpy(backend.deep_nn.predict(X_, trained, "relu")), y)
    return {"run": run, "backend": backend_name, "costs": {i: float(costs[i]) for i in (0, 1000, 2000, 4000)},
            "final_cost": float(costs[-1]), "train": train, "seconds": seconds}


WEEK2_CONFIGS = {"gd": {}, "momentum": {}, "rmsprop": {}, "adam, update_lr decay": {"decay_rate": 1.0},
                 "momentum, schedule_lr_decay every 7": {"decay_rate": 0.3, "time_interval": 7}}
WEEK2_CONFIG_EPOCHS = 20


def week2_configs(backends) -> list[dict]:
    """Each framework's own optimizer as course_optimizer configures it (impl_*/own_optimizers.py) against NumPy's
    course equations: the notebook's problem, 20 epochs at learning rate 0.01, float64 and float32; the largest
    relative differences of the costs and the parameters, whether they are within the tolerance table's training
    entries, and whether the run is consistent with the ensemble of 24 perturbed NumPy runs."""
    from reference.proof import minibatches
    from reference.proof.tolerances import compare

    X, _, y, _ = data.moons()
    X, Y, start = X.T, y[None, :], impl_numpy.deep_nn.initialize_parameters([2, 5, 2, 1], "he", 3)
    orders = minibatches.orders(300, WEEK2_CONFIG_EPOCHS)
    rows = []
    for dtype in ("float64", "float32"):
        cast = {k: v.astype(dtype) for k, v in start.items()}
        for run, options in WEEK2_CONFIGS.items():
            optimizer = run.split(",")[0]
            params, costs = impl_numpy.optimizers.train(X.astype(dtype), Y.astype(dtype), cast, orders, optimizer,
                                                        0.01, **options)
            members = ensemble.build("deep_nn", X, Y, start, 0.01, WEEK2_CONFIG_EPOCHS, "relu", dtype,
                                     reference=(costs, params),
                                     optimization=(minibatches.Optimization(optimizer, **options), orders))
            for backend_name in [b for b in backends if b != "numpy"]:
                backend = get_backend(backend_name)
                with backend.precision(dtype):
                    mine, own = backend.own_optimizers.train(
                        backend.asarray(X, dtype), backend.asarray(Y, dtype),
                        {k: backend.asarray(v, dtype) for k, v in start.items()}, orders, optimizer, 0.01, **options)
                    own = backend.to_numpy(own)
                    mine = {k: backend.to_numpy(v) for k, v in mine.items()}
                table = [compare(own, costs, dtype, "training_costs")]
                table += [compare(mine[k], params[k], dtype, "training_params") for k in params]
                rows.append({"backend": backend_name, "run": run, "dtype": dtype,
                             "cost_rel": table[0].max_rel, "params_rel": max(t.max_rel for t in table[1:]),
                             "within_table": all(t.ok for t in table),
                             "consistent": bool(members.judge(own, mine).consistent)})
    return rows


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-mat", default=None, help="the course's datasets/data.mat (default: the stand-in)")
    parser.add_argument("--backends", default=None, help="comma-separated (default: every installed backend)")
    parser.add_argument("--parts", default="runs,configs,gradient_checks,week2_runs,week2_configs",
                        help="comma-separated: which parts to measure again; the others are kept from --out")
    parser.add_argument("--out", default=str(OUT))
    args = parser.parse_args(argv)
    parts = args.parts.split(",")
    document = json.loads(Path(args.out).read_text()) if Path(args.out).is_file() else {}
    determinism.apply(threads=1)
    backends = args.backends.split(",") if args.backends else available_backends()
    load_backends(backends)
    circles = data.circles()
    football = data.football(args.data_mat)
    runs = []
    for model, names, split in (("init_model", INIT_RUNS, circles), ("reg_model", REG_RUNS, football)) * (
            "runs" in parts):
        X_train, X_test, y_train, y_test = split
        for run in names:
            for backend in backends:
                r = assignment_run(backend, model, run, X_train, X_test, y_train, y_test)
                runs.append(r)
                print(f"{model:<10} {run:<24} {backend:<6} final cost {r['final_cost']:.6f}, train {r['train']:.4f}, "
                      f"test {r['test']:.4f}; {r['seconds']:.1f} s", flush=True)
    configs = []
    for kind, ways in (("L2", None), ("dropout", list(DROPOUT_WAYS))) * ("configs" in parts):
        reference = numpy_reference(kind, *football)
        print(f"reg_model, {kind}, NumPy's course equations: final cost {reference['costs'][-1]:.6f}, train "
              f"{reference['train']:.4f}, test {reference['test']:.4f}", flush=True)
        for backend in [b for b in backends if b != "numpy"]:
            for way in ways or list(get_backend(backend).layers.L2_VARIANTS):
                r = config_run(backend, kind, way, *football, reference)
                r["configuration"] = LAYERS_CONFIG[backend][kind] if way in ("course", list(DROPOUT_WAYS)[1]) else None
                configs.append(r)
                print(f"  {backend:<6} {way:<48} final cost {r['final_cost']:.6f} (max |dJ| "
                      f"{r['max_cost_difference']:.2e}, inside the ensemble: {r['inside_ensemble']}), train "
                      f"{r['train']:.4f}, test {r['test']:.4f}; {r['seconds']:.0f} s", flush=True)
        configs.append({"backend": "numpy", "kind": kind, "way": "the course's equations",
                        "final_cost": float(reference["costs"][-1]), "train": reference["train"],
                        "test": reference["test"]})
    checks = [row for backend in backends for row in gradient_checks(backend)] if "gradient_checks" in parts else []
    for row in checks:
        print(f"gradient check {row['backend']:<6} {row['check']:<40} difference {row['difference']:.3e}, the "
              f"framework's checker: {row['framework_check']}", flush=True)
    week2 = [week2_run(backend, run) for run in WEEK2_RUNS for backend in backends] if "week2_runs" in parts else []
    for r in week2:
        print(f"optimization {r['run']:<12} {r['backend']:<6} final cost {r['final_cost']:.6f}, train "
              f"{r['train']:.4f}; {r['seconds']:.1f} s", flush=True)
    if "week2_runs" in parts:
        document["week2_runs"] = week2
    if "week2_configs" in parts:
        document["week2_configs"] = week2_configs(backends)
        for r in document["week2_configs"]:
            print(f"own optimizer {r['backend']:<6} {r['run']:<36} {r['dtype']}: costs {r['cost_rel']:.1e}, params "
                  f"{r['params_rel']:.1e} relative; within the table: {r['within_table']}, consistent with the "
                  f"ensemble: {r['consistent']}", flush=True)
    document["backends"] = backends
    if "runs" in parts or "configs" in parts:  # the data the football runs were measured on
        document["football"] = "data.mat" if args.data_mat else "stand-in"
    document.update({part: value for part, value in (("runs", runs), ("configs", configs),
                                                     ("gradient_checks", checks)) if part in parts})
    Path(args.out).write_text(json.dumps(document, indent=1))


if __name__ == "__main__":
    main()
