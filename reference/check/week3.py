"""Week 3, "Planar data classification with one hidden layer": each function with the course's signature.

problems.shallow(): n_x = 3, n_h = 4, n_y = 1, tanh hidden units, m = 8. Expected values from the loop oracle;
the named mistakes (1 - A instead of 1 - A**2, the derivative taken at A) are computed here, in NumPy, only to
put a name on a result that the oracle already rejected.
"""

from __future__ import annotations

import inspect

import numpy as np

from . import problems, week2
from .confined import causes
from .context import Context, params_of, start_of
from .course_api import positional
from .judge import ERROR, FAIL, PASS, WARN, Outcome, entry, judge, labels, shape_words, to_numpy, unpack

LEARNING_RATE, ITERATIONS = 1.2, 20   # the course's learning rate; a few iterations show every mistake


def _sigmoid(Z):
    return 1 / (1 + np.exp(-Z))


GS = {"tanh": np.tanh, "sigmoid": _sigmoid, "relu": lambda Z: np.maximum(Z, 0)}


def check_layer_sizes(ctx: Context, fn):
    for n_x, n_y, m in ((3, 1, 8), (5, 2, 3)):  # the second is the course's own test case
        got = ctx.call(fn, ctx.array(np.ones((n_x, m))), ctx.array(np.ones((n_y, m))))
        got = tuple(int(to_numpy(v)) for v in unpack(got, 3, "(n_x, n_h, n_y)"))
        ok = got == (n_x, 4, n_y)
        detail = f"{got}" if ok else f"{got}, expected {(n_x, 4, n_y)} for X {(n_x, m)} and Y {(n_y, m)}"
        if not ok and n_x == 5 and got[0] != 5:
            detail += ": hard-coded layer sizes (read them from X.shape[0] and Y.shape[0])"
        elif not ok and n_x == 5 and got[2] != 2:
            detail += ": n_y hard-coded (read it from Y.shape[0])"
        yield Outcome("layer_sizes", f"X {(n_x, m)}", PASS if ok else FAIL, detail)


def check_initialize_parameters(ctx: Context, fn, name="initialize_parameters"):
    """Shapes, zero biases and random weights for two sets of sizes; then the weights' scale."""
    first = None
    for n_x, n_h, n_y in ((3, 4, 1), (5, 6, 2)):
        params = params_of(ctx.call(fn, n_x, n_h, n_y), "parameters")
        shapes = {"W1": (n_h, n_x), "b1": (n_h, 1), "W2": (n_y, n_h), "b2": (n_y, 1)}
        yield from initial_values(name, params, shapes, first, f"({n_x}, {n_h}, {n_y})")
        first = first or {k: np.shape(to_numpy(v)) for k, v in params.items()}
    yield scale(name, params_of(ctx.call(fn, *SCALE_DIMS), "parameters"), SCALE_DIMS, SMALL)


def initial_values(name: str, params: dict, shapes: dict, first: dict | None, call: str):
    """The checks of an initializer's result: every key, its shape, b = 0, W random (its scale: ``scale``)."""
    for key, shape in shapes.items():
        value = to_numpy(entry(params, key, "parameters")).astype(np.float64)
        if value.shape != shape:
            words = shape_words(value, np.zeros(shape))
            if first and first.get(key) == value.shape:
                words += ": hard-coded layer sizes (read them from the arguments)"
            yield Outcome(name, f"{key} {call}", FAIL, words)
        elif key.startswith("b"):
            ok = not value.any()
            yield Outcome(name, f"{key} {call}", PASS if ok else FAIL, "zeros" if ok else "expected zeros")
        elif not np.all(np.isfinite(value)):
            yield Outcome(name, f"{key} {call}", FAIL, "NaN or inf in the weights")
        elif not value.any():
            yield Outcome(name, f"{key} {call}", FAIL, "all zeros: every unit would learn the same (randn breaks the "
                                                       "symmetry)")
        else:
            yield Outcome(name, f"{key} {call}", PASS, f"shape {shape}, random")


# The scales of randn the course uses for W[l], as functions of (n[l-1]); SMALL is Step by Step's and week 3's
SMALL, APPLICATION, HE = "randn * 0.01", "randn / sqrt(n[l-1])", "randn * sqrt(2 / n[l-1])"
SCALES = {SMALL: lambda n: 0.01, APPLICATION: lambda n: 1 / np.sqrt(n), HE: lambda n: np.sqrt(2 / n)}
WHERE = {SMALL: "Step by Step's and week 3's scale", APPLICATION: "the Application's scale (dnn_app_utils_v3; "
         "Xavier's, in Course 2)", HE: "He's scale (Course 2's Initialization assignment)"}
SCALE_DIMS = (400, 300, 200)  # 120,000 and 60,000 weights: each layer's std known to 0.3%


