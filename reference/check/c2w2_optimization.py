"""Course 2, week 2, "Optimization Methods": mini-batches, momentum, Adam, learning-rate decay and the model that
trains with them, with the signatures of both releases (the later one's Adam also returns v_corrected, s_corrected).

Expected values come from impl_numpy.optimizers (tests/test_optimizers.py reproduces the notebook's printed runs
with it); the named mistakes are computed here, in NumPy, only to name a result impl_numpy's already rejected.

- The updates run on problems.three_layer()'s parameters and gradients ([4, 5, 3, 1]: a loop written for the test
  cells' 2 layers shows), from a state v, s that is not zero, so that each beta shows. Adam runs twice: the model's
  first step (t = 1 from zeros, the default hyperparameters), and t = 2 with other hyperparameters (learning_rate
  0.02, beta1 0.8, beta2 0.888, epsilon 0.01), where a constant written in place of an argument shows.
- random_mini_batches runs on the notebook's m = 148 in batches of 64 (64, 64, 20), and on m = 20 in batches of 5
  (a multiple: no partial batch; a 64 written in shows); X[r, i] = r m + i, so that every column names its example.
- update_lr and schedule_lr_decay run at the notebook's values, and where the floor, a ceiling and epoch_num + 1
  differ.
- model runs 2 epochs of each optimizer (not the notebook's 5000 or 10000) on 20 examples in batches of 8, with the
  course's seeds 11, 12: its parameters against impl_numpy.optimizers.train from the start its initializer returned.
  Its first Adam call's t tells a t counted from 0. Its ``decay`` argument is not checked (a function cannot be sent
  to the learner's process): update_lr and schedule_lr_decay are checked on their own.
"""

from __future__ import annotations

import functools
import inspect
import math

import numpy as np

from . import problems
from .context import Context, params_of, start_of
from .judge import FAIL, PASS, WARN, Outcome, Unreadable, entry, judge, kind_of, to_numpy, unpack

ADAM_FIRST = (1, 0.01, 0.9, 0.999, 1e-8)      # t, learning_rate, beta1, beta2, epsilon: the model's first step
ADAM_LATER = (2, 0.02, 0.8, 0.888, 1e-2)      # a later step, every hyperparameter other than its default
GD_RATE, MOMENTUM = 0.01, (0.9, 0.01)         # learning_rate; beta, learning_rate (the 2017 momentum test cell's)
RMSPROP = (0.9, 0.01, 1e-8)                   # beta, learning_rate, epsilon
BATCHES = ((148, 64, 0), (20, 5, 3))          # m, mini_batch_size, seed
UPDATE_LR = ((0.5, 2, 1), (0.5, 4, 0.3))      # learning_rate0, epoch_num, decay_rate (the first is the notebook's)
SCHEDULE = ((0.5, 10, 0.3, 100), (0.5, 100, 0.3, 100), (0.5, 150, 0.3, 100), (0.5, 3, 0.3, 1))
MODEL_DIMS, MODEL_M, MODEL_BATCH, MODEL_EPOCHS, MODEL_RATE = [2, 5, 2, 1], 20, 8, 2, 0.01
COURSE_RATE, FIRST_SEED = 0.0007, 10          # the model's default learning rate; its seed, + 1 before each epoch


@functools.cache
def _state() -> tuple[dict, dict, dict, dict]:
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


def _each(function: str, quantity: str, got, expected: dict, what: str, mistakes=(), kind: str = "update") -> Outcome:
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


def _moved(params: dict, step: dict, rate: float) -> dict:
    """W - rate step[dW] for every parameter."""
    return {name: value - rate * step["d" + name] for name, value in params.items()}


def check_update_parameters_with_gd(ctx: Context, fn):
    from impl_numpy import optimizers

    params, grads, _, _ = _state()
    rate, last = GD_RATE, len(params) // 2
    expected = optimizers.update_parameters_with_gd(params, grads, rate)
    mistakes = [("W + learning_rate dW: a step up the gradient", _moved(params, grads, -rate)),
                ("the last layer not updated (range(1, L) where range(1, L + 1) belongs)",
                 {f"W{last}": params[f"W{last}"], f"b{last}": params[f"b{last}"]}),
                ("b not updated", {k: v for k, v in params.items() if k[0] == "b"})]
    got = ctx.call(fn, ctx.arrays(params), ctx.arrays(grads), rate)
    yield _each("update_parameters_with_gd", "parameters", params_of(got), expected, "parameters", mistakes)


