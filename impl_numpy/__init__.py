"""NumPy backend: the course's vectorized equations, with manual backpropagation.

Every ``impl_*`` package has the same modules and the same public functions, in the same order;
this one is the reference the others are compared against. The equations are in
``reference/NOTATION.md``.
"""

import contextlib

import numpy as np

from . import (
    activations,
    cost,
    deep_nn,
    gradient_check,
    initializers,
    logistic_regression,
    optimizers,
    regularization,
    shallow_nn,
)

NAME = "numpy"


def asarray(x, dtype="float64"):
    """A NumPy array (or nested list) as this backend's array of ``dtype``."""
    return np.asarray(x, dtype=dtype)


def to_numpy(x):
    """This backend's array as a NumPy array."""
    return np.asarray(x)


def precision(dtype="float64"):
    """Context for computing in ``dtype``; NumPy needs no switch."""
    return contextlib.nullcontext()


__all__ = [
    "NAME", "activations", "asarray", "cost", "deep_nn", "gradient_check", "initializers",
    "logistic_regression",
    "optimizers", "precision", "regularization", "shallow_nn", "to_numpy",
]
