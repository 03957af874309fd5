"""Every kind of bad input, sent to every backend through the estimators and through the functional API:
each backend must raise the same error, ValueError or TypeError with the same one-line message naming the
argument, what was expected and what was got (reference/validation.py).

The estimators check everything, values included, before any backend is loaded. The functional API
(forward_propagation, backward_propagation, train, train_autodiff, predict) checks shapes, dtypes, names
and hyperparameters, but no array values: NaN, inf and labels other than 0 and 1 pass through it the same
in every backend (the last test here), as reference/validation.py explains.

JAX's train and train_autodiff check their arguments before entering the jitted loop, where the
learning rate is a tracer whose value could not be checked.
"""

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest

from reference import DeepNN, LogisticRegression, ShallowNN, available_backends, get_backend

BACKENDS = available_backends()
rng = np.random.default_rng(0)
X = rng.standard_normal((10, 3))  # (n_samples, n_features): the estimators' layout
y = np.array([0, 1] * 5, dtype=float)

# ------------------------------------------------------------------------------------------- estimators


START = {"W1": np.full((2, 3), 0.1), "b1": np.zeros((2, 1)), "W2": np.full((1, 2), 0.1), "b2": np.zeros((1, 1))}


def start_with(**changed):
    """initial_params of shallow() (n_h = 2) on X's 3 features, with ``changed`` in place."""
    return {**START, **changed}


def fit(make, X=X, y=y):
    return lambda backend: make(backend).fit(X, y)


def fitted_predict(make, X_new):
    """predict on an estimator fitted with NumPy and moved to ``backend`` (the check comes before the backend)."""
    return lambda backend: make("numpy").fit(X, y).set_params(backend=backend).predict(X_new)


def shallow(**kwargs):
    return lambda backend: ShallowNN(backend=backend, **{"n_h": 2, "num_iterations": 2, **kwargs})


def deep(**kwargs):
    return lambda backend: DeepNN(backend=backend, **{"hidden_layer_sizes": (3, 2), "num_iterations": 2, **kwargs})


def logistic(**kwargs):
    return lambda backend: LogisticRegression(backend=backend, **{"num_iterations": 2, **kwargs})


