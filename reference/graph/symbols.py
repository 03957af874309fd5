"""The course's symbols for one gradient step of a model, with their values from the loop oracle.

A graph's operations are labelled by value: a node is ``dZ1`` because its value is the oracle's dZ1 within the
tolerance table, not because of its name. Besides the course's own intermediates (Z, A, dZ, dA, dW, db and J)
the candidates include the forms in which a framework meets them: ``dZ2/m`` (= dJ/dZ2, where autodiff carries the
cost's 1/m from the start), ``m dW1`` (dZ1 A0^T before the course divides by m), ``W1 A0`` (the matrix product
before b is added), g'(Z1), and each matrix transposed (``A1^T``). ``dA0`` is the gradient with respect to X,
which no backend should compute.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..proof import oracle

# Small, distinct sizes so that every matrix product's shape names its equation: n_x = 3, hidden 5 and 4, m = 7
DIMS = {"logistic_regression": [3, 1], "shallow_nn": [3, 4, 1], "deep_nn": [3, 5, 4, 1]}
M = 7
DEFAULT_ACTIVATION = {"logistic_regression": None, "shallow_nn": "tanh", "deep_nn": "relu"}


@dataclass(frozen=True)
class Symbol:
    name: str         # "dZ2", "dZ2/m", "A1^T"
    value: np.ndarray
    quantity: str     # the tolerance table's entry: forward, cost or gradients
    equation: str     # how the course writes it (models.course_intermediates lists those every graph must have)


def problem(model: str, seed: int = 0) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray]:
    """params, X (n_x, m) and Y (1, m) in float64: W ~ N(0, 1/n[l-1]), b ~ N(0, 0.25), labels of both kinds.

    The first draw from ``seed`` on in which every row of every Z[l] has entries of both signs: otherwise
    max(Z, 0) or |Z| would equal Z itself, and a value could not tell them apart."""
    dims = DIMS[model]
    Y = np.array([[1.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0]])
    while True:
        rng = np.random.default_rng(seed)
        X = rng.normal(size=(dims[0], M))
        params = {}
        for l in range(1, len(dims)):
            params[f"W{l}"] = rng.normal(size=(dims[l], dims[l - 1])) / np.sqrt(dims[l - 1])
            params[f"b{l}"] = rng.normal(size=(dims[l], 1)) / 2
        _, cache = oracle.forward_propagation(X, params, "relu")
        if all((np.min(row) < 0 < np.max(row)) for l in range(1, len(dims)) for row in np.array(cache[f"Z{l}"])):
            return params, X, Y
        seed += 1


def layer_count(model: str) -> int:
    return len(DIMS[model]) - 1


def symbols(model: str, activation: str | None, params, X, Y) -> list[Symbol]:
    """Every candidate label for the step's nodes, in the order labels are tried (the course's forms first)."""
    L = layer_count(model)
    m = X.shape[1]
    act = activation or "sigmoid"
    AL, cache = oracle.forward_propagation(X, params, act)
    c = {key: np.array(value) for key, value in cache.items()}
    out = [Symbol("J", np.array(oracle.compute_cost(AL, Y)), "cost", "J = -(1/m) sum[Y log A + (1-Y) log(1-A)]")]
    for l in range(1, L + 1):
        g = "sigmoid" if l == L else "g"
        out += [Symbol(f"Z{l}", c[f"Z{l}"], "forward", f"Z{l} = W{l} A{l - 1} + b{l}"),
                Symbol(f"A{l}", c[f"A{l}"], "forward", f"A{l} = {g}(Z{l})"),
                Symbol(f"W{l} A{l - 1}", c[f"Z{l}"] - np.array(params[f"b{l}"]), "forward",
                       f"the product in Z{l}")]
    dZ = c[f"A{L}"] - np.array(Y)
    for l in range(L, 0, -1):
        dA_prev, dW, db = (np.array(v) for v in oracle.linear_backward(dZ, c[f"A{l - 1}"], params[f"W{l}"]))
        dZ_eq = f"dZ{L} = A{L} - Y" if l == L else f"dZ{l} = dA{l} * g'(Z{l})"
        out += [Symbol(f"dZ{l}", dZ, "gradients", dZ_eq),
                Symbol(f"dZ{l}/m", dZ / m, "gradients", f"dJ/dZ{l}: the course's dZ{l} with the 1/m"),
                Symbol(f"dW{l}", dW, "gradients", f"dW{l} = dZ{l} A{l - 1}^T / m"),
                Symbol(f"db{l}", db, "gradients", f"db{l} = sum(dZ{l}) / m"),
                Symbol(f"m dW{l}", dW * m, "gradients", f"dZ{l} A{l - 1}^T, before / m"),
                Symbol(f"m db{l}", db * m, "gradients", f"sum(dZ{l}), before / m")]
        name = f"dA{l - 1}" if l > 1 else "dA0 (dX)"
        out += [Symbol(name, dA_prev, "gradients", f"dA{l - 1} = W{l}^T dZ{l}"),
                Symbol(f"{name}/m", dA_prev / m, "gradients", f"dJ/dA{l - 1}")]
        if l > 1:
            g_prime = np.array([[oracle.ACTIVATIONS[act][1](z) for z in row] for row in c[f"Z{l - 1}"]])
            out.append(Symbol(f"g'(Z{l - 1})", g_prime, "gradients", f"{act}'(Z{l - 1})"))
            dZ = dA_prev * g_prime
    out += [Symbol("X", np.array(X), "forward", "X = A0, the examples as columns")]
    out += [Symbol(name, np.array(value), "forward", "a parameter") for name, value in params.items()]
    out += [Symbol(s.name + "^T", s.value.T, s.quantity, s.equation + ", transposed")
            for s in out if s.value.ndim == 2 and s.value.size > 1]
    return out


def manual_matmuls(model: str, m: int = M) -> list[tuple[str, tuple[tuple[int, int], int]]]:
    """The matrix products of the course's equations: (label, (output shape, inner size)), forward then backward:
    W[l] A[l-1] for every layer, dZ[l] A[l-1]^T for every layer, W[l]^T dZ[l] for l > 1 (never for X)."""
    n = DIMS[model]
    L = len(n) - 1
    products = [(f"W{l} A{l - 1}", ((n[l], m), n[l - 1])) for l in range(1, L + 1)]
    for l in range(L, 0, -1):
        products.append((f"dW{l}", ((n[l], n[l - 1]), m)))
        if l > 1:
            products.append((f"dA{l - 1}", ((n[l - 1], m), n[l])))
    return products
