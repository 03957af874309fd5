"""Weight initializers in JAX, from ``jax.nn.initializers`` (reference/NOTATION.md).

``rng`` is a ``jax.random`` key, split once per layer from ``jax.random.key(seed)``; the draws
differ from NumPy's ``randn``, so the tests compare standard deviations, not values. JAX's
initializers read fan-in from axis -2 and fan-out from axis -1 (the (in, out) kernel layout);
the course's W is (n_out, n_in), so every call passes ``in_axis=-1, out_axis=-2``.
"""

import jax
import jax.numpy as jnp
import numpy as np

from reference.validation import check_dtype, check_init, check_layer_sizes, check_seed

_COURSE_LAYOUT = {"in_axis": -1, "out_axis": -2}  # W (n_out, n_in): fan-in on axis -1, not JAX's -2


def _check_precision(dtype):
    """``dtype``, after checking that JAX can make it: float64 needs 64-bit mode, i.e. precision("float64")."""
    if np.dtype(dtype) == np.float64 and not jax.config.jax_enable_x64:  # jnp would silently give float32
        raise ValueError("dtype: expected 'float32', or 'float64' inside `with impl_jax.precision('float64'):` "
                         "(JAX computes in float32 unless 64-bit mode is on), got 'float64' outside it")
    return dtype


def zeros(shape, rng, dtype="float64"):
    """W = 0."""
    return jax.nn.initializers.zeros(rng, shape, dtype)


def random_small(shape, rng, dtype="float64"):
    """W = randn * 0.01."""
    return jax.nn.initializers.normal(0.01)(rng, shape, dtype)


def random(shape, rng, dtype="float64"):
    """W = randn * 10, the initialization assignment's large random weights (course 2, week 1)."""
    return jax.nn.initializers.normal(10.0)(rng, shape, dtype)


# variance_scaling(scale, mode, "normal") draws randn * sqrt(scale / fan); "normal" is the plain
# normal in JAX 0.10 ("truncated_normal" is what he_normal and glorot_normal use).
def xavier(shape, rng, dtype="float64"):
    """W = randn * sqrt(1 / n[l-1]), the course's variant."""
    return jax.nn.initializers.variance_scaling(1.0, "fan_in", "normal", **_COURSE_LAYOUT)(rng, shape, dtype)


def glorot(shape, rng, dtype="float64"):
    """W = randn * sqrt(2 / (n[l-1] + n[l]))."""
    return jax.nn.initializers.variance_scaling(1.0, "fan_avg", "normal", **_COURSE_LAYOUT)(rng, shape, dtype)


def he(shape, rng, dtype="float64"):
    """W = randn * sqrt(2 / n[l-1])."""
    return jax.nn.initializers.variance_scaling(2.0, "fan_in", "normal", **_COURSE_LAYOUT)(rng, shape, dtype)


def he_truncated(shape, rng, dtype="float64"):
    """JAX's he_normal: a normal truncated at 2 sigma, rescaled to std sqrt(2 / n[l-1])."""
    return jax.nn.initializers.he_normal(**_COURSE_LAYOUT)(rng, shape, dtype)


def glorot_truncated(shape, rng, dtype="float64"):
    """JAX's glorot_normal: a normal truncated at 2 sigma, rescaled to std sqrt(2 / (n[l-1] + n[l]))."""
    return jax.nn.initializers.glorot_normal(**_COURSE_LAYOUT)(rng, shape, dtype)


INITIALIZERS = {"zeros": zeros, "random_small": random_small, "random": random, "xavier": xavier,
                "glorot": glorot, "he": he}


def initialize_parameters(layer_dims, init="he", seed=0, dtype="float64"):
    """{"W1", "b1", ..., "WL", "bL"} for ``layer_dims`` = [n_x, n[1], ..., n[L]]; biases are zero."""
    layer_dims = check_layer_sizes("layer_dims", layer_dims)
    initializer = INITIALIZERS[check_init(init)]
    dtype = check_dtype(dtype)
    seed = check_seed(seed)
    _check_precision(dtype)  # after NumPy's checks, so that bad input gets NumPy's message first
    rng = jax.random.key(seed)
    params = {}
    for l in range(1, len(layer_dims)):
        rng, layer_rng = jax.random.split(rng)
        params[f"W{l}"] = initializer((layer_dims[l], layer_dims[l - 1]), layer_rng, dtype)  # (n[l], n[l-1])
        params[f"b{l}"] = jnp.zeros((layer_dims[l], 1), dtype=dtype)                         # (n[l], 1)
    return params


__all__ = ["zeros", "random_small", "random", "xavier", "glorot", "he", "INITIALIZERS", "initialize_parameters",
           "he_truncated", "glorot_truncated"]
