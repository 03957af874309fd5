"""The course's week 3 cells, complete: "Planar data classification with one hidden layer".

The hidden layer is tanh, the output a sigmoid unit (planar_utils' ``sigmoid``, which returns the array alone).
"""
# ruff: noqa: NPY002  (the course draws from the global np.random)

import numpy as np

from ..confined.course_helpers.planar_utils import sigmoid  # noqa: F401  (an earlier cell's import)


def layer_sizes(X, Y):
    """(n_x, n_h = 4, n_y) from X (n_x, m) and Y (n_y, m)."""
    n_x = X.shape[0]
    n_h = 4
    n_y = Y.shape[0]
    return (n_x, n_h, n_y)


def initialize_parameters(n_x, n_h, n_y):
    """W1 (n_h, n_x), W2 (n_y, n_h) as randn * 0.01; b1, b2 zeros."""
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


def forward_propagation(X, parameters):
    """A2 and the cache {"Z1", "A1", "Z2", "A2"}."""
    Z1 = np.dot(parameters["W1"], X) + parameters["b1"]  # (n_h, m)
    A1 = np.tanh(Z1)
    Z2 = np.dot(parameters["W2"], A1) + parameters["b2"]  # (n_y, m)
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2, Y, parameters=None):
    """J = -(1/m) sum[Y log A2 + (1 - Y) log(1 - A2)], a number (the older release also took the parameters)."""
    m = Y.shape[1]
    logprobs = np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), 1 - Y)
    cost = -np.sum(logprobs) / m
    return float(np.squeeze(cost))


def backward_propagation(parameters, cache, X, Y):
    """grads {"dW1", "db1", "dW2", "db2"}, with tanh'(Z1) = 1 - A1**2."""
    m = X.shape[1]
    W2, A1, A2 = parameters["W2"], cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dW2 = 1 / m * np.dot(dZ2, A1.T)
    db2 = 1 / m * np.sum(dZ2, axis=1, keepdims=True)
    dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))
    dW1 = 1 / m * np.dot(dZ1, X.T)
    db1 = 1 / m * np.sum(dZ1, axis=1, keepdims=True)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def update_parameters(parameters, grads, learning_rate=1.2):
    """Every parameter minus learning_rate times its gradient, as new arrays."""
    return {key: parameters[key] - learning_rate * grads["d" + key] for key in ("W1", "b1", "W2", "b2")}


def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
    """Gradient descent from initialize_parameters, learning rate 1.2: the parameters."""
    n_x, _, n_y = layer_sizes(X, Y)
    parameters = initialize_parameters(n_x, n_h, n_y)
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        cost = compute_cost(A2, Y)
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads, learning_rate=1.2)
        if print_cost and i % 1000 == 0:
            print(f"Cost after iteration {i}: {cost:f}")
    return parameters


def predict(parameters, X):
    """predictions (1, m): A2 > 0.5."""
    A2, cache = forward_propagation(X, parameters)
    return A2 > 0.5
