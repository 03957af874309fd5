"""Course 2, week 1, "Regularization": L2 and inverted dropout in the course's 3-layer network, with its signatures.

problems.three_layer(): LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID at [4, 5, 3, 1], m = 8. The cache
is reg_utils' tuple (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3); dropout's holds each hidden layer's mask
after its Z: (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3). forward_propagation_with_dropout seeds
``np.random.seed(1)`` itself, so its masks are known: impl_numpy.regularization.dropout_masks(..., seed=1), D1 then
D2 from ``np.random.rand``. Expected values come from the loop oracle (with lambd, keep_prob and those masks); the
named mistakes are computed here, in NumPy, only to name a result the oracle already rejected.
"""

from __future__ import annotations

import numpy as np

from ..proof import oracle
from . import problems, published
from .context import Context
from .judge import entry, judge, unpack

LAMBD = 0.7  # the course's test cell's, and its model's
FORWARD_KEEP_PROB, BACKWARD_KEEP_PROB = problems.KEEP_PROBS
CACHE = "cache (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)"


def _masks(p: problems.Problem, keep_prob: float) -> dict[str, np.ndarray]:
    from impl_numpy import regularization

    return regularization.dropout_masks(p.dims, p.m, keep_prob, seed=1)


def _oracle(p: problems.Problem, keep_prob=1.0, masks=None, lambd=0.0):
    """The oracle's cache {"A0", "Z1", "D1", "A1", ...} and gradients {"dW1", "db1", ...}."""
    _, cache = oracle.forward_propagation(p.X, p.params, "relu", keep_prob, masks)
    grads = oracle.backward_propagation(p.params, cache, p.Y, "relu", lambd, keep_prob)
    return {k: np.array(v) for k, v in cache.items()}, {k: np.array(v) for k, v in grads.items()}


def _course_cache(ctx: Context, p: problems.Problem, cache: dict, dropout: bool) -> tuple:
    """The cache as the course's tuple, in the learner's arrays."""
    names = []
    for l in range(1, p.L + 1):
        names += [f"Z{l}", *([f"D{l}"] if dropout and l < p.L else []), f"A{l}", f"W{l}", f"b{l}"]
    return tuple(ctx.array(p.params[n] if n[0] in "Wb" else cache[n]) for n in names)


def _forward(p: problems.Problem, masks=None, divisor=1.0) -> dict[str, np.ndarray]:
    """A[l] = g(W[l] A[l-1] + b[l]), times masks[D[l]] / divisor where masks has one (the output layer's too)."""
    A, cache = p.X, {}
    for l in range(1, p.L + 1):
        Z = p.params[f"W{l}"] @ A + p.params[f"b{l}"]
        A = np.maximum(Z, 0) if l < p.L else 1 / (1 + np.exp(-Z))
        if masks is not None and f"D{l}" in masks:
            A = A * masks[f"D{l}"] / divisor
            cache[f"D{l}"] = masks[f"D{l}"]
        cache[f"Z{l}"], cache[f"A{l}"] = Z, A
    return cache


def _backward(p: problems.Problem, cache: dict, masks=None, divisor=1.0, dropout=True) -> dict[str, np.ndarray]:
    """dW[l], db[l] from the cache's A[l]; dA[l] times masks[D[l]] (where given) over divisor, relu' at Z."""
    dZ, grads = cache[f"A{p.L}"] - p.Y, {}
    for l in range(p.L, 0, -1):
        A_prev = cache[f"A{l - 1}"] if l > 1 else p.X
        grads[f"dW{l}"] = dZ @ A_prev.T / p.m
        grads[f"db{l}"] = dZ.sum(axis=1, keepdims=True) / p.m
        if l > 1:
            dA = p.params[f"W{l}"].T @ dZ
            if dropout:
                dA = dA * (masks[f"D{l - 1}"] if masks is not None else 1) / divisor
            dZ = dA * (cache[f"Z{l - 1}"] > 0)
    return grads


def check_compute_cost_with_regularization(ctx: Context, fn):
    p = problems.three_layer()
    squares = sum(float(np.sum(p.params[f"W{l}"] ** 2)) for l in range(1, p.L + 1))
    biases = sum(float(np.sum(p.params[f"b{l}"] ** 2)) for l in range(1, p.L + 1))
    weights = sum(float(np.sum(p.params[f"W{l}"])) for l in range(1, p.L + 1))
    m, cross_entropy = p.m, p.cost
    mistakes = [("the 1/m dropped from the L2 term (lambd / 2 sum ||W||^2)", cross_entropy + LAMBD / 2 * squares),
                ("the 1/2 dropped from the L2 term (lambd / m sum ||W||^2)", cross_entropy + LAMBD / m * squares),
                ("lambd / 2 * m: m multiplies where lambd / (2 * m) divides", cross_entropy + LAMBD / 2 * m * squares),
                ("the L2 term missing: the cross-entropy alone", cross_entropy),
                ("the biases regularized too (their squares in the L2 term)",
                 cross_entropy + LAMBD / (2 * m) * (squares + biases)),
                ("the weights summed, not their squares (np.square missing)",
                 cross_entropy + LAMBD / (2 * m) * weights)]
    got = ctx.call(fn, ctx.array(p.AL), ctx.array(p.Y), ctx.arrays(p.params), LAMBD)
    yield judge("compute_cost_with_regularization", "cost", got, oracle.compute_cost(p.AL, p.Y, p.params, LAMBD),
                m, mistakes)
    A3, Y, parameters, lambd = published.COST_WITH_REGULARIZATION_ARGS
    got = ctx.call(fn, ctx.array(A3), ctx.array(Y), ctx.arrays(parameters), lambd)
    yield judge("compute_cost_with_regularization", "published", got, published.COST_WITH_REGULARIZATION, m=5,
                kind="published")


