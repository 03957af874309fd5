"""Course 2, week 2, "Optimization Methods": mini-batches, momentum, Adam, learning-rate decay and the model that
trains with them, with the signatures of both releases (the later one's Adam also returns v_corrected, s_corrected).

A file per job: c2w2_updates.py (gradient descent, momentum, the lectures' RMSprop, initialize_velocity and
initialize_adam), c2w2_adam.py (Adam's update), c2w2_batches.py (random_mini_batches, update_lr, schedule_lr_decay),
and here the model's check and the week's CHECKS. Expected values come from impl_numpy.optimizers
(tests/test_optimizers.py reproduces the notebook's printed runs with it).

model runs 2 epochs of each optimizer (not the notebook's 5000 or 10000) on 20 examples in batches of 8, with the
course's seeds 11, 12: its parameters against impl_numpy.optimizers.train from the start its initializer returned.
Its first Adam call's t tells a t counted from 0. Its ``decay`` argument is not checked (a function cannot be sent
to the learner's process): update_lr and schedule_lr_decay are checked on their own.
"""

from __future__ import annotations

import functools

import numpy as np

from .c2w2_adam import check_update_parameters_with_adam
from .c2w2_batches import check_random_mini_batches, check_schedule_lr_decay, check_update_lr
from .c2w2_updates import (
    check_initialize_adam,
    check_initialize_velocity,
    check_update_parameters_with_gd,
    check_update_parameters_with_momentum,
    check_update_parameters_with_rmsprop,
    each,
)
from .context import Context, params_of, start_of
from .judge import FAIL, Outcome, Unreadable, to_numpy

MODEL_DIMS, MODEL_M, MODEL_BATCH, MODEL_EPOCHS, MODEL_RATE = [2, 5, 2, 1], 20, 8, 2, 0.01
COURSE_RATE, FIRST_SEED = 0.0007, 10          # the model's default learning rate; its seed, + 1 before each epoch


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
        outcome = each("model", optimizer, params_of(got), _trained(start, optimizer), "parameters", mistakes,
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
