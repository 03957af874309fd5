"""JAX-specific tests of impl_jax: autodiff against the manual equations, the compiled training loop,
the derivatives at 0, the cost at huge logits, the initializers, and float64 through jax.enable_x64.

Expected numbers come from the NumPy backend (itself checked against the loop oracle, finite
differences and the course's published outputs), from a step-by-step Python loop, or from the math
(sigmoid(z) - y, the derivatives at 0, the initializers' target standard deviations). Every
comparison with a tolerance goes through reference.proof.tolerances.compare; the derivatives at 0 and the
error messages are compared exactly. Data and initial parameters are made in NumPy (conftest) and
converted, so nothing depends on JAX's random generator except the initializer tests.

Compiling dominates the run time on a small CPU, so the per-model quantities are computed under one
``jax.jit`` per model and dtype, and the training tests share their compiled loops.
"""
# ruff: noqa: E402

import contextlib
import functools
import importlib
import math
import sys

import numpy as np
import pytest

jax = pytest.importorskip("jax")  # the imports below need JAX: E402 is off for this file

import jax.numpy as jnp
from conftest import MODELS, model_kwargs, small_problem

import impl_jax
import impl_numpy
from reference import DeepNN, LogisticRegression, ShallowNN
from reference.proof import oracle
from reference.proof.tolerances import FLOAT32_TRAINING_ITERATIONS, compare
from reference.validation import ACTIVATIONS

DTYPES = ("float64", "float32")
TRAINING_ACTIVATION = {"logistic_regression": None, "shallow_nn": "tanh", "deep_nn": "relu"}


def in_jax(dtype, *arrays):
    """float64 NumPy arrays (or dicts of them) as JAX arrays of ``dtype``; call inside precision(dtype)."""
    convert = functools.partial(impl_jax.asarray, dtype=dtype)
    return [{k: convert(v) for k, v in a.items()} if isinstance(a, dict) else convert(a) for a in arrays]


def in_numpy(dtype, *arrays):
    """The same arrays rounded to ``dtype`` for the NumPy backend."""
    return [{k: v.astype(dtype) for k, v in a.items()} if isinstance(a, dict) else a.astype(dtype) for a in arrays]


def assert_close(actual, expected, dtype, quantity, what=""):
    result = compare(actual, expected, dtype, quantity)
    assert result.ok, f"{what}: {result}"


def kwargs_for(model, activation):
    return {} if activation is None else model_kwargs(model, activation)


@functools.partial(jax.jit, static_argnums=(0, 1))
def everything(model, activations, X, Y, params):
    """forward, cost, manual and autodiff gradients for each activation, in one compiled call."""
    module = getattr(impl_jax, model)
    L = len(params) // 2
    out = {}
    for activation in activations:
        kwargs = kwargs_for(model, activation)
        AL, cache = module.forward_propagation(X, params, **kwargs)
        cost = module.compute_cost(cache[f"Z{L}"], Y)
        manual = module.backward_propagation(params, cache, Y, **kwargs)
        out[activation] = (AL, cost, manual, module.autodiff_gradients(params, X, Y, **kwargs))
    return out


def activations_of(model):
    return (None,) if model == "logistic_regression" else ACTIVATIONS


# ---------------------------------------------------------------------------------------------------
# Gradients: manual == autodiff == NumPy


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("model", MODELS)
def test_forward_cost_and_both_gradients_match_numpy(model, dtype):
    """Expected: impl_numpy in the same dtype; and the manual gradients for jax.grad's."""
    activations = activations_of(model)
    X, Y, params = small_problem(model)
    Xn, Yn, pn = in_numpy(dtype, X, Y, params)
    module = getattr(impl_numpy, model)
    with impl_jax.precision(dtype):
        results = everything(model, activations, *in_jax(dtype, X, Y, params))
        for activation in activations:
            AL, cost, manual, auto = results[activation]
            kwargs = kwargs_for(model, activation)
            ALn, cache = module.forward_propagation(Xn, pn, **kwargs)
            costn = module.compute_cost(cache[f"Z{len(params) // 2}"], Yn)
            gradsn = module.backward_propagation(pn, cache, Yn, **kwargs)
            assert AL.dtype == dtype and cost.dtype == dtype
            assert_close(AL, ALn, dtype, "forward", f"{activation} AL")
            assert_close(cost, costn, dtype, "cost", f"{activation} J")
            assert sorted(manual) == sorted(auto) == sorted(gradsn)
            for name in gradsn:
                assert manual[name].dtype == auto[name].dtype == dtype
                assert_close(manual[name], gradsn[name], dtype, "gradients", f"{activation} manual {name}")
                assert_close(auto[name], gradsn[name], dtype, "gradients", f"{activation} jax.grad {name}")
                assert_close(auto[name], manual[name], dtype, "gradients", f"{activation} jax.grad vs manual {name}")


