"""TensorFlow-specific tests for impl_tf: manual backward vs tf.GradientTape vs impl_numpy, tf.function vs
eager execution, float64 without float32 leaks, the cost at saturation, relu'(0) and leaky_relu'(0) under
autodiff, the Keras initializers (plain and truncated normal), the estimators and bad input.

Expected numbers come from impl_numpy (the reference backend), from the math (sigmoid(z) - y, the
initializers' target standard deviations in reference.proof.oracle.init_std) or from the other TF path
(manual vs GradientTape, compiled vs eager). Every comparison goes through reference.proof.tolerances.compare.
Data and initial parameters are built once in NumPy and converted with asarray, since TF's generator
differs. TensorFlow is imported once, here (about 4 s).
"""

import contextlib

import numpy as np
import pytest

tf = pytest.importorskip("tensorflow")

import impl_numpy  # noqa: E402
import impl_tf  # noqa: E402
from impl_tf import initializers  # noqa: E402
from reference import DeepNN, LogisticRegression, ShallowNN  # noqa: E402
from reference.proof.oracle import init_std  # noqa: E402
from reference.proof.oracle import sigmoid as exact_sigmoid  # noqa: E402
from reference.proof.tolerances import FLOAT32_TRAINING_ITERATIONS, compare  # noqa: E402

DTYPES = ("float64", "float32")
ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu")
# (model, activation, layer_dims); logistic regression takes no activation
CASES = ([("logistic_regression", None, [5, 1])]
         + [("shallow_nn", a, [5, 4, 1]) for a in ACTIVATIONS]
         + [("deep_nn", a, [5, 4, 3, 1]) for a in ACTIVATIONS])
CASE_IDS = [model if activation is None else f"{model}-{activation}" for model, activation, _ in CASES]
MODELS = [("logistic_regression", None, [5, 1]), ("shallow_nn", "tanh", [5, 4, 1]), ("deep_nn", "relu", [5, 4, 3, 1])]
MODEL_IDS = [model for model, _, _ in MODELS]
LEARNING_RATE = 0.3  # not a float32 number: a learning rate rounded through float32 shows in float64
TRAIN_ITERATIONS = {"float64": 50, "float32": FLOAT32_TRAINING_ITERATIONS}


def _assert_close(actual, expected, dtype, quantity, what=""):
    result = compare(impl_tf.to_numpy(actual), impl_tf.to_numpy(expected), dtype, quantity)
    assert result.ok, f"{what} {result}"


def _kwargs(activation):
    return {} if activation is None else {"activation": activation}


