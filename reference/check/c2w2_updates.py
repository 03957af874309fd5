"""Course 2, week 2, "Optimization Methods": gradient descent's and momentum's updates, the lectures' RMSprop, and
the zeros initialize_velocity and initialize_adam start from, with the course's signatures.

Expected values come from impl_numpy.optimizers (tests/test_optimizers.py reproduces the notebook's printed runs
with it); the named mistakes are computed here, in NumPy, only to name a result impl_numpy's already rejected.

The updates run on problems.three_layer()'s parameters and gradients ([4, 5, 3, 1]: a loop written for the test
cells' 2 layers shows), from a state v, s that is not zero, so that each beta shows: ``state_under_way()``, which
Adam's check (c2w2_adam.py) shares, with ``moved`` (W - rate step) and ``each`` (one outcome for a dict of arrays,
which the model's check, c2w2_optimization.py, shares too).
"""

from __future__ import annotations

import functools
import inspect

import numpy as np

from . import problems
from .context import Context, params_of
from .judge import FAIL, PASS, WARN, Outcome, entry, judge, to_numpy, unpack

GD_RATE, MOMENTUM = 0.01, (0.9, 0.01)         # learning_rate; beta, learning_rate (the 2017 momentum test cell's)
RMSPROP = (0.9, 0.01, 1e-8)                   # beta, learning_rate, epsilon


@functools.cache
def state_under_way() -> tuple[dict, dict, dict, dict]:
    """The parameters, their gradients, and a state v, s of an optimizer under way (s > 0)."""
    p = problems.three_layer()
    grads = {f"d{k}": p.grads[f"d{k}"] for k in p.params}
    rng = np.random.default_rng(5)
    v = {k: 0.1 * rng.standard_normal(g.shape) for k, g in grads.items()}
    s = {k: 0.01 * rng.random(g.shape) + 1e-3 for k, g in grads.items()}
    return p.params, grads, v, s


def _keys(function: str, quantity: str, got, expected: dict, what: str) -> Outcome | None:
    """A FAIL when a dict of the course's comes back with other keys (the parameters' W1 for dW1, dW0 for dW1)."""
    if not isinstance(got, dict) or set(expected) <= set(got):
        return None
    have = ", ".join(map(repr, got))
    if {f"d{k}" for k in got} >= set(expected):
        return Outcome(function, quantity, FAIL, f"keyed like the parameters ({have}): {what}'s keys are the "
                                                 f"gradients' ({', '.join(map(repr, expected))})")
    return Outcome(function, quantity, FAIL, f"{what} has the keys {have}, expected {', '.join(map(repr, expected))}"
                                             " (one pair a layer, from l = 1)")


def each(function: str, quantity: str, got, expected: dict, what: str, mistakes=(), kind: str = "update") -> Outcome:
    """One outcome for a dict of arrays (parameters, v, s): its first wrong entry, named, else the largest
    difference over all of them."""
    worst = 0.0
    for key, value in expected.items():
        named = [(words, wrong[key]) for words, wrong in mistakes if key in wrong]
        found = entry(got, key, what)
        outcome = judge(function, quantity, found, value, 1, named, kind=kind)
        if outcome.status != PASS:
            outcome.detail = f"{key}: {outcome.detail}"
            return outcome
        worst = max(worst, float(np.max(np.abs(to_numpy(found).astype(np.float64) - value), initial=0.0)))
    return Outcome(function, quantity, PASS, f"max |diff| {worst:.1e} over {', '.join(expected)}")


def moved(params: dict, step: dict, rate: float) -> dict:
    """W - rate step[dW] for every parameter."""
    return {name: value - rate * step["d" + name] for name, value in params.items()}


def check_update_parameters_with_gd(ctx: Context, fn):
    from impl_numpy import optimizers

    params, grads, _, _ = state_under_way()
    rate, last = GD_RATE, len(params) // 2
    expected = optimizers.update_parameters_with_gd(params, grads, rate)
    mistakes = [("W + learning_rate dW: a step up the gradient", moved(params, grads, -rate)),
                ("the last layer not updated (range(1, L) where range(1, L + 1) belongs)",
                 {f"W{last}": params[f"W{last}"], f"b{last}": params[f"b{last}"]}),
                ("b not updated", {k: v for k, v in params.items() if k[0] == "b"})]
    got = ctx.call(fn, ctx.arrays(params), ctx.arrays(grads), rate)
    yield each("update_parameters_with_gd", "parameters", params_of(got), expected, "parameters", mistakes)