ESTIMATOR_CASES = [
    # (id, call(backend), error, message (a regular expression, matched from the start))
    ("X 1-d", fit(shallow(), X=X[:, 0]), ValueError, r"X: expected a 2-d array"),
    ("X 3-d", fit(shallow(), X=X[:, :, None]), ValueError, r"X: expected a 2-d array"),
    ("X no samples", fit(shallow(), X=X[:0], y=y[:0]), ValueError, r"X: expected at least one sample"),
    ("X no features", fit(shallow(), X=X[:, :0]), ValueError, r"X: expected at least one sample and one feature"),
    ("X NaN", fit(shallow(), X=np.where(X > 1, np.nan, X)), ValueError, r"X: expected finite values, got \d+ NaN"),
    ("X inf", fit(shallow(), X=np.where(X > 1, -np.inf, X)), ValueError, r"X: expected finite values"),
    ("X strings", fit(shallow(), X=X.astype(str)), TypeError, r"X: expected an array of real numbers, got dtype <U"),
    ("X booleans", fit(shallow(), X=X > 0), TypeError, r"X: expected an array of real numbers, got dtype bool"),
    ("X complex", fit(shallow(), X=X + 1j), TypeError, r"X: expected an array of real numbers, got dtype complex128"),
    ("X ragged", fit(shallow(), X=[[1.0, 2.0], [3.0]]), ValueError, r"X: expected an array of real numbers, got list"),
    ("y too short", fit(shallow(), y=y[:-1]), ValueError, r"y: expected shape \(10,\) to match X, got shape \(9,\)"),
    ("y 2-d", fit(shallow(), y=y[:, None]), ValueError, r"y: expected shape \(10,\) to match X, got shape \(10, 1\)$"),
    ("y labels 0 and 2", fit(shallow(), y=y * 2), ValueError, r"y: expected labels 0 and 1 only, got labels \{0.0, 2.0\}"),
    ("y labels -1 and 1", fit(shallow(), y=y * 2 - 1), ValueError, r"y: expected labels 0 and 1 only"),
    ("y NaN", fit(shallow(), y=np.where(y > 0, np.nan, y)), ValueError, r"y: expected finite values"),
    ("y inf", fit(shallow(), y=np.where(y > 0, np.inf, y)), ValueError, r"y: expected finite values"),
    ("y strings", fit(shallow(), y=y.astype(str)), TypeError, r"y: expected an array of real numbers"),
    ("y cat and dog", fit(shallow(), y=np.array(["cat", "dog"] * 5)), TypeError,
     r"y: expected an array of real numbers, got dtype <U3$"),
    # fractional labels: a range check (0 <= y <= 1) instead of the set {0, 1} would let these through
    ("y labels 0 and 0.5", fit(shallow(), y=y / 2), ValueError, r"y: expected labels 0 and 1 only, got labels \{0.0, 0.5\}$"),
    ("y labels 0 and 0.999", fit(shallow(), y=y * 0.999), ValueError,
     r"y: expected labels 0 and 1 only, got labels \{0.0, 0.999\}$"),
    ("y labels 0 and 255, uint8", fit(shallow(), y=(y * 255).astype(np.uint8)), ValueError,
     r"y: expected labels 0 and 1 only, got labels \{0, 255\}$"),
    ("y ten labels", fit(shallow(), y=np.arange(10.0)), ValueError,
     r"y: expected labels 0 and 1 only, got labels \{0.0, 1.0, 2.0, 3.0, 4.0, \.\.\.\}$"),
    ("y booleans", fit(shallow(), y=y > 0), TypeError, r"y: expected an array of real numbers, got dtype bool$"),
    ("y objects", fit(shallow(), y=y.astype(object)), TypeError, r"y: expected an array of real numbers, got dtype object$"),
    ("y timedelta64", fit(shallow(), y=y.astype("timedelta64[s]")), TypeError,
     r"y: expected an array of real numbers, got dtype timedelta64\[s\]$"),
    ("y ragged", fit(shallow(), y=[[0.0], [1.0, 0.0]] * 5), ValueError, r"y: expected an array of real numbers, got list \("),
    ("X objects", fit(shallow(), X=X.astype(object)), TypeError, r"X: expected an array of real numbers, got dtype object$"),
    ("X timedelta64", fit(shallow(), X=X.astype("timedelta64[s]")), TypeError,
     r"X: expected an array of real numbers, got dtype timedelta64\[s\]$"),
    ("activation unknown", fit(shallow(activation="swish")), ValueError,
     r"activation: expected one of 'sigmoid', 'tanh', 'relu', 'leaky_relu', got 'swish'"),
    ("activation int", fit(deep(activation=3)), ValueError, r"activation: expected one of .*, got 3"),
    ("init unknown", fit(deep(init="orthogonal")), ValueError, r"init: expected one of 'zeros'.*got 'orthogonal'"),
    ("dtype float16", fit(logistic(dtype="float16")), ValueError, r"dtype: expected one of 'float64', 'float32'"),
    ("dtype int", fit(logistic(dtype=int)), ValueError, r"dtype: expected one of 'float64', 'float32'"),
    ("dtype np.float16", fit(logistic(dtype=np.float16)), ValueError, r"dtype: expected one of .*, got 'float16'$"),
    ("dtype np.dtype float16", fit(logistic(dtype=np.dtype("float16"))), ValueError,
     r"dtype: expected one of .*, got 'float16'$"),
    ("learning_rate 0", fit(logistic(learning_rate=0)), ValueError, r"learning_rate: expected a positive finite number, got 0"),
    ("learning_rate -1", fit(logistic(learning_rate=-1.0)), ValueError, r"learning_rate: expected a positive finite"),
    ("learning_rate NaN", fit(logistic(learning_rate=math.nan)), ValueError, r"learning_rate: expected a positive finite"),
    ("learning_rate inf", fit(logistic(learning_rate=math.inf)), ValueError, r"learning_rate: expected a positive finite"),
    ("learning_rate str", fit(logistic(learning_rate="0.1")), TypeError, r"learning_rate: expected a positive real number, got '0.1'"),
    ("learning_rate bool", fit(logistic(learning_rate=True)), TypeError, r"learning_rate: expected a positive real number, got True"),
    ("num_iterations -1", fit(logistic(num_iterations=-1)), ValueError, r"num_iterations: expected an integer >= 0, got -1"),
    ("num_iterations float", fit(shallow(num_iterations=2.5)), TypeError, r"num_iterations: expected an integer >= 0, got 2.5"),
    ("num_iterations str", fit(shallow(num_iterations="10")), TypeError, r"num_iterations: expected an integer >= 0, got '10'"),
    ("num_iterations bool", fit(shallow(num_iterations=True)), TypeError, r"num_iterations: expected an integer >= 0, got True$"),
    ("seed -1", fit(deep(seed=-1)), ValueError, r"seed: expected an integer in \[0, 2\*\*32\), got -1"),
    ("seed 2**32", fit(deep(seed=2**32)), ValueError, r"seed: expected an integer in \[0, 2\*\*32\)"),
    ("seed float", fit(deep(seed=1.5)), TypeError, r"seed: expected an integer in \[0, 2\*\*32\), got 1.5"),
    ("seed bool", fit(deep(seed=True)), TypeError, r"seed: expected an integer in \[0, 2\*\*32\), got True$"),
    ("n_h 0", fit(lambda b: ShallowNN(n_h=0, backend=b)), ValueError, r"n_h: expected a non-empty sequence of positive integers"),
    ("n_h float", fit(lambda b: ShallowNN(n_h=2.5, backend=b)), ValueError, r"n_h: expected a non-empty sequence"),
    ("hidden sizes with 0", fit(lambda b: DeepNN(hidden_layer_sizes=(4, 0), backend=b)), ValueError,
     r"hidden_layer_sizes: expected a non-empty sequence of positive integers, got \(4, 0\)"),
    ("hidden sizes str", fit(lambda b: DeepNN(hidden_layer_sizes="20", backend=b)), ValueError, r"hidden_layer_sizes"),
    ("hidden sizes bytes", fit(lambda b: DeepNN(hidden_layer_sizes=b"\x03", backend=b)), ValueError,
     r"hidden_layer_sizes: expected a non-empty sequence of positive integers, got b'\\x03'$"),
    ("hidden sizes int", fit(lambda b: DeepNN(hidden_layer_sizes=3, backend=b)), ValueError,
     r"hidden_layer_sizes: expected a non-empty sequence of positive integers, got 3$"),
    ("hidden sizes empty", fit(lambda b: DeepNN(hidden_layer_sizes=(), backend=b)), ValueError,
     r"hidden_layer_sizes: expected a non-empty sequence of positive integers, got \(\)$"),
    ("n_h bool", fit(lambda b: ShallowNN(n_h=True, backend=b)), ValueError,
     r"n_h: expected a non-empty sequence of positive integers, got \[True\]$"),
    ("initial_params keys", fit(logistic(initial_params={"W1": np.zeros((1, 3))})), ValueError,
     r"initial_params: expected keys \['W1', 'b1'\], got keys \['W1'\]"),
    ("initial_params shape", fit(logistic(initial_params={"W1": np.zeros((3, 1)), "b1": np.zeros((1, 1))})), ValueError,
     r"initial_params\['W1'\]: expected shape \(1, 3\), got shape \(3, 1\)"),
    ("initial_params NaN", fit(logistic(initial_params={"W1": np.full((1, 3), np.nan), "b1": np.zeros((1, 1))})),
     ValueError, r"initial_params\['W1'\]: expected finite values"),
    ("initial_params inf", fit(logistic(initial_params={"W1": np.zeros((1, 3)), "b1": np.full((1, 1), np.inf)})),
     ValueError, r"initial_params\['b1'\]: expected finite values, got 1 NaN or inf entries$"),
    ("initial_params strings", fit(logistic(initial_params={"W1": np.zeros((1, 3)).astype(str), "b1": np.zeros((1, 1))})),
     TypeError, r"initial_params\['W1'\]: expected an array of real numbers, got dtype <U"),
    ("initial_params list", fit(logistic(initial_params=[np.zeros((1, 3))])), TypeError, r"initial_params: expected a dict"),
    ("predict features", fitted_predict(shallow(), X[:, :2]), ValueError, r"X: expected 3 features \(as in fit\), got 2"),
    # shapes that broadcast: a y of (1, 1) or (1, m), a b of (n_h, m), (1, 1), (1, n_h) or (n_h,) in W X + b, a W1 of
    # (n_h, 1) against X's 3 features; refused, naming the expected shape and the actual one
    ("y (1, 1)", fit(shallow(), y=y[:1, None]), ValueError, r"y: expected shape \(10,\) to match X, got shape \(1, 1\)$"),
    ("y a row", fit(shallow(), y=y[None, :]), ValueError, r"y: expected shape \(10,\) to match X, got shape \(1, 10\)$"),
    ("initial_params b1 per example", fit(shallow(initial_params=start_with(b1=np.zeros((2, 10))))), ValueError,
     r"initial_params\['b1'\]: expected shape \(2, 1\), got shape \(2, 10\)$"),
    ("initial_params b1 (1, 1)", fit(shallow(initial_params=start_with(b1=np.zeros((1, 1))))), ValueError,
     r"initial_params\['b1'\]: expected shape \(2, 1\), got shape \(1, 1\)$"),
    ("initial_params b1 a row", fit(shallow(initial_params=start_with(b1=np.zeros((1, 2))))), ValueError,
     r"initial_params\['b1'\]: expected shape \(2, 1\), got shape \(1, 2\)$"),
    ("initial_params b1 1-d", fit(shallow(initial_params=start_with(b1=np.zeros(2)))), ValueError,
     r"initial_params\['b1'\]: expected shape \(2, 1\), got shape \(2,\)$"),
    ("initial_params W1 a column", fit(shallow(initial_params=start_with(W1=np.zeros((2, 1))))), ValueError,
     r"initial_params\['W1'\]: expected shape \(2, 3\), got shape \(2, 1\)$"),
    # one class: classes_ would still be [0, 1] and predict_proba two columns; refused as scikit-learn's
    # LogisticRegression and SVC refuse it
    ("y only 0", fit(shallow(), y=np.zeros(10)), ValueError,
     r"y: expected both labels 0 and 1 \(a classifier needs two classes\), got only the label 0$"),
    ("y only 1", fit(deep(), y=np.ones(10, dtype=np.int64)), ValueError, r"y: expected both labels 0 and 1 .*, got only the label 1$"),
    ("predict NaN", fitted_predict(shallow(), np.full((2, 3), np.nan)), ValueError, r"X: expected finite values"),
    # course 2, week 1: L2's lambd and dropout's keep_prob
    ("lambd negative", fit(deep(lambd=-0.7)), ValueError, r"lambd: expected a finite number >= 0, got -0.7$"),
    ("lambd inf", fit(shallow(lambd=np.inf)), ValueError, r"lambd: expected a finite number >= 0, got inf$"),
    ("lambd a string", fit(deep(lambd="0.7")), TypeError, r"lambd: expected a real number >= 0, got '0.7'$"),
    ("keep_prob 0", fit(deep(keep_prob=0)), ValueError, r"keep_prob: expected a number in \(0, 1\]"),
    ("keep_prob above 1", fit(shallow(keep_prob=1.5)), ValueError, r"keep_prob: expected a number in \(0, 1\]"),
    ("keep_prob True", fit(deep(keep_prob=True)), TypeError, r"keep_prob: expected a real number in \(0, 1\], got True$"),
    # course 2, week 2: the optimizer and its options
    ("optimizer unknown", fit(deep(optimizer="sgd")), ValueError,
     r"optimizer: expected one of 'gd', 'momentum', 'rmsprop', 'adam', got 'sgd'$"),
    ("mini_batch_size 0", fit(shallow(mini_batch_size=0)), ValueError, r"mini_batch_size: expected an integer > 0, got 0$"),
    ("beta 1", fit(deep(optimizer="momentum", beta=1.0)), ValueError, r"beta: expected a number in \[0, 1\), got 1.0$"),
    ("epsilon 0", fit(deep(optimizer="adam", epsilon=0.0)), ValueError,
     r"epsilon: expected a positive finite number, got 0.0$"),
    ("time_interval 0", fit(deep(optimizer="gd", mini_batch_size=4, time_interval=0)), ValueError,
     r"time_interval: expected None or an integer > 0 \(epochs\), got 0$"),
    ("adam with dropout", fit(deep(optimizer="adam", keep_prob=0.8)), ValueError,
     r"optimizer: expected 'gd' and no mini_batch_size with lambd or keep_prob"),
]


