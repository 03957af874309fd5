"""``rosetta optimizers``: each framework's optimizer as a learner naturally writes it (impl_*/own_optimizers.DEFAULTS:
a default or a missing (1 - beta) that is not the course's) and as the course's (course_optimizer), and its
learning-rate decay as a learner writes it (own_optimizers.SCHEDULES: a schedule counting updates, or epochs from
the one starting) and as the course's, against the course's equations.

The optimization notebook's problem (make_moons(300, noise=.2), [2, 5, 2, 1], He seed 3, epoch seeds 11, 12, ...,
mini-batches of 64, float64) at its learning rate 0.0007 for 5000 epochs, through own_optimizers.train with each
DEFAULTS entry and with "course", against impl_numpy.optimizers.train of the course's optimizer that the entry is a
slip of. Each row: the final cost and train accuracy, their differences from NumPy's course run, and the first
update (1 = the first mini-batch) at which some parameter differs from NumPy's by more than the tolerance table's
float64 "update" entry, stepping both for at most 50 updates (10 epochs).

The decay rows run the newer notebook's decayed run (DECAYED: gd at learning rate 0.1, schedule_lr_decay with
decay_rate 1 every 1000 epochs; NumPy's course run prints the notebook's 0.701091, 0.127161 and 0.120304 at epochs 0,
1000 and 2000) through own_optimizers.train with schedule="course" and each SCHEDULES entry, against NumPy's course
run of it. A slip there may first show after 1000 updates or more, too far to step both runs update by update (Keras
takes 6 to 12 ms an update), so their first update differing is computed from the two learning-rate sequences over
the whole run: the first update whose rate (own_optimizers._rates: the framework's schedule as train drives it)
differs from the course's (NumPy's alpha for that update's epoch) by more than the float64 "update" entry. With gd,
the update is p - alpha dp, so the params first differ there. tests/test_optimizer_schedules.py checks both the
rates and the costs of a short run against the update the math predicts. ``--out FILE`` keeps the rows as JSON
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
from .tolerances import compare, tolerance

FRAMEWORKS = ("torch", "tf", "jax")
OPTIMIZERS = ("momentum", "rmsprop", "adam")
DIMS, LEARNING_RATE, STEPS = [2, 5, 2, 1], 0.0007, 50
# the newer notebook's run of gd with schedule_lr_decay (tests/test_optimizers.py's PUBLISHED "gd, decayed")
DECAYED_NAME, DECAYED = "gd, decayed", {"learning_rate": 0.1, "decay_rate": 1.0, "time_interval": 1000}


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


def course_rates(epochs: int, batches: int) -> np.ndarray:
    """The course's alpha in each update of DECAYED's run: epoch e runs with schedule_lr_decay(alpha0, e - 1),
    computed at the end of epoch e - 1 (alpha0 in epoch 0), as impl_numpy.optimizers.train."""
    import impl_numpy

    alpha0, decay_rate, time_interval = DECAYED["learning_rate"], DECAYED["decay_rate"], DECAYED["time_interval"]
    alphas = [alpha0] + [impl_numpy.optimizers.schedule_lr_decay(alpha0, e - 1, decay_rate, time_interval)
                         for e in range(1, epochs)]
    return np.repeat(alphas, batches)


def first_rate_difference(backend_name: str, schedule: str, expected: np.ndarray, batches: int) -> int | None:
    """The first update (from 1) of DECAYED's run whose learning rate under ``schedule`` differs from ``expected``'s
    (course_rates) beyond the float64 "update" tolerance."""
    own, tol = get_backend(backend_name).own_optimizers, tolerance("float64", "update")
    rates = np.asarray(own._rates(schedule, DECAYED["learning_rate"], DECAYED["decay_rate"], DECAYED["time_interval"],
                                  len(expected) // batches, batches), dtype=np.float64)
    differing = np.flatnonzero(np.abs(rates - expected) > tol.atol + tol.rtol * np.abs(expected))
    return int(differing[0]) + 1 if differing.size else None


def run(backend_name: str, config: str, optimizer: str, X, Y, y, params, orders, learning_rate: float = LEARNING_RATE,
        **options) -> tuple[float, float, float]:
    """own_optimizers.train with ``config`` (and ``options``: the decay, a schedule) for every epoch of ``orders``:
    final cost, train accuracy, seconds."""
    backend = get_backend(backend_name)
    X_, Y_ = backend.asarray(X), backend.asarray(Y)
    start = time.perf_counter()
    trained, costs = backend.own_optimizers.train(X_, Y_, {k: backend.asarray(p) for k, p in params.items()}, orders,
                                                  optimizer, learning_rate, config=config, **options)
    costs = backend.to_numpy(costs)
    seconds = time.perf_counter() - start
    accuracy = float(np.mean(backend.to_numpy(backend.deep_nn.predict(X_, trained, "relu")).reshape(-1) == y))
    return float(costs[-1]), accuracy, seconds


def numpy_course(optimizer: str, X, Y, y, params, orders, learning_rate: float = LEARNING_RATE, **decay) -> dict:
    """NumPy's run of the course's ``optimizer`` (and ``decay``), a row's baseline: final cost, accuracy, seconds."""
    import impl_numpy

    start = time.perf_counter()
    trained, costs = impl_numpy.optimizers.train(X, Y, params, orders, optimizer, learning_rate, **decay)
    accuracy = float(np.mean(impl_numpy.deep_nn.predict(X, trained, "relu").reshape(-1) == y))
    return {"final_cost": float(costs[-1]), "train": accuracy, "seconds": time.perf_counter() - start}


