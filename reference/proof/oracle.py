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


def linear_forward(A_prev, W, b):
    """z_ji = b_j + sum_k W_jk a_prev_ki, for every unit j and example i."""
    A_prev, W = _rows(A_prev), _rows(W)
    b = [row[0] for row in _rows(b)]
    m = len(A_prev[0])
    Z = [[0.0] * m for _ in W]
    for i in range(m):
        for j in range(len(W)):
            z = b[j]
            for k in range(len(A_prev)):
                z += W[j][k] * A_prev[k][i]
            Z[j][i] = z
    return Z


def linear_backward(dZ, A_prev, W):
    """From dz of one layer:

        dW_jk      = (1/m) sum_i dz_ji a_prev_ki
        db_j       = (1/m) sum_i dz_ji
        da_prev_ki = sum_j W_jk dz_ji
    """
    dZ, A_prev, W = _rows(dZ), _rows(A_prev), _rows(W)
    n, n_prev, m = len(W), len(A_prev), len(dZ[0])
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
    dA_prev = [[0.0] * m for _ in range(n_prev)]
    for i in range(m):
        for k in range(n_prev):
            for j in range(n):
                dA_prev[k][i] += W[j][k] * dZ[j][i]
    return dA_prev, dW, db


def activation_backward(dA, Z, activation):
    """dz_ji = da_ji g'(z_ji)."""
    g_prime = ACTIVATIONS[activation][1]
    return [[da * g_prime(z) for da, z in zip(da_row, z_row, strict=True)]
            for da_row, z_row in zip(_rows(dA), _rows(Z), strict=True)]


def forward_propagation(X, params, activation="relu", keep_prob=1.0, masks=None):
    """For every example i, layer l and unit j:

        z[l]_ji = b[l]_j + sum_k W[l]_jk a[l-1]_ki
        a[l]_ji = g(z[l]_ji) for l < L, sigmoid(z[L]_ji) for the output layer

    and with dropout's masks d[l] (course 2, week 1), for the hidden layers only:

        a[l]_ji = g(z[l]_ji) d[l]_ji / keep_prob
    """
    L = len(params) // 2
    cache = {"A0": _rows(X)}
    for l in range(1, L + 1):
        g = sigmoid if l == L else ACTIVATIONS[activation][0]
        Z = linear_forward(cache[f"A{l - 1}"], params[f"W{l}"], params[f"b{l}"])
        A = [[g(z) for z in row] for row in Z]
        if l < L and masks is not None:
            D = cache[f"D{l}"] = _rows(masks[f"D{l}"])
            A = [[a * d / keep_prob for a, d in zip(a_row, d_row, strict=True)]
                 for a_row, d_row in zip(A, D, strict=True)]
        cache[f"Z{l}"], cache[f"A{l}"] = Z, A
    return cache[f"A{L}"], cache


def l2_cost(params, lambd: float, m: int) -> float:
    """(lambd / (2 m)) sum_l sum_jk W[l]_jk^2: L2's term (course 2, week 1); the biases are not in it."""
    total = 0.0
    for l in range(1, len(params) // 2 + 1):
        for row in _rows(params[f"W{l}"]):
            for w in row:
                total += w * w
    return lambd / (2 * m) * total


def compute_cost(AL, Y, params=None, lambd: float = 0.0) -> float:
    """J = -(1/m) sum_i [ y_i log a_i + (1 - y_i) log(1 - a_i) ], the course's formula as written, plus
    l2_cost when lambd > 0."""
    a, y = _rows(AL)[0], _rows(Y)[0]
    m = len(y)
    total = 0.0
    for i in range(m):
        total += y[i] * math.log(a[i]) + (1 - y[i]) * math.log(1 - a[i])
    return -total / m + (l2_cost(params, lambd, m) if lambd else 0.0)


def backward_propagation(params, cache, Y, activation="relu", lambd=0.0, keep_prob=1.0):
    """For every example i, from the output layer down (linear_backward, activation_backward):

        dz[L]_i    = a[L]_i - y_i
        da[l-1]_ki = (sum_j W[l]_jk dz[l]_ji) d[l-1]_ki / keep_prob   (the d only where forward dropped)
        dz[l-1]_ki = da[l-1]_ki g'(z[l-1]_ki)
        dW[l]_jk  += (lambd / m) W[l]_jk                               (L2; db[l] has no such term)
    """
    y = _rows(Y)[0]
    m = len(y)
    L = len(params) // 2
    dZ = [[a - y_i for a, y_i in zip(_rows(cache[f"A{L}"])[0], y, strict=True)]]
    grads = {}
    for l in range(L, 0, -1):
        dA_prev, dW, grads[f"db{l}"] = linear_backward(dZ, cache[f"A{l - 1}"], params[f"W{l}"])
        W = _rows(params[f"W{l}"])
        grads[f"dW{l}"] = [[dw + lambd / m * w for dw, w in zip(dw_row, w_row, strict=True)]
                           for dw_row, w_row in zip(dW, W, strict=True)]
        if l > 1:
            if f"D{l - 1}" in cache:
                dA_prev = [[da * d / keep_prob for da, d in zip(da_row, d_row, strict=True)]
                           for da_row, d_row in zip(dA_prev, cache[f"D{l - 1}"], strict=True)]
            dZ = activation_backward(dA_prev, cache[f"Z{l - 1}"], activation)
    return grads


def update_parameters(params, grads, learning_rate):
    """V_jk := V_jk - alpha dV_jk for every parameter."""
    return {
        name: [[x - learning_rate * dx for x, dx in zip(row, drow, strict=True)]
               for row, drow in zip(_rows(value), grads["d" + name], strict=True)]
        for name, value in params.items()
    }


def train(X, Y, params, learning_rate, num_iterations, activation="relu", lambd=0.0, keep_prob=1.0, masks=None):
    """Batch gradient descent (with L2 and one set of dropout masks for every step, as the course's notebook);
    the cost before each update."""
    costs = []
    for _ in range(num_iterations):
        AL, cache = forward_propagation(X, params, activation, keep_prob, masks)
        costs.append(compute_cost(AL, Y, params, lambd))
        grads = backward_propagation(params, cache, Y, activation, lambd, keep_prob)
        params = update_parameters(params, grads, learning_rate)
    return params, costs


def init_std(init: str, n_in: int, n_out: int) -> float:
    """The standard deviation each initializer aims for (reference/NOTATION.md)."""
    return {
        "zeros": 0.0,
        "random_small": 0.01,
        "random": 10.0,
        "xavier": math.sqrt(1 / n_in),
        "glorot": math.sqrt(2 / (n_in + n_out)),
        "he": math.sqrt(2 / n_in),
    }[init]
