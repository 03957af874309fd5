"""A learner's week-3 network, written from the course's equations: try `rosetta check examples/my_shallow_nn.py`.

It has one classic mistake on purpose (see backward_propagation); fix it and every line passes.
"""

import numpy as np


def sigmoid(Z):
    return 1 / (1 + np.exp(-Z))


def tanh(Z):
    return np.tanh(Z)


def tanh_derivative(Z):
    return 1 - np.tanh(Z) ** 2


def compute_cost(ZL, Y):
    A = sigmoid(ZL)
    m = Y.shape[1]
    return -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m


def forward_propagation(X, params, activation="tanh"):
    Z1 = params["W1"] @ X + params["b1"]
    A1 = np.tanh(Z1)
    Z2 = params["W2"] @ A1 + params["b2"]
    A2 = sigmoid(Z2)
    return A2, {"A0": X, "Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def backward_propagation(params, cache, Y, activation="tanh"):
    m = Y.shape[1]
    dZ2 = cache["A2"] - Y
    dW2 = dZ2 @ cache["A1"].T / m
    db2 = np.sum(dZ2, axis=1, keepdims=True)  # the mistake: the course divides by m here too
    dZ1 = params["W2"].T @ dZ2 * (1 - cache["A1"] ** 2)
    dW1 = dZ1 @ cache["A0"].T / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def update_parameters(params, grads, learning_rate):
    return {k: v - learning_rate * grads["d" + k] for k, v in params.items()}


def predict(X, params, activation="tanh"):
    A2, _ = forward_propagation(X, params)
    return (A2 > 0.5).astype(float)