# ---------------------------------------------------------------------------------------------------
# Activations at exactly 0, and the cost at huge logits


@jax.jit
def derivatives(Z):
    """Each activation's derivative at every entry of Z: the manual one, and jax.grad's (vmapped)."""
    A = impl_jax.activations
    return {
        "relu manual": A.relu_derivative(Z), "relu jax.grad": jax.vmap(jax.grad(A.relu))(Z),
        "leaky manual": A.leaky_relu_derivative(Z), "leaky jax.grad": jax.vmap(jax.grad(A.leaky_relu))(Z),
        "jnp.maximum jax.grad": jax.vmap(jax.grad(lambda z: jnp.maximum(z, 0)))(Z),
        "jax.nn.leaky_relu jax.grad": jax.vmap(jax.grad(jax.nn.leaky_relu))(Z),
    }


@pytest.mark.parametrize("dtype", DTYPES)
def test_derivatives_at_zero_manual_and_autodiff(dtype):
    """Expected: the course's relu'(0) = 0 and leaky_relu'(0) = 0.01 (reference/NOTATION.md), exactly."""
    with impl_jax.precision(dtype):
        d = derivatives(impl_jax.asarray([-2.0, 0.0, 3.0], dtype))
    expected = {"relu": [0.0, 0.0, 1.0], "leaky": [0.01, 0.01, 1.0],
                "jnp.maximum": [0.0, 0.5, 1.0], "jax.nn.leaky_relu": [0.01, 1.0, 1.0]}  # JAX's own rules at 0
    for name, values in d.items():
        assert values.dtype == dtype, name
        np.testing.assert_array_equal(values, np.array(expected[name.rpartition(" ")[0]], dtype=dtype), name)


@pytest.mark.parametrize("activation", ["relu", "leaky_relu"])
def test_autodiff_through_a_layer_of_exact_zeros(activation):
    """W1 = 0 and b1 = 0 make Z1 exactly 0 and Z2 = b2 = 0: jax.grad must give NumPy's gradients there."""
    dtype = "float64"
    X, Y, params = small_problem("shallow_nn", activation)
    params = {**params, "W1": 0 * params["W1"], "b1": 0 * params["b1"], "b2": 0 * params["b2"]}
    with impl_jax.precision(dtype):
        _, _, manual, auto = everything("shallow_nn", ACTIVATIONS, *in_jax(dtype, X, Y, params))[activation]
    _, cache = impl_numpy.shallow_nn.forward_propagation(X, params, activation)
    expected = impl_numpy.shallow_nn.backward_propagation(params, cache, Y, activation)
    # dW1 = (1/m) (W2^T dZ2 * g'(0)) X^T: zero for relu, 0.01 times the rest for leaky_relu; JAX's own
    # rules (0.5 and 1) would change it, and jnp.abs in the cost would change dZ2 at Z2 = 0.
    for name in expected:
        assert_close(auto[name], expected[name], dtype, "gradients", f"jax.grad {name}")
        assert_close(manual[name], expected[name], dtype, "gradients", f"manual {name}")