def _zeros(ctx: Context, fn, name: str, count: int):
    """initialize_velocity's v, or initialize_adam's v and s: zeros shaped like the parameters, keyed dW1, db1, ..."""
    from impl_numpy import optimizers

    params = _state()[0]
    expected = optimizers.initialize_velocity(params)
    got = ctx.call(fn, ctx.arrays(params))
    found = (got,) if count == 1 else unpack(got, 2, "(v, s)")
    for what, value in zip(("v", "s"), found, strict=False):
        yield _keys(name, what, value, expected, what) or _each(name, what, value, expected, what, kind="oracle")


def check_initialize_velocity(ctx: Context, fn):
    yield from _zeros(ctx, fn, "initialize_velocity", 1)


def check_initialize_adam(ctx: Context, fn):
    yield from _zeros(ctx, fn, "initialize_adam", 2)


def check_update_parameters_with_momentum(ctx: Context, fn):
    from impl_numpy import optimizers

    params, grads, v, _ = _state()
    beta, rate = MOMENTUM
    expected, expected_v = optimizers.update_parameters_with_momentum(params, grads, v, beta, rate)
    swapped = {k: (1 - beta) * v[k] + beta * grads[k] for k in v}
    plain = {k: beta * v[k] + grads[k] for k in v}
    velocities = [("beta and 1 - beta swapped: v = (1 - beta) v + beta dW", swapped),
                  ("v = beta v + dW: the (1 - beta) missing", plain)]
    mistakes = [(words, _moved(params, value, rate)) for words, value in velocities]
    mistakes += [("W moved by the old v (W updated before v)", _moved(params, v, rate)),
                 ("W moved by dW, not by v: gradient descent", _moved(params, grads, rate))]
    got = ctx.call(fn, ctx.arrays(params), ctx.arrays(grads), ctx.arrays(v), beta, rate)
    parameters, velocity = unpack(got, 2, "(parameters, v)")
    yield _each("update_parameters_with_momentum", "parameters", parameters, expected, "parameters", mistakes)
    yield _each("update_parameters_with_momentum", "v", velocity, expected_v, "v", velocities)


def _adam(state, t, rate, beta1, beta2, epsilon, slip: str) -> dict[str, dict]:
    """Adam's parameters, v, s, v_corrected and s_corrected with one ``slip`` (ADAM_SLIPS)."""
    params, grads, v, s = state
    b1 = 1 - beta1 if slip == "beta1" else beta1
    b2 = 1 - beta2 if slip == "beta2" else beta2
    square = (lambda g: g) if slip == "unsquared" else np.square
    new_v = {k: b1 * v[k] + (1 - b1) * g for k, g in grads.items()}
    new_s = {k: b2 * s[k] + (1 - b2) * square(g) for k, g in grads.items()}
    power = t + 1 if slip == "t + 1" else t
    v_c = new_v if slip == "uncorrected" else {k: x / (1 - beta1 ** power) for k, x in new_v.items()}
    s_c = new_s if slip == "uncorrected" else {k: x / (1 - beta2 ** power) for k, x in new_s.items()}
    if slip == "inside":
        step = {k: v_c[k] / np.sqrt(s_c[k] + epsilon) for k in v_c}
    elif slip == "rootless":
        step = {k: v_c[k] / (s_c[k] + epsilon) for k in v_c}
    else:
        with np.errstate(invalid="ignore"):  # an unsquared s may be negative
            step = {k: v_c[k] / (np.sqrt(s_c[k]) + epsilon) for k in v_c}
    return {"parameters": _moved(params, step, rate), "v": new_v, "s": new_s, "v_corrected": v_c, "s_corrected": s_c}


