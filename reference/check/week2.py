"""Week 2, "Logistic Regression with a Neural Network mindset": each function called with the course's signature.

The course's w is the project's W1 transposed, (n_x, 1), and its b a scalar; problems.logistic() has n_x = 4
and m = 8. Every expected value comes from the loop oracle; propagate and sigmoid are also compared with the
course's published outputs.
"""

from __future__ import annotations

import numpy as np

from ..proof import oracle
from . import problems, published
from .context import Context, recording
from .judge import FAIL, PASS, Outcome, entry, judge, labels, to_numpy, unpack

LEARNING_RATE, ITERATIONS = 0.1, 101  # costs are recorded at iterations 0 and 100


def _w_b(params) -> tuple[np.ndarray, float]:
    return params["W1"].T.copy(), float(params["b1"][0, 0])


def check_sigmoid(ctx: Context, fn):
    z = np.array([[-2.0, -0.5, 0.0, 0.5, 2.0]])
    yield judge("sigmoid", "s", ctx.call(fn, ctx.array(z)), [[oracle.sigmoid(v) for v in z[0]]], m=1)
    got = ctx.call(fn, ctx.array(published.SIGMOID_ARGS[0]))
    yield judge("sigmoid", "published", got, published.SIGMOID, m=1, kind="published")


def check_initialize_with_zeros(ctx: Context, fn):
    shapes = []
    for dim in (4, 7):
        w, b = unpack(ctx.call(fn, dim), 2, "(w, b)")
        outcome = judge("initialize_with_zeros", f"w (dim={dim})", w, np.zeros((dim, 1)), m=1)
        shapes.append(np.shape(w))
        if not outcome.ok and len(set(shapes)) == 1 and dim == 7:
            outcome.detail += ": the same shape for dim=4 and dim=7, hard-coded (use np.zeros((dim, 1)))"
        yield outcome
        if isinstance(b, int) and fn.facts["release"] == "2021":
            yield Outcome("initialize_with_zeros", "b", FAIL, "the int 0: the 2021 release's test wants a float "
                                                              "(b = 0.)")
            continue
        b = to_numpy(b)
        ok = b.size == 1 and float(b.ravel()[0]) == 0.0
        yield Outcome("initialize_with_zeros", "b", PASS if ok else FAIL,
                      "0" if ok else f"expected the scalar 0, got {b.tolist()!r}")


def _propagate_expected(p: problems.Problem):
    return p.grads["dW1"].T, float(p.grads["db1"][0, 0]), p.cost


def check_propagate(ctx: Context, fn):
    p = problems.logistic()
    w, b = _w_b(p.params)
    grads, cost = unpack(ctx.call(fn, ctx.array(w), b, ctx.array(p.X), ctx.array(p.Y)), 2, "(grads, cost)")
    dw, db, J = _propagate_expected(p)
    if np.shape(entry(grads, "dw", "grads")) == p.X.shape:
        yield Outcome("propagate", "dw", FAIL, f"shape {p.X.shape}, X's: an element-wise product (*) where np.dot "
                                               f"belongs (dw = np.dot(X, (A - Y).T) / m, shape {dw.shape})")
    yield judge("propagate", "dw", entry(grads, "dw", "grads"), dw, p.m)
    yield judge("propagate", "db", entry(grads, "db", "grads"), db, p.m)
    yield judge("propagate", "cost", cost, J, p.m, scalar=True)
    w, b, X, Y = published.PROPAGATE_ARGS
    grads, cost = unpack(ctx.call(fn, ctx.array(w), b, ctx.array(X), ctx.array(Y)), 2, "(grads, cost)")
    for key, value in (("dw", entry(grads, "dw", "grads")), ("db", entry(grads, "db", "grads")), ("cost", cost)):
        yield judge("propagate", f"published {key}", value, published.PROPAGATE[key], m=3, kind="published")