@jax.jit
def cost_and_slopes(Z, Y):
    """compute_cost and jax.grad of it with respect to Z; and jax.grad of the formula written with jnp.abs."""
    cost, slope = jax.value_and_grad(impl_jax.cost.compute_cost)(Z, Y)
    written_out = jax.grad(lambda Z: jnp.sum(jnp.maximum(Z, 0) - Z * Y + jnp.log1p(jnp.exp(-jnp.abs(Z)))))(Z)
    return cost, slope, written_out


@pytest.mark.parametrize("dtype", DTYPES)
def test_cost_is_finite_with_the_right_gradient_at_huge_logits(dtype):
    """Expected: NumPy's cost; the gradient (sigmoid(z) - y) / m from the oracle's sigmoid in float64."""
    Z = np.array([[0.0, 40.0, -40.0, 800.0, -800.0, 1e4, -1e4]])
    m = Z.shape[1]
    for y in (0.0, 1.0):
        Y = np.full_like(Z, y)
        with impl_jax.precision(dtype):
            cost, slope, written_out = cost_and_slopes(*in_jax(dtype, Z, Y))
        assert cost.dtype == slope.dtype == dtype
        assert np.isfinite(cost)
        assert_close(cost, impl_numpy.cost.compute_cost(*in_numpy(dtype, Z, Y)), dtype, "cost", f"y={y}")
        expected = np.array([[(oracle.sigmoid(z) - y) / m for z in Z[0]]])
        assert_close(slope, expected, dtype, "gradients", f"dJ/dZ at y={y}")
        # Why compute_cost uses softplus: with jnp.abs (derivative 1 at 0) the slope at Z = 0 is -y, not 1/2 - y.
        assert np.asarray(written_out)[0, 0] == -y


# ---------------------------------------------------------------------------------------------------
# The compiled training loop


def numpy_training(model, activation, dtype, X, Y, params, learning_rate, num_iterations):
    return getattr(impl_numpy, model).train(*in_numpy(dtype, X, Y, params), learning_rate, num_iterations,
                                            **kwargs_for(model, activation))


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("model", MODELS)
def test_train_and_train_autodiff_match_numpy(model, dtype):
    """Expected: impl_numpy.train; 50 iterations in float64, FLOAT32_TRAINING_ITERATIONS in float32.

    train_autodiff is checked in float64 only: float32 is the same code, and every (function, dtype) is
    one more compile (the cross-backend harness runs it in both).
    """
    activation = TRAINING_ACTIVATION[model]
    iterations = 50 if dtype == "float64" else FLOAT32_TRAINING_ITERATIONS
    X, Y, params = small_problem(model, activation or "tanh", m=16)
    expected_params, expected_costs = numpy_training(model, activation, dtype, X, Y, params, 0.5, iterations)
    module = getattr(impl_jax, model)
    with impl_jax.precision(dtype):
        Xj, Yj, pj = in_jax(dtype, X, Y, params)
        for train in (module.train, module.train_autodiff)[: 2 if dtype == "float64" else 1]:
            trained, costs = train(Xj, Yj, pj, 0.5, iterations, **kwargs_for(model, activation))
            assert costs.shape == (iterations,) and costs.dtype == dtype
            assert_close(costs, expected_costs, dtype, "training_costs", f"{train.__name__} costs")
            for name in expected_params:
                assert trained[name].dtype == dtype
                assert_close(trained[name], expected_params[name], dtype, "training_params", f"{train.__name__} {name}")


def test_compiled_loop_equals_a_python_loop_and_a_new_learning_rate_does_not_recompile():
    """Expected: forward, cost, backward and update called step by step from a Python loop, 50 iterations.

    The step is compiled (jax.jit) to keep the test fast: what is compared is the lax.scan loop against
    a Python loop of the same functions; the estimator tests run the functions eagerly.
    """
    dtype, model, activation = "float64", "deep_nn", "relu"
    X, Y, params = small_problem(model, activation, m=16)
    module = impl_jax.deep_nn
    with impl_jax.precision(dtype):
        Xj, Yj, p = in_jax(dtype, X, Y, params)
        trained, costs = module.train(Xj, Yj, p, 0.5, 50, activation)

        @jax.jit
        def step(params):
            AL, cache = module.forward_propagation(Xj, params, activation)
            cost = module.compute_cost(cache["Z4"], Yj)
            grads = module.backward_propagation(params, cache, Yj, activation)
            return module.update_parameters(params, grads, 0.5), cost

        expected_costs = []
        for _ in range(50):
            p, cost = step(p)
            expected_costs.append(cost)
        assert_close(costs, np.array(expected_costs), dtype, "training_costs", "costs")
        for name in p:
            assert_close(trained[name], p[name], dtype, "training_params", name)
        compiled = module._gradient_descent._cache_size()
        _, other_costs = module.train(Xj, Yj, in_jax(dtype, params)[0], 0.25, 50, activation)
        assert module._gradient_descent._cache_size() == compiled  # learning_rate is traced, not static
        assert other_costs[0] == costs[0] and other_costs[1] != costs[1]


