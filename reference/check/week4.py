"""Week 4, "Building your Deep Neural Network: Step by Step", and its "Application", with the course's signatures.

problems.deep(): layer sizes [4, 5, 4, 3, 1] (three hidden relu layers, so a loop that only works for two
shows), m = 8, every unit's pre-activation on both sides of 0. Caches are built in the course's format from the
oracle's values: a layer's cache is ``((A_prev, W, b), Z)``, L_model_forward's is the list of them.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from . import problems, published, week3
from .context import Context, params_of, start_of
from .judge import FAIL, Outcome, collect, entry, judge, labels, to_numpy, unpack

# Not the course's 0.0075, so that a model that ignores its learning_rate argument shows
APP_LEARNING_RATE, APP_ITERATIONS, COURSE_LEARNING_RATE = 0.03, 30, 0.0075


def _sigmoid(Z):
    return 1 / (1 + np.exp(-Z))


G: dict[str, Callable] = {"sigmoid": _sigmoid, "relu": lambda Z: np.maximum(Z, 0), "tanh": np.tanh}
G_PRIME: dict[str, Callable] = {"sigmoid": lambda Z: _sigmoid(Z) * (1 - _sigmoid(Z)), "relu": lambda Z: (Z > 0) * 1.0,
           "tanh": lambda Z: 1 - np.tanh(Z) ** 2}


def _layer(ctx: Context, p: problems.Problem, l: int):
    """Layer l's cache in the course's format, as the learner's arrays: ((A_prev, W, b), Z)."""
    linear = (ctx.array(p.cache[f"A{l - 1}"]), ctx.array(p.params[f"W{l}"]), ctx.array(p.params[f"b{l}"]))
    return linear, ctx.array(p.cache[f"Z{l}"])


check_initialize_parameters = week3.check_initialize_parameters


def check_activation_helper(name: str):
    """dnn_utils' sigmoid(Z) or relu(Z), written in the learner's file: (A, cache) with the cache Z."""
    def check(ctx: Context, fn):
        Z = problems.deep().cache["Z2"]
        A, cache = unpack(ctx.call(fn, ctx.array(Z)), 2, "(A, cache), as dnn_utils' returns and linear_activation_"
                                                          "forward unpacks")
        mistakes = [(f"{other} where {name} belongs", g(Z)) for other, g in G.items() if other != name]
        yield judge(name, "A", A, G[name](Z), 8, mistakes)
        yield judge(name, "cache", cache, Z, 8)
    return check


def check_backward_helper(name: str):
    """dnn_utils' relu_backward(dA, cache) or sigmoid_backward(dA, cache), written in the learner's file: dZ."""
    def check(ctx: Context, fn):
        p = problems.deep()
        Z, dA = p.cache["Z2"], p.grads["dA2"]
        activation = name.removesuffix("_backward")
        mistakes = [("dA returned as it came (g'(Z) is missing)", dA),
                    *[(f"{other}' where {activation}' belongs", dA * g(Z)) for other, g in G_PRIME.items()
                      if other != activation]]
        if activation == "relu":
            mistakes.append(("the mask the wrong way round (dZ[Z > 0] = 0)", dA * (Z <= 0)))
        yield judge(name, "dZ", ctx.call(fn, ctx.array(dA), ctx.array(Z)), dA * G_PRIME[activation](Z), 8, mistakes)
    return check


def check_compute_cost(ctx: Context, fn):
    yield from week3.check_compute_cost(ctx, fn, problems.deep())