def check_backward_propagation_with_regularization(ctx: Context, fn):
    p = problems.three_layer()
    cache, grads = _oracle(p, lambd=LAMBD)
    plain = _backward(p, cache)
    got = ctx.call(fn, ctx.array(p.X), ctx.array(p.Y), _course_cache(ctx, p, cache, dropout=False), LAMBD)
    for l in range(1, p.L + 1):
        W, b = p.params[f"W{l}"], p.params[f"b{l}"]
        dW, db = plain[f"dW{l}"], plain[f"db{l}"]
        mistakes = {f"dW{l}": [("dW without the L2 term (lambd / m) W", dW),
                               ("lambd W: the 1/m of (lambd / m) W is missing", dW + LAMBD * W),
                               ("(lambd / 2m) W: the cost's 1/2 kept in the derivative", dW + LAMBD / (2 * p.m) * W)],
                    f"db{l}": [("the biases regularized too (db gets (lambd / m) b)", db + LAMBD / p.m * b)]}
        for key, wrong in mistakes.items():
            yield judge("backward_propagation_with_regularization", key, entry(got, key, "gradients"), grads[key],
                        p.m, wrong)


def check_forward_propagation_with_dropout(ctx: Context, fn):
    p = problems.three_layer()
    keep_prob = FORWARD_KEEP_PROB
    masks = _masks(p, keep_prob)
    cache, _ = _oracle(p, keep_prob, masks)
    rng = np.random.RandomState(1)  # noqa: NPY002  (the draws of a learner who used randn)
    variants = {
        "no division by keep_prob (inverted dropout scales the units kept by 1 / keep_prob)": _forward(p, masks),
        "masks drawn with rand > keep_prob: D keeps the units it should drop":
            _forward(p, {k: 1 - D for k, D in masks.items()}, keep_prob),
        "dropout on the output layer too (A3 * D3 / keep_prob): only the hidden layers are dropped":
            _forward(p, problems.course_masks(p.dims, p.m, keep_prob, layers=p.L), keep_prob),
        "np.random.randn where rand belongs (D = randn < keep_prob)":
            _forward(p, {k: (rng.randn(*D.shape) < keep_prob) * 1.0 for k, D in masks.items()}, keep_prob),
        "no dropout at all": _forward(p)}
    A3, course_cache = unpack(ctx.call(fn, ctx.array(p.X), ctx.arrays(p.params), keep_prob), 2, "(A3, cache)")

    def judged(quantity: str, got, key: str):
        mistakes = [(words, values[key]) for words, values in variants.items() if key in values]
        return judge("forward_propagation_with_dropout", quantity, got, cache[key], p.m, mistakes)

    yield judged("A3", A3, "A3")  # before the cache, which may not be the course's (a D3 in it)
    names = ("Z1", "D1", "A1", "W1", "b1", "Z2", "D2", "A2", "W2", "b2", "Z3", "A3", "W3", "b3")
    found = dict(zip(names, unpack(course_cache, len(names), CACHE), strict=True))
    for key in ("D1", "A1", "D2", "A2"):
        yield judged(f"cache {key}", found[key], key)
    X, parameters, keep_prob = published.FORWARD_WITH_DROPOUT_ARGS
    A3, _ = unpack(ctx.call(fn, ctx.array(X), ctx.arrays(parameters), keep_prob), 2, "(A3, cache)")
    yield judge("forward_propagation_with_dropout", "published A3", A3, published.FORWARD_WITH_DROPOUT_A3, m=5,
                kind="published")


def check_backward_propagation_with_dropout(ctx: Context, fn):
    p = problems.three_layer()
    keep_prob = BACKWARD_KEEP_PROB
    masks = _masks(p, keep_prob)
    cache, grads = _oracle(p, keep_prob, masks)
    variants = {
        "the mask not applied to dA (dA * D missing): the units dropped forward get a gradient":
            _backward(p, cache, None, keep_prob),
        "no division by keep_prob in backward (dA is scaled as A was)": _backward(p, cache, masks),
        "dA multiplied by keep_prob where dividing belongs": _backward(p, cache, masks, 1 / keep_prob),
        "no dropout in backward (neither the mask nor the 1 / keep_prob)": _backward(p, cache, dropout=False)}
    got = ctx.call(fn, ctx.array(p.X), ctx.array(p.Y), _course_cache(ctx, p, cache, dropout=True), keep_prob)
    for l in range(1, p.L + 1):
        for key in (f"dW{l}", f"db{l}"):
            mistakes = [(words, values[key]) for words, values in variants.items()]
            yield judge("backward_propagation_with_dropout", key, entry(got, key, "gradients"), grads[key], p.m,
                        mistakes)


CHECKS = {"compute_cost_with_regularization": check_compute_cost_with_regularization,
          "backward_propagation_with_regularization": check_backward_propagation_with_regularization,
          "forward_propagation_with_dropout": check_forward_propagation_with_dropout,
          "backward_propagation_with_dropout": check_backward_propagation_with_dropout}