def test_zero_iterations_return_the_initial_params_and_no_costs():
    """Expected: the interface's contract (as NumPy's empty loop): the initial params and an empty array."""
    X, Y, params = small_problem("logistic_regression", m=16)
    with impl_jax.precision("float32"):
        Xj, Yj, pj = in_jax("float32", X, Y, params)
        for train in (impl_jax.logistic_regression.train, impl_jax.logistic_regression.train_autodiff):
            trained, costs = train(Xj, Yj, pj, 0.1, 0)
            assert costs.shape == (0,) and costs.dtype == "float32"
            for name in params:
                np.testing.assert_array_equal(trained[name], pj[name])


def test_update_parameters_returns_a_new_dict():
    """Expected: W - alpha dW = 1 - 0.5 * 1, and the caller's dict unchanged."""
    with impl_jax.precision("float32"):
        params = {"W1": jnp.ones((1, 2), "float32"), "b1": jnp.zeros((1, 1), "float32")}
        grads = {"dW1": jnp.ones((1, 2), "float32"), "db1": jnp.ones((1, 1), "float32")}
        updated = impl_jax.logistic_regression.update_parameters(params, grads, 0.5)
    assert updated is not params and float(params["W1"][0, 0]) == 1.0 and float(updated["W1"][0, 0]) == 0.5


# ---------------------------------------------------------------------------------------------------
# Initializers


N_IN, N_OUT = 12288, 20  # the course's first layer: 245760 samples
STD_FACTORS = {"he_truncated": ("he", 2.0), "glorot_truncated": ("glorot", 2.0)}  # truncated at 2 sigma


@pytest.mark.parametrize("init", ["zeros", "random_small", "xavier", "glorot", "he", "he_truncated", "glorot_truncated"])
def test_initializer_hits_its_target_std(init):
    """Expected: reference.proof.oracle.init_std. z-test on the sample variance of 245760 draws, |z| < 4.

    For a normal sample, s^2 / sigma^2 - 1 has standard deviation sqrt(2 / n) = 0.0029, so |z| < 4
    allows 1.1% on the variance and fails a 24.8x error (JAX's default axes) or a forgotten factor 2.
    The plain normal reaches beyond 4 sigma somewhere in 245760 draws (all but e^-15 of the time); the
    truncated ones stop at 2 / 0.8796 = 2.27 of their standard deviation.
    """
    family, truncation = STD_FACTORS.get(init, (init, None))
    target = oracle.init_std(family, N_IN, N_OUT)
    with impl_jax.precision("float64"):
        if init in impl_jax.initializers.INITIALIZERS:
            params = impl_jax.initializers.initialize_parameters([N_IN, N_OUT], init, seed=0, dtype="float64")
            assert params["b1"].shape == (N_OUT, 1) and params["b1"].dtype == "float64"
            assert not np.any(np.asarray(params["b1"]))
            W = params["W1"]
        else:
            W = getattr(impl_jax.initializers, init)((N_OUT, N_IN), jax.random.key(0), "float64")
    W = np.asarray(W)
    assert W.shape == (N_OUT, N_IN) and W.dtype == np.float64
    if init == "zeros":
        assert not np.any(W)
        return
    z = (np.mean(W ** 2) / target ** 2 - 1) / math.sqrt(2 / W.size)
    assert abs(z) < 4, f"std {np.std(W):.6g}, target {target:.6g}, z = {z:.2f}"
    reach = np.max(np.abs(W)) / target
    if truncation:
        assert reach <= truncation / 0.87962566103423978 * (1 + 1e-9)
    else:
        assert reach > 4


