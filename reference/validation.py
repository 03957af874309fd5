"""Input checks shared by every backend, so that bad input gets the same error everywhere.

Each check raises before any work is done, with a message of the form
``"<argument>: expected <what>, got <what was given>"``.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu")
INITIALIZERS = ("zeros", "random_small", "random", "xavier", "glorot", "he")
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
    if array.dtype.kind not in "iuf":  # signed, unsigned, float: not bool, nor timedelta64 (a NumPy integer)
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


def check_two_classes(y: np.ndarray) -> None:
    """y (checked by check_y) holds both labels: a classifier fitted on one class would still have classes_ [0, 1] and
    two predict_proba columns, so fit refuses it, as scikit-learn's binary classifiers (LogisticRegression, SVC) do."""
    present = np.unique(y)
    if present.size < 2:
        raise _fail("y", "both labels 0 and 1 (a classifier needs two classes)", f"only the label {int(present[0])}")


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


# --------------------------------------------------------------------------------- the functional API
# The checks below guard the backends' own functions (forward_propagation, backward_propagation, train,
# train_autodiff, predict through forward_propagation), which take the framework's arrays. They read only
# ``.shape`` and ``.dtype``, which NumPy arrays, torch tensors, TF tensors and JAX arrays have, and so do
# the traced stand-ins inside jax.jit and tf.function: a check runs unchanged at trace time, and a
# compiled function is never traced with input it would reject. They never read values. A NaN, an inf or
# a label other than 0 and 1 cannot be seen in a traced array, and a scan of every array in every call of
# a training loop would cost a pass over the data per step; such values go through the functional API as
# IEEE arithmetic says (NaN in, NaN out), the same in every backend, and the estimators reject them once,
# up front (check_X, check_y, check_params). The learning rate is the one value checked here, when it is
# known: under jax.jit it is traced, so JAX's compiled train checks its dtype only.
# The eager training loops call forward_propagation and backward_propagation at every step, so these
# checks are written to cost a few microseconds: no string is built unless something is wrong.

_DTYPE_NAMES: dict[Any, str] = {}
_PARAM_KEYS: dict[int, frozenset[str]] = {}  # remembered per L (a dict, not functools.cache: torch.compile
_CACHE_KEYS: dict[int, frozenset[str]] = {}  # would warn that it traces through the cache wrapper)


def _dtype_name(dtype: Any) -> str:
    """'float64' for a NumPy, TF or JAX dtype and for torch.float64 alike (remembered per dtype object)."""
    name = _DTYPE_NAMES.get(dtype)
    if name is None:
        name = getattr(dtype, "name", None)  # NumPy and JAX dtypes, tf.DType; torch.dtype has no name
        name = _DTYPE_NAMES[dtype] = name if isinstance(name, str) else str(dtype).removeprefix("torch.")
    return name


def _same(a: int | None, b: int | None) -> bool:
    """Equal sizes; a size that tf.function leaves unknown (None) matches any."""
    return a is None or b is None or a == b


def _shape_and_dtype(name: str, array: Any) -> tuple[tuple[Any, ...], Any]:
    try:
        return tuple(array.shape), array.dtype
    except AttributeError:
        raise TypeError(f"{name}: expected an array of the backend (with a shape and a dtype), "
                        f"got {type(array).__name__}") from None


def _like_X(name: str, array: Any, dtype: Any, X: Any) -> tuple[Any, ...]:
    """The shape of ``array``, after checking that it is an array of X's kind and dtype (``dtype``)."""
    shape, array_dtype = _shape_and_dtype(name, array)
    if array_dtype is not dtype and array_dtype != dtype:
        got, expected = _dtype_name(array_dtype), _dtype_name(dtype)
        if got == expected:  # float64 both, of two frameworks: a NumPy array given to torch, say
            raise TypeError(f"{name}: expected an array of X's kind ({type(X).__name__}), got {type(array).__name__}")
        raise TypeError(f"{name}: expected dtype {expected} (X's), got dtype {got}")
    return shape


