"""The loop oracle: the course's equations with plain Python floats, one example and one unit at a time.

No NumPy and no vectorization: every sum is a ``for`` loop over the indices in the equation, so
the code can be read against the math line by line and checked against the vectorized backends
on small problems. Matrices are lists of rows (``M[j][i]``); inputs may be anything with
``.tolist()`` or nested lists. Logistic regression is the case L = 1 and the shallow network the
case L = 2: the hidden activation then applies to no layer or to layer 1 only.
"""

from __future__ import annotations

import math

LEAKY_SLOPE = 0.01


def _rows(M) -> list[list[float]]:
    M = M.tolist() if hasattr(M, "tolist") else M
    return [[float(x) for x in row] for row in M]


def sigmoid(z: float) -> float:
    """sigmoid(z) = 1 / (1 + e^-z), written so that e^x never overflows."""
    if z >= 0:
        return 1 / (1 + math.exp(-z))
    return math.exp(z) / (1 + math.exp(z))


def sigmoid_derivative(z: float) -> float:
    """sigmoid'(z) = s (1 - s)."""
    s = sigmoid(z)
    return s * (1 - s)


def tanh(z: float) -> float:
    return math.tanh(z)


def tanh_derivative(z: float) -> float:
    """tanh'(z) = 1 - tanh(z)^2."""
    return 1 - math.tanh(z) ** 2


def relu(z: float) -> float:
    return z if z > 0 else 0.0


def relu_derivative(z: float) -> float:
    """1 for z > 0, else 0: relu'(0) = 0 as in the course."""
    return 1.0 if z > 0 else 0.0


def leaky_relu(z: float) -> float:
    return z if z > 0 else LEAKY_SLOPE * z


def leaky_relu_derivative(z: float) -> float:
    """1 for z > 0, else 0.01: leaky_relu'(0) = 0.01."""
    return 1.0 if z > 0 else LEAKY_SLOPE


ACTIVATIONS = {
    "sigmoid": (sigmoid, sigmoid_derivative),
    "tanh": (tanh, tanh_derivative),
    "relu": (relu, relu_derivative),
    "leaky_relu": (leaky_relu, leaky_relu_derivative),
}


def forward_propagation(X, params, activation="relu"):
    """For every example i, layer l and unit j:

        z[l]_ji = b[l]_j + sum_k W[l]_jk a[l-1]_ki
        a[l]_ji = g(z[l]_ji) for l < L, sigmoid(z[L]_ji) for the output layer
    """
    X = _rows(X)
    L = len(params) // 2
    W = {l: _rows(params[f"W{l}"]) for l in range(1, L + 1)}
    b = {l: [row[0] for row in _rows(params[f"b{l}"])] for l in range(1, L + 1)}
    m = len(X[0])
    cache = {"A0": X}
    for l in range(1, L + 1):
        g = sigmoid if l == L else ACTIVATIONS[activation][0]
        A_prev = cache[f"A{l - 1}"]
        Z = [[0.0] * m for _ in W[l]]
        A = [[0.0] * m for _ in W[l]]
        for i in range(m):
            for j in range(len(W[l])):
                z = b[l][j]
                for k in range(len(A_prev)):
                    z += W[l][j][k] * A_prev[k][i]
                Z[j][i] = z
                A[j][i] = g(z)
        cache[f"Z{l}"], cache[f"A{l}"] = Z, A
    return cache[f"A{L}"], cache


def compute_cost(AL, Y) -> float:
    """J = -(1/m) sum_i [ y_i log a_i + (1 - y_i) log(1 - a_i) ], the course's formula as written."""
    a, y = _rows(AL)[0], _rows(Y)[0]
    m = len(y)
    total = 0.0
    for i in range(m):
        total += y[i] * math.log(a[i]) + (1 - y[i]) * math.log(1 - a[i])
    return -total / m


def backward_propagation(params, cache, Y, activation="relu"):
    """For every example i, from the output layer down:

        dz[L]_i   = a[L]_i - y_i
        dW[l]_jk  = (1/m) sum_i dz[l]_ji a[l-1]_ki
        db[l]_j   = (1/m) sum_i dz[l]_ji
        da[l-1]_ki = sum_j W[l]_jk dz[l]_ji
        dz[l-1]_ki = da[l-1]_ki g'(z[l-1]_ki)
    """
    y = _rows(Y)[0]
    m = len(y)
    L = len(params) // 2
    W = {l: _rows(params[f"W{l}"]) for l in range(1, L + 1)}
    g_prime = ACTIVATIONS[activation][1]
    dZ = [[cache[f"A{L}"][0][i] - y[i] for i in range(m)]]
    grads = {}
    for l in range(L, 0, -1):
        A_prev = cache[f"A{l - 1}"]
        n, n_prev = len(W[l]), len(A_prev)
        dW = [[0.0] * n_prev for _ in range(n)]
        db = [[0.0] for _ in range(n)]
        for j in range(n):
            for i in range(m):
                db[j][0] += dZ[j][i]
                for k in range(n_prev):
                    dW[j][k] += dZ[j][i] * A_prev[k][i]
            db[j][0] /= m
            for k in range(n_prev):
                dW[j][k] /= m
        grads[f"dW{l}"], grads[f"db{l}"] = dW, db
        if l > 1:
            Z_prev = cache[f"Z{l - 1}"]
            dZ_prev = [[0.0] * m for _ in range(n_prev)]
            for i in range(m):
                for k in range(n_prev):
                    da = 0.0
                    for j in range(n):
                        da += W[l][j][k] * dZ[j][i]
                    dZ_prev[k][i] = da * g_prime(Z_prev[k][i])
            dZ = dZ_prev
    return grads


def update_parameters(params, grads, learning_rate):
    """V_jk := V_jk - alpha dV_jk for every parameter."""
    return {
        name: [[x - learning_rate * dx for x, dx in zip(row, drow, strict=True)]
               for row, drow in zip(_rows(value), grads["d" + name], strict=True)]
        for name, value in params.items()
    }


def train(X, Y, params, learning_rate, num_iterations, activation="relu"):
    """Batch gradient descent; the cost before each update."""
    costs = []
    for _ in range(num_iterations):
        AL, cache = forward_propagation(X, params, activation)
        costs.append(compute_cost(AL, Y))
        grads = backward_propagation(params, cache, Y, activation)
        params = update_parameters(params, grads, learning_rate)
    return params, costs


def init_std(init: str, n_in: int, n_out: int) -> float:
    """The standard deviation each initializer aims for (reference/NOTATION.md)."""
    return {
        "zeros": 0.0,
        "random_small": 0.01,
        "xavier": math.sqrt(1 / n_in),
        "glorot": math.sqrt(2 / (n_in + n_out)),
        "he": math.sqrt(2 / n_in),
    }[init]
