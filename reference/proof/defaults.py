"""``rosetta optimizers``: each framework's optimizer as a learner naturally writes it (impl_*/own_optimizers.DEFAULTS:
a default or a missing (1 - beta) that is not the course's) and as the course's (course_optimizer), against the
course's equations.

The optimization notebook's problem (make_moons(300, noise=.2), [2, 5, 2, 1], He seed 3, epoch seeds 11, 12, ...,
mini-batches of 64, float64) at its learning rate 0.0007 for 5000 epochs, through own_optimizers.train with each
DEFAULTS entry and with "course", against impl_numpy.optimizers.train of the course's optimizer that the entry is a
slip of. Each row: the final cost and train accuracy, their differences from NumPy's course run, and the first
update (1 = the first mini-batch) at which some parameter differs from NumPy's by more than the tolerance table's
float64 "update" entry, stepping both for at most 50 updates (10 epochs). ``--out FILE`` keeps the rows as JSON
(docs/course2.md's table is generated from benchmarks/optimizer_defaults.json, written so: docs/cogs.py).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np

from .. import data, determinism
from ..backends import available_backends, get_backend
from ..quiet import load_backends, quiet_stderr
from . import minibatches
from .tolerances import compare

FRAMEWORKS = ("torch", "tf", "jax")
OPTIMIZERS = ("momentum", "rmsprop", "adam")
DIMS, LEARNING_RATE, STEPS = [2, 5, 2, 1], 0.0007, 50


def slipped(config: str) -> str:
    """The course's optimizer a DEFAULTS name is a slip of: its name says it."""
    return next(o for o in OPTIMIZERS if o in config.lower())


def problem(epochs: int):
    """The notebook's moons, He parameters (seed 3) and one mini-batch order per epoch (seeds 11, 12, ...)."""
    import impl_numpy

    X, _, y, _ = data.moons()
    params = impl_numpy.deep_nn.initialize_parameters(DIMS, "he", 3)
    return X.T, y[None, :], y, params, minibatches.orders(len(y), epochs)


def numpy_steps(optimizer: str, X, Y, params, orders) -> list[dict]:
    """NumPy's params after each of the first STEPS updates of the course's ``optimizer``."""
    import impl_numpy

    opt = impl_numpy.optimizers
    out: list[dict] = []
    v, s = opt.initialize_adam(params)
    for order in orders:
        for X_t, Y_t in opt.mini_batches(X, Y, order):
            _, cache = impl_numpy.deep_nn.forward_propagation(X_t, params, "relu")
            grads = impl_numpy.deep_nn.backward_propagation(params, cache, Y_t, "relu")
            if optimizer == "momentum":
                params, v = opt.update_parameters_with_momentum(params, grads, v, 0.9, LEARNING_RATE)
            elif optimizer == "rmsprop":
                params, s = opt.update_parameters_with_rmsprop(params, grads, s, 0.999, LEARNING_RATE, 1e-8)
            else:
                params, v, s = opt.update_parameters_with_adam(params, grads, v, s, len(out) + 1, LEARNING_RATE)
            out.append(params)
            if len(out) == STEPS:
                return out
    return out


def first_difference(backend_name: str, config: str, optimizer: str, X, Y, params, orders, expected) -> int | None:
    """The first update (from 1) whose params differ from ``expected``'s beyond the float64 "update" tolerance."""
    backend = get_backend(backend_name)
    layers, own = backend.layers, backend.own_optimizers
    model = layers.build(DIMS, "relu", "float64")
    model = layers.load_params(model, {k: backend.asarray(p) for k, p in params.items()})
    alpha = LEARNING_RATE
    if backend_name == "tf":  # _configured takes the rate as a tensor of the model's dtype, as train's Variable
        import tensorflow as tf

        alpha = tf.constant(LEARNING_RATE, tf.float64)
    framework_optimizer = own._configured(model, config, optimizer, alpha, 0.9, 0.9, 0.999, 1e-8)
    X_, Y_, step = backend.asarray(X), backend.asarray(Y), 0
    for order in orders:
        for X_t, Y_t in backend.optimizers.mini_batches(X_, Y_, order):
            layers.train_step(model, framework_optimizer, X_t, Y_t)
            mine = {k: backend.to_numpy(p) for k, p in layers.export_params(model).items()}
            if not all(compare(mine[k], expected[step][k], "float64", "update").ok for k in mine):
                return step + 1
            step += 1
            if step == STEPS:
                return None
    return None


