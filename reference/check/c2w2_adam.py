"""Course 2, week 2, "Optimization Methods": Adam's update, with the signatures of both releases (the later one's
also returns v_corrected and s_corrected), and its named slips.

Expected values come from impl_numpy.optimizers; the slips are computed here, in NumPy, only to name a result
impl_numpy's already rejected. Adam runs twice on c2w2_updates' parameters, gradients and state under way: the
model's first step (t = 1 from zeros, the default hyperparameters), and t = 2 from that state with other
hyperparameters (learning_rate 0.02, beta1 0.8, beta2 0.888, epsilon 0.01), where a constant written in place of an
argument shows.
"""

from __future__ import annotations

import numpy as np

from .c2w2_updates import each, moved, state_under_way
from .context import Context
from .judge import unpack

ADAM_FIRST = (1, 0.01, 0.9, 0.999, 1e-8)      # t, learning_rate, beta1, beta2, epsilon: the model's first step
ADAM_LATER = (2, 0.02, 0.8, 0.888, 1e-2)      # a later step, every hyperparameter other than its default


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
    return {"parameters": moved(params, step, rate), "v": new_v, "s": new_s, "v_corrected": v_c, "s_corrected": s_c}


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

    params, grads, v, s = state_under_way()
    zeros = {k: np.zeros_like(x) for k, x in v.items()}
    runs = (("t=1 ", (params, grads, zeros, zeros), ADAM_FIRST), ("", (params, grads, v, s), ADAM_LATER))
    for label, state, hyper in runs:
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
                yield each("update_parameters_with_adam", label + name, got[name], expected[name], name, mistakes)