def _problem(layer_dims, m=32, seed=0, zero_first_layer=False):
    """(X, Y, params) as float64 NumPy: X (n_x, m), Y (1, m) with both labels, W scaled by 1/sqrt(n_in);
    with ``zero_first_layer``, W1 = 0 and b1 = 0, so that Z1 = 0 exactly."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((layer_dims[0], m))
    Y = (rng.random((1, m)) > 0.5).astype(np.float64)
    Y[0, :2] = (0.0, 1.0)
    params = {}
    for l in range(1, len(layer_dims)):
        zero = zero_first_layer and l == 1
        scale = 0.0 if zero else 1 / np.sqrt(layer_dims[l - 1])
        params[f"W{l}"] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * scale
        params[f"b{l}"] = rng.standard_normal((layer_dims[l], 1)) * (0.0 if zero else 0.1)
        if zero_first_layer and l > 1:  # positive: layer 2's relu units then pass a gradient back to layer 1
            params[f"b{l}"] = np.abs(params[f"b{l}"])
    return X, Y, params


def _both(X, Y, params, dtype):
    """The same problem as NumPy arrays and as TF tensors of ``dtype``."""
    as_np = (X.astype(dtype), Y.astype(dtype), {k: v.astype(dtype) for k, v in params.items()})
    as_tf = (impl_tf.asarray(X, dtype), impl_tf.asarray(Y, dtype),
             {k: impl_tf.asarray(v, dtype) for k, v in params.items()})
    return as_np, as_tf


@contextlib.contextmanager
def _eager():
    """tf.function bodies run as plain Python for the duration; the previous setting is restored."""
    before = tf.config.functions_run_eagerly()
    tf.config.run_functions_eagerly(True)
    try:
        yield
    finally:
        tf.config.run_functions_eagerly(before)


# --- manual backward == GradientTape == NumPy --------------------------------------------------------

@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("model, activation, layer_dims", CASES, ids=CASE_IDS)
@pytest.mark.parametrize("zero_first_layer", [False, True], ids=["random", "Z1=0"])
def test_manual_backward_equals_gradient_tape_equals_numpy(model, activation, layer_dims, dtype, zero_first_layer):
    """Expected: impl_numpy's backward_propagation. With W1 = 0 and b1 = 0, Z1 is exactly 0, so relu'(0) and
    leaky_relu'(0) decide dW1, and for logistic regression the cost's gradient at Z = 0 decides everything
    (relu as tf.maximum(Z, 0), or the cost written with tf.maximum and tf.abs, would fail here)."""
    (Xn, Yn, Pn), (Xt, Yt, Pt) = _both(*_problem(layer_dims, zero_first_layer=zero_first_layer), dtype)
    np_model, tf_model = getattr(impl_numpy, model), getattr(impl_tf, model)
    kw = _kwargs(activation)
    _, cache_np = np_model.forward_propagation(Xn, Pn, **kw)
    _, cache_tf = tf_model.forward_propagation(Xt, Pt, **kw)
    expected = np_model.backward_propagation(Pn, cache_np, Yn, **kw)
    manual = tf_model.backward_propagation(Pt, cache_tf, Yt, **kw)
    tape = tf_model.autodiff_gradients(Pt, Xt, Yt, **kw)
    assert sorted(manual) == sorted(tape) == sorted(expected)
    for name in expected:
        assert manual[name].dtype == tape[name].dtype == tf.as_dtype(dtype)
        _assert_close(manual[name], expected[name], dtype, "gradients", f"manual {name}")
        _assert_close(tape[name], expected[name], dtype, "gradients", f"GradientTape {name}")
        _assert_close(tape[name], manual[name], dtype, "gradients", f"GradientTape vs manual {name}")


# --- forward, cost, train == NumPy; train_autodiff == train ---------------------------------------------

@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("model, activation, layer_dims", CASES, ids=CASE_IDS)
def test_forward_cost_train_equal_numpy(model, activation, layer_dims, dtype):
    """Expected: impl_numpy; training for 50 iterations in float64, FLOAT32_TRAINING_ITERATIONS in float32."""
    (Xn, Yn, Pn), (Xt, Yt, Pt) = _both(*_problem(layer_dims), dtype)
    np_model, tf_model = getattr(impl_numpy, model), getattr(impl_tf, model)
    kw = _kwargs(activation)
    L = len(layer_dims) - 1
    AL_np, cache_np = np_model.forward_propagation(Xn, Pn, **kw)
    AL_tf, cache_tf = tf_model.forward_propagation(Xt, Pt, **kw)
    assert AL_tf.dtype == tf.as_dtype(dtype)
    _assert_close(AL_tf, AL_np, dtype, "forward")
    cost = tf_model.compute_cost(cache_tf[f"Z{L}"], Yt)
    assert cost.dtype == tf.as_dtype(dtype) and cost.shape == ()
    _assert_close(cost, np_model.compute_cost(cache_np[f"Z{L}"], Yn), dtype, "cost")
    _assert_close(tf_model.predict(Xt, Pt, **kw), np_model.predict(Xn, Pn, **kw), dtype, "predictions")

    n = TRAIN_ITERATIONS[dtype]
    params_np, costs_np = np_model.train(Xn, Yn, Pn, LEARNING_RATE, n, **kw)
    for train in (tf_model.train, tf_model.train_autodiff):
        params_tf, costs_tf = train(Xt, Yt, Pt, LEARNING_RATE, n, **kw)
        assert costs_tf.dtype == tf.as_dtype(dtype) and costs_tf.shape == (n,)
        _assert_close(costs_tf, costs_np, dtype, "training_costs", train.__name__)
        for name in params_np:
            _assert_close(params_tf[name], params_np[name], dtype, "training_params", f"{train.__name__} {name}")


@pytest.mark.parametrize("model, activation, layer_dims", MODELS, ids=MODEL_IDS)
def test_update_is_pure_and_zero_iterations_return_the_initial_params(model, activation, layer_dims):
    """Expected: impl_numpy's update; the caller's dict is untouched; 0 iterations give an empty cost array."""
    (Xn, Yn, Pn), (Xt, Yt, Pt) = _both(*_problem(layer_dims), "float64")
    np_model, tf_model = getattr(impl_numpy, model), getattr(impl_tf, model)
    kw = _kwargs(activation)
    grads = tf_model.backward_propagation(Pt, tf_model.forward_propagation(Xt, Pt, **kw)[1], Yt, **kw)
    before = dict(Pt)
    updated = tf_model.update_parameters(Pt, grads, 0.1)
    assert list(Pt) == list(before) and all(Pt[k] is before[k] for k in before) and updated is not Pt
    expected = np_model.update_parameters(Pn, {k: v.numpy() for k, v in grads.items()}, 0.1)
    for name in expected:
        _assert_close(updated[name], expected[name], "float64", "update", name)
    for train in (tf_model.train, tf_model.train_autodiff):
        params, costs = train(Xt, Yt, Pt, 0.1, 0, **kw)
        assert costs.shape == (0,) and costs.dtype == tf.float64
        for name in Pn:
            np.testing.assert_array_equal(params[name].numpy(), Pn[name])


# --- tf.function: compiled == eager, no retracing, no float32 ---------------------------------------------

@pytest.mark.parametrize("model, activation, layer_dims", MODELS, ids=MODEL_IDS)
def test_compiled_training_equals_eager_execution(model, activation, layer_dims):
    """Expected: the same loop run eagerly (tf.config.run_functions_eagerly(True), restored after)."""
    _, (Xt, Yt, Pt) = _both(*_problem(layer_dims), "float64")
    tf_model = getattr(impl_tf, model)
    kw = _kwargs(activation)
    for train in (tf_model.train, tf_model.train_autodiff):
        compiled = train(Xt, Yt, Pt, LEARNING_RATE, 20, **kw)
        with _eager():
            eager = train(Xt, Yt, Pt, LEARNING_RATE, 20, **kw)
        assert not tf.config.functions_run_eagerly()
        _assert_close(compiled[1], eager[1], "float64", "training_costs", train.__name__)
        for name in Pt:
            _assert_close(compiled[0][name], eager[0][name], "float64", "training_params", f"{train.__name__} {name}")


def test_new_learning_rate_or_iteration_count_does_not_retrace():
    """learning_rate and num_iterations enter the compiled loop as tensors: one trace serves every value."""
    _, (Xt, Yt, Pt) = _both(*_problem([5, 4, 3, 1], m=11), "float64")
    loop = impl_tf.deep_nn._gradient_descent
    impl_tf.deep_nn.train(Xt, Yt, Pt, 0.1, 3)
    traces = loop.experimental_get_tracing_count()
    impl_tf.deep_nn.train(Xt, Yt, Pt, 0.2, 5)
    impl_tf.deep_nn.train(Xt, Yt, Pt, 0.0075, 7)
    assert loop.experimental_get_tracing_count() == traces


@pytest.mark.parametrize("model, activation, layer_dims", MODELS, ids=MODEL_IDS)
def test_learning_rate_enters_the_compiled_loop_in_float64(model, activation, layer_dims, monkeypatch):
    """0.0075 is not a float32 number: it must arrive as the float64 0.0075 (tf.cast would give 0.0074999998...)."""
    _, (Xt, Yt, Pt) = _both(*_problem(layer_dims), "float64")
    tf_model = getattr(impl_tf, model)
    seen = []
    loop = tf_model._gradient_descent

    def spy(X, Y, params, learning_rate, *args, **kwargs):
        seen.append(learning_rate)
        return loop(X, Y, params, learning_rate, *args, **kwargs)

    monkeypatch.setattr(tf_model, "_gradient_descent", spy)
    tf_model.train(Xt, Yt, Pt, 0.0075, 2, **_kwargs(activation))
    tf_model.train_autodiff(Xt, Yt, Pt, 0.0075, 2, **_kwargs(activation))
    assert [(lr.dtype, lr.numpy()) for lr in seen] == [(tf.float64, 0.0075)] * 2


@pytest.mark.parametrize("autodiff", [False, True], ids=["manual", "autodiff"])
def test_no_float32_anywhere_in_the_float64_training_graph(autodiff):
    """Every op in the traced loop, the while body included, carries float64 (or int/bool) only."""
    _, (Xt, Yt, Pt) = _both(*_problem([5, 4, 3, 1]), "float64")
    for activation in ACTIVATIONS:
        concrete = impl_tf.deep_nn._gradient_descent.get_concrete_function(
            Xt, Yt, Pt, tf.constant(0.0075, tf.float64), tf.constant(2, tf.int32), activation, autodiff=autodiff)
        graph = concrete.graph.as_graph_def()
        nodes = list(graph.node) + [node for function in graph.library.function for node in function.node_def]
        float32 = [node.name for node in nodes for attr in node.attr.values()
                   if tf.float32.as_datatype_enum in (attr.type, *attr.list.type)]
        assert not float32, f"{activation}: float32 ops {float32}"


# --- activations at exactly 0, leaky_relu's slope, the cost at saturation --------------------------------

@pytest.mark.parametrize("dtype", DTYPES)
def test_relu_and_leaky_relu_derivatives_at_zero_manual_and_gradient_tape(dtype):
    """Expected from the course: relu'(0) = 0 and leaky_relu'(0) = 0.01 (tf.maximum(Z, 0) would give 1)."""
    Z = tf.constant([[-2.0, 0.0, 3.0]], dtype)
    expected = {"relu": [[0.0, 0.0, 1.0]], "leaky_relu": [[0.01, 0.01, 1.0]]}
    for activation, derivative in expected.items():
        manual = impl_tf.activations.activation_backward(tf.ones_like(Z), Z, activation)
        with tf.GradientTape() as tape:
            tape.watch(Z)
            A = impl_tf.activations.activation_forward(Z, activation)
        tape_derivative = tape.gradient(A, Z)  # elementwise: d sum(g(Z)) / dZ = g'(Z)
        for got in (manual, tape_derivative):
            assert got.dtype == tf.as_dtype(dtype)
            np.testing.assert_array_equal(got.numpy(), np.array(derivative, dtype=dtype))


def test_leaky_relu_slope_is_float64_in_float64():
    """Expected: impl_numpy bit for bit; tf.nn.leaky_relu's float32 slope is off by 2e-8 relative."""
    Z = np.array([[-1.0, -3.7, -1e-3, 0.0, 2.5]])
    np.testing.assert_array_equal(impl_tf.activations.leaky_relu(impl_tf.asarray(Z)).numpy(),
                                  impl_numpy.activations.leaky_relu(Z))
    assert impl_tf.activations.leaky_relu(impl_tf.asarray([[-1.0]])).numpy()[0, 0] == -0.01