def scale(name: str, params: dict, dims, expected: str) -> Outcome:
    """Which of the course's scales the weights were drawn at, on a network large enough to tell: ``expected``
    passes, another of the course's is a WARN naming both, anything else fails."""
    found = []
    for l in range(1, len(dims)):
        W = to_numpy(entry(params, f"W{l}", "parameters")).astype(np.float64)
        if not np.all(np.isfinite(W)):
            found.append("NaN or inf")
            continue
        std = float(W.std())
        words = next((words for words, target in SCALES.items() if abs(std / target(dims[l - 1]) - 1) < 0.03), "")
        if not words and W.min() >= 0:
            words = f"W{l} all positive, std {std:.3g}: np.random.rand (uniform on [0, 1)) where randn belongs"
        elif not words and abs(std - 1) < 0.03:
            words = f"W{l} randn unscaled (std 1: the * 0.01 is missing)"
        found.append(words or f"W{l} std {std:.3g}")
    sizes = " -> ".join(map(str, dims))
    if len(set(found)) != 1 or found[0] not in SCALES:
        return Outcome(name, "scale", FAIL, f"W's std on a {sizes} network: {', '.join(found)}, expected the course's "
                                            f"{expected} here")
    if found[0] == expected:
        return Outcome(name, "scale", PASS, f"{expected} (on a {sizes} network)")
    return Outcome(name, "scale", WARN, f"{found[0]}, {WHERE[found[0]]}: differs from this assignment's {expected}, "
                                        f"which the course's grader expects here")