def _zeros(ctx: Context, fn, name: str, count: int):
    """initialize_velocity's v, or initialize_adam's v and s: zeros shaped like the parameters, keyed dW1, db1, ..."""
    from impl_numpy import optimizers

    params = state_under_way()[0]
    expected = optimizers.initialize_velocity(params)
    got = ctx.call(fn, ctx.arrays(params))
    found = (got,) if count == 1 else unpack(got, 2, "(v, s)")
    for what, value in zip(("v", "s"), found, strict=False):
        yield _keys(name, what, value, expected, what) or each(name, what, value, expected, what, kind="oracle")


def check_initialize_velocity(ctx: Context, fn):
    yield from _zeros(ctx, fn, "initialize_velocity", 1)


def check_initialize_adam(ctx: Context, fn):
    yield from _zeros(ctx, fn, "initialize_adam", 2)


def check_update_parameters_with_momentum(ctx: Context, fn):
    from impl_numpy import optimizers

    params, grads, v, _ = state_under_way()
    beta, rate = MOMENTUM
    expected, expected_v = optimizers.update_parameters_with_momentum(params, grads, v, beta, rate)
    swapped = {k: (1 - beta) * v[k] + beta * grads[k] for k in v}
    plain = {k: beta * v[k] + grads[k] for k in v}
    velocities = [("beta and 1 - beta swapped: v = (1 - beta) v + beta dW", swapped),
                  ("v = beta v + dW: the (1 - beta) missing", plain)]
    mistakes = [(words, moved(params, value, rate)) for words, value in velocities]
    mistakes += [("W moved by the old v (W updated before v)", moved(params, v, rate)),
                 ("W moved by dW, not by v: gradient descent", moved(params, grads, rate))]
    got = ctx.call(fn, ctx.arrays(params), ctx.arrays(grads), ctx.arrays(v), beta, rate)
    parameters, velocity = unpack(got, 2, "(parameters, v)")
    yield each("update_parameters_with_momentum", "parameters", parameters, expected, "parameters", mistakes)
    yield each("update_parameters_with_momentum", "v", velocity, expected_v, "v", velocities)


def _rmsprop_arguments(fn) -> dict | None:
    """The lectures' RMSprop's arguments by the names the learner gave them, or None when one cannot be told."""
    params, grads, _, s = state_under_way()
    beta, rate, epsilon = RMSPROP
    roles = (("param", params), ("grad", grads), ("beta", beta), ("decay", beta), ("rho", beta), ("gamma", beta),
             ("learning", rate), ("lr", rate), ("alpha", rate), ("eps", epsilon), ("s", s), ("cache", s))
    found = {}
    for p in inspect.signature(fn).parameters.values():
        value = next((value for prefix, value in roles if p.name.lower().startswith(prefix)), None)
        if value is None and p.default is p.empty:
            return None
        if value is not None:
            found[p.name] = value
    return found if sum(isinstance(value, dict) for value in found.values()) == 3 else None


def check_update_parameters_with_rmsprop(ctx: Context, fn):
    from impl_numpy import optimizers

    params, grads, _, s = state_under_way()
    beta, rate, epsilon = RMSPROP
    arguments = _rmsprop_arguments(fn)
    if arguments is None:
        yield Outcome("update_parameters_with_rmsprop", "arguments", WARN, "not checked: its arguments are not the "
                      "lectures' RMSprop's (parameters, grads, s, beta, learning_rate, epsilon) under any name known")
        return
    expected, expected_s = optimizers.update_parameters_with_rmsprop(params, grads, s, beta, rate, epsilon)
    swapped = {k: (1 - beta) * s[k] + beta * np.square(grads[k]) for k in s}
    states = [("beta and 1 - beta swapped: s = (1 - beta) s + beta dW^2", swapped)]
    mistakes = [(states[0][0], {n: w - rate * grads["d" + n] / (np.sqrt(swapped["d" + n]) + epsilon)
                                for n, w in params.items()}),
                ("epsilon inside the square root: sqrt(s + epsilon)",
                 {n: w - rate * grads["d" + n] / np.sqrt(expected_s["d" + n] + epsilon) for n, w in params.items()}),
                ("the square root missing: dW / (s + epsilon)",
                 {n: w - rate * grads["d" + n] / (expected_s["d" + n] + epsilon) for n, w in params.items()})]
    got = ctx.call(fn, **{name: ctx.arrays(v) if isinstance(v, dict) else v for name, v in arguments.items()})
    parameters, state = unpack(got, 2, "(parameters, s)") if not isinstance(got, dict) else (got, None)
    yield each("update_parameters_with_rmsprop", "parameters", parameters, expected, "parameters", mistakes)
    if state is not None:
        yield each("update_parameters_with_rmsprop", "s", state, expected_s, "s", states)
