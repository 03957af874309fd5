"""JAX backend: the course's vectorized equations in jax.numpy, with manual backpropagation.

Every ``impl_*`` package has the same modules and the same public functions, in the same order;
this one adds ``jax.grad`` (``autodiff_gradients``, ``train_autodiff``) and compiles each training
loop once with ``jax.jit`` over ``jax.lax.scan``. The equations are in ``reference/NOTATION.md``.

JAX computes in float32 unless 64-bit mode is on, and then silently turns float64 input into
float32. ``precision("float64")`` is the scoped ``jax.enable_x64(True)`` context; importing this
package leaves the global ``jax_enable_x64`` flag as it is.
"""

import contextlib

import jax
import jax.numpy as jnp
import numpy as np

from reference.validation import check_dtype

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
from .initializers import _check_precision

NAME = "jax"


def asarray(x, dtype="float64"):
    """A NumPy array (or nested list) as this backend's array of ``dtype``; float64 needs precision("float64")."""
    return jnp.asarray(x, dtype=_check_precision(dtype))


def to_numpy(x):
    """This backend's array as a NumPy array."""
    return np.array(x)  # a writable copy: np.asarray would give a read-only view of JAX's buffer


def precision(dtype="float64"):
    """Context for computing in ``dtype``: jax.enable_x64(True) for float64, no switch for float32."""
    return jax.enable_x64(True) if check_dtype(dtype) == "float64" else contextlib.nullcontext()


__all__ = [
    "NAME", "activations", "asarray", "cost", "deep_nn", "gradient_check", "initializers",
    "layers", "logistic_regression",
    "optimizers", "own_optimizers", "precision", "regularization", "shallow_nn", "to_numpy",
]