def measured(backend_name: str, optimizer: str, config: str, epochs: int, result: tuple[float, float, float],
             reference: dict, first: int | None, **more) -> dict:
    """A row: ``result`` (run's) against ``reference`` (numpy_course's), printed as it comes."""
    final, accuracy, seconds = result
    row = {"backend": backend_name, "optimizer": optimizer, "config": config, **more, "epochs": epochs,
           "final_cost": final, "train": accuracy, "cost_difference": final - reference["final_cost"],
           "train_difference": accuracy - reference["train"], "first_update_differing": first, "seconds": seconds}
    compared = more.get("updates_compared", STEPS)
    print(f"{backend_name:<6} {optimizer:<8} {more.get('schedule', config):<36} final cost {final:.6f} "
          f"({row['cost_difference']:+.2e}), train {accuracy:.4f} ({row['train_difference']:+.4f}), "
          f"first update differing: {first or f'none in {compared}'}; {seconds:.1f} s", flush=True)
    return row


def command(args) -> int:
    """``rosetta optimizers``: every row printed as it is measured; ``--out``: the rows as JSON, another backend's
    rows kept from the file already there (Keras' runs, slower, can be measured for fewer epochs)."""
    determinism.apply(threads=1)
    with quiet_stderr():  # finding the installed backends imports their frameworks
        backends = args.backends or [b for b in available_backends() if b in FRAMEWORKS]
    load_backends(backends)
    X, Y, y, params, orders = problem(args.epochs)
    course, steps = {}, {}
    decay = {"decay_rate": DECAYED["decay_rate"], "time_interval": DECAYED["time_interval"]}
    for optimizer in (*OPTIMIZERS, DECAYED_NAME):  # NumPy's course runs, the baseline of every row
        if optimizer == DECAYED_NAME:
            course[optimizer] = numpy_course("gd", X, Y, y, params, orders, DECAYED["learning_rate"], **decay)
        else:
            course[optimizer] = numpy_course(optimizer, X, Y, y, params, orders)
            steps[optimizer] = numpy_steps(optimizer, X, Y, params, orders[:10])
        done = course[optimizer]
        print(f"numpy  {optimizer:<11} the course's equations{'':<13} final cost {done['final_cost']:.6f}, "
              f"train {done['train']:.4f}; {done['seconds']:.1f} s", flush=True)
    batches = -(-len(y) // 64)  # the notebook's mini-batches of 64, the last one partial
    rates = course_rates(args.epochs, batches)
    rows = []
    for backend_name in backends:
        backend = get_backend(backend_name)
        configs = [(o, "course") for o in OPTIMIZERS] + [(slipped(c), c) for c in backend.own_optimizers.DEFAULTS]
        with backend.precision("float64"):
            for optimizer, config in configs:
                result = run(backend_name, config, optimizer, X, Y, y, params, orders)
                first = first_difference(backend_name, config, optimizer, X, Y, params, orders[:10], steps[optimizer])
                rows.append(measured(backend_name, optimizer, config, args.epochs, result, course[optimizer], first))
            for schedule in ("course", *backend.own_optimizers.SCHEDULES):  # DECAYED's run, decayed as learners do
                result = run(backend_name, "course", "gd", X, Y, y, params, orders, DECAYED["learning_rate"], **decay,
                             schedule=schedule)
                first = first_rate_difference(backend_name, schedule, rates, batches)
                rows.append(measured(backend_name, "gd", "course", args.epochs, result, course[DECAYED_NAME],
                                     first, schedule=schedule, learning_rate=DECAYED["learning_rate"], **decay,
                                     updates_compared=len(rates)))
    if args.out:
        out = Path(args.out)
        kept = json.loads(out.read_text()) if out.is_file() else {}
        courses = {**kept.get("course", {}), str(args.epochs): course}  # NumPy's runs, by epochs
        rows = [r for r in kept.get("rows", []) if r["backend"] not in backends] + rows
        rows.sort(key=lambda r: FRAMEWORKS.index(r["backend"]))
        decayed = {"name": DECAYED_NAME, **DECAYED}  # the schedule rows' run, course[epochs][DECAYED_NAME] NumPy's
        document = {"learning_rate": LEARNING_RATE, "steps_compared": STEPS, "decayed": decayed, "course": courses,
                    "rows": rows}
        out.write_text(json.dumps(document, indent=1))
        print(f"Wrote {out}")
    return 0