@pytest.mark.parametrize("dtype", DTYPES)
def test_cost_is_finite_with_the_right_gradient_at_saturation(dtype):
    """Expected: impl_numpy's cost, and from the math dJ/dZ = (sigmoid(z) - y) / m at |Z| = 0, 40, 800, 1e4."""
    z = [0.0, 40.0, -40.0, 800.0, -800.0, 1e4, -1e4, 40.0, -40.0, 800.0, -800.0, 0.0]
    y = [0.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 1.0, 0.0, 1.0, 0.0, 1.0]
    Z, Y = impl_tf.asarray([z], dtype), impl_tf.asarray([y], dtype)
    with tf.GradientTape() as tape:
        tape.watch(Z)
        J = impl_tf.cost.compute_cost(Z, Y)
    assert J.dtype == tf.as_dtype(dtype) and np.isfinite(J.numpy())
    _assert_close(J, impl_numpy.cost.compute_cost(np.array([z], dtype), np.array([y], dtype)), dtype, "cost")
    expected = np.array([[(exact_sigmoid(zi) - yi) / len(z) for zi, yi in zip(z, y, strict=True)]])
    _assert_close(tape.gradient(J, Z), expected, dtype, "gradients")


# --- initializers: Keras's API, the course's layout and targets ------------------------------------------

