"""Input checks shared by every backend, so that bad input gets the same error everywhere.

Each check raises before any work is done, with a message of the form
``"<argument>: expected <what>, got <what was given>"``.
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu")
INITIALIZERS = ("zeros", "random_small", "xavier", "glorot", "he")
DTYPES = ("float64", "float32")


def _fail(name: str, expected: str, got: object) -> ValueError:
    return ValueError(f"{name}: expected {expected}, got {got}")


def check_choice(name: str, value: object, choices: Sequence[str]) -> str:
    """Return ``value`` if it is one of ``choices``, else raise naming the argument."""
    if not isinstance(value, str) or value not in choices:
        expected = "one of " + ", ".join(repr(c) for c in choices)
        raise _fail(name, expected, repr(value))
    return value


def check_activation(activation: object) -> str:
    return check_choice("activation", activation, ACTIVATIONS)


def check_init(init: object) -> str:
    return check_choice("init", init, INITIALIZERS)


def check_dtype(dtype: object) -> str:
    if isinstance(dtype, np.dtype) or (isinstance(dtype, type) and issubclass(dtype, np.floating)):
        dtype = np.dtype(dtype).name
    return check_choice("dtype", dtype, DTYPES)


def check_learning_rate(learning_rate: object) -> float:
    if isinstance(learning_rate, bool) or not isinstance(learning_rate, numbers.Real):
        raise TypeError(f"learning_rate: expected a positive real number, got {learning_rate!r}")
    if not np.isfinite(float(learning_rate)) or learning_rate <= 0:
        raise _fail("learning_rate", "a positive finite number", learning_rate)
    return float(learning_rate)


def check_num_iterations(num_iterations: object) -> int:
    if isinstance(num_iterations, bool) or not isinstance(num_iterations, numbers.Integral):
        raise TypeError(f"num_iterations: expected an integer >= 0, got {num_iterations!r}")
    if num_iterations < 0:
        raise _fail("num_iterations", "an integer >= 0", num_iterations)
    return int(num_iterations)


def check_seed(seed: object) -> int:
    """A seed every framework takes as it is: NumPy's RandomState stops at 2**32, and JAX without 64-bit
    mode would silently wrap a larger one (key(2**32) == key(0))."""
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"seed: expected an integer in [0, 2**32), got {seed!r}")
    if not 0 <= int(seed) < 2**32:
        raise _fail("seed", "an integer in [0, 2**32)", seed)
    return int(seed)


def check_layer_sizes(name: str, sizes: object) -> tuple[int, ...]:
    """Layer sizes: a non-empty sequence of positive integers."""
    if isinstance(sizes, (str, bytes)) or not isinstance(sizes, Sequence) or len(sizes) == 0:
        raise _fail(name, "a non-empty sequence of positive integers", repr(sizes))
    for n in sizes:
        if isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < 1:
            raise _fail(name, "a non-empty sequence of positive integers", repr(sizes))
    return tuple(int(n) for n in sizes)


def _as_float_array(name: str, value: Any) -> np.ndarray:
    try:
        array = np.asarray(value)
    except Exception as exc:  # ragged lists and the like
        raise _fail(name, "an array of real numbers", f"{type(value).__name__} ({exc})") from None
    if array.dtype == bool or not (
        np.issubdtype(array.dtype, np.integer) or np.issubdtype(array.dtype, np.floating)
    ):
        raise TypeError(f"{name}: expected an array of real numbers, got dtype {array.dtype}")
    return array


def _check_finite(name: str, array: np.ndarray) -> None:
    if np.issubdtype(array.dtype, np.floating) and not np.all(np.isfinite(array)):
        bad = int(np.size(array) - np.count_nonzero(np.isfinite(array)))
        raise _fail(name, "finite values", f"{bad} NaN or inf entries")


def check_X(X: Any, n_features: int | None = None) -> np.ndarray:
    """X of shape (n_samples, n_features): real, finite, at least one sample and one feature."""
    array = _as_float_array("X", X)
    if array.ndim != 2:
        raise _fail("X", "a 2-d array of shape (n_samples, n_features)", f"shape {array.shape}")
    if array.shape[0] == 0 or array.shape[1] == 0:
        raise _fail("X", "at least one sample and one feature", f"shape {array.shape}")
    if n_features is not None and array.shape[1] != n_features:
        raise _fail("X", f"{n_features} features (as in fit)", f"{array.shape[1]}")
    _check_finite("X", array)
    return array


def check_y(y: Any, n_samples: int) -> np.ndarray:
    """y of shape (n_samples,) holding only the labels 0 and 1."""
    array = _as_float_array("y", y)
    if array.ndim != 1 or array.shape[0] != n_samples:
        raise _fail("y", f"shape ({n_samples},) to match X", f"shape {array.shape}")
    _check_finite("y", array)
    labels = np.unique(array)
    if not np.all(np.isin(labels, (0, 1))):
        shown = ", ".join(str(v) for v in labels[:5].tolist())
        raise _fail("y", "labels 0 and 1 only", f"labels {{{shown}{', ...' if labels.size > 5 else ''}}}")
    return array


def check_params(name: str, params: Any, layer_dims: Sequence[int]) -> dict[str, np.ndarray]:
    """A params dict with exactly W1, b1, ..., WL, bL in the course shapes for ``layer_dims``."""
    if not isinstance(params, Mapping):
        raise TypeError(f"{name}: expected a dict of arrays W1, b1, ..., got {type(params).__name__}")
    L = len(layer_dims) - 1
    expected_keys = [f"{p}{l}" for l in range(1, L + 1) for p in ("W", "b")]
    if sorted(params) != sorted(expected_keys):
        raise _fail(name, f"keys {expected_keys}", f"keys {sorted(params)}")
    checked = {}
    for l in range(1, L + 1):
        for key, shape in ((f"W{l}", (layer_dims[l], layer_dims[l - 1])), (f"b{l}", (layer_dims[l], 1))):
            array = _as_float_array(f"{name}[{key!r}]", params[key])
            if array.shape != shape:
                raise _fail(f"{name}[{key!r}]", f"shape {shape}", f"shape {array.shape}")
            _check_finite(f"{name}[{key!r}]", array)
            checked[key] = array
    return checked


MODEL_DEPTHS = {"logistic_regression": 1, "shallow_nn": 2}


def check_model_dims(model: str, layer_dims: object) -> tuple[int, ...]:
    """Layer sizes for ``model``: [n_x, 1], [n_x, n_h, 1] or [n_x, n[1], ..., 1]."""
    dims = check_layer_sizes("layer_dims", layer_dims)
    L = MODEL_DEPTHS.get(model)
    if len(dims) < 2 or dims[-1] != 1 or (L is not None and len(dims) != L + 1):
        form = {1: "[n_x, 1]", 2: "[n_x, n_h, 1]"}.get(L or 0, "[n_x, n[1], ..., n[L-1], 1]")
        raise _fail("layer_dims", f"{form} for {model}", list(dims))
    return dims
