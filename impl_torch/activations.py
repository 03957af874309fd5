"""Activations and their derivatives in PyTorch (equations: reference/NOTATION.md).

The manual derivatives below are the course's. torch's own autograd agrees with them at Z = 0 for
the two functions used here: ``torch.relu`` backpropagates 0 there and ``leaky_relu`` 0.01
(``torch.maximum(Z, 0)`` would give 0.5 and ``torch.clamp(Z, min=0)`` 1, so they are not used).
"""

import torch
import torch.nn.functional as F

from reference.validation import check_activation

LEAKY_SLOPE = 0.01


def sigmoid(Z):
    """sigmoid(Z) = 1 / (1 + e^-Z)."""
    return torch.sigmoid(Z)


def sigmoid_derivative(Z):
    """sigmoid'(Z) = s (1 - s)."""
    s = sigmoid(Z)
    return s * (1 - s)


def tanh(Z):
    """tanh(Z)."""
    return torch.tanh(Z)


def tanh_derivative(Z):
    """tanh'(Z) = 1 - tanh(Z)^2."""
    return 1 - torch.tanh(Z) ** 2


def relu(Z):
    """relu(Z) = max(0, Z)."""
    return torch.relu(Z)


def relu_derivative(Z):
    """relu'(Z) = 1 where Z > 0, else 0 (relu'(0) = 0)."""
    return (Z > 0).to(Z.dtype)


def leaky_relu(Z):
    """leaky_relu(Z) = Z where Z > 0, else 0.01 Z."""
    return F.leaky_relu(Z, LEAKY_SLOPE)


def leaky_relu_derivative(Z):
    """leaky_relu'(Z) = 1 where Z > 0, else 0.01 (leaky_relu'(0) = 0.01)."""
    # full_like, not torch.where(Z > 0, 1.0, LEAKY_SLOPE): two Python scalars give a float32 tensor
    return torch.where(Z > 0, torch.ones_like(Z), torch.full_like(Z, LEAKY_SLOPE))


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