def _forward_with(p: problems.Problem, g) -> dict:
    Z1 = p.params["W1"] @ p.X + p.params["b1"]
    A1 = g(Z1)
    Z2 = p.params["W2"] @ A1 + p.params["b2"]
    return {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": _sigmoid(Z2)}


def check_forward_propagation(ctx: Context, fn):
    p = problems.shallow()
    A2, cache = unpack(ctx.call(fn, ctx.array(p.X), ctx.arrays(p.params)), 2, "(A2, cache)")
    wrong = {name: _forward_with(p, g) for name, g in GS.items() if name != "tanh"}
    for key in ("A2", "Z1", "A1", "Z2"):
        got = A2 if key == "A2" else entry(cache, key, "cache")
        mistakes = [(f"{name} where tanh belongs", values[key]) for name, values in wrong.items()]
        yield judge("forward_propagation", key, got, p.cache[key], p.m, mistakes)


def check_compute_cost(ctx: Context, fn, p: problems.Problem | None = None):
    p = p or problems.shallow()
    args = [ctx.array(p.AL), ctx.array(p.Y)]
    if len(positional(fn)) >= 3 and positional(fn)[2] == "parameters":  # the older release
        args.append(ctx.arrays(p.params))
    A, Y = p.AL, p.Y
    half = -float(np.sum(Y * np.log(A)))
    mistakes = [("only the Y log(A) term: (1 - Y) log(1 - A) is missing", half / p.m),
                ("only the Y log(A) term, and no 1/m", half)]
    yield judge("compute_cost", "cost", ctx.call(fn, *args), p.cost, p.m, mistakes, scalar=True)


def _backward_mistakes(p: problems.Problem) -> dict[str, list]:
    """dW1 and db1 as the classic slips in dZ1 = W2.T dZ2 * g'(Z1) make them."""
    A1, Z1 = p.cache["A1"], p.cache["Z1"]
    dA1 = p.params["W2"].T @ p.dZ(2)
    variants = {"1 - A instead of 1 - A**2 (tanh' is 1 - A1**2)": dA1 * (1 - A1),
                "derivative taken at A instead of Z (1 - tanh(A1)**2)": dA1 * (1 - np.tanh(A1) ** 2),
                "sigmoid' where tanh' belongs": dA1 * _sigmoid(Z1) * (1 - _sigmoid(Z1)),
                "the activation's derivative is missing (dZ1 = W2.T dZ2)": dA1,
                "dW2.T where W2.T belongs": p.grads["dW2"].T @ p.dZ(2) * (1 - A1 ** 2)}
    found: dict[str, list] = {"dW1": [], "db1": []}
    for words, dZ1 in variants.items():
        found["dW1"].append((words, dZ1 @ p.X.T / p.m))
        found["db1"].append((words, dZ1.sum(axis=1, keepdims=True) / p.m))
    return found


def check_backward_propagation(ctx: Context, fn):
    p = problems.shallow()
    cache = ctx.arrays({k: p.cache[k] for k in ("Z1", "A1", "Z2", "A2")})
    grads = ctx.call(fn, ctx.arrays(p.params), cache, ctx.array(p.X), ctx.array(p.Y))
    mistakes = _backward_mistakes(p)
    for key in ("dW1", "db1", "dW2", "db2"):
        yield judge("backward_propagation", key, entry(grads, key, "grads"), p.grads[key], p.m, mistakes.get(key, ()))


def check_update_parameters(ctx: Context, fn, p: problems.Problem | None = None, learning_rate: float = LEARNING_RATE):
    """Every parameter, the caller's arrays left as they were, every layer updated."""
    p = p or problems.shallow()
    given = ctx.arrays(p.params)
    arrays = dict(given)  # the caller's arrays themselves: rebinding the dict's entries (the v4a release) is fine
    snapshot = {k: to_numpy(v).copy() for k, v in given.items()}
    grads = ctx.arrays({f"d{k}": p.grads[f"d{k}"] for k in p.params})
    try:  # called as the course's notebook calls it, on the caller's own arrays (seeded as by Context.call)
        updated = params_of(fn(given, grads, learning_rate), "parameters")
    except KeyError as exc:
        if exc.args and exc.args[0] in {f"{k}{p.L + 1}" for k in ("W", "b", "dW", "db")}:
            yield Outcome("update_parameters", "layers", ERROR, f"the loop runs past the last layer, to {exc.args[0]} "
                                                                "(L = len(parameters) // 2: two entries a layer); "
                                                                + causes.describe(exc, fn))
            return
        raise
    changed = [k for k in arrays if not np.array_equal(to_numpy(arrays[k]), snapshot[k])]
    stale = []
    for key in p.params:
        expected = p.params[key] - learning_rate * p.grads[f"d{key}"]
        crossed = [(f"updated with d{other} where d{key} belongs", p.params[key] - learning_rate * p.grads[f"d{other}"])
                   for other in p.params if other != key and _broadcasts(p.grads[f"d{other}"], p.params[key])]
        outcome = judge("update_parameters", key, entry(updated, key, "parameters"), expected, p.m,
                        [("never updated (still its starting value)", p.params[key]), *crossed], kind="update")
        stale += [key] * ("never updated" in outcome.detail)
        yield outcome
    if stale and len(stale) < len(p.params):
        yield Outcome("update_parameters", "layers", FAIL, f"{', '.join(stale)} never updated: the loop over the "
                                                           "layers stops early (a hard-coded layer count; use "
                                                           "L = len(parameters) // 2)")
    yield Outcome("update_parameters", "arguments", WARN if changed else PASS,
                  f"changed the caller's {', '.join(changed)} in place (parameters[...] -= ...): the result is right, "
                  "but a caller that kept the old parameters sees them change; the course computes new arrays "
                  "(W = W - learning_rate * dW)" if changed else "left as they were")
    if p.L == 2 and not _has_default(fn, 2):  # week 3: the course's nn_model calls update_parameters(parameters, grads)
        yield Outcome("update_parameters", "arguments", FAIL, "no default learning_rate: the course's nn_model calls "
                                                              "update_parameters(parameters, grads), which raises "
                                                              "TypeError (learning_rate=1.2)")


def _broadcasts(a: np.ndarray, onto: np.ndarray) -> bool:
    try:
        return np.broadcast_shapes(a.shape, onto.shape) == onto.shape
    except ValueError:
        return False


def _has_default(fn, index: int) -> bool:
    try:
        parameters = list(inspect.signature(fn).parameters.values())
    except (TypeError, ValueError):
        return True
    return len(parameters) <= index or parameters[index].default is not inspect.Parameter.empty


def check_nn_model(ctx: Context, fn):
    p = problems.shallow()
    X, Y = ctx.array(p.X), ctx.array(p.Y)
    got, started, calls = start_of(ctx, fn, lambda n: ctx.call(fn, X, Y, 4, n, False), ITERATIONS)
    if isinstance(got, tuple):
        yield Outcome("nn_model", "result", WARN, f"returns a tuple of {len(got)}: the course's nn_model returns the "
                                                  "parameters alone (parameters = nn_model(...), then predict)")
    got = params_of(got, "parameters")
    if started is None:
        yield Outcome("nn_model", "start", FAIL, "calls no initializer and returns no parameters after 0 iterations, "
                                                 "so its start is unknown")
        return
    final, _ = p.trained(LEARNING_RATE, ITERATIONS, started)
    outcomes = [judge("nn_model", key, entry(got, key, "parameters"), final[key], p.m, kind="training_params")
                for key in final]
    yield from outcomes
    update = next((c for c in calls if c.name == "update_parameters"), None)
    if update is not None and not all(o.ok for o in outcomes):
        rate = update.kwargs.get("learning_rate", update.args[2] if len(update.args) > 2 else LEARNING_RATE)
        if not np.isclose(float(to_numpy(rate)), LEARNING_RATE):
            yield Outcome("nn_model", "learning rate", FAIL, f"passes learning_rate={float(to_numpy(rate)):g} to "
                                                             f"update_parameters, not the course's {LEARNING_RATE}")


def check_predict(ctx: Context, fn):
    p = problems.shallow()
    got = ctx.call(fn, ctx.arrays(p.params), ctx.array(p.X))
    mistakes = [("predict without the sigmoid (thresholds Z2, not A2)", p.cache["Z2"] > 0.5)]
    yield labels("predict", "predictions", got, p.labels(), p.AL, mistakes)


CHECKS = {"sigmoid": week2.check_sigmoid, "layer_sizes": check_layer_sizes,
          "initialize_parameters": check_initialize_parameters,
          "forward_propagation": check_forward_propagation, "compute_cost": check_compute_cost,
          "backward_propagation": check_backward_propagation, "update_parameters": check_update_parameters,
          "nn_model": check_nn_model, "predict": check_predict}