def outcome(call, backend):
    """(error type, message) of call(backend), or None if it raised nothing."""
    try:
        call(backend)
    except (ValueError, TypeError) as error:
        return type(error), str(error)
    return None


def assert_same_error(outcomes, error, message):
    """Every backend raised ``error`` with one and the same message, which matches ``message`` and is one line."""
    reference, first = next(iter(outcomes.items()))
    assert first is not None, f"{reference}: no error"
    assert first[0] is error, f"{reference}: {first}"
    assert first[1].count("\n") == 0, f"not one line: {first[1]!r}"
    assert re.match(message, first[1]), f"{first[1]!r} does not match {message!r}"
    different = {name: got for name, got in outcomes.items() if got != first}
    assert not different, f"{reference} raised {first}, but {different}"


@pytest.mark.parametrize("case", ESTIMATOR_CASES, ids=[c[0] for c in ESTIMATOR_CASES])
def test_estimators_give_the_same_error_on_every_backend(case):
    _, call, error, message = case
    assert_same_error({backend: outcome(call, backend) for backend in BACKENDS}, error, message)


GOOD_LABELS = [
    # (id, y): the labels 0 and 1 in any real dtype are the course's labels
    ("int8", y.astype(np.int8)),
    ("uint8", y.astype(np.uint8)),
    ("int64", y.astype(np.int64)),
    ("float32", y.astype(np.float32)),
    ("a list of ints", [0, 1] * 5),
    ("-0.0 for 0", np.where(y > 0, 1.0, -0.0)),
]