def check_optimize(ctx: Context, fn):
    p = problems.logistic()
    w, b = _w_b(p.params)
    result = ctx.call(fn, ctx.array(w), b, ctx.array(p.X), ctx.array(p.Y), ITERATIONS, LEARNING_RATE, False)
    params, grads, costs = unpack(result, 3, "(params, grads, costs)")
    final, oracle_costs = p.trained(LEARNING_RATE, ITERATIONS)
    before_last, _ = p.trained(LEARNING_RATE, ITERATIONS - 1)
    last = problems.Problem(p.X, p.Y, before_last, p.activation)
    unchanged = [("never updated (still its starting value)", w), ("never updated (still its starting value)", b)]
    yield judge("optimize", "w", entry(params, "w", "params"), final["W1"].T, p.m, unchanged[:1], "training_params")
    yield judge("optimize", "b", entry(params, "b", "params"), final["b1"][0, 0], p.m, unchanged[1:],
                "training_params")
    yield judge("optimize", "dw", entry(grads, "dw", "grads"), last.grads["dW1"].T, p.m, kind="training_params")
    yield judge("optimize", "db", entry(grads, "db", "grads"), last.grads["db1"][0, 0], p.m, kind="training_params")
    yield judge("optimize", "costs", np.ravel([to_numpy(c) for c in costs]), oracle_costs[::100], p.m,
                kind="training_costs")


def _predict_mistakes(w, b, X):
    Z = w.T @ X + b
    return [("predict without the sigmoid (thresholds Z = w.T X + b, not A)", Z > 0.5),
            ("predict without b", 1 / (1 + np.exp(-(w.T @ X))) > 0.5)]


def check_predict(ctx: Context, fn):
    p = problems.logistic()
    w, b = _w_b(p.params)
    got = ctx.call(fn, ctx.array(w), b, ctx.array(p.X))
    yield labels("predict", "Y_prediction", got, p.labels(), p.AL, _predict_mistakes(w, b, p.X))


def check_model(ctx: Context, fn):
    p = problems.logistic()
    X_test = -0.5 * p.X[:, ::-1]  # another 8 examples
    zeros = {"W1": np.zeros((1, p.X.shape[0])), "b1": np.zeros((1, 1))}
    final, costs = p.trained(LEARNING_RATE, ITERATIONS, zeros)
    with recording(fn) as calls:
        d = ctx.call(fn, ctx.array(p.X), ctx.array(p.Y), ctx.array(X_test), ctx.array(p.Y),
                     ITERATIONS, LEARNING_RATE, False)
    outcomes = [judge("model", "w", entry(d, "w", "d"), final["W1"].T, p.m, kind="training_params"),
                judge("model", "b", entry(d, "b", "d"), final["b1"][0, 0], p.m, kind="training_params"),
                judge("model", "costs", np.ravel([to_numpy(c) for c in entry(d, "costs", "d")]), costs[::100], p.m,
                      kind="training_costs")]
    expected = {}
    for key, X in (("Y_prediction_train", p.X), ("Y_prediction_test", X_test)):
        A, _ = oracle.forward_propagation(X, final, "sigmoid")
        expected[key] = (np.array(A) > 0.5, np.array(A))
    for key, other in (("Y_prediction_train", "Y_prediction_test"), ("Y_prediction_test", "Y_prediction_train")):
        outcomes.append(labels("model", key, entry(d, key, "d"), *expected[key],
                               [(f"the {other.split('_')[-1]} set's predictions", expected[other][0])]))
    yield from outcomes
    optimize = next((c for c in calls if c.name == "optimize"), None)
    if optimize is None or all(o.ok for o in outcomes):
        return
    names = ("w", "b", "X", "Y", "num_iterations", "learning_rate")
    passed = dict(zip(names, optimize.args[:len(names)], strict=False)) | optimize.kwargs
    if "num_iterations" in passed and "learning_rate" in passed:
        given = (float(to_numpy(passed["num_iterations"])), float(to_numpy(passed["learning_rate"])))
        if given != (ITERATIONS, LEARNING_RATE):
            yield Outcome("model", "optimize", FAIL, f"calls optimize with num_iterations={given[0]:g}, learning_rate="
                                                     f"{given[1]:g}, not its own arguments ({ITERATIONS}, "
                                                     f"{LEARNING_RATE:g})")


CHECKS = {"sigmoid": check_sigmoid, "initialize_with_zeros": check_initialize_with_zeros,
          "propagate": check_propagate, "optimize": check_optimize, "predict": check_predict, "model": check_model}
