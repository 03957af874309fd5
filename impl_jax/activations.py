"""Activations and their derivatives in JAX (equations: reference/NOTATION.md).

jax.grad must agree with the course's derivatives at exactly 0: ``jax.nn.relu`` has a custom
derivative of 0 there (``jnp.maximum(Z, 0)`` would give 0.5), and ``jax.nn.leaky_relu`` gives 1 at
0 (it tests Z >= 0), so leaky_relu is written with ``Z > 0`` to give the course's 0.01.
"""

import jax
import jax.numpy as jnp

from reference.validation import check_activation

LEAKY_SLOPE = 0.01


def sigmoid(Z):
    """sigmoid(Z) = 1 / (1 + e^-Z)."""
    return jax.nn.sigmoid(Z)  # lax.logistic: 0 and 1 at the extremes, no overflow


def sigmoid_derivative(Z):
    """sigmoid'(Z) = s (1 - s)."""
    s = sigmoid(Z)
    return s * (1 - s)


def tanh(Z):
    """tanh(Z)."""
    return jnp.tanh(Z)


def tanh_derivative(Z):
    """tanh'(Z) = 1 - tanh(Z)^2."""
    return 1 - jnp.tanh(Z) ** 2


def relu(Z):
    """relu(Z) = max(0, Z)."""
    return jax.nn.relu(Z)  # custom derivative: relu'(0) = 0 under jax.grad


def relu_derivative(Z):
    """relu'(Z) = 1 where Z > 0, else 0 (relu'(0) = 0)."""
    return (Z > 0).astype(Z.dtype)


def leaky_relu(Z):
    """leaky_relu(Z) = Z where Z > 0, else 0.01 Z."""
    return jnp.where(Z > 0, Z, LEAKY_SLOPE * Z)  # jax.grad takes the 0.01 branch at 0


def leaky_relu_derivative(Z):
    """leaky_relu'(Z) = 1 where Z > 0, else 0.01 (leaky_relu'(0) = 0.01)."""
    return jnp.where(Z > 0, 1, LEAKY_SLOPE).astype(Z.dtype)


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