@pytest.mark.parametrize("labels", [g[1] for g in GOOD_LABELS], ids=[g[0] for g in GOOD_LABELS])
def test_labels_0_and_1_of_any_real_dtype_train_as_float_labels(labels):
    """Accepted on every backend, and the trained parameters are exactly those of float64 labels."""
    for backend in BACKENDS:
        expected, got = shallow()(backend).fit(X, y).params_, shallow()(backend).fit(X, labels).params_
        assert all(np.array_equal(got[key], expected[key]) for key in expected), backend


# ------------------------------------------------------------------------------------------- functional API

ENTRY_POINTS = ("forward_propagation", "predict", "backward_propagation", "train", "train_autodiff")
ARRAYS = ("forward_propagation", "predict", "train", "train_autodiff")  # the entry points that take X
WITH_Y = ("backward_propagation", "train", "train_autodiff")
TRAINING = ("train", "train_autodiff")
EVERY = ENTRY_POINTS


@dataclass
class Inputs:
    """Good inputs of one model in one backend (float64), each of which a case may replace."""

    backend: object
    model: str
    X: object = None
    Y: object = None
    params: dict = field(default_factory=dict)
    cache: dict = field(default_factory=dict)
    activation: object = "tanh"
    learning_rate: object = 0.1
    num_iterations: object = 1

    def array(self, value, dtype="float64"):
        return self.backend.asarray(value, dtype)


DIMS = {"logistic_regression": [3, 1], "shallow_nn": [3, 4, 1], "deep_nn": [3, 4, 2, 1]}


def good_inputs(backend, model):
    data = np.random.default_rng(1)
    X_, Y_ = data.standard_normal((3, 5)), np.array([[0.0, 1.0, 1.0, 0.0, 1.0]])
    params = {}
    for l in range(1, len(DIMS[model])):
        params[f"W{l}"] = data.standard_normal((DIMS[model][l], DIMS[model][l - 1]))
        params[f"b{l}"] = data.standard_normal((DIMS[model][l], 1))
    inputs = Inputs(backend, model, activation=None if model == "logistic_regression" else "tanh")
    inputs.X, inputs.Y = inputs.array(X_), inputs.array(Y_)
    inputs.params = {name: inputs.array(value) for name, value in params.items()}
    kwargs = {} if inputs.activation is None else {"activation": inputs.activation}
    _, inputs.cache = getattr(backend, model).forward_propagation(inputs.X, inputs.params, **kwargs)
    return inputs


def call(entry, inputs):
    module = getattr(inputs.backend, inputs.model)
    kwargs = {} if inputs.model == "logistic_regression" else {"activation": inputs.activation}
    if entry in ("forward_propagation", "predict"):
        return getattr(module, entry)(inputs.X, inputs.params, **kwargs)
    if entry == "backward_propagation":
        return module.backward_propagation(inputs.params, inputs.cache, inputs.Y, **kwargs)
    return getattr(module, entry)(inputs.X, inputs.Y, inputs.params, inputs.learning_rate, inputs.num_iterations,
                                  **kwargs)


def setting(name, value):
    """A change that sets one input; ``value`` may be a function of the Inputs (to build arrays in its backend)."""
    def change(inputs):
        setattr(inputs, name, value(inputs) if callable(value) else value)
    return change


def param(key, value):
    def change(inputs):
        inputs.params = {**inputs.params, key: value(inputs)}
    return change


def without(attribute, key):
    def change(inputs):
        setattr(inputs, attribute, {k: v for k, v in getattr(inputs, attribute).items() if k != key})
    return change


