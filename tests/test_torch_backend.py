"""PyTorch-specific tests for impl_torch: manual backward vs torch.autograd vs impl_numpy, the cost at
saturation, relu'(0) and leaky_relu'(0) under autograd, torch.nn.init initializers, the estimators.

Expected numbers come from impl_numpy (the reference backend), from the math (sigmoid(z) - y, the
initializers' target standard deviations in reference.proof.oracle.init_std) or from the other torch path
(manual vs autograd). Every comparison goes through reference.proof.tolerances.compare. Data and initial
parameters are built once in NumPy and converted with asarray, since torch's generator differs.
"""

import math

import numpy as np
import pytest

torch = pytest.importorskip("torch")

import impl_numpy  # noqa: E402
import impl_torch  # noqa: E402
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
LEARNING_RATE = 0.5
TRAIN_ITERATIONS = {"float64": 50, "float32": FLOAT32_TRAINING_ITERATIONS}


def _assert_close(actual, expected, dtype, quantity, what=""):
    result = compare(impl_torch.to_numpy(actual) if torch.is_tensor(actual) else actual, expected,
                     dtype, quantity)
    assert result.ok, f"{what} {result}"


def _problem(layer_dims, dtype, m=16, seed=0):
    """X (n_x, m), Y (1, m) and params in NumPy, with X[:, 0] = 0 and zero biases, so that every
    Z[l] of example 0 is exactly 0: relu'(0) and leaky_relu'(0) then enter db[l] (and the cost's
    derivative at 0 enters db[L]), where a wrong choice at 0 shows."""
    rng = np.random.RandomState(seed)
    X = rng.randn(layer_dims[0], m)
    X[:, 0] = 0
    Y = (rng.rand(1, m) > 0.5).astype(float)
    params = {}
    for l in range(1, len(layer_dims)):
        params[f"W{l}"] = rng.randn(layer_dims[l], layer_dims[l - 1]) * 0.8
        params[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return X.astype(dtype), Y.astype(dtype), {k: v.astype(dtype) for k, v in params.items()}


def _to_torch(X, Y, params, dtype):
    return (impl_torch.asarray(X, dtype), impl_torch.asarray(Y, dtype),
            {k: impl_torch.asarray(v, dtype) for k, v in params.items()})


def _kwargs(activation):
    return {} if activation is None else {"activation": activation}


# --- manual backward, torch.autograd and impl_numpy agree ----------------------------------------

@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize(("model", "activation", "dims"), CASES, ids=CASE_IDS)
def test_gradients_manual_autodiff_numpy(model, activation, dims, dtype):
    """Expected: impl_numpy's manual gradients; torch's manual and autograd gradients also agree."""
    X, Y, params = _problem(dims, dtype)
    np_model, t_model = getattr(impl_numpy, model), getattr(impl_torch, model)
    kw = _kwargs(activation)
    _, np_cache = np_model.forward_propagation(X, params, **kw)
    expected = np_model.backward_propagation(params, np_cache, Y, **kw)

    X_, Y_, params_ = _to_torch(X, Y, params, dtype)
    _, cache = t_model.forward_propagation(X_, params_, **kw)
    manual = t_model.backward_propagation(params_, cache, Y_, **kw)
    autodiff = t_model.autodiff_gradients(params_, X_, Y_, **kw)

    assert sorted(manual) == sorted(autodiff) == sorted(expected)
    for name in expected:
        assert manual[name].dtype == autodiff[name].dtype == getattr(torch, dtype), name
        assert not autodiff[name].requires_grad, name
        _assert_close(manual[name], expected[name], dtype, "gradients", f"manual {name}")
        _assert_close(autodiff[name], expected[name], dtype, "gradients", f"autodiff {name}")
        _assert_close(autodiff[name], impl_torch.to_numpy(manual[name]), dtype, "gradients",
                      f"autodiff vs manual {name}")


def test_planted_relu_prime_at_zero_is_caught(monkeypatch):
    """The harness can fail: a relu'(0) = 1 (Z >= 0) in the manual path moves db away from NumPy's."""
    X, Y, params = _problem([5, 4, 1], "float64")
    _, np_cache = impl_numpy.shallow_nn.forward_propagation(X, params, "relu")
    expected = impl_numpy.shallow_nn.backward_propagation(params, np_cache, Y, "relu")
    monkeypatch.setitem(impl_torch.activations._FUNCTIONS, "relu",
                        (impl_torch.activations.relu, lambda Z: (Z >= 0).to(Z.dtype)))
    X_, Y_, params_ = _to_torch(X, Y, params, "float64")
    _, cache = impl_torch.shallow_nn.forward_propagation(X_, params_, "relu")
    grads = impl_torch.shallow_nn.backward_propagation(params_, cache, Y_, "relu")
    assert not compare(impl_torch.to_numpy(grads["db1"]), expected["db1"], "float64", "gradients").ok


def test_autodiff_never_computes_the_gradient_with_respect_to_X():
    """A hook on X fires if autograd ever forms dX (checked to fire when X is asked for)."""
    X, Y, params = _problem([5, 4, 3, 1], "float64")
    X_, Y_, params_ = _to_torch(X, Y, params, "float64")
    X_.requires_grad_()
    fired = []
    X_.register_hook(lambda g: fired.append(g))
    impl_torch.deep_nn.autodiff_gradients(params_, X_, Y_, "tanh")
    assert fired == []
    _, cache = impl_torch.deep_nn.forward_propagation(X_, params_, "tanh")
    torch.autograd.grad(impl_torch.deep_nn.compute_cost(cache["Z3"], Y_), X_)
    assert len(fired) == 1


# --- forward, cost and training agree with impl_numpy -------------------------------------------

@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize(("model", "activation", "dims"), CASES, ids=CASE_IDS)
def test_forward_and_cost_match_numpy(model, activation, dims, dtype):
    """Expected: impl_numpy's cache (every Z[l], A[l]) and cost on the same inputs."""
    X, Y, params = _problem(dims, dtype)
    np_model, t_model = getattr(impl_numpy, model), getattr(impl_torch, model)
    kw = _kwargs(activation)
    AL, np_cache = np_model.forward_propagation(X, params, **kw)
    X_, Y_, params_ = _to_torch(X, Y, params, dtype)
    AL_, cache = t_model.forward_propagation(X_, params_, **kw)
    assert sorted(cache) == sorted(np_cache)
    for name in np_cache:
        assert cache[name].dtype == getattr(torch, dtype), name
        _assert_close(cache[name], np_cache[name], dtype, "forward", name)
    L = len(dims) - 1
    cost = t_model.compute_cost(cache[f"Z{L}"], Y_)
    assert cost.shape == () and cost.dtype == getattr(torch, dtype)
    _assert_close(cost, np_model.compute_cost(np_cache[f"Z{L}"], Y), dtype, "cost")
    _assert_close(t_model.predict(X_, params_, **kw), np_model.predict(X, params, **kw), dtype, "predictions")


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize(("model", "activation", "dims"), CASES, ids=CASE_IDS)
def test_train_and_train_autodiff_match_numpy(model, activation, dims, dtype):
    """Expected: impl_numpy's train from the same initial params; train_autodiff must equal train."""
    X, Y, params = _problem(dims, dtype)
    n = TRAIN_ITERATIONS[dtype]
    np_model, t_model = getattr(impl_numpy, model), getattr(impl_torch, model)
    kw = _kwargs(activation)
    np_params, np_costs = np_model.train(X, Y, params, LEARNING_RATE, n, **kw)
    X_, Y_, params_ = _to_torch(X, Y, params, dtype)
    before = {k: v.clone() for k, v in params_.items()}
    for train in (t_model.train, t_model.train_autodiff):
        trained, costs = train(X_, Y_, params_, LEARNING_RATE, n, **kw)
        assert costs.shape == (n,) and costs.dtype == getattr(torch, dtype) and not costs.requires_grad
        _assert_close(costs, np_costs, dtype, "training_costs", train.__name__)
        for name in np_params:
            assert trained[name].dtype == getattr(torch, dtype) and not trained[name].requires_grad
            _assert_close(trained[name], np_params[name], dtype, "training_params", f"{train.__name__} {name}")
        _assert_close(t_model.predict(X_, trained, **kw), np_model.predict(X, np_params, **kw), dtype,
                      "predictions", train.__name__)
    for name in before:  # train is pure: the caller's params are untouched
        assert torch.equal(params_[name], before[name]), name


@pytest.mark.parametrize("model", ["logistic_regression", "shallow_nn", "deep_nn"])
def test_zero_iterations_and_update_is_pure(model):
    """num_iterations=0 returns the initial params and an empty float64 cost array; update returns new tensors."""
    dims = {"logistic_regression": [5, 1], "shallow_nn": [5, 4, 1], "deep_nn": [5, 4, 3, 1]}[model]
    X_, Y_, params_ = _to_torch(*_problem(dims, "float64"), "float64")
    t_model = getattr(impl_torch, model)
    for train in (t_model.train, t_model.train_autodiff):
        trained, costs = train(X_, Y_, params_, LEARNING_RATE, 0)
        assert costs.shape == (0,) and costs.dtype == torch.float64
        assert all(torch.equal(trained[k], params_[k]) for k in params_)
    grads = {"d" + k: torch.ones_like(v) for k, v in params_.items()}
    before = {k: v.clone() for k, v in params_.items()}
    updated = t_model.update_parameters(params_, grads, 0.1)
    assert all(torch.equal(params_[k], before[k]) for k in params_)
    _assert_close(updated["W1"], impl_torch.to_numpy(before["W1"]) - 0.1, "float64", "update")


def test_logistic_regression_from_zeros_autodiff_matches_manual():
    """Zero init puts every logit at exactly 0, where autograd through max(Z, 0) and |Z| would give a
    one-sided derivative; the cost's backward must give sigmoid(0) - Y = 0.5 - Y as the manual path."""
    X, Y, _ = _problem([5, 1], "float64")
    X_, Y_ = impl_torch.asarray(X), impl_torch.asarray(Y)
    params_ = impl_torch.logistic_regression.initialize_parameters([5, 1], "zeros")
    _, cache = impl_torch.logistic_regression.forward_propagation(X_, params_)
    manual = impl_torch.logistic_regression.backward_propagation(params_, cache, Y_)
    autodiff = impl_torch.logistic_regression.autodiff_gradients(params_, X_, Y_)
    _assert_close(manual["db1"], np.mean(0.5 - Y, keepdims=True), "float64", "gradients", "manual")
    for name in manual:
        _assert_close(autodiff[name], impl_torch.to_numpy(manual[name]), "float64", "gradients", name)


# --- activations at 0 and the cost at saturation ------------------------------------------------

@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_activation_derivatives_manual_and_autograd(activation, dtype):
    """Expected from the math: relu'(0) = 0 and leaky_relu'(0) = 0.01 exactly, and autograd through
    activation_forward equals the manual derivative at every point, 0 included."""
    Z = impl_torch.asarray([[-3.0, -1e-3, 0.0, 1e-3, 2.0]], dtype).requires_grad_()
    (autograd,) = torch.autograd.grad(impl_torch.activations.activation_forward(Z, activation).sum(), Z)
    manual = impl_torch.activations.activation_backward(torch.ones_like(Z), Z.detach(), activation)
    assert manual.dtype == autograd.dtype == getattr(torch, dtype)
    _assert_close(autograd, impl_torch.to_numpy(manual), dtype, "gradients")
    at_zero = {"relu": 0.0, "leaky_relu": np.array(0.01, dtype=dtype)}.get(activation)
    if at_zero is not None:  # exact: a float32 0.01 in a float64 run would show here
        assert impl_torch.to_numpy(manual)[0, 2] == at_zero
        assert impl_torch.to_numpy(autograd)[0, 2] == at_zero
    Z_np = impl_torch.to_numpy(Z.detach())
    _assert_close(impl_torch.activations.activation_forward(Z.detach(), activation),
                  impl_numpy.activations.activation_forward(Z_np, activation), dtype, "forward")
    _assert_close(manual, impl_numpy.activations.activation_backward(np.ones_like(Z_np), Z_np, activation),
                  dtype, "gradients")


@pytest.mark.parametrize("dtype", DTYPES)
def test_cost_finite_with_right_gradient_at_saturation(dtype):
    """Expected: impl_numpy's cost, and from the math the gradient (sigmoid(z) - y) / m, at large |z|."""
    z = [40.0, -40.0, 800.0, -800.0, 1e4, -1e4, 0.0]
    ZL = np.array([z + z], dtype=dtype)             # (1, 14): every logit with y = 0 and with y = 1
    Y = np.array([[0.0] * len(z) + [1.0] * len(z)], dtype=dtype)
    m = Y.shape[1]
    ZL_ = impl_torch.asarray(ZL, dtype).requires_grad_()
    cost = impl_torch.cost.compute_cost(ZL_, impl_torch.asarray(Y, dtype))
    (dZL,) = torch.autograd.grad(cost, ZL_)
    assert math.isfinite(cost.item()) and cost.dtype == getattr(torch, dtype)
    _assert_close(cost.detach(), impl_numpy.cost.compute_cost(ZL, Y), dtype, "cost")
    expected = np.array([[(exact_sigmoid(float(a)) - float(y)) / m for a, y in zip(ZL[0], Y[0], strict=True)]])
    _assert_close(dZL, expected, dtype, "gradients")


# --- initializers -------------------------------------------------------------------------------

@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("init", ["zeros", "random_small", "xavier", "glorot", "he"])
def test_initializer_hits_target_std(init, dtype):
    """Expected from the math (reference.proof.oracle.init_std). On 12288 -> 20 (N = 245760 draws) the
    sample variance s^2 of N normal draws has standard error sigma^2 sqrt(2 / (N - 1)) and the mean
    sigma / sqrt(N); both z-scores must stay below 4 (a false alarm once in ~16000 runs; the seed is
    fixed, so the test is deterministic). A transposed fan-in (20 instead of 12288) is off by 25x."""
    dims = [12288, 20, 7, 1]
    params = impl_torch.initializers.initialize_parameters(dims, init, seed=3, dtype=dtype)
    assert sorted(params) == ["W1", "W2", "W3", "b1", "b2", "b3"]
    for l in range(1, len(dims)):
        assert params[f"W{l}"].shape == (dims[l], dims[l - 1])
        assert params[f"b{l}"].shape == (dims[l], 1)
        assert params[f"W{l}"].dtype == params[f"b{l}"].dtype == getattr(torch, dtype)
        assert not torch.any(params[f"b{l}"])
    W = impl_torch.to_numpy(params["W1"]).astype(np.float64).ravel()
    sigma = init_std(init, 12288, 20)
    if sigma == 0:
        assert not np.any(W)
        return
    N = W.size
    z_var = (W.var(ddof=1) - sigma**2) / (sigma**2 * math.sqrt(2 / (N - 1)))
    z_mean = W.mean() / (sigma / math.sqrt(N))
    assert abs(z_var) < 4 and abs(z_mean) < 4, (z_var, z_mean)


def test_initializers_are_seeded():
    """The same seed gives the same draws (torch.Generator from seed), another seed other draws."""
    init = impl_torch.initializers.initialize_parameters
    a, b, c = init([30, 10, 1], "he", seed=5), init([30, 10, 1], "he", seed=5), init([30, 10, 1], "he", seed=6)
    assert all(torch.equal(a[k], b[k]) for k in a)
    assert not torch.equal(a["W1"], c["W1"])


# --- the interface and the estimators -----------------------------------------------------------

@pytest.mark.parametrize("dtype", DTYPES)
def test_asarray_to_numpy_precision(dtype):
    x = impl_torch.asarray(np.arange(6.0).reshape(2, 3), dtype)
    assert torch.is_tensor(x) and x.dtype == getattr(torch, dtype)
    with impl_torch.precision(dtype):
        y = impl_torch.to_numpy(x.requires_grad_() * 2)
    assert isinstance(y, np.ndarray) and y.dtype == np.dtype(dtype)
    assert impl_torch.NAME == "torch"


ESTIMATORS = {
    "logistic_regression": lambda **kw: LogisticRegression(**kw),
    "shallow_nn": lambda **kw: ShallowNN(n_h=4, activation="tanh", **kw),
    "deep_nn": lambda **kw: DeepNN(hidden_layer_sizes=(4, 3), activation="leaky_relu", **kw),
}


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("model", list(ESTIMATORS))
def test_estimator_torch_matches_numpy(model, dtype):
    """Expected: the same estimator with backend="numpy" from the same initial_params."""
    rng = np.random.RandomState(1)
    X = rng.randn(40, 3)
    y = (X[:, 0] + X[:, 1] * X[:, 2] > 0).astype(float)
    dims = {"logistic_regression": [3, 1], "shallow_nn": [3, 4, 1], "deep_nn": [3, 4, 3, 1]}[model]
    initial = impl_numpy.initializers.initialize_parameters(dims, "xavier", seed=0)
    kw = {"learning_rate": LEARNING_RATE, "num_iterations": TRAIN_ITERATIONS[dtype], "dtype": dtype,
          "initial_params": initial}
    ours = ESTIMATORS[model](backend="torch", **kw).fit(X, y)
    ref = ESTIMATORS[model](backend="numpy", **kw).fit(X, y)
    _assert_close(ours.costs_, ref.costs_, dtype, "training_costs")
    for name in ref.params_:
        assert isinstance(ours.params_[name], np.ndarray) and ours.params_[name].dtype == np.dtype(dtype)
        _assert_close(ours.params_[name], ref.params_[name], dtype, "training_params", name)
    _assert_close(ours.predict_proba(X), ref.predict_proba(X), dtype, "forward")
    assert np.array_equal(ours.predict(X), ref.predict(X))
    cost, grads = ours.cost_and_gradients(X, y)
    ref_cost, ref_grads = ref.cost_and_gradients(X, y, ours.params_)
    _assert_close(cost, ref_cost, dtype, "cost")
    for name in ref_grads:
        _assert_close(grads[name], ref_grads[name], dtype, "gradients", name)


# --- bad input: the same ValueError as impl_numpy -----------------------------------------------

def _message(call, backend):
    with pytest.raises(ValueError) as info:
        call(backend)
    return str(info.value)


BAD_CALLS = {
    "unknown activation": lambda b: b.activations.activation_forward(b.asarray([[1.0]]), "softmax"),
    "unknown activation backward": lambda b: b.activations.activation_backward(
        b.asarray([[1.0]]), b.asarray([[1.0]]), "gelu"),
    "unknown activation in forward": lambda b: b.shallow_nn.forward_propagation(
        b.asarray(np.ones((2, 3))), b.shallow_nn.initialize_parameters([2, 2, 1]), "swish"),
    "unknown init": lambda b: b.deep_nn.initialize_parameters([3, 2, 1], init="orthogonal"),
    "bad dtype": lambda b: b.initializers.initialize_parameters([3, 1], "he", 0, dtype="float16"),
    "negative seed": lambda b: b.shallow_nn.initialize_parameters([3, 2, 1], seed=-1),
    "bad layer_dims": lambda b: b.logistic_regression.initialize_parameters([3, 2, 1]),
    "empty layer sizes": lambda b: b.initializers.initialize_parameters([], "he"),
}


@pytest.mark.parametrize("case", list(BAD_CALLS))
def test_bad_input_raises_numpys_error(case):
    """Expected: the message impl_numpy raises for the same call (reference/validation.py)."""
    assert _message(BAD_CALLS[case], impl_torch) == _message(BAD_CALLS[case], impl_numpy)