ADAM_SLIPS = {"uncorrected": "no bias correction: v and s used as they are, not divided by 1 - beta^t",
              "inside": "epsilon inside the square root: sqrt(s_corrected + epsilon)",
              "beta1": "beta1 and 1 - beta1 swapped: v = (1 - beta1) v + beta1 dW",
              "beta2": "beta2 and 1 - beta2 swapped: s = (1 - beta2) s + beta2 dW^2",
              "t + 1": "bias-corrected with 1 - beta^(t + 1): t advanced in the update too (the model advances it)",
              "unsquared": "s from dW, not dW^2: the square missing",
              # a learner's public file (its 1 - beta2^2 hidden at t = 2, where it is 1 - beta2^t)
              "rootless": "the square root missing: v_corrected / (s_corrected + epsilon)"}


def _adam_returns(got) -> dict:
    """The learner's (parameters, v, s) or, from the later release, (parameters, v, s, v_corrected, s_corrected)."""
    names = ("parameters", "v", "s", "v_corrected", "s_corrected")
    n = 5 if isinstance(got, (tuple, list)) and len(got) == 5 else 3
    what = "(parameters, v, s), or (parameters, v, s, v_corrected, s_corrected) as the later release returns"
    return dict(zip(names, unpack(got, n, what), strict=False))


def check_update_parameters_with_adam(ctx: Context, fn):
    from impl_numpy import optimizers

    params, grads, v, s = _state()
    zeros = {k: np.zeros_like(x) for k, x in v.items()}
    for label, state, hyper in (("t=1 ", (params, grads, zeros, zeros), ADAM_FIRST), ("", _state(), ADAM_LATER)):
        t, rate, beta1, beta2, epsilon = hyper
        updated, new_v, new_s = optimizers.update_parameters_with_adam(*state, *hyper)
        expected = {"parameters": updated, "v": new_v, "s": new_s,
                    "v_corrected": {k: x / (1 - beta1 ** t) for k, x in new_v.items()},
                    "s_corrected": {k: x / (1 - beta2 ** t) for k, x in new_s.items()}}
        slips = {slip: _adam(state, t, rate, beta1, beta2, epsilon, slip) for slip in ADAM_SLIPS}
        got = _adam_returns(ctx.call(fn, ctx.arrays(state[0]), ctx.arrays(grads), ctx.arrays(state[2]),
                                     ctx.arrays(state[3]), t, rate, beta1, beta2, epsilon))
        for name in ("parameters", "v", "s", "v_corrected", "s_corrected") if not label else ("parameters",):
            if name in got:
                mistakes = [(ADAM_SLIPS[slip], values[name]) for slip, values in slips.items()]
                yield _each("update_parameters_with_adam", label + name, got[name], expected[name], name, mistakes)


def _rmsprop_arguments(fn) -> dict | None:
    """The lectures' RMSprop's arguments by the names the learner gave them, or None when one cannot be told."""
    params, grads, _, s = _state()
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

    params, grads, _, s = _state()
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
    yield _each("update_parameters_with_rmsprop", "parameters", parameters, expected, "parameters", mistakes)
    if state is not None:
        yield _each("update_parameters_with_rmsprop", "s", state, expected_s, "s", states)


def _count(function: str, quantity: str, got: list, expected: list, candidates) -> Outcome:
    sizes = [int(np.shape(to_numpy(x))[-1]) if np.ndim(to_numpy(x)) else 0 for x, _ in got]
    wanted = [x.shape[1] for x, _ in expected]
    if sizes == wanted:
        return Outcome(function, quantity, PASS, f"{len(wanted)} mini-batches of {', '.join(map(str, wanted))}")
    words = next((f"{words}; " for words, batches in candidates if [x.shape[1] for x, _ in batches] == sizes), "")
    return Outcome(function, quantity, FAIL, f"{words}{len(sizes)} mini-batches of {', '.join(map(str, sizes))}, "
                                             f"expected {', '.join(map(str, wanted))}")


def _batches(got) -> list:
    """The learner's mini_batches as [(mini_batch_X, mini_batch_Y), ...]."""
    if not isinstance(got, (list, tuple)) or not all(isinstance(b, (list, tuple)) and len(b) == 2 for b in got):
        raise Unreadable(f"expected mini_batches, a list of (mini_batch_X, mini_batch_Y), got {kind_of(got)}")
    return list(got)