N_IN, N_OUT = 12288, 20  # 245760 samples
TARGETS = {"random_small": "random_small", "xavier": "xavier", "glorot": "glorot", "he": "he",
           "he_truncated": "he", "glorot_truncated": "glorot"}


@pytest.fixture(scope="module")
def large_draws():
    """Every non-zero initializer on a 12288 -> 20 layer, float64, from fixed seeds."""
    return {name: getattr(initializers, name)((N_OUT, N_IN), tf.random.Generator.from_seed(7), "float64").numpy()
            for name in TARGETS}


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_initializer_hits_its_target_std(name, large_draws):
    """Expected: reference.proof.oracle.init_std. z-test on the mean square (mean 0 known): for a normal sample
    Var(mean W^2) = 2 sigma^4 / N, so |z| < 4 fails by chance with probability 6e-5. The truncated
    families have kurtosis below 3, so the same bound is conservative for them. Reading fan-in from the
    wrong axis (n_out = 20) would give a std 24.8x too large for he and xavier."""
    W = large_draws[name]
    assert W.shape == (N_OUT, N_IN) and W.dtype == np.float64
    sigma = init_std(TARGETS[name], N_IN, N_OUT)
    z = (np.mean(W**2) - sigma**2) / (sigma**2 * np.sqrt(2 / W.size))
    assert abs(z) < 4, f"{name}: std {np.sqrt(np.mean(W**2)):.6g} vs target {sigma:.6g} (z = {z:.2f})"
    assert abs(np.mean(W)) < 4 * sigma / np.sqrt(W.size)