x_np = np.random.default_rng(2).standard_normal((3, 5))
FUNCTIONAL_CASES = [
    # (id, model, entry points, change, error, message (a regular expression, matched from the start))
    ("X 1-d", "shallow_nn", ARRAYS, setting("X", lambda i: i.array(x_np[:, 0])), ValueError,
     r"X: expected a 2-d array of shape \(n_x, m\), got shape \(3,\)$"),
    ("X 3-d", "shallow_nn", ARRAYS, setting("X", lambda i: i.array(x_np[:, :, None])), ValueError,
     r"X: expected a 2-d array of shape \(n_x, m\), got shape \(3, 5, 1\)$"),
    ("X no examples", "shallow_nn", ARRAYS, setting("X", lambda i: i.array(x_np[:, :0])), ValueError,
     r"X: expected at least one feature and one example, shape \(n_x, m\), got shape \(3, 0\)$"),
    ("X no features", "logistic_regression", ARRAYS, setting("X", lambda i: i.array(x_np[:0])), ValueError,
     r"X: expected at least one feature and one example, shape \(n_x, m\), got shape \(0, 5\)$"),
    ("X wrong n_x", "deep_nn", ARRAYS, setting("X", lambda i: i.array(x_np[:2])), ValueError,
     r"params\['W1'\]: expected shape \(n\[1\], 2\) to match X, got shape \(4, 3\)$"),
    ("X int32", "shallow_nn", ARRAYS, setting("X", lambda i: i.array(x_np, "int32")), TypeError,
     r"X: expected dtype float64 or float32, got dtype int32$"),
    ("X bool", "shallow_nn", ARRAYS, setting("X", lambda i: i.array(x_np > 0, "bool")), TypeError,
     r"X: expected dtype float64 or float32, got dtype bool$"),
    ("X float16", "shallow_nn", ARRAYS, setting("X", lambda i: i.array(x_np, "float16")), TypeError,
     r"X: expected dtype float64 or float32, got dtype float16$"),
    ("X list", "shallow_nn", ARRAYS, setting("X", x_np.tolist()), TypeError,
     r"X: expected an array of the backend \(with a shape and a dtype\), got list$"),
    ("X float32, params float64", "shallow_nn", ARRAYS, setting("X", lambda i: i.array(x_np, "float32")), TypeError,
     r"params\['W1'\]: expected dtype float32 \(X's\), got dtype float64$"),
    ("params list", "shallow_nn", EVERY, setting("params", lambda i: list(i.params.values())), TypeError,
     r"params: expected a dict of arrays W1, b1, ..., got list$"),
    ("params without b2", "shallow_nn", EVERY, without("params", "b2"), ValueError,
     r"params: expected keys \['W1', 'b1', 'W2', 'b2'\] for shallow_nn, got keys \['W1', 'W2', 'b1'\]$"),
    ("params of a deeper network", "logistic_regression", EVERY,
     param("W2", lambda i: i.params["W1"]), ValueError,
     r"params: expected keys \['W1', 'b1'\] for logistic_regression, got keys \['W1', 'W2', 'b1'\]$"),
    ("params with a gap", "deep_nn", EVERY, without("params", "W2"), ValueError,
     r"params: expected keys \['W1', 'b1', 'W2', 'b2'\], got keys \['W1', 'W3', 'b1', 'b2', 'b3'\]$"),
    ("W2 transposed", "deep_nn", EVERY, param("W2", lambda i: i.array(np.ones((4, 2)))), ValueError,
     r"params\['W2'\]: expected shape \(n\[2\], 4\) to match W1, got shape \(4, 2\)$"),
    ("b1 a row", "shallow_nn", EVERY, param("b1", lambda i: i.array(np.ones((1, 4)))), ValueError,
     r"params\['b1'\]: expected shape \(4, 1\) to match W1, got shape \(1, 4\)$"),
    ("b1 1-d", "shallow_nn", EVERY, param("b1", lambda i: i.array(np.ones(4))), ValueError,
     r"params\['b1'\]: expected shape \(4, 1\) to match W1, got shape \(4,\)$"),
    # shapes that broadcast in W A + b: the error names the argument, the expected and the actual shape
    ("b1 per example", "shallow_nn", EVERY, param("b1", lambda i: i.array(np.ones((4, 5)))), ValueError,
     r"params\['b1'\]: expected shape \(4, 1\) to match W1, got shape \(4, 5\)$"),
    ("b1 (1, 1)", "deep_nn", EVERY, param("b1", lambda i: i.array(np.ones((1, 1)))), ValueError,
     r"params\['b1'\]: expected shape \(4, 1\) to match W1, got shape \(1, 1\)$"),
    ("b2 of the output per example", "shallow_nn", EVERY, param("b2", lambda i: i.array(np.ones((1, 5)))), ValueError,
     r"params\['b2'\]: expected shape \(1, 1\) to match W2, got shape \(1, 5\)$"),
    ("W1 a column", "shallow_nn", EVERY, param("W1", lambda i: i.array(np.ones((4, 1)))), ValueError,
     r"params\['W1'\]: expected shape \(n\[1\], 3\) to match X, got shape \(4, 1\)$"),
    ("W1 1-d", "logistic_regression", EVERY, param("W1", lambda i: i.array(np.ones(3))), ValueError,
     r"params\['W1'\]: expected a 2-d array of shape \(n\[1\], 3\), got shape \(3,\)$"),
    ("X one row", "deep_nn", ARRAYS, setting("X", lambda i: i.array(x_np[:1])), ValueError,
     r"params\['W1'\]: expected shape \(n\[1\], 1\) to match X, got shape \(4, 3\)$"),
    ("W1 no units", "shallow_nn", EVERY, param("W1", lambda i: i.array(np.ones((0, 3)))), ValueError,
     r"params\['W1'\]: expected at least one unit, shape \(n\[1\], 3\), got shape \(0, 3\)$"),
    ("two output units", "deep_nn", EVERY, param("W3", lambda i: i.array(np.ones((2, 2)))), ValueError,
     r"params\['W3'\]: expected shape \(1, 2\) \(the output layer has one unit\), got shape \(2, 2\)$"),
    ("W1 float32", "shallow_nn", EVERY, param("W1", lambda i: i.array(np.ones((4, 3)), "float32")), TypeError,
     r"params\['W1'\]: expected dtype float64 \(X's\), got dtype float32$"),
    ("W1 list", "logistic_regression", EVERY, param("W1", lambda i: [[1.0, 2.0, 3.0]]), TypeError,
     r"params\['W1'\]: expected an array of the backend \(with a shape and a dtype\), got list$"),
    ("Y 1-d", "shallow_nn", WITH_Y, setting("Y", lambda i: i.array(np.ones(5))), ValueError,
     r"Y: expected shape \(1, 5\) to match X, got shape \(5,\)$"),
    ("Y (1, 1)", "shallow_nn", WITH_Y, setting("Y", lambda i: i.array(np.ones((1, 1)))), ValueError,
     r"Y: expected shape \(1, 5\) to match X, got shape \(1, 1\)$"),
    ("Y too short", "shallow_nn", WITH_Y, setting("Y", lambda i: i.array(np.ones((1, 4)))), ValueError,
     r"Y: expected shape \(1, 5\) to match X, got shape \(1, 4\)$"),
    ("Y a column", "deep_nn", WITH_Y, setting("Y", lambda i: i.array(np.ones((5, 1)))), ValueError,
     r"Y: expected shape \(1, 5\) to match X, got shape \(5, 1\)$"),
    ("Y no examples", "logistic_regression", WITH_Y, setting("Y", lambda i: i.array(np.ones((1, 0)))), ValueError,
     r"Y: expected shape \(1, 5\) to match X, got shape \(1, 0\)$"),
    ("Y int32", "shallow_nn", WITH_Y, setting("Y", lambda i: i.array(np.ones((1, 5)), "int32")), TypeError,
     r"Y: expected dtype float64 \(X's\), got dtype int32$"),
    ("Y float32", "shallow_nn", WITH_Y, setting("Y", lambda i: i.array(np.ones((1, 5)), "float32")), TypeError,
     r"Y: expected dtype float64 \(X's\), got dtype float32$"),
    ("cache without A1", "shallow_nn", ("backward_propagation",), without("cache", "A1"), ValueError,
     r"cache: expected forward_propagation's cache with keys \['A0', 'Z1', 'A1', 'Z2', 'A2'\], got keys "),
    ("cache a list", "logistic_regression", ("backward_propagation",), setting("cache", []), ValueError,
     r"cache: expected forward_propagation's cache with keys \['A0', 'Z1', 'A1'\], got list$"),
    ("activation unknown", "shallow_nn", EVERY, setting("activation", "swish"), ValueError,
     r"activation: expected one of 'sigmoid', 'tanh', 'relu', 'leaky_relu', got 'swish'$"),
    ("activation None", "deep_nn", EVERY, setting("activation", None), ValueError,
     r"activation: expected one of 'sigmoid', 'tanh', 'relu', 'leaky_relu', got None$"),
    ("activation int", "shallow_nn", EVERY, setting("activation", 3), ValueError, r"activation: expected one of .*, got 3$"),
    ("activation list", "shallow_nn", EVERY, setting("activation", ["tanh"]), ValueError,
     r"activation: expected one of .*, got \['tanh'\]$"),
    ("learning_rate 0", "shallow_nn", TRAINING, setting("learning_rate", 0.0), ValueError,
     r"learning_rate: expected a positive finite number, got 0.0$"),
    ("learning_rate -1", "shallow_nn", TRAINING, setting("learning_rate", -1.0), ValueError,
     r"learning_rate: expected a positive finite number, got -1.0$"),
    ("learning_rate NaN", "shallow_nn", TRAINING, setting("learning_rate", math.nan), ValueError,
     r"learning_rate: expected a positive finite number, got nan$"),
    ("learning_rate inf", "shallow_nn", TRAINING, setting("learning_rate", math.inf), ValueError,
     r"learning_rate: expected a positive finite number, got inf$"),
    ("learning_rate 0-d NaN", "shallow_nn", TRAINING, setting("learning_rate", lambda i: i.array(np.array(math.nan))),
     ValueError, r"learning_rate: expected a positive finite number, got nan$"),
    ("learning_rate shape (1,)", "logistic_regression", TRAINING, setting("learning_rate", lambda i: i.array([0.1])),
     TypeError, r"learning_rate: expected a positive real number, got an array of shape \(1,\) and dtype float64$"),
    ("learning_rate 0-d bool", "shallow_nn", TRAINING, setting("learning_rate", lambda i: i.array(np.array(True), "bool")),
     TypeError, r"learning_rate: expected a positive real number, got an array of shape \(\) and dtype bool$"),
    ("learning_rate str", "shallow_nn", TRAINING, setting("learning_rate", "0.1"), TypeError,
     r"learning_rate: expected a positive real number, got '0.1'$"),
    ("learning_rate bool", "shallow_nn", TRAINING, setting("learning_rate", True), TypeError,
     r"learning_rate: expected a positive real number, got True$"),
    ("learning_rate None", "logistic_regression", TRAINING, setting("learning_rate", None), TypeError,
     r"learning_rate: expected a positive real number, got None$"),
    ("num_iterations -1", "shallow_nn", TRAINING, setting("num_iterations", -1), ValueError,
     r"num_iterations: expected an integer >= 0, got -1$"),
    ("num_iterations float", "deep_nn", TRAINING, setting("num_iterations", 2.5), TypeError,
     r"num_iterations: expected an integer >= 0, got 2.5$"),
    ("num_iterations str", "logistic_regression", TRAINING, setting("num_iterations", "10"), TypeError,
     r"num_iterations: expected an integer >= 0, got '10'$"),
    ("num_iterations bool", "shallow_nn", TRAINING, setting("num_iterations", True), TypeError,
     r"num_iterations: expected an integer >= 0, got True$"),
    # A wrong name must be caught even when no iteration would use it (NumPy used to return silently)
    ("activation unknown, 0 iterations", "deep_nn", TRAINING,
     lambda i: (setting("activation", "gelu")(i), setting("num_iterations", 0)(i)), ValueError,
     r"activation: expected one of .*, got 'gelu'$"),
]


