"""TensorFlow backend: the course's vectorized equations in TF ops, with manual backpropagation.

Every ``impl_*`` package has the same modules and the same public functions, in the same order;
``impl_numpy`` is the reference this one is compared against. The equations are in
``reference/NOTATION.md``. Framework extras: ``autodiff_gradients`` and ``train_autodiff`` in each
model module (tf.GradientTape), ``he_truncated`` and ``glorot_truncated`` (Keras's own HeNormal
and GlorotNormal) in ``initializers``. The training loops are compiled with ``tf.function``.
"""

import contextlib

import numpy as np
import tensorflow as tf

from . import (
    activations,
    cost,
    deep_nn,
    gradient_check,
    initializers,
    layers,
    logistic_regression,
    optimizers,
    own_optimizers,
    regularization,
    shallow_nn,
)

NAME = "tf"


def asarray(x, dtype="float64"):
    """A NumPy array (or nested list) as this backend's array of ``dtype``."""
    return tf.convert_to_tensor(np.asarray(x, dtype=dtype))  # converted in NumPy: never through float32


def to_numpy(x):
    """This backend's array as a NumPy array."""
    return np.asarray(x)


def precision(dtype="float64"):
    """Context for computing in ``dtype``; TF needs no switch (every dtype comes from the arrays)."""
    return contextlib.nullcontext()


__all__ = [
    "NAME", "activations", "asarray", "cost", "deep_nn", "gradient_check", "initializers",
    "layers", "logistic_regression",
    "optimizers", "own_optimizers", "precision", "regularization", "shallow_nn", "to_numpy",
]