def check_random_mini_batches(ctx: Context, fn):
    from impl_numpy import optimizers

    name = "random_mini_batches"
    for m, size, seed in BATCHES:
        X = np.arange(3 * m, dtype=np.float64).reshape(3, m)  # X[r, i] = r m + i: each column names its example
        Y = np.random.default_rng(seed).integers(0, 2, (1, m)).astype(np.float64)
        expected = optimizers.random_mini_batches(X, Y, size, seed)
        rng = np.random.RandomState(seed)  # noqa: NPY002  (the course's permutation, drawn twice)
        first, second = rng.permutation(m), rng.permutation(m)
        unseeded = optimizers.mini_batches(X, Y, optimizers.mini_batch_order(m, 1), size)  # Context.call seeds 1
        others = optimizers.mini_batches(X, Y[:, second[np.argsort(first)]], first, size)  # Y[:, second] in slices
        unshuffled = optimizers.mini_batches(X, Y[:, np.argsort(first)], first, size)      # Y in order, in slices
        candidates = [("the last mini-batch twice", [*expected, expected[-1]]),
                      ("64 written where mini_batch_size belongs", optimizers.random_mini_batches(X, Y, 64, seed))]
        if m % size:
            candidates.append((f"the last, partial mini-batch dropped (m = {m} is not a multiple of {size})",
                               expected[:-1]))
        else:
            candidates.append(("an empty mini-batch at the end (m is a multiple of mini_batch_size: there is no "
                               "partial one)", [*expected, (X[:, :0], Y[:, :0])]))
        got = _batches(ctx.call(fn, ctx.array(X), ctx.array(Y), size, seed))
        tag = f"m={m} "
        yield _count(name, tag + "count", got, expected, candidates)
        for part, index, mistakes in (("X", 0, [("np.random.seed(seed) missing", unseeded)]),
                                      ("Y", 1, [("the permutation applied to X and not to Y", unshuffled),
                                                ("Y shuffled by another permutation than X (np.random.permutation "
                                                 "called twice)", others), ("np.random.seed(seed) missing",
                                                                            unseeded)])):
            outcome = Outcome(name, tag + part, PASS, f"every mini-batch's {part} the course's, in order")
            for k, (mine, theirs) in enumerate(zip(got, expected, strict=False)):
                named = [(words, batches[k][index]) for words, batches in mistakes]
                found = judge(name, tag + part, mine[index], theirs[index], 1, named, kind="oracle")
                if found.status != PASS:
                    found.detail = f"mini-batch {k + 1}: {found.detail}"
                    outcome = found
                    break
            yield outcome


def check_update_lr(ctx: Context, fn):
    from impl_numpy import optimizers

    for rate, epoch, decay in UPDATE_LR:
        mistakes = [("epoch_num + 1 where epoch_num belongs", rate / (1 + decay * (epoch + 1))),
                    ("learning_rate0 * decay_rate^epoch_num: an exponential decay, not 1 / (1 + decay_rate epoch_num)",
                     rate * decay ** epoch),
                    ("learning_rate0 missing: 1 / (1 + decay_rate epoch_num)", 1 / (1 + decay * epoch)),
                    ("parentheses missing: learning_rate0 / 1 + decay_rate epoch_num", rate / 1 + decay * epoch)]
        yield judge("update_lr", f"epoch {epoch}", ctx.call(fn, rate, epoch, decay),
                    optimizers.update_lr(rate, epoch, decay), 1, mistakes)


def check_schedule_lr_decay(ctx: Context, fn):
    from impl_numpy import optimizers

    for rate, epoch, decay, interval in SCHEDULE:
        mistakes = [("the floor missing: epoch_num / time_interval", rate / (1 + decay * epoch / interval)),
                    ("rounded up (math.ceil, or round) where the floor belongs",
                     rate / (1 + decay * math.ceil(epoch / interval))),
                    ("epoch_num + 1 where epoch_num belongs", rate / (1 + decay * math.floor((epoch + 1) / interval))),
                    ("time_interval ignored: update_lr's 1 / (1 + decay_rate epoch_num)", rate / (1 + decay * epoch))]
        yield judge("schedule_lr_decay", f"epoch {epoch} of {interval}", ctx.call(fn, rate, epoch, decay, interval),
                    optimizers.schedule_lr_decay(rate, epoch, decay, interval), 1, mistakes)