def _functional_params():
    for case in FUNCTIONAL_CASES:
        for entry in case[2]:
            yield pytest.param(case, entry, id=f"{case[0]}-{entry}")


@pytest.mark.parametrize("case, entry", list(_functional_params()))
def test_functional_api_gives_the_same_error_on_every_backend(case, entry):
    name, model, _, change, error, message = case
    outcomes = {}
    for backend_name in BACKENDS:
        backend = get_backend(backend_name)
        if not hasattr(getattr(backend, model), entry):
            continue  # NumPy has no train_autodiff
        with backend.precision("float64"):
            inputs = good_inputs(backend, model)
            change(inputs)
            outcomes[backend_name] = outcome(lambda _, inputs=inputs: call(entry, inputs), backend_name)
    if not outcomes:
        pytest.skip(f"no installed backend has {entry}")
    assert_same_error(outcomes, error, message)


def test_every_bad_input_kind_reaches_every_entry_point_that_takes_it():
    """The table's coverage: each entry point gets array, name and (for training) hyperparameter cases."""
    for entry in ENTRY_POINTS:
        names = [c[0] for c in FUNCTIONAL_CASES if entry in c[2]]
        assert any(n.startswith("params") for n in names) and any(n.startswith("activation") for n in names), entry
    assert all(any(n.startswith(p) for n in [c[0] for c in FUNCTIONAL_CASES if "train" in c[2]])
               for p in ("X", "Y", "params", "activation", "learning_rate", "num_iterations"))