def _param_keys(L: int) -> frozenset[str]:
    keys = _PARAM_KEYS.get(L)
    if keys is None:
        keys = _PARAM_KEYS[L] = frozenset(f"{p}{l}" for l in range(1, L + 1) for p in ("W", "b"))
    return keys


def _cache_keys(L: int) -> frozenset[str]:
    keys = _CACHE_KEYS.get(L)
    if keys is None:
        keys = _CACHE_KEYS[L] = frozenset(["A0"] + [f"{p}{l}" for l in range(1, L + 1) for p in ("Z", "A")])
    return keys


def _layer_count(model: str, params: Any) -> int:
    """L, after checking that ``params`` holds exactly W1, b1, ..., WL, bL (L fixed by ``model`` if it has one)."""
    if not isinstance(params, Mapping):
        raise TypeError(f"params: expected a dict of arrays W1, b1, ..., got {type(params).__name__}")
    L = MODEL_DEPTHS.get(model, max(len(params) // 2, 1))
    if params.keys() != _param_keys(L):
        expected = [f"{p}{l}" for l in range(1, L + 1) for p in ("W", "b")]
        for_model = f" for {model}" if model in MODEL_DEPTHS else ""
        raise _fail("params", f"keys {expected}{for_model}", f"keys {sorted(params, key=str)}")
    return L


def check_arrays(model: str, X: Any, params: Any, Y: Any = None, activation: str | None = None) -> None:
    """X (n_x, m), params W[l] (n[l], n[l-1]) and b[l] (n[l], 1) with n[0] = n_x and n[L] = 1, and Y (1, m),
    all of X's kind and dtype, float64 or float32; and the activation's name, for the models that take one."""
    if activation is not None or model != "logistic_regression":
        check_activation(activation)
    L = _layer_count(model, params)
    shape, dtype = _shape_and_dtype("X", X)
    if _dtype_name(dtype) not in DTYPES:
        raise TypeError(f"X: expected dtype float64 or float32, got dtype {_dtype_name(dtype)}")
    if len(shape) != 2:
        raise _fail("X", "a 2-d array of shape (n_x, m)", f"shape {shape}")
    n_x, m = shape
    if n_x == 0 or m == 0:
        raise _fail("X", "at least one feature and one example, shape (n_x, m)", f"shape {shape}")
    n_prev = n_x
    for l in range(1, L + 1):
        W_shape = _like_X(f"params['W{l}']", params[f"W{l}"], dtype, X)
        if len(W_shape) != 2:
            raise _fail(f"params['W{l}']", f"a 2-d array of shape (n[{l}], {n_prev})", f"shape {W_shape}")
        n, n_in = W_shape
        if not _same(n_in, n_prev):
            raise _fail(f"params['W{l}']", f"shape (n[{l}], {n_prev}) to match {'X' if l == 1 else f'W{l - 1}'}",
                        f"shape {(n, n_in)}")
        if l == L and not _same(n, 1):
            raise _fail(f"params['W{l}']", f"shape (1, {n_prev}) (the output layer has one unit)",
                        f"shape {(n, n_in)}")
        if n == 0:
            raise _fail(f"params['W{l}']", f"at least one unit, shape (n[{l}], {n_prev})", f"shape {(n, n_in)}")
        # exactly (n, 1): a b of shape (n, m), (1, n), (1, 1) or (n,) would broadcast in W A + b
        b_shape = _like_X(f"params['b{l}']", params[f"b{l}"], dtype, X)
        if len(b_shape) != 2 or not (_same(b_shape[0], n) and _same(b_shape[1], 1)):
            raise _fail(f"params['b{l}']", f"shape ({n}, 1) to match W{l}", f"shape {b_shape}")
        n_prev = n
    if Y is not None:
        Y_shape = _like_X("Y", Y, dtype, X)  # exactly (1, m): a (m, 1), (1, 1) or (m,) Y would broadcast with A[L]
        if len(Y_shape) != 2 or not (_same(Y_shape[0], 1) and _same(Y_shape[1], m)):
            raise _fail("Y", f"shape (1, {m}) to match X", f"shape {Y_shape}")


def check_cache(model: str, params: Any, cache: Any, Y: Any, activation: str | None = None) -> None:
    """backward_propagation's input: forward_propagation's cache (keys A0, Z1, A1, ...), and params and Y as
    check_arrays with X = cache["A0"]. The Z[l] and A[l] are taken as forward_propagation made them."""
    L = _layer_count(model, params)
    if not isinstance(cache, Mapping) or not _cache_keys(L) <= cache.keys():
        expected = ["A0"] + [f"{p}{l}" for l in range(1, L + 1) for p in ("Z", "A")]
        got = f"keys {sorted(cache, key=str)}" if isinstance(cache, Mapping) else type(cache).__name__
        raise _fail("cache", f"forward_propagation's cache with keys {expected}", got)
    check_arrays(model, cache["A0"], params, Y, activation)


def _check_traceable_learning_rate(learning_rate: Any) -> None:
    """check_learning_rate, also for a 0-d real array, whose value is checked when it is known (not under jax.jit).
    Written with math, not NumPy, so that torch.compile traces it without a graph break; any failure goes
    through check_learning_rate, for its message."""
    if isinstance(learning_rate, numbers.Real) and not isinstance(learning_rate, bool):
        value: float | None = float(learning_rate)
    elif hasattr(learning_rate, "shape") and hasattr(learning_rate, "dtype"):
        shape, dtype = tuple(learning_rate.shape), _dtype_name(learning_rate.dtype)
        if shape != () or not dtype.startswith(("float", "int", "uint")):
            raise TypeError(f"learning_rate: expected a positive real number, got an array of shape {shape} "
                            f"and dtype {dtype}")
        try:
            value = float(learning_rate)
        except TypeError:  # a tracer of jax.jit (a ConcretizationTypeError): the value is not known while tracing
            value = None
    else:
        check_learning_rate(learning_rate)  # a bool, a string, None: raises its TypeError
        return
    if value is not None and not (math.isfinite(value) and value > 0):
        check_learning_rate(learning_rate if isinstance(learning_rate, numbers.Real) else value)


def check_training(model: str, X: Any, Y: Any, params: Any, learning_rate: Any, num_iterations: Any,
                   activation: str | None = None) -> None:
    """train's and train_autodiff's input: the hyperparameters first, as the estimators check them, then the
    arrays, as check_arrays."""
    _check_traceable_learning_rate(learning_rate)
    check_num_iterations(num_iterations)
    check_arrays(model, X, params, Y, activation)


def check_lambd(lambd: object, name: str = "lambd") -> float:
    """L2's lambda (the course's ``lambd``), or a framework's form of it (``name``: an optimizer's weight_decay,
    Keras' l2): a finite real number >= 0; 0 is no regularization."""
    if isinstance(lambd, bool) or not isinstance(lambd, numbers.Real):
        raise TypeError(f"{name}: expected a real number >= 0, got {lambd!r}")
    if not np.isfinite(float(lambd)) or lambd < 0:
        raise _fail(name, "a finite number >= 0", lambd)
    return float(lambd)


def check_keep_prob(keep_prob: object) -> float:
    """Dropout's keep probability: in (0, 1]; 1 is no dropout (a rate or ``p`` is 1 - keep_prob)."""
    if isinstance(keep_prob, bool) or not isinstance(keep_prob, numbers.Real):
        raise TypeError(f"keep_prob: expected a real number in (0, 1], got {keep_prob!r}")
    if not 0 < float(keep_prob) <= 1:
        raise _fail("keep_prob", "a number in (0, 1] (the probability of keeping a unit; 1 - keep_prob is the "
                    "rate frameworks call p)", keep_prob)
    return float(keep_prob)


def check_given_masks(masks: Any, layer_dims: Sequence[int], keep_prob: float) -> dict[str, np.ndarray]:
    """layers.build's masks: D1 ... D[L-1] (n[l], m) as impl_numpy.regularization.dropout_masks draws them, of 0
    and 1 only, checked as check_masks checks a backend's; returned as float64 NumPy arrays (0 and 1 are exact in
    any dtype) for the framework's layer to take."""
    if not isinstance(masks, Mapping):
        raise TypeError(f"masks: expected a dict of arrays D1, D2, ..., got {type(masks).__name__}")
    masks = {key: _as_float_array(f"masks[{key!r}]", D).astype(np.float64) for key, D in masks.items()}
    D1 = masks.get("D1")
    m = D1.shape[-1] if D1 is not None and D1.ndim else 0
    params = {f"{p}{l}": np.empty((layer_dims[l], layer_dims[l - 1] if p == "W" else 1))
              for l in range(1, len(layer_dims)) for p in ("W", "b")}
    check_masks(masks, params, np.empty((layer_dims[0], m)), keep_prob)
    for key, D in masks.items():
        if not np.all((D == 0) | (D == 1)):
            raise _fail(f"masks[{key!r}]", "0 and 1 only (D = rand < keep_prob)", f"values {np.unique(D)[:5].tolist()}")
    return masks


def check_mask_examples(examples: int | None, m: int) -> None:
    """X's number of examples, in training mode through a network built with given dropout masks: the m examples
    the masks were drawn for (one column of D[l] per example)."""
    if not _same(examples, m):
        raise _fail("X", f"the {m} examples the dropout masks were given for", f"{examples} examples")


def check_masks(masks: Any, params: Any, X: Any, keep_prob: float) -> None:
    """Dropout's masks: None where keep_prob is 1, else D1 ... D[L-1], each (n[l], m) of X's kind and dtype."""
    if masks is None:
        if keep_prob < 1:
            raise _fail("masks", "the dropout masks D1 ... D[L-1] for keep_prob < 1 (draw them with "
                        "impl_numpy.regularization.dropout_masks)", None)
        return
    if not isinstance(masks, Mapping):
        raise TypeError(f"masks: expected a dict of arrays D1, D2, ..., got {type(masks).__name__}")
    if keep_prob == 1:  # A * D / 1 would drop units without scaling the others up: the mask not rescaled
        raise _fail("masks", "None with keep_prob 1 (no dropout), or masks with the keep_prob < 1 they were drawn for",
                    f"masks {sorted(masks, key=str)} with keep_prob 1")
    L = max(len(params) // 2, 1)
    expected = [f"D{l}" for l in range(1, L)]
    if sorted(masks, key=str) != expected:
        raise _fail("masks", f"keys {expected} (one mask per hidden layer)", f"keys {sorted(masks, key=str)}")
    m = _shape_and_dtype("X", X)[0][1]
    for l in range(1, L):
        shape = _like_X(f"masks['D{l}']", masks[f"D{l}"], X.dtype, X)
        n = _shape_and_dtype(f"params['W{l}']", params[f"W{l}"])[0][0]
        if len(shape) != 2 or not (_same(shape[0], n) and _same(shape[1], m)):
            raise _fail(f"masks['D{l}']", f"shape ({n}, {m}) to match A{l}", f"shape {shape}")


# ------------------------------------------------------------------- gradient checking (course 2, week 1)
# impl_*/gradient_check.py: float64 only, since a centred difference at the course's epsilon = 1e-7 is below
# float32's resolution (theta + 1e-7 rounds back to theta wherever |theta| >= 2).

_FLOAT64_ONLY = "for a gradient check (epsilon 1e-7 is below float32's resolution)"


def check_float64(name: str, value: Any) -> None:
    """A gradient check's number or array: a Python real number (a float64) or an array of dtype float64."""
    if not hasattr(value, "dtype"):
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise TypeError(f"{name}: expected a real number or an array of dtype float64, got {type(value).__name__}")
        return
    got = _dtype_name(value.dtype)
    if got != "float64":
        raise TypeError(f"{name}: expected dtype float64 {_FLOAT64_ONLY}, got dtype {got}")


def check_epsilon(epsilon: object) -> float:
    """A gradient check's step, or RMSprop's and Adam's epsilon: a finite real number > 0."""
    if isinstance(epsilon, bool) or not isinstance(epsilon, numbers.Real):
        raise TypeError(f"epsilon: expected a positive real number, got {epsilon!r}")
    if not (math.isfinite(float(epsilon)) and float(epsilon) > 0):
        raise _fail("epsilon", "a positive finite number", epsilon)
    return float(epsilon)


def check_param_layers(params: Any, name: str = "params", prefix: str = "") -> tuple[int, ...]:
    """The layer sizes (n_x, n[1], ..., n[L]) of a dict of exactly W1, b1, ..., WL, bL (with ``prefix`` "d": of
    dW1, db1, ...), after checking W[l] (n[l], n[l-1]) and b[l] (n[l], 1) and one dtype for all."""
    if not isinstance(params, Mapping):
        raise TypeError(f"{name}: expected a dict of arrays {prefix}W1, {prefix}b1, ..., got {type(params).__name__}")
    L = max(len(params) // 2, 1)
    expected = [f"{prefix}{p}{l}" for l in range(1, L + 1) for p in ("W", "b")]
    if set(params) != set(expected):
        raise _fail(name, f"keys {expected}", f"keys {sorted(params, key=str)}")
    dims: list[int] = []
    dtype = _shape_and_dtype(f"{name}[{prefix}W1]", params[f"{prefix}W1"])[1]
    for l in range(1, L + 1):
        W, b = f"{prefix}W{l}", f"{prefix}b{l}"
        W_shape, W_dtype = _shape_and_dtype(f"{name}[{W!r}]", params[W])
        if len(W_shape) != 2 or (dims and W_shape[1] != dims[-1]):
            n_prev = dims[-1] if dims else "n_x"
            raise _fail(f"{name}[{W!r}]", f"a 2-d array of shape (n[{l}], {n_prev})", f"shape {W_shape}")
        dims = dims or [int(W_shape[1])]
        dims.append(int(W_shape[0]))
        b_shape, b_dtype = _shape_and_dtype(f"{name}[{b!r}]", params[b])
        if b_shape != (W_shape[0], 1):
            raise _fail(f"{name}[{b!r}]", f"shape ({W_shape[0]}, 1) to match {W}", f"shape {b_shape}")
        for key, key_dtype in ((W, W_dtype), (b, b_dtype)):
            if _dtype_name(key_dtype) != _dtype_name(dtype):
                raise TypeError(f"{name}[{key!r}]: expected dtype {_dtype_name(dtype)} ({prefix}W1's), "
                                f"got dtype {_dtype_name(key_dtype)}")
    return tuple(dims)


def check_theta(theta: Any, layer_dims: object) -> tuple[int, ...]:
    """dictionary_to_vector's column theta, (n, 1) with n = sum_l n[l] (n[l-1] + 1), and the layer sizes it holds."""
    dims = check_layer_sizes("layer_dims", layer_dims)
    n = sum(dims[l] * (dims[l - 1] + 1) for l in range(1, len(dims)))
    shape = _shape_and_dtype("theta", theta)[0]
    if shape != (n, 1):
        raise _fail("theta", f"shape ({n}, 1) for layer_dims {list(dims)}", f"shape {shape}")
    return dims


def check_gradients(grads: Any, params: Any, X: Any) -> None:
    """A backward pass's output for ``params``: exactly dW1, db1, ..., dWL, dbL, each of its parameter's shape and
    of X's kind and dtype."""
    if not isinstance(grads, Mapping):
        raise TypeError(f"grads: expected a dict of arrays dW1, db1, ..., got {type(grads).__name__}")
    expected = ["d" + key for key in params]
    if set(grads) != set(expected):
        raise _fail("grads", f"keys {sorted(expected)} (one per parameter)", f"keys {sorted(grads, key=str)}")
    for key in params:
        shape = _like_X(f"grads['d{key}']", grads["d" + key], X.dtype, X)
        expected_shape = _shape_and_dtype(f"params[{key!r}]", params[key])[0]
        if shape != expected_shape:
            raise _fail(f"grads['d{key}']", f"shape {expected_shape} to match {key}", f"shape {shape}")


def check_gradient_check(X: Any, Y: Any, params: Any, grads: Any = None, activation: str = "relu",
                         epsilon: Any = 1e-7) -> float:
    """gradient_check_n's input: X, params and Y as check_arrays for a deep network, and of dtype float64
    (check_float64); grads (when given) as check_gradients; returns epsilon, checked."""
    check_arrays("deep_nn", X, params, Y, activation)
    check_float64("X", X)
    if grads is not None:
        check_gradients(grads, params, X)
    return check_epsilon(epsilon)


def check_callable(name: str, value: object) -> None:
    """A function argument, such as framework_check's backward (params, cache, Y) -> grads."""
    if not callable(value):
        raise TypeError(f"{name}: expected a function, got {type(value).__name__}")


OPTIMIZERS = ("gd", "momentum", "rmsprop", "adam")


def check_optimizer(optimizer: object) -> str:
    return check_choice("optimizer", optimizer, OPTIMIZERS)


def check_mini_batch_size(size: object) -> int:
    """A mini-batch's number of examples: an integer > 0 (the last mini-batch of an epoch may be smaller)."""
    if isinstance(size, bool) or not isinstance(size, numbers.Integral) or size <= 0:
        raise _fail("mini_batch_size", "an integer > 0", repr(size))
    return int(size)


def check_beta(name: str, beta: object) -> float:
    """An exponentially weighted average's beta (momentum's beta, Adam's beta1 and beta2): in [0, 1)."""
    if isinstance(beta, bool) or not isinstance(beta, numbers.Real) or not 0 <= float(beta) < 1:
        raise _fail(name, "a number in [0, 1)", repr(beta))
    return float(beta)


def check_time_interval(time_interval: object) -> int | None:
    """schedule_lr_decay's interval in epochs: None (decay every epoch, update_lr) or an integer > 0."""
    if time_interval is None:
        return None
    if isinstance(time_interval, bool) or not isinstance(time_interval, numbers.Integral) or time_interval <= 0:
        raise _fail("time_interval", "None or an integer > 0 (epochs)", repr(time_interval))
    return int(time_interval)


def check_optimizer_config(config: object, defaults: Sequence[str], optimizer: str, decay_rate: float) -> str:
    """own_optimizers.train's ``config``: "course", or one of the framework's ``defaults`` (a learner's configuration),
    whose name says which of the course's optimizers it is a slip of; those run at a constant rate only."""
    if config != "course" and config not in defaults:
        raise ValueError(f"config: expected 'course' or one of {list(defaults)}, got {config!r}")
    slipped = next((o for o in ("momentum", "rmsprop", "adam") if o in str(config).lower()), None)
    if config != "course" and (slipped != optimizer or decay_rate):
        raise ValueError(f"config {config!r}: for optimizer={slipped!r} at a constant rate, got optimizer="
                         f"{optimizer!r}, decay_rate={decay_rate}")
    return str(config)


def check_schedule_config(schedule: object, schedules: Sequence[str], decay_rate: float) -> str:
    """own_optimizers.train's ``schedule``: "course" (the decay after each epoch), or one of the framework's
    ``schedules`` (a learner's way of writing the decay), which has a decay to get wrong only when decay_rate > 0."""
    if schedule != "course" and (not isinstance(schedule, str) or schedule not in schedules):
        raise ValueError(f"schedule: expected 'course' or one of {list(schedules)}, got {schedule!r}")
    if schedule != "course" and not decay_rate:
        raise ValueError(f"schedule {schedule!r}: expected decay_rate > 0, got decay_rate={decay_rate}")
    return str(schedule)