def test_jax_default_axes_would_read_fan_in_from_the_wrong_axis():
    """Why every initializer passes in_axis=-1: JAX's default takes n_in from axis -2, here n_out = 20."""
    with impl_jax.precision("float64"):  # the same draw as he_truncated's, compiled once
        W = jax.nn.initializers.he_normal()(jax.random.key(0), (N_OUT, N_IN), "float64")
    ratio = np.std(np.asarray(W)) / oracle.init_std("he", N_IN, N_OUT)
    assert 24 < ratio < 25.5  # sqrt(12288 / 20) = 24.8


@pytest.mark.parametrize("dtype", DTYPES)
def test_initialize_parameters_shapes_dtype_zero_biases_and_seed(dtype):
    """Expected: the course's shapes W[l] (n[l], n[l-1]) and b[l] (n[l], 1), zero biases, and draws fixed by the seed."""
    dims = [5, 4, 3, 1]
    with impl_jax.precision(dtype):
        params = impl_jax.deep_nn.initialize_parameters(dims, "he", seed=3, dtype=dtype)
        again = impl_jax.deep_nn.initialize_parameters(dims, "he", seed=3, dtype=dtype)
        other = impl_jax.deep_nn.initialize_parameters(dims, "he", seed=4, dtype=dtype)
    assert list(params) == ["W1", "b1", "W2", "b2", "W3", "b3"]
    for l in range(1, len(dims)):
        W, b = params[f"W{l}"], params[f"b{l}"]
        assert W.shape == (dims[l], dims[l - 1]) and b.shape == (dims[l], 1)
        assert W.dtype == b.dtype == dtype
        assert not np.any(np.asarray(b))
        np.testing.assert_array_equal(W, again[f"W{l}"])  # the same seed, the same keys, the same draws
        assert not np.array_equal(W, other[f"W{l}"])


# ---------------------------------------------------------------------------------------------------
# float64 through precision(): jax.enable_x64 as a scoped context


def test_precision_contexts_and_float64_outside_them():
    """float64 needs the context; outside it JAX would silently give float32, so asarray raises instead."""
    with jax.enable_x64(False):  # as if the global flag were off, whatever the environment says
        assert isinstance(impl_jax.precision("float32"), contextlib.nullcontext)
        with impl_jax.precision("float64"):
            assert jax.config.jax_enable_x64
            assert impl_jax.asarray([[1.0, 2.0]], "float64").dtype == "float64"
        assert not jax.config.jax_enable_x64
        assert impl_jax.asarray(np.ones((2, 2)), "float32").dtype == "float32"
        for call in (lambda: impl_jax.asarray(np.ones((2, 2)), "float64"),
                     lambda: impl_jax.initializers.initialize_parameters([3, 1], "he", 0, "float64")):
            with pytest.raises(ValueError, match=r"inside `with impl_jax\.precision\('float64'\):`"):
                call()


@pytest.fixture(params=[False, True], ids=["x64-off-before", "x64-on-before"])
def global_x64(request):
    before = jax.config.jax_enable_x64
    jax.config.update("jax_enable_x64", request.param)
    yield request.param
    jax.config.update("jax_enable_x64", before)


def test_importing_impl_jax_leaves_the_x64_flag_alone(global_x64):
    """A fresh import of every impl_jax module, with the flag off and on beforehand."""
    saved = {name: module for name, module in sys.modules.items() if name.partition(".")[0] == "impl_jax"}
    try:
        for name in saved:
            del sys.modules[name]
        fresh = importlib.import_module("impl_jax")
        assert fresh is not impl_jax and hasattr(fresh, "precision")
        assert jax.config.jax_enable_x64 is global_x64
    finally:
        for name in [name for name in sys.modules if name.partition(".")[0] == "impl_jax"]:
            del sys.modules[name]
        sys.modules.update(saved)