def check_initialize_parameters_deep(ctx: Context, fn):
    first = None
    for dims in ([4, 5, 4, 3, 1], [6, 3, 2]):
        params = params_of(ctx.call(fn, list(dims)), "parameters")
        shapes = {}
        for l in range(1, len(dims)):
            shapes[f"W{l}"], shapes[f"b{l}"] = (dims[l], dims[l - 1]), (dims[l], 1)
        yield from week3.initial_values("initialize_parameters_deep", params, shapes, first, str(dims))
        extra = sorted(set(params) - set(shapes))
        if extra:
            yield Outcome("initialize_parameters_deep", str(dims), FAIL, f"unexpected keys {extra}")
        first = first or {k: np.shape(to_numpy(v)) for k, v in params.items()}
    expected = week3.APPLICATION if ctx.week == "app" else week3.SMALL
    dims = list(week3.SCALE_DIMS)
    scale = week3.scale("initialize_parameters_deep", params_of(ctx.call(fn, dims), "parameters"), dims, expected)
    yield scale
    if ctx.framework != "numpy" or not scale.detail.startswith(week3.SMALL):
        return  # the course published the values of randn * 0.01 after np.random.seed(3)
    runs = []
    for seed in (0, 1):  # the course's function seeds np.random.seed(3) itself: the same numbers after any seed
        runs.append(params_of(fn.runner.call(fn, published.INITIALIZE_DEEP_ARGS, {}, seed=seed), "parameters"))
    if all(np.array_equal(to_numpy(runs[0][k]), to_numpy(runs[1][k])) for k in runs[0]):
        for key, value in published.INITIALIZE_DEEP.items():
            yield judge("initialize_parameters_deep", f"published {key}", runs[0].get(key), value, m=1,
                        kind="published")


def check_linear_forward(ctx: Context, fn):
    p = problems.deep()
    (A, W, b), _ = _layer(ctx, p, 2)
    Z, cache = unpack(ctx.call(fn, A, W, b), 2, "(Z, cache)")
    yield judge("linear_forward", "Z", Z, p.cache["Z2"], p.m)
    cache = unpack(cache, 3, "cache (A, W, b)")
    for name, got, key in zip(("A", "W", "b"), cache, ("A1", "W2", "b2"), strict=True):
        expected = p.cache[key] if key.startswith("A") else p.params[key]
        yield judge("linear_forward", f"cache {name}", got, expected, p.m)


def check_linear_activation_forward(ctx: Context, fn):
    p = problems.deep()
    for activation, l in (("relu", 2), ("sigmoid", p.L)):
        (A_prev, W, b), _ = _layer(ctx, p, l)
        A, cache = unpack(ctx.call(fn, A_prev, W, b, activation), 2, "(A, cache)")
        Z = p.cache[f"Z{l}"]
        mistakes = [(f"{name} where {activation} belongs", g(Z)) for name, g in G.items() if name != activation]
        yield judge("linear_activation_forward", f"A ({activation})", A, p.cache[f"A{l}"], p.m, mistakes)
        _, activation_cache = unpack(cache, 2, "cache (linear_cache, activation_cache)")
        yield judge("linear_activation_forward", f"cache Z ({activation})", activation_cache, Z, p.m)


def _forward_with(p: problems.Problem, hidden, output) -> np.ndarray:
    A = p.X
    for l in range(1, p.L + 1):
        A = (hidden if l < p.L else output)(p.params[f"W{l}"] @ A + p.params[f"b{l}"])
    return A


def _L_model_forward(ctx: Context, fn, p: problems.Problem):
    AL, caches = unpack(ctx.call(fn, ctx.array(p.X), ctx.arrays(p.params)), 2, "(AL, caches)")
    mistakes = [("sigmoid where relu belongs (hidden layers)", _forward_with(p, _sigmoid, _sigmoid)),
                ("relu where sigmoid belongs (output layer)", _forward_with(p, G["relu"], G["relu"]))]
    yield judge("L_model_forward", "AL", AL, p.AL, p.m, mistakes)
    caches = list(unpack(caches, p.L, f"caches, a list of {p.L} (one per layer)"))
    for l, cache in enumerate(caches, start=1):
        _, Z = unpack(cache, 2, "a cache ((A_prev, W, b), Z)")
        yield judge("L_model_forward", f"caches[{l - 1}] Z", Z, p.cache[f"Z{l}"], p.m)


def _linear_backward_expected(p: problems.Problem, l: int, dZ: np.ndarray):
    A_prev, W = p.cache[f"A{l - 1}"], p.params[f"W{l}"]
    return W.T @ dZ, dZ @ A_prev.T / p.m, dZ.sum(axis=1, keepdims=True) / p.m


def check_linear_backward(ctx: Context, fn):
    p = problems.deep()
    linear, _ = _layer(ctx, p, 2)
    got = unpack(ctx.call(fn, ctx.array(p.dZ(2)), linear), 3, "(dA_prev, dW, db)")
    for name, value, key in zip(("dA_prev", "dW", "db"), got, ("dA1", "dW2", "db2"), strict=True):
        yield judge("linear_backward", name, value, p.grads[key], p.m)