@pytest.mark.parametrize("backend_name, other", [("numpy", "torch"), ("torch", "numpy")])
def test_an_array_of_another_framework_is_named(backend_name, other):
    """A float64 W1 of another framework, where X is NumPy's or torch's. (TF and JAX take NumPy arrays as theirs,
    so this one error is not the same everywhere.)"""
    if not {backend_name, other} <= set(BACKENDS):
        pytest.skip(f"needs {backend_name} and {other}")
    backend, foreign = get_backend(backend_name), get_backend(other)
    with backend.precision("float64"):
        inputs = good_inputs(backend, "logistic_regression")
        inputs.params = {**inputs.params, "W1": foreign.asarray(np.ones((1, 3)), "float64")}
        kinds = {"numpy": "ndarray", "torch": "Tensor"}
        message = rf"params\['W1'\]: expected an array of X's kind \({kinds[backend_name]}\), got {kinds[other]}$"
        for entry in ("forward_propagation", "backward_propagation", "train"):
            with pytest.raises(TypeError, match=message):
                call(entry, inputs)


INIT_CASES = [
    # (model, layer_dims, message): initialize_parameters, the functional API's one check of layer sizes
    ("deep_nn", [1], r"layer_dims: expected \[n_x, n\[1\], ..., n\[L-1\], 1\] for deep_nn, got \[1\]$"),
    ("deep_nn", [], r"layer_dims: expected a non-empty sequence of positive integers, got \[\]$"),
    ("shallow_nn", [3, 0, 1], r"layer_dims: expected a non-empty sequence of positive integers, got \[3, 0, 1\]$"),
    ("logistic_regression", [3, 4, 1], r"layer_dims: expected \[n_x, 1\] for logistic_regression, got \[3, 4, 1\]$"),
]


@pytest.mark.parametrize("model, layer_dims, message", INIT_CASES, ids=[f"{c[0]}-{c[1]}" for c in INIT_CASES])
def test_initialize_parameters_gives_the_same_error_on_every_backend(model, layer_dims, message):
    def init(backend_name):
        return getattr(get_backend(backend_name), model).initialize_parameters(layer_dims)

    assert_same_error({backend: outcome(init, backend) for backend in BACKENDS}, ValueError, message)


def test_the_same_error_check_can_fail():
    """assert_same_error fails when one backend words its error differently."""
    first = (ValueError, "X: expected a 2-d array, got shape (3,)")
    outcomes = {name: first for name in BACKENDS} | {"other": (ValueError, "X must be 2-d")}
    with pytest.raises(AssertionError, match="other"):
        assert_same_error(outcomes, ValueError, r"X: expected")


# ------------------------------------------------------------------------------ values: no error, the same result

VALUES = [
    ("X NaN", lambda X_, Y_: (np.where(X_ > 1, np.nan, X_), Y_)),
    ("X inf", lambda X_, Y_: (np.where(X_ > 1, np.inf, X_), Y_)),
    ("Y labels 0 and 2", lambda X_, Y_: (X_, Y_ * 2)),
    ("Y NaN", lambda X_, Y_: (X_, np.where(Y_ > 0, np.nan, Y_))),
]


@pytest.mark.parametrize("case", VALUES, ids=[v[0] for v in VALUES])
def test_values_pass_through_the_functional_api_the_same_everywhere(case):
    """No check reads values in the functional API: every backend computes with them, and NaN lands in the same
    places (IEEE arithmetic), the finite results within the tolerance table of NumPy's."""
    from reference.proof.tolerances import compare

    _, change = case
    results = {}
    for backend_name in BACKENDS:
        backend = get_backend(backend_name)
        with backend.precision("float64"):
            inputs = good_inputs(backend, "shallow_nn")
            X_, Y_ = change(backend.to_numpy(inputs.X), backend.to_numpy(inputs.Y))
            inputs.X, inputs.Y = inputs.array(X_), inputs.array(Y_)
            module = backend.shallow_nn
            AL, cache = module.forward_propagation(inputs.X, inputs.params, "tanh")
            cost = module.compute_cost(cache["Z2"], inputs.Y)
            grads = module.backward_propagation(inputs.params, cache, inputs.Y, "tanh")
            results[backend_name] = [backend.to_numpy(v) for v in (AL, cost, *grads.values())]
    expected = results["numpy"]
    for backend_name, got in results.items():
        for quantity, a, e in zip(["forward", "cost"] + ["gradients"] * 4, got, expected, strict=True):
            assert np.array_equal(np.isnan(a), np.isnan(e)), f"{backend_name} {quantity}: NaN elsewhere than NumPy's"
            finite = ~np.isnan(e)
            assert compare(a[finite], e[finite], "float64", quantity).ok or not np.any(finite), backend_name


# course 2, week 1: the regularization modules' lambd, keep_prob and masks, the same error from every backend


