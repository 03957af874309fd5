"""Weight initializers in NumPy, drawn with the course's ``np.random.randn`` (reference/NOTATION.md).

A legacy ``RandomState`` is used on purpose: with the course's seeds it reproduces the course's
published numbers (``initialize_parameters_deep([5, 4, 3])`` with seed 3, say).
"""

import numpy as np

from reference.validation import check_dtype, check_init, check_layer_sizes, check_seed


def zeros(shape, rng, dtype="float64"):
    """W = 0."""
    return np.zeros(shape, dtype=dtype)


def random_small(shape, rng, dtype="float64"):
    """W = randn * 0.01."""
    return (rng.randn(*shape) * 0.01).astype(dtype)


def random(shape, rng, dtype="float64"):
    """W = randn * 10, the initialization assignment's large random weights (course 2, week 1)."""
    return (rng.randn(*shape) * 10).astype(dtype)


def xavier(shape, rng, dtype="float64"):
    """W = randn * sqrt(1 / n[l-1]), the course's variant."""
    n_out, n_in = shape
    return (rng.randn(n_out, n_in) * np.sqrt(1 / n_in)).astype(dtype)


def glorot(shape, rng, dtype="float64"):
    """W = randn * sqrt(2 / (n[l-1] + n[l]))."""
    n_out, n_in = shape
    return (rng.randn(n_out, n_in) * np.sqrt(2 / (n_in + n_out))).astype(dtype)


def he(shape, rng, dtype="float64"):
    """W = randn * sqrt(2 / n[l-1])."""
    n_out, n_in = shape
    return (rng.randn(n_out, n_in) * np.sqrt(2 / n_in)).astype(dtype)


INITIALIZERS = {"zeros": zeros, "random_small": random_small, "random": random, "xavier": xavier,
                "glorot": glorot, "he": he}


def initialize_parameters(layer_dims, init="he", seed=0, dtype="float64"):
    """{"W1", "b1", ..., "WL", "bL"} for ``layer_dims`` = [n_x, n[1], ..., n[L]]; biases are zero."""
    layer_dims = check_layer_sizes("layer_dims", layer_dims)
    initializer = INITIALIZERS[check_init(init)]
    dtype = check_dtype(dtype)
    rng = np.random.RandomState(check_seed(seed))
    params = {}
    for l in range(1, len(layer_dims)):
        params[f"W{l}"] = initializer((layer_dims[l], layer_dims[l - 1]), rng, dtype)  # (n[l], n[l-1])
        params[f"b{l}"] = np.zeros((layer_dims[l], 1), dtype=dtype)                   # (n[l], 1)
    return params