def _dAL(p: problems.Problem) -> np.ndarray:
    """The course's dAL = -(Y / AL - (1 - Y) / (1 - AL))."""
    return -(p.Y / p.AL - (1 - p.Y) / (1 - p.AL))


def check_linear_activation_backward(ctx: Context, fn):
    p = problems.deep()
    for activation, l in (("relu", 2), ("sigmoid", p.L)):
        dA = _dAL(p) if l == p.L else p.grads[f"dA{l}"]
        Z, A = p.cache[f"Z{l}"], p.cache[f"A{l}"]
        slips = {f"{name}' where {activation}' belongs": dA * G_PRIME[name](Z)
                 for name in G_PRIME if name != activation}
        if activation == "sigmoid":
            slips["derivative taken at A instead of Z"] = dA * G_PRIME["sigmoid"](A)
        slips["dA passed to linear_backward where dZ belongs"] = dA
        wrong = {words: _linear_backward_expected(p, l, dZ) for words, dZ in slips.items()}
        got = unpack(ctx.call(fn, ctx.array(dA), _layer(ctx, p, l), activation), 3, "(dA_prev, dW, db)")
        for i, (name, key) in enumerate((("dA_prev", f"dA{l - 1}"), ("dW", f"dW{l}"), ("db", f"db{l}"))):
            mistakes = [(words, values[i]) for words, values in wrong.items()]
            yield judge("linear_activation_backward", f"{name} ({activation})", got[i], p.grads[key], p.m, mistakes)


def _L_model_backward(ctx: Context, fn, p: problems.Problem):
    """dW[l], db[l] for every layer, and dA under whichever numbering the learner's release used."""
    caches = [_layer(ctx, p, l) for l in range(1, p.L + 1)]
    grads = ctx.call(fn, ctx.array(p.AL), ctx.array(p.Y), caches)
    entry(grads, f"dW{p.L}", "grads")
    shift = 1 if f"dA{p.L}" in grads else 0  # v4a and later: dA{l-1} is dA[l-1]; v3: dA{l} is dA[l-1]
    for l in range(p.L, 0, -1):
        for key in (f"dW{l}", f"db{l}"):
            yield judge("L_model_backward", key, entry(grads, key, "grads"), p.grads[key], p.m)
        key = f"dA{l - 1 + shift}"
        yield judge("L_model_backward", key, entry(grads, key, "grads"), p.grads[f"dA{l - 1}"], p.m)


def _on_two_layers_too(name: str, check, ctx: Context, fn):
    """A check on the deep problem; if it fails there but passes on a 2-layer network, say so: the loop over the
    hidden layers is the mistake (a fixed dA, cache or layer count), however it shows on 4 layers."""
    before = len(ctx.raised)
    outcomes = collect(name, check(ctx, fn, problems.deep()))
    raised = ctx.raised[before:]  # the deep call raised after computing part of its result
    if not all(o.ok for o in outcomes) or raised:
        del ctx.raised[before:]
        two_layers = collect(name, check(ctx, fn, problems.two_layer()))
        right = all(o.ok for o in two_layers) and len(ctx.raised) == before
        ctx.raised[before:] = raised
        if right:
            words = ("right on a 2-layer network, wrong on 4 layers: the hidden-layer loop works for 2 layers only (it "
                     "reads a fixed dA, cache or parameter, or stops early); ")
            for o in outcomes:
                o.detail = o.detail if o.ok else words + o.detail
            ctx.raised[before:] = [words + text for text in raised]
    yield from outcomes


def check_L_model_forward(ctx: Context, fn):
    yield from _on_two_layers_too("L_model_forward", _L_model_forward, ctx, fn)


def check_L_model_backward(ctx: Context, fn):
    yield from _on_two_layers_too("L_model_backward", _L_model_backward, ctx, fn)


def check_update_parameters(ctx: Context, fn):
    yield from week3.check_update_parameters(ctx, fn, problems.deep(), learning_rate=0.1)


