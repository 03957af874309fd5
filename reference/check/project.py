"""nn-rosetta's own interface (impl_numpy's names and signatures), for a learner who wrote the project's way.

The activations and their derivatives, ``compute_cost(ZL, Y)`` from the logits, and for one model (``--model``,
hidden ``--activation``) ``forward_propagation(X, params, activation)``, ``backward_propagation(params, cache,
Y, activation)``, ``update_parameters`` and ``predict(X, params, activation)``. The deep model has 3 hidden
layers, so that a loop written for 2 shows.
"""

from __future__ import annotations

import functools
import inspect

import numpy as np

from ..proof import oracle
from . import problems
from .context import Context
from .judge import entry, judge, labels, unpack

MODEL_DIMS = {"logistic_regression": [3, 1], "shallow_nn": [3, 4, 1], "deep_nn": [3, 5, 4, 3, 1]}


@functools.cache
def problem(model: str, activation: str) -> problems.Problem:
    hidden = "sigmoid" if model == "logistic_regression" else activation
    return problems.search(MODEL_DIMS[model], hidden, lambda p: True)


def _activation(fn, model: str, activation: str) -> dict:
    """Pass ``activation`` only to functions that take it (the learner's logistic regression does not)."""
    if model == "logistic_regression":
        return {}
    try:
        return {"activation": activation} if "activation" in inspect.signature(fn).parameters else {}
    except (TypeError, ValueError):
        return {"activation": activation}


def activation_check(name: str):
    """sigmoid, tanh, relu, leaky_relu and their ``*_derivative``: g(Z) on points both sides of 0, and at 0."""
    base = name.removesuffix("_derivative")
    reference = oracle.ACTIVATIONS[base][name.endswith("_derivative")]

    def check(ctx: Context, fn):
        Z = np.array([[-2.0, -0.5, 0.0, 0.5, 2.0]])
        yield judge(name, "g(Z)", ctx.call(fn, ctx.array(Z)), [[reference(z) for z in Z[0]]], m=1)
    return check


def check_compute_cost(ctx: Context, fn):
    p = problem(ctx.model, ctx.activation)
    yield judge("compute_cost", "J", ctx.call(fn, ctx.array(p.cache[f"Z{p.L}"]), ctx.array(p.Y)), p.cost, p.m,
                scalar=True)


def check_forward_propagation(ctx: Context, fn):
    p = problem(ctx.model, ctx.activation)
    AL, _ = unpack(ctx.call(fn, ctx.array(p.X), ctx.arrays(p.params), **_activation(fn, ctx.model, ctx.activation)), 2,
                   "(AL, cache)")
    yield judge("forward_propagation", f"A{p.L}", AL, p.AL, p.m)


def check_backward_propagation(ctx: Context, fn):
    p = problem(ctx.model, ctx.activation)
    cache = ctx.arrays(p.cache)
    grads = ctx.call(fn, ctx.arrays(p.params), cache, ctx.array(p.Y), **_activation(fn, ctx.model, ctx.activation))
    for l in range(1, p.L + 1):
        for key in (f"dW{l}", f"db{l}"):
            yield judge("backward_propagation", key, entry(grads, key, "grads"), p.grads[key], p.m)


def check_update_parameters(ctx: Context, fn):
    p = problem(ctx.model, ctx.activation)
    grads = ctx.arrays({f"d{k}": p.grads[f"d{k}"] for k in p.params})
    updated = ctx.call(fn, ctx.arrays(p.params), grads, 0.1)
    for key in p.params:
        yield judge("update_parameters", key, entry(updated, key, "params"), p.params[key] - 0.1 * p.grads[f"d{key}"],
                    p.m, kind="update")


def check_predict(ctx: Context, fn):
    p = problem(ctx.model, ctx.activation)
    got = ctx.call(fn, ctx.array(p.X), ctx.arrays(p.params), **_activation(fn, ctx.model, ctx.activation))
    yield labels("predict", "y_hat", got, p.labels(), p.AL)


CHECKS = {**{name: activation_check(name) for name in
             ("sigmoid", "sigmoid_derivative", "tanh", "tanh_derivative", "relu", "relu_derivative", "leaky_relu",
              "leaky_relu_derivative")},
          "compute_cost": check_compute_cost, "forward_propagation": check_forward_propagation,
          "backward_propagation": check_backward_propagation, "update_parameters": check_update_parameters,
          "predict": check_predict}
