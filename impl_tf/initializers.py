"""Weight initializers in TensorFlow, drawn with Keras's own initializers (reference/NOTATION.md).

A Keras kernel is (n_in, n_out), the transpose of the course's W (n_out, n_in), and Keras reads
fan-in from axis 0. So every initializer that scales by a fan draws the Keras layout and transposes.
The course draws from a plain normal, so xavier, glorot and he use VarianceScaling's
"untruncated_normal"; Keras's HeNormal and GlorotNormal draw from a normal truncated at 2 std and
rescaled to the same variance, another distribution: they are the extras he_truncated and
glorot_truncated. ``rng`` is a tf.random.Generator; each layer draws its integer Keras seed from it.
"""

import tensorflow as tf

from reference.validation import check_dtype, check_init, check_layer_sizes, check_seed


def _layer_seed(rng):
    """The integer seed a Keras initializer takes, drawn from ``rng``: one per layer, the same for the same seed."""
    return int(rng.uniform((), minval=0, maxval=2**31 - 1, dtype=tf.int64))


def _draw(initializer, shape, dtype):
    """A Keras initializer's draw, checked to be a TF tensor (tf.keras draws with the backend of KERAS_BACKEND)."""
    W = initializer(shape, dtype=dtype)
    if not tf.is_tensor(W):
        raise RuntimeError(f"impl_tf draws weights with tf.keras, whose backend is {tf.keras.backend.backend()!r} "
                           "here: set KERAS_BACKEND=tensorflow (or leave it unset)")
    return W


def _draw_transposed(initializer, shape, dtype):
    """W (n_out, n_in) from a fan-scaled Keras initializer, which reads fan-in from axis 0."""
    # Given the course's shape as is, Keras would read fan-in = n_out: for he on 12288 -> 20 that is
    # sqrt(2 / 20) instead of sqrt(2 / 12288), a std 24.8x too large.
    n_out, n_in = shape
    return tf.transpose(_draw(initializer, (n_in, n_out), dtype))  # Keras kernel (n_in, n_out) -> W (n_out, n_in)


def zeros(shape, rng, dtype="float64"):
    """W = 0."""
    return _draw(tf.keras.initializers.Zeros(), shape, dtype)


def random_small(shape, rng, dtype="float64"):
    """W = randn * 0.01."""
    initializer = tf.keras.initializers.RandomNormal(mean=0.0, stddev=0.01, seed=_layer_seed(rng))
    return _draw(initializer, shape, dtype)  # no fan involved: drawn in the course's (n_out, n_in)


def random(shape, rng, dtype="float64"):
    """W = randn * 10, the initialization assignment's large random weights (course 2, week 1)."""
    initializer = tf.keras.initializers.RandomNormal(mean=0.0, stddev=10.0, seed=_layer_seed(rng))
    return _draw(initializer, shape, dtype)  # no fan involved: drawn in the course's (n_out, n_in)


def xavier(shape, rng, dtype="float64"):
    """W = randn * sqrt(1 / n[l-1]), the course's variant."""
    initializer = tf.keras.initializers.VarianceScaling(1.0, "fan_in", "untruncated_normal", seed=_layer_seed(rng))
    return _draw_transposed(initializer, shape, dtype)


def glorot(shape, rng, dtype="float64"):
    """W = randn * sqrt(2 / (n[l-1] + n[l]))."""
    # fan_avg divides the scale by (n_in + n_out) / 2, so scale 1 gives the variance 2 / (n_in + n_out)
    initializer = tf.keras.initializers.VarianceScaling(1.0, "fan_avg", "untruncated_normal", seed=_layer_seed(rng))
    return _draw_transposed(initializer, shape, dtype)


def he(shape, rng, dtype="float64"):
    """W = randn * sqrt(2 / n[l-1])."""
    initializer = tf.keras.initializers.VarianceScaling(2.0, "fan_in", "untruncated_normal", seed=_layer_seed(rng))
    return _draw_transposed(initializer, shape, dtype)


def he_truncated(shape, rng, dtype="float64"):
    """Keras's HeNormal: a normal truncated at 2 std, rescaled to the variance 2 / n[l-1]."""
    return _draw_transposed(tf.keras.initializers.HeNormal(seed=_layer_seed(rng)), shape, dtype)


def glorot_truncated(shape, rng, dtype="float64"):
    """Keras's GlorotNormal: a normal truncated at 2 std, rescaled to the variance 2 / (n[l-1] + n[l])."""
    return _draw_transposed(tf.keras.initializers.GlorotNormal(seed=_layer_seed(rng)), shape, dtype)


INITIALIZERS = {"zeros": zeros, "random_small": random_small, "random": random, "xavier": xavier,
                "glorot": glorot, "he": he}


def initialize_parameters(layer_dims, init="he", seed=0, dtype="float64"):
    """{"W1", "b1", ..., "WL", "bL"} for ``layer_dims`` = [n_x, n[1], ..., n[L]]; biases are zero."""
    layer_dims = check_layer_sizes("layer_dims", layer_dims)
    initializer = INITIALIZERS[check_init(init)]
    dtype = check_dtype(dtype)
    rng = tf.random.Generator.from_seed(check_seed(seed))
    params = {}
    for l in range(1, len(layer_dims)):
        params[f"W{l}"] = initializer((layer_dims[l], layer_dims[l - 1]), rng, dtype)  # (n[l], n[l-1])
        params[f"b{l}"] = tf.zeros((layer_dims[l], 1), dtype=dtype)                   # (n[l], 1)
    return params


__all__ = ["zeros", "random_small", "random", "xavier", "glorot", "he", "INITIALIZERS", "initialize_parameters",
           "he_truncated", "glorot_truncated"]