@functools.cache
def _model_data() -> tuple[np.ndarray, np.ndarray]:
    """X (2, 20) and Y (1, 20): the quadrants where x1 x2 > 0, a problem of the notebook's kind at a smaller m."""
    X = np.random.default_rng(3).standard_normal((2, MODEL_M))
    return X, (X[0:1] * X[1:2] > 0).astype(np.float64)


def _trained(start: dict, optimizer: str, rate=MODEL_RATE, seeds=None, first_t: int = 1) -> dict:
    """impl_numpy's run of the course's model; with another first t for Adam (from impl_numpy's own updates)."""
    from impl_numpy import deep_nn, optimizers

    X, Y = _model_data()
    seeds = seeds or [FIRST_SEED + 1 + epoch for epoch in range(MODEL_EPOCHS)]
    orders = [optimizers.mini_batch_order(MODEL_M, seed) for seed in seeds]
    if optimizer != "adam" or first_t == 1:
        return optimizers.train(X, Y, start, orders, optimizer, rate, MODEL_BATCH)[0]
    params, (v, s), t = start, optimizers.initialize_adam(start), first_t
    for order in orders:
        for X_t, Y_t in optimizers.mini_batches(X, Y, order, MODEL_BATCH):
            _, cache = deep_nn.forward_propagation(X_t, params, "relu")
            grads = deep_nn.backward_propagation(params, cache, Y_t, "relu")
            with np.errstate(divide="ignore", invalid="ignore"):
                params, v, s = optimizers.update_parameters_with_adam(params, grads, v, s, t, rate)
            t += 1
    return params


def _first_t(calls) -> int | None:
    """The t of the model's first update_parameters_with_adam call (its fifth argument), if it was seen."""
    call = next((c for c in calls if c.name == "update_parameters_with_adam"), None)
    if call is None:
        return None
    t = call.kwargs.get("t", call.args[4] if len(call.args) > 4 else None)
    try:
        return int(to_numpy(t))
    except (Unreadable, TypeError, ValueError):
        return None


def check_model(ctx: Context, fn):
    X, Y = (ctx.array(a) for a in _model_data())
    for optimizer in ("gd", "momentum", "adam"):
        def run(epochs, optimizer=optimizer):
            return ctx.call(fn, X, Y, list(MODEL_DIMS), optimizer=optimizer, learning_rate=MODEL_RATE,
                            mini_batch_size=MODEL_BATCH, num_epochs=epochs, print_cost=False)

        got, start, calls = start_of(ctx, fn, run, MODEL_EPOCHS)
        if start is None:
            yield Outcome("model", optimizer, FAIL, "calls no initializer and returns no parameters after 0 epochs, "
                                                    "so its start is unknown")
            return
        mistakes = [(f"ignores its learning_rate argument (trained at the course's {COURSE_RATE})",
                     _trained(start, optimizer, COURSE_RATE)),
                    ("the seed not advanced before each epoch (the same mini-batches every epoch)",
                     _trained(start, optimizer, seeds=[FIRST_SEED] * MODEL_EPOCHS))]
        if optimizer == "adam":
            mistakes.insert(0, ("t from 2 at the first update (advanced twice, or from 1 before the first + 1)",
                                _trained(start, optimizer, first_t=2)))
        outcome = _each("model", optimizer, params_of(got), _trained(start, optimizer), "parameters", mistakes,
                        kind="training_params")
        t = _first_t(calls) if optimizer == "adam" else 1
        if outcome.status == FAIL and t is not None and t != 1:
            zero = ": Adam's bias correction divides by 1 - beta1^0 = 0" if t == 0 else ""
            outcome.detail = (f"its first update_parameters_with_adam call passes t = {t}{zero} (t counts the updates "
                              f"from 1: t = t + 1 before each call); {outcome.detail}")
        yield outcome


CHECKS = {"update_parameters_with_gd": check_update_parameters_with_gd,
          "random_mini_batches": check_random_mini_batches, "initialize_velocity": check_initialize_velocity,
          "update_parameters_with_momentum": check_update_parameters_with_momentum,
          "initialize_adam": check_initialize_adam, "update_parameters_with_adam": check_update_parameters_with_adam,
          "update_parameters_with_rmsprop": check_update_parameters_with_rmsprop, "update_lr": check_update_lr,
          "schedule_lr_decay": check_schedule_lr_decay, "model": check_model}
