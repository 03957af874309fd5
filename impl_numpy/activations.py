"""Activations and their derivatives in NumPy (equations: reference/NOTATION.md)."""

import numpy as np

from reference.validation import check_activation

LEAKY_SLOPE = 0.01


def sigmoid(Z):
    """sigmoid(Z) = 1 / (1 + e^-Z)."""
    with np.errstate(over="ignore"):  # e^-Z = inf for Z < -709 gives 0, the correct limit
        return 1 / (1 + np.exp(-Z))


def sigmoid_derivative(Z):
    """sigmoid'(Z) = s (1 - s)."""
    s = sigmoid(Z)
    return s * (1 - s)


def tanh(Z):
    """tanh(Z)."""
    return np.tanh(Z)


def tanh_derivative(Z):
    """tanh'(Z) = 1 - tanh(Z)^2."""
    return 1 - np.tanh(Z) ** 2


def relu(Z):
    """relu(Z) = max(0, Z)."""
    return np.maximum(Z, 0)


def relu_derivative(Z):
    """relu'(Z) = 1 where Z > 0, else 0 (relu'(0) = 0)."""
    return (Z > 0).astype(Z.dtype)


def leaky_relu(Z):
    """leaky_relu(Z) = Z where Z > 0, else 0.01 Z."""
    return np.where(Z > 0, Z, LEAKY_SLOPE * Z)


def leaky_relu_derivative(Z):
    """leaky_relu'(Z) = 1 where Z > 0, else 0.01 (leaky_relu'(0) = 0.01)."""
    return np.where(Z > 0, 1, LEAKY_SLOPE).astype(Z.dtype)


_FUNCTIONS = {
    "sigmoid": (sigmoid, sigmoid_derivative),
    "tanh": (tanh, tanh_derivative),
    "relu": (relu, relu_derivative),
    "leaky_relu": (leaky_relu, leaky_relu_derivative),
}


def activation_forward(Z, activation):
    """g(Z) for the activation named ``activation``."""
    return _FUNCTIONS[check_activation(activation)][0](Z)


def activation_backward(dA, Z, activation):
    """dZ = dA * g'(Z)."""
    return dA * _FUNCTIONS[check_activation(activation)][1](Z)
