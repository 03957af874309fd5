"""Stand-in for the course's ``dnn_utils`` / ``dnn_utils_v2`` (week 4, "Step by Step").

Each activation returns ``(A, cache)`` with ``cache = Z``, and each backward function takes that cache,
as the course's file does, assertions included.
"""

import numpy as np


def sigmoid(Z):
    """A = 1 / (1 + e^-Z), and the cache Z."""
    A = 1 / (1 + np.exp(-Z))
    cache = Z
    return A, cache


def relu(Z):
    """A = max(0, Z), and the cache Z."""
    A = np.maximum(0, Z)
    assert A.shape == Z.shape
    cache = Z
    return A, cache


def relu_backward(dA, cache):
    """dZ = dA where Z > 0, else 0."""
    Z = cache
    dZ = np.array(dA, copy=True)  # a copy, so that the caller's dA is left alone
    dZ[Z <= 0] = 0
    assert dZ.shape == Z.shape
    return dZ


def sigmoid_backward(dA, cache):
    """dZ = dA * s (1 - s), s = sigmoid(Z)."""
    Z = cache
    s = 1 / (1 + np.exp(-Z))
    dZ = dA * s * (1 - s)
    assert dZ.shape == Z.shape
    return dZ
