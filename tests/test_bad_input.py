"""Bad input raises a ValueError (or TypeError for a wrong type) naming the argument and what was
expected, before any work is done."""

import numpy as np
import pytest

import impl_numpy
from reference import DeepNN, LogisticRegression, ShallowNN, get_backend

X = np.random.default_rng(0).standard_normal((10, 3))
y = np.array([0, 1] * 5, dtype=float)

BAD_FIT = [
    ("X 1-d", lambda: ShallowNN().fit(X[:, 0], y), ValueError, r"X: expected a 2-d array"),
    ("X empty", lambda: ShallowNN().fit(np.zeros((0, 3)), y[:0]), ValueError, r"X: expected at least one sample"),
    ("X NaN", lambda: ShallowNN().fit(np.where(X > 1, np.nan, X), y), ValueError, r"X: expected finite values"),
    ("X inf", lambda: ShallowNN().fit(np.where(X > 1, np.inf, X), y), ValueError, r"X: expected finite values"),
    ("X strings", lambda: ShallowNN().fit(X.astype(str), y), TypeError, r"X: expected an array of real numbers"),
    ("y shape", lambda: ShallowNN().fit(X, y[:-1]), ValueError, r"y: expected shape \(10,\)"),
    ("y 2-d", lambda: ShallowNN().fit(X, y[:, None]), ValueError, r"y: expected shape \(10,\)"),
    ("y labels", lambda: ShallowNN().fit(X, y * 2), ValueError, r"y: expected labels 0 and 1 only, got labels \{0.0, 2.0\}"),
    ("y NaN", lambda: ShallowNN().fit(X, np.where(y > 0, np.nan, y)), ValueError, r"y: expected finite values"),
    ("activation", lambda: ShallowNN(activation="swish").fit(X, y), ValueError,
     r"activation: expected one of 'sigmoid', 'tanh', 'relu', 'leaky_relu', got 'swish'"),
    ("init", lambda: DeepNN(init="orthogonal").fit(X, y), ValueError, r"init: expected one of 'zeros'.*got 'orthogonal'"),
    ("learning_rate 0", lambda: LogisticRegression(learning_rate=0).fit(X, y), ValueError,
     r"learning_rate: expected a positive finite number, got 0"),
    ("learning_rate -1", lambda: LogisticRegression(learning_rate=-1.0).fit(X, y), ValueError, r"learning_rate"),
    ("learning_rate str", lambda: LogisticRegression(learning_rate="0.1").fit(X, y), TypeError, r"learning_rate"),
    ("num_iterations", lambda: LogisticRegression(num_iterations=-1).fit(X, y), ValueError,
     r"num_iterations: expected an integer >= 0, got -1"),
    ("num_iterations float", lambda: LogisticRegression(num_iterations=2.5).fit(X, y), TypeError, r"num_iterations"),
    ("dtype", lambda: LogisticRegression(dtype="float16").fit(X, y), ValueError, r"dtype: expected one of 'float64', 'float32'"),
    ("seed", lambda: LogisticRegression(seed=-3).fit(X, y), ValueError, r"seed: expected an integer in \[0, 2\*\*32\), got -3"),
    ("seed 2**32", lambda: LogisticRegression(seed=2**32).fit(X, y), ValueError, r"seed: expected an integer in \[0, 2\*\*32\)"),
    ("n_h", lambda: ShallowNN(n_h=0).fit(X, y), ValueError, r"n_h: expected a non-empty sequence of positive integers"),
    ("hidden sizes", lambda: DeepNN(hidden_layer_sizes=(4, -1)).fit(X, y), ValueError, r"hidden_layer_sizes"),
    ("backend", lambda: LogisticRegression(backend="mxnet").fit(X, y), ValueError,
     r"backend: expected one of 'numpy', 'torch', 'tf', 'jax', got 'mxnet'"),
    ("initial_params keys", lambda: LogisticRegression(initial_params={"W1": np.zeros((1, 3))}).fit(X, y), ValueError,
     r"initial_params: expected keys \['W1', 'b1'\]"),
    ("initial_params shape", lambda: LogisticRegression(initial_params={"W1": np.zeros((3, 1)), "b1": np.zeros((1, 1))}).fit(X, y),
     ValueError, r"initial_params\['W1'\]: expected shape \(1, 3\), got shape \(3, 1\)"),
]


@pytest.mark.parametrize("case", BAD_FIT, ids=[c[0] for c in BAD_FIT])
def test_bad_input_is_named(case):
    _, call, error, message = case
    with pytest.raises(error, match=message):
        call()


@pytest.mark.parametrize("call, message", [
    (lambda: impl_numpy.deep_nn.initialize_parameters([3, 4, 2]), r"layer_dims: expected \[n_x, n\[1\], ..., n\[L-1\], 1\]"),
    (lambda: impl_numpy.shallow_nn.initialize_parameters([3, 1]), r"layer_dims: expected \[n_x, n_h, 1\] for shallow_nn"),
    (lambda: impl_numpy.initializers.initialize_parameters([3, 1], init="uniform"), r"init: expected one of"),
    (lambda: impl_numpy.activations.activation_forward(np.zeros(2), "gelu"), r"activation: expected one of"),
    (lambda: get_backend("caffe"), r"backend: expected one of"),
])
def test_functional_api_bad_input(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_bad_input_fails_before_any_work(monkeypatch):
    """A bad label is reported before the backend is even looked up."""
    import reference.estimators as estimators

    def boom(name):
        raise AssertionError("the backend was loaded before the input was checked")

    monkeypatch.setattr(estimators, "get_backend", boom)
    with pytest.raises(ValueError, match="y: expected labels"):
        ShallowNN().fit(X, y + 3)