def regularization_call(entry, lambd=0.0, keep_prob=0.8, masks=lambda D: D, X=lambda X: X, params=lambda p: p):
    """regularization.<entry> of a backend on a [3, 4, 2, 1] network with NumPy-drawn masks, changed by ``masks``."""
    import impl_numpy

    def run(backend_name):
        backend = get_backend(backend_name)
        with backend.precision("float64"):
            inputs = good_inputs(backend, "deep_nn")
            drawn = impl_numpy.regularization.dropout_masks(DIMS["deep_nn"], 5, 0.8, seed=1)
            good = {key: inputs.array(D) for key, D in drawn.items()}
            module = backend.regularization
            if entry == "forward_propagation":
                return module.forward_propagation(X(inputs.X), params(inputs.params), "tanh", keep_prob, masks(good))
            if entry == "backward_propagation":
                _, cache = module.forward_propagation(inputs.X, inputs.params, "tanh", 0.8, good)
                return module.backward_propagation(params(inputs.params), cache, inputs.Y, "tanh", lambd, keep_prob)
            return getattr(module, entry)(X(inputs.X), inputs.Y, params(inputs.params), 0.1, 1, "tanh", lambd,
                                          keep_prob, masks(good))
    return run


REGULARIZATION_CASES = [
    # (id, entry points, keyword changes, error, message)
    ("masks missing for keep_prob < 1", ("forward_propagation", "train", "train_autodiff"),
     {"masks": lambda D: None}, ValueError, r"masks: expected the dropout masks D1 \.\.\. D\[L-1\] for keep_prob < 1"),
    ("masks of one layer only", ("forward_propagation", "train"), {"masks": lambda D: {"D1": D["D1"]}}, ValueError,
     r"masks: expected keys \['D1', 'D2'\] \(one mask per hidden layer\), got keys \['D1'\]$"),
    ("a mask of other examples", ("forward_propagation", "train_autodiff"),
     {"masks": lambda D: {**D, "D2": D["D2"][:, :3]}}, ValueError,
     r"masks\['D2'\]: expected shape \(2, 5\) to match A2, got shape \(2, 3\)$"),
    ("masks a list", ("forward_propagation",), {"masks": lambda D: list(D.values())}, TypeError,
     r"masks: expected a dict of arrays D1, D2, \.\.\., got list$"),
    ("masks with keep_prob 1", ("forward_propagation", "train"), {"keep_prob": 1.0}, ValueError,
     r"masks: expected None with keep_prob 1 \(no dropout\), or masks with the keep_prob < 1 they were drawn for, "
     r"got masks \['D1', 'D2'\] with keep_prob 1$"),
    ("X of other examples than the masks", ("forward_propagation",),
     {"X": lambda X: X[:, :4]}, ValueError, r"masks\['D1'\]: expected shape \(4, 4\) to match A1, got shape \(4, 5\)$"),
    ("params W1 a number", ("forward_propagation", "train"), {"params": lambda p: {**p, "W1": 1}}, TypeError,
     r"params\['W1'\]: expected an array of the backend"),
    ("keep_prob 0", ("forward_propagation", "backward_propagation", "train"), {"keep_prob": 0.0}, ValueError,
     r"keep_prob: expected a number in \(0, 1\]"),
    ("lambd negative", ("backward_propagation", "train", "train_autodiff"), {"lambd": -1.0}, ValueError,
     r"lambd: expected a finite number >= 0, got -1.0$"),
]


def _regularization_params():
    for case in REGULARIZATION_CASES:
        for entry in case[1]:
            yield pytest.param(case, entry, id=f"{case[0]}-{entry}")


@pytest.mark.parametrize("case, entry", list(_regularization_params()))
def test_the_regularization_modules_give_the_same_error_on_every_backend(case, entry):
    _, _, changes, error, message = case
    outcomes = {name: outcome(regularization_call(entry, **changes), name) for name in BACKENDS
                if hasattr(get_backend(name).regularization, entry)}
    assert_same_error(outcomes, error, message)


def test_the_docs_count_the_kinds_of_bad_input():
    """docs/proof.md says how many kinds of bad input every backend is given: counted here from the three lists."""
    page = " ".join((Path(__file__).resolve().parents[1] / "docs" / "proof.md").read_text().split())
    kinds = len(ESTIMATOR_CASES) + len(FUNCTIONAL_CASES) + len(REGULARIZATION_CASES)
    assert f"Bad input of {kinds} kinds goes to every backend" in page


LAYERS_CALLS = {"forward": lambda layers, model, X, Y: layers.forward(model, X, training=True),
                "cost": lambda layers, model, X, Y: layers.cost(model, X, Y),
                "train": lambda layers, model, X, Y: layers.train(model, X, Y, 0.1, 2)}


@pytest.mark.parametrize("entry", list(LAYERS_CALLS))
def test_the_layers_refuse_other_examples_than_their_masks_alike(entry):
    """A network built with the course's masks (layers.build(masks=...)), given X of other examples in training: one
    line from every framework, before the framework's own broadcasting error (torch's), or its wrapping of an error
    raised inside a layer (Keras')."""
    import impl_numpy

    params = impl_numpy.deep_nn.initialize_parameters([3, 5, 4, 1], "he", 0)
    masks = impl_numpy.regularization.dropout_masks([3, 5, 4, 1], 8, 0.8)
    outcomes = {}
    for name in [b for b in BACKENDS if b != "numpy"]:
        backend = get_backend(name)
        with backend.precision("float64"):
            model = backend.layers.load_params(backend.layers.build([3, 5, 4, 1], "relu", "float64", 0.8, masks),
                                               params)
            arrays = (backend.layers, model, backend.asarray(np.ones((3, 5))), backend.asarray(np.ones((1, 5))))
            outcomes[name] = outcome(lambda _, arrays=arrays: LAYERS_CALLS[entry](*arrays), name)
    assert_same_error(outcomes, ValueError, r"X: expected the 8 examples the dropout masks were given for, got 5 "
                                            r"examples$")