def test_zeros_initializer_is_exactly_zero():
    W = initializers.zeros((N_OUT, N_IN), tf.random.Generator.from_seed(0), "float32")
    assert W.shape == (N_OUT, N_IN) and W.dtype == tf.float32 and not np.any(W.numpy())


def test_plain_and_truncated_normal_families_differ(large_draws):
    """Kolmogorov-Smirnov on draws divided by their std: the plain normal (VarianceScaling
    "untruncated_normal") and Keras's HeNormal/GlorotNormal (truncated at 2 std, then rescaled) are
    different distributions, while two plain-normal draws from different seeds are not."""
    ks_2samp = pytest.importorskip("scipy.stats").ks_2samp
    other_seed = initializers.he((N_OUT, N_IN), tf.random.Generator.from_seed(8), "float64").numpy()
    assert not np.array_equal(other_seed, large_draws["he"])
    for plain, truncated in (("he", "he_truncated"), ("glorot", "glorot_truncated")):
        a, b = large_draws[plain].ravel(), large_draws[truncated].ravel()
        assert ks_2samp(a / a.std(), b / b.std()).pvalue < 1e-6, f"{plain} vs {truncated}"
        assert np.abs(b).max() <= 2 * init_std(plain, N_IN, N_OUT) / 0.87962566103423978 + 1e-12
    a, b = large_draws["he"].ravel(), other_seed.ravel()
    assert ks_2samp(a / a.std(), b / b.std()).pvalue > 1e-6


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("init", ["zeros", "random_small", "xavier", "glorot", "he"])
def test_initialize_parameters_shapes_dtype_biases_and_seeds(init, dtype):
    """Shapes (n[l], n[l-1]) and (n[l], 1), the dtype asked for, zero biases; the same seed gives the same
    weights, another seed or another layer of the same shape gives others."""
    dims = [6, 6, 6, 1]
    params = impl_tf.deep_nn.initialize_parameters(dims, init, 3, dtype)
    assert list(params) == ["W1", "b1", "W2", "b2", "W3", "b3"]
    for l in range(1, len(dims)):
        assert params[f"W{l}"].shape == (dims[l], dims[l - 1]) and params[f"W{l}"].dtype == tf.as_dtype(dtype)
        assert params[f"b{l}"].shape == (dims[l], 1) and params[f"b{l}"].dtype == tf.as_dtype(dtype)
        assert not np.any(params[f"b{l}"].numpy())
    again = impl_tf.deep_nn.initialize_parameters(dims, init, 3, dtype)
    other = impl_tf.deep_nn.initialize_parameters(dims, init, 4, dtype)
    for name in params:
        np.testing.assert_array_equal(again[name].numpy(), params[name].numpy())
    if init != "zeros":
        assert not np.array_equal(other["W1"].numpy(), params["W1"].numpy())
        assert not np.array_equal(params["W1"].numpy(), params["W2"].numpy())


# --- the estimators ----------------------------------------------------------------------------------

@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("estimator, layer_dims", [(LogisticRegression(), [5, 1]), (ShallowNN(n_h=4), [5, 4, 1]),
                                                   (DeepNN(hidden_layer_sizes=(4, 3)), [5, 4, 3, 1])],
                         ids=["LogisticRegression", "ShallowNN", "DeepNN"])