def _check_app_model(ctx: Context, fn, name: str, p: problems.Problem):
    dims = tuple(p.dims) if name == "two_layer_model" else list(p.dims)
    X, Y = ctx.array(p.X), ctx.array(p.Y)
    got, started, calls = start_of(ctx, fn, lambda n: ctx.call(fn, X, Y, dims, APP_LEARNING_RATE, n, False),
                                   APP_ITERATIONS)
    got = params_of(got, "parameters")
    if started is None:
        yield Outcome(name, "start", FAIL, "calls no initializer and returns no parameters after 0 iterations, so "
                                           "its start is unknown")
        return
    final, _ = p.trained(APP_LEARNING_RATE, APP_ITERATIONS, started)
    default, _ = p.trained(COURSE_LEARNING_RATE, APP_ITERATIONS, started)
    outcomes = []
    for key in final:
        mistakes = [(f"ignores its learning_rate argument (trained at the course's {COURSE_LEARNING_RATE})",
                     default[key]), ("never updated (still its starting value)", started[key])]
        outcomes.append(judge(name, key, entry(got, key, "parameters"), final[key], p.m, mistakes,
                              kind="training_params"))
    yield from outcomes
    if not all(o.ok for o in outcomes):
        yield from _first_step(name, calls, problems.Problem(p.X, p.Y, started, p.activation))


def _first_step(name: str, calls, p: problems.Problem):
    """Where a model's first step departs from the course's: the activations it asks for, the dA[L] it starts
    the backward pass from, the learning rate it passes on (from the calls ``recording`` saw)."""
    forward = [c for c in calls if c.name == "linear_activation_forward"]
    for c, expected in zip(forward, ("relu", "sigmoid") if p.L == 2 else (), strict=False):
        given = c.kwargs.get("activation", c.args[3] if len(c.args) > 3 else None)
        if given != expected:
            yield Outcome(name, "first step", FAIL, f"calls linear_activation_forward with activation={given!r} where "
                                                    f"the course's {expected!r} belongs")
    backward = next((c for c in calls if c.name == "linear_activation_backward"), None)
    if backward is not None and backward.args:
        dAL = -(p.Y / p.AL - (1 - p.Y) / (1 - p.AL))
        outcome = judge(name, "first step", backward.args[0], dAL, p.m)
        if not outcome.ok:
            outcome.detail = f"dA{p.L}, the cost's derivative it starts the backward pass from: {outcome.detail}"
            yield outcome
    update = next((c for c in calls if c.name == "update_parameters"), None)
    if update is not None:
        rate = update.kwargs.get("learning_rate", update.args[2] if len(update.args) > 2 else None)
        if rate is not None and not np.isclose(float(to_numpy(rate)), APP_LEARNING_RATE):
            yield Outcome(name, "first step", FAIL, f"passes learning_rate={float(to_numpy(rate)):g} to "
                                                    f"update_parameters, not its argument {APP_LEARNING_RATE:g}")


def check_two_layer_model(ctx: Context, fn):
    yield from _check_app_model(ctx, fn, "two_layer_model", problems.two_layer())


def check_L_layer_model(ctx: Context, fn):
    yield from _check_app_model(ctx, fn, "L_layer_model", problems.deep())


def check_predict(ctx: Context, fn):
    p = problems.deep()
    got = ctx.call(fn, ctx.array(p.X), ctx.array(p.Y), ctx.arrays(p.params))
    yield labels("predict", "p", got, p.labels(), p.AL)


CHECKS = {"sigmoid": check_activation_helper("sigmoid"), "relu": check_activation_helper("relu"),
          "sigmoid_backward": check_backward_helper("sigmoid_backward"),
          "relu_backward": check_backward_helper("relu_backward"),
          "initialize_parameters": check_initialize_parameters,
          "initialize_parameters_deep": check_initialize_parameters_deep, "linear_forward": check_linear_forward,
          "linear_activation_forward": check_linear_activation_forward, "L_model_forward": check_L_model_forward,
          "compute_cost": check_compute_cost, "linear_backward": check_linear_backward,
          "linear_activation_backward": check_linear_activation_backward, "L_model_backward": check_L_model_backward,
          "update_parameters": check_update_parameters}
APP_CHECKS = {"two_layer_model": check_two_layer_model, "L_layer_model": check_L_layer_model, "predict": check_predict}