def run(backend_name: str, config: str, optimizer: str, X, Y, y, params, orders) -> tuple[float, float, float]:
    """own_optimizers.train with ``config`` for every epoch of ``orders``: final cost, train accuracy, seconds."""
    backend = get_backend(backend_name)
    X_, Y_ = backend.asarray(X), backend.asarray(Y)
    start = time.perf_counter()
    trained, costs = backend.own_optimizers.train(X_, Y_, {k: backend.asarray(p) for k, p in params.items()}, orders,
                                                  optimizer, LEARNING_RATE, config=config)
    costs = backend.to_numpy(costs)
    seconds = time.perf_counter() - start
    accuracy = float(np.mean(backend.to_numpy(backend.deep_nn.predict(X_, trained, "relu")).reshape(-1) == y))
    return float(costs[-1]), accuracy, seconds


def command(args) -> int:
    """``rosetta optimizers``: every row printed as it is measured; ``--out``: the rows as JSON, another backend's
    rows kept from the file already there (Keras' runs, slower, can be measured for fewer epochs)."""
    import impl_numpy

    determinism.apply(threads=1)
    with quiet_stderr():  # finding the installed backends imports their frameworks
        backends = args.backends or [b for b in available_backends() if b in FRAMEWORKS]
    load_backends(backends)
    X, Y, y, params, orders = problem(args.epochs)
    course, steps = {}, {}
    for optimizer in OPTIMIZERS:  # NumPy's course runs, the baseline of every row
        start = time.perf_counter()
        trained, costs = impl_numpy.optimizers.train(X, Y, params, orders, optimizer, LEARNING_RATE)
        accuracy = float(np.mean(impl_numpy.deep_nn.predict(X, trained, "relu").reshape(-1) == y))
        course[optimizer] = {"final_cost": float(costs[-1]), "train": accuracy,
                             "seconds": time.perf_counter() - start}
        steps[optimizer] = numpy_steps(optimizer, X, Y, params, orders[:10])
        print(f"numpy  {optimizer:<8} the course's equations{'':<16} final cost {costs[-1]:.6f}, train "
              f"{accuracy:.4f}; {course[optimizer]['seconds']:.1f} s", flush=True)
    rows = []
    for backend_name in backends:
        backend = get_backend(backend_name)
        configs = [(o, "course") for o in OPTIMIZERS] + [(slipped(c), c) for c in backend.own_optimizers.DEFAULTS]
        with backend.precision("float64"):
            for optimizer, config in configs:
                final, accuracy, seconds = run(backend_name, config, optimizer, X, Y, y, params, orders)
                first = first_difference(backend_name, config, optimizer, X, Y, params, orders[:10], steps[optimizer])
                reference = course[optimizer]
                row = {"backend": backend_name, "optimizer": optimizer, "config": config, "epochs": args.epochs,
                       "final_cost": final, "train": accuracy, "cost_difference": final - reference["final_cost"],
                       "train_difference": accuracy - reference["train"], "first_update_differing": first,
                       "seconds": seconds}
                rows.append(row)
                print(f"{backend_name:<6} {optimizer:<8} {config:<36} final cost {final:.6f} "
                      f"({row['cost_difference']:+.2e}), train {accuracy:.4f} ({row['train_difference']:+.4f}), "
                      f"first update differing: {first or f'none in {STEPS}'}; {seconds:.1f} s", flush=True)
    if args.out:
        out = Path(args.out)
        kept = json.loads(out.read_text()) if out.is_file() else {}
        courses = {**kept.get("course", {}), str(args.epochs): course}  # NumPy's runs, by epochs
        rows = [r for r in kept.get("rows", []) if r["backend"] not in backends] + rows
        rows.sort(key=lambda r: FRAMEWORKS.index(r["backend"]))
        document = {"learning_rate": LEARNING_RATE, "steps_compared": STEPS, "course": courses, "rows": rows}
        out.write_text(json.dumps(document, indent=1))
        print(f"Wrote {out}")
    return 0