def test_estimators_match_numpy_from_the_same_initial_params(estimator, layer_dims, dtype):
    """Expected: the same estimator with backend="numpy" from the same initial_params."""
    X, Y, params = _problem(layer_dims, m=40)
    n = TRAIN_ITERATIONS[dtype]
    settings = {"learning_rate": LEARNING_RATE, "num_iterations": n, "dtype": dtype, "initial_params": params}
    ours = estimator.__class__(**{**estimator.get_params(), **settings, "backend": "tf"}).fit(X.T, Y[0])
    ref = estimator.__class__(**{**estimator.get_params(), **settings, "backend": "numpy"}).fit(X.T, Y[0])
    _assert_close(ours.costs_, ref.costs_, dtype, "training_costs")
    for name in ref.params_:
        assert ours.params_[name].dtype == np.dtype(dtype)
        _assert_close(ours.params_[name], ref.params_[name], dtype, "training_params", name)
    _assert_close(ours.predict_proba(X.T), ref.predict_proba(X.T), dtype, "forward")
    np.testing.assert_array_equal(ours.predict(X.T), ref.predict(X.T))
    cost, grads = ours.cost_and_gradients(X.T, Y[0])
    ref_cost, ref_grads = ref.cost_and_gradients(X.T, Y[0])
    _assert_close(cost, ref_cost, dtype, "cost")
    for name in ref_grads:
        _assert_close(grads[name], ref_grads[name], dtype, "gradients", name)


def test_estimator_with_tf_initializers_trains():
    """DeepNN with the TF backend's own xavier init: costs recorded, and they go down."""
    X, Y, _ = _problem([5, 1], m=60)
    model = DeepNN(hidden_layer_sizes=(4, 3), backend="tf", num_iterations=200, learning_rate=0.1).fit(X.T, Y[0])
    assert model.costs_.shape == (200,) and model.costs_[-1] < model.costs_[0]


# --- bad input: the same errors as impl_numpy ------------------------------------------------------------

def _error(call):
    with pytest.raises((ValueError, TypeError)) as info:
        call()
    return info.type, str(info.value)


@pytest.mark.parametrize("bad", [
    ("deep_nn", "initialize_parameters", ([4, 3, 1], "orthogonal", 0, "float64")),
    ("deep_nn", "initialize_parameters", ([4, 3, 1], "he", 0, "float16")),
    ("deep_nn", "initialize_parameters", ([4, 3, 1], "he", -1, "float64")),
    ("deep_nn", "initialize_parameters", ([4, 3, 1], "he", 1.5, "float64")),
    ("deep_nn", "initialize_parameters", ([4, 0, 1], "he", 0, "float64")),
    ("shallow_nn", "initialize_parameters", ([4, 3, 2, 1], "he", 0, "float64")),
    ("logistic_regression", "initialize_parameters", ([4, 2], "zeros", 0, "float64")),
], ids=["init", "dtype", "negative-seed", "float-seed", "layer-size", "shallow-dims", "logistic-dims"])
def test_bad_initialize_arguments_raise_numpys_errors(bad):
    model, function, args = bad
    expected = _error(lambda: getattr(getattr(impl_numpy, model), function)(*args))
    assert _error(lambda: getattr(getattr(impl_tf, model), function)(*args)) == expected


def test_unknown_activation_raises_numpys_error():
    (Xn, Yn, Pn), (Xt, Yt, Pt) = _both(*_problem([5, 4, 1]), "float64")
    for model in ("shallow_nn", "deep_nn"):
        expected = _error(lambda m=model: getattr(impl_numpy, m).forward_propagation(Xn, Pn, "softmax"))
        assert _error(lambda m=model: getattr(impl_tf, m).forward_propagation(Xt, Pt, "softmax")) == expected
        assert _error(lambda m=model: getattr(impl_tf, m).train(Xt, Yt, Pt, 0.1, 2, "softmax")) == expected
        assert _error(lambda m=model: getattr(impl_tf, m).autodiff_gradients(Pt, Xt, Yt, "softmax")) == expected
    assert _error(lambda: impl_tf.activations.activation_backward(Xt, Xt, "swish")) == \
        _error(lambda: impl_numpy.activations.activation_backward(Xn, Xn, "swish"))