def test_estimator_fits_restore_the_x64_flag_and_keep_their_dtype(global_x64):
    """The flag is what it was before a fit; float32 stays float32 even with the flag on globally."""
    X, Y, params = small_problem("deep_nn", m=16)
    for dtype, iterations in (("float64", 50), ("float32", FLOAT32_TRAINING_ITERATIONS)):  # loops compiled above
        model = DeepNN((6, 4, 3), backend="jax", dtype=dtype, num_iterations=iterations,
                       initial_params=params).fit(X.T, Y[0])
        assert jax.config.jax_enable_x64 is global_x64
        assert model.costs_.dtype == dtype and all(v.dtype == dtype for v in model.params_.values())


# ---------------------------------------------------------------------------------------------------
# Estimators and bad input


ESTIMATORS = {
    "logistic_regression": lambda **kw: LogisticRegression(**kw),
    "shallow_nn": lambda **kw: ShallowNN(n_h=5, activation="tanh", **kw),
    "deep_nn": lambda **kw: DeepNN(hidden_layer_sizes=(6, 4, 3), activation="relu", **kw),
}


@pytest.mark.parametrize("model", MODELS)
def test_estimator_matches_numpy_from_the_same_initial_params(model):
    """Expected: the same estimator with backend="numpy", in float64 (float32 fits: the x64 test above)."""
    dtype = "float64"
    X, Y, params = small_problem(model, m=16)
    X, y = X.T, Y[0]
    iterations = 50
    fitted = {backend: ESTIMATORS[model](backend=backend, dtype=dtype, initial_params=params, learning_rate=0.5,
                                         num_iterations=iterations).fit(X, y) for backend in ("numpy", "jax")}
    jax_fit, numpy_fit = fitted["jax"], fitted["numpy"]
    assert_close(jax_fit.costs_, numpy_fit.costs_, dtype, "training_costs", "costs_")
    for name in params:
        assert_close(jax_fit.params_[name], numpy_fit.params_[name], dtype, "training_params", name)
    assert_close(jax_fit.predict_proba(X), numpy_fit.predict_proba(X), dtype, "forward", "predict_proba")
    assert_close(jax_fit.predict(X), numpy_fit.predict(X), dtype, "predictions", "predict")
    cost, grads = jax_fit.cost_and_gradients(X, y)
    expected_cost, expected_grads = numpy_fit.cost_and_gradients(X, y, jax_fit.params_)
    assert_close(cost, expected_cost, dtype, "cost", "J")
    for name in expected_grads:
        assert_close(grads[name], expected_grads[name], dtype, "gradients", name)


BAD = [
    ("activation", lambda B: B.activations.activation_forward(np.zeros((1, 2), "float32"), "swish")),
    ("activation backward", lambda B: B.activations.activation_backward(np.ones((1, 2)), np.zeros((1, 2)), "gelu")),
    ("train activation", lambda B: B.shallow_nn.train(*in_numpy("float32", *small_problem("shallow_nn")), 0.1, 2, "elu")),
    ("init", lambda B: B.initializers.initialize_parameters([3, 1], init="orthogonal")),
    ("dtype", lambda B: B.deep_nn.initialize_parameters([3, 2, 1], dtype="float16")),
    ("seed", lambda B: B.shallow_nn.initialize_parameters([3, 2, 1], seed=-1)),
    ("layer_dims", lambda B: B.shallow_nn.initialize_parameters([3, 1])),
    ("layer_dims deep", lambda B: B.deep_nn.initialize_parameters([3, 4, 2])),
]


@pytest.mark.parametrize("case", BAD, ids=[c[0] for c in BAD])
def test_bad_input_raises_numpys_error(case):
    """Expected: the ValueError message impl_numpy raises for the same call."""
    _, call = case
    with pytest.raises(ValueError) as from_numpy:
        call(impl_numpy)
    with pytest.raises(ValueError) as from_jax:
        call(impl_jax)
    assert str(from_jax.value) == str(from_numpy.value)
