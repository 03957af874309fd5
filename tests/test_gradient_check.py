"""Gradient checking: NumPy's manual gradients against centred finite differences of its own cost (first part), and
the course's gradient-checking assignment (course 2, week 1) in the four backends (impl_*/gradient_check.py).

Expected numbers: (J(theta + eps) - J(theta - eps)) / (2 eps), the course's gradient check, with the
relative error ||g - g_num|| / (||g|| + ||g_num||) below FINITE_DIFFERENCE_RELATIVE_ERROR.
float32 finite differences cannot resolve a gradient (rounding of J is about 1e-7 / eps), so none are tried.
The assignment's numbers come from its notebook (published outputs, for its gradient_check_n_test_case), from the
math, or from finite differences; each test says which.
"""

import numpy as np
import pytest
from conftest import MODELS, model_kwargs, small_problem
from scipy.special import expit

import impl_numpy
from reference import available_backends, get_backend
from reference.proof.tolerances import FINITE_DIFFERENCE_EPSILON, FINITE_DIFFERENCE_RELATIVE_ERROR, relative_error
from reference.validation import ACTIVATIONS


def numerical_gradients(module, X, Y, params, kwargs, eps=FINITE_DIFFERENCE_EPSILON):
    L = len(params) // 2

    def cost(p):
        _, cache = module.forward_propagation(X, p, **kwargs)
        return module.compute_cost(cache[f"Z{L}"], Y)

    grads = {}
    for name, value in params.items():
        g = np.zeros_like(value)
        for index in np.ndindex(value.shape):
            plus = {k: v.copy() for k, v in params.items()}
            minus = {k: v.copy() for k, v in params.items()}
            plus[name][index] += eps
            minus[name][index] -= eps
            g[index] = (cost(plus) - cost(minus)) / (2 * eps)
        grads["d" + name] = g
    return grads


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("model", MODELS)
def test_manual_gradients_match_finite_differences(model, activation):
    module = getattr(impl_numpy, model)
    # no exact zeros in Z here: a centred difference across relu's kink measures the mean of its two slopes
    X, Y, params = small_problem(model, activation, edges=False)
    kwargs = model_kwargs(model, activation)
    _, cache = module.forward_propagation(X, params, **kwargs)
    grads = module.backward_propagation(params, cache, Y, **kwargs)
    numeric = numerical_gradients(module, X, Y, params, kwargs)
    for name in grads:
        error = relative_error(grads[name], numeric[name])
        assert error < FINITE_DIFFERENCE_RELATIVE_ERROR, f"{name}: relative error {error:.2e}"


def test_gradient_check_catches_a_missing_factor():
    """The check can fail: half of a correct gradient has relative error 1/3."""
    X, Y, params = small_problem("deep_nn", "relu", edges=False)
    module = impl_numpy.deep_nn
    _, cache = module.forward_propagation(X, params)
    grads = module.backward_propagation(params, cache, Y)
    numeric = numerical_gradients(module, X, Y, params, {"activation": "relu"})
    assert relative_error(grads["dW2"] / 2, numeric["dW2"]) == pytest.approx(1 / 3, rel=1e-6)


@pytest.mark.parametrize("z", [40.0, -40.0, 800.0, -800.0, 1e4, -1e4])
@pytest.mark.parametrize("y", [0.0, 1.0])
@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_cost_finite_and_gradient_right_at_saturated_logits(z, y, dtype):
    """At |Z| = 40 or 800 the course's log(A) formula takes log(0); the logits form must not.

    Expected, from the math: J = max(z, 0) - z y + log(1 + e^-|z|), which is |z| when the label
    disagrees with the sign and e^-|z| (~0) when it agrees; dJ/dz = sigmoid(z) - y.
    """
    ZL = np.array([[z]], dtype=dtype)
    Y = np.array([[y]], dtype=dtype)
    cost = impl_numpy.logistic_regression.compute_cost(ZL, Y)
    expected = max(z, 0) - z * y + np.log1p(np.exp(-abs(z)))
    assert np.isfinite(cost)
    assert cost == pytest.approx(expected, rel=1e-6, abs=1e-30)
    # the gradient the backward pass uses, dZ = A - Y, against the exact derivative of the cost
    A = impl_numpy.activations.sigmoid(ZL)
    exact = expit(z) - y  # SciPy's independent logistic
    assert np.isfinite(A - Y).all()
    assert float((A - Y)[0, 0]) == pytest.approx(exact, abs=1e-7)
    if dtype == "float64":  # and against a centred difference of the cost itself
        eps = 1e-4
        numeric = (impl_numpy.cost.compute_cost(ZL + eps, Y) - impl_numpy.cost.compute_cost(ZL - eps, Y)) / (2 * eps)
        assert float(numeric) == pytest.approx(exact, abs=1e-6)


# ------------------------------------------------- the course's gradient checking, in every backend (course 2, week 1)

BACKENDS = ["numpy", "torch", "tf", "jax"]
THRESHOLD = impl_numpy.gradient_check.THRESHOLD
# The notebook's printed outputs: its 1-D check at x = 2, theta = 4, and its 3-layer network with both planted
# mistakes (dW2 * 2, db1 * 4), as every release of the notebook we found prints it (0.2850931566540251 in one older).
PUBLISHED_1D = 2.919335883291695e-10
PUBLISHED_BOTH_MISTAKES = 0.2850931567761624
# Our J is the cross-entropy from the logits; the notebook's takes log(1 - sigmoid(Z3)) at A3 = 0.9989, which loses
# 13 bits. Each J_plus - J_minus of ours rounds differently, by about 1e-16, and so each gradapprox entry by
# 1e-16 / 2e-7 = 5e-10: the difference moves by 1e-9 to 1e-8 (measured 7.4e-9 = 2.6e-8 relative against the
# notebook's; torch's, TF's and JAX's agree with NumPy's to 1.5e-9 relative).
DIFFERENCE_RTOL = 1e-7
LAMBD = 0.7


def require(backend):
    if backend not in available_backends():
        pytest.skip(f"backend {backend!r} is not installed")
    return get_backend(backend)


@pytest.fixture(scope="module")
def notebook_case():
    """The notebook's gradient_check_n_test_case: np.random.seed(1), X (4, 3), Y = [1, 1, 0], then W1 (5, 4), b1,
    W2 (3, 5), b2, W3 (1, 3), b3 drawn in that order from randn; layer_dims [4, 5, 3, 1], relu, relu, sigmoid."""
    rng = np.random.RandomState(1)  # np.random.seed(1)'s stream, without the global state
    X = rng.randn(4, 3)
    Y = np.array([[1.0, 1.0, 0.0]])  # the notebook's Y is 1-d; (1, m) is our layout, the same values
    params = {}
    for name, shape in (("W1", (5, 4)), ("b1", (5, 1)), ("W2", (3, 5)), ("b2", (3, 1)), ("W3", (1, 3)), ("b3", (1, 1))):
        params[name] = rng.randn(*shape)
    return X, Y, params


def on(backend, case, dtype="float64"):
    """The backend, its gradient_check module, and the case's X, Y and params as its arrays of ``dtype``."""
    B = require(backend)
    X, Y, params = case
    with B.precision(dtype):  # JAX makes float64 arrays only in 64-bit mode; the tests compute inside it too
        return B, B.gradient_check, B.asarray(X, dtype), B.asarray(Y, dtype), {k: B.asarray(v, dtype)
                                                                             for k, v in params.items()}


def planted(B, **factors):
    """The backend's deep_nn.backward_propagation with some gradients multiplied, as the notebook's
    backward_propagation_n plants dW2 * 2 and db1 * 4 (4./m instead of 1./m)."""
    def backward(params, cache, Y):
        grads = dict(B.deep_nn.backward_propagation(params, cache, Y))
        for name, factor in factors.items():
            grads[name] = grads[name] * factor
        return grads
    return backward


def with_l2(B, lambd, forget=False):
    """backward_propagation of the L2-regularized cost: dW[l] + lambd / m W[l] (impl_numpy/regularization.py), or,
    with ``forget``, without that term."""
    def backward(params, cache, Y):
        grads = dict(B.deep_nn.backward_propagation(params, cache, Y))
        if not forget:
            for name in params:
                if name.startswith("W"):
                    grads["d" + name] = grads["d" + name] + lambd / Y.shape[1] * params[name]
        return grads
    return backward


def check(B, gc, X, Y, params, backward, lambd=0.0):
    """gradient_check_n of backward's gradients and framework_check of backward: (difference, ok, detail)."""
    _, cache = B.deep_nn.forward_propagation(X, params)
    difference = gc.gradient_check_n(params, backward(params, cache, Y), X, Y, lambd=lambd)
    ok, detail = gc.framework_check(params, X, Y, backward, lambd=lambd)
    return difference, ok, detail


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_one_dimensional_check_passes(backend):
    """J = theta x at x = 2, theta = 4: gradapprox = x up to rounding, the notebook's printed 2.919335883291695e-10
    (the same IEEE operations in every backend; rel 1e-12 leaves room for a norm computed as sqrt(x^2))."""
    B = require(backend)
    with B.precision("float64"):
        difference = B.gradient_check.gradient_check(2, 4)
    assert difference < THRESHOLD
    assert difference == pytest.approx(PUBLISHED_1D, rel=1e-12)


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_correct_backward_passes_both_checks(backend, notebook_case):
    """The backend's deep_nn.backward_propagation is J's gradient (the harness proves it equal to NumPy's, and the
    finite differences above prove NumPy's): the course's difference is far below 2e-7 (measured about 1e-9; the
    notebook's own 1.19e-7 is the rounding of its log(1 - A3) cost) and the framework's checker agrees."""
    B, gc, X, Y, params = on(backend, notebook_case)
    with B.precision("float64"):
        difference, ok, detail = check(B, gc, X, Y, params, B.deep_nn.backward_propagation)
    assert difference < THRESHOLD / 20
    assert ok, detail


@pytest.mark.parametrize("mistake", [{"dW2": 2}, {"db1": 4}, {"dW2": 2, "db1": 4}],
                         ids=["dW2 times 2", "db1 times 4", "both"])
@pytest.mark.parametrize("backend", BACKENDS)
def test_the_notebooks_planted_mistakes_are_caught(backend, mistake, notebook_case):
    """Each of the notebook's two planted mistakes fails both checks; with both, the difference is the notebook's
    printed 0.2850931567761624 (to DIFFERENCE_RTOL: our cost rounds differently), and the same in every backend as
    in NumPy (the mistakes' differences are O(1), the rounding of gradapprox 1e-9)."""
    B, gc, X, Y, params = on(backend, notebook_case)
    with B.precision("float64"):
        difference, ok, detail = check(B, gc, X, Y, params, planted(B, **mistake))
    assert difference > 100 * THRESHOLD
    assert not ok, detail
    if len(mistake) == 2:
        assert difference == pytest.approx(PUBLISHED_BOTH_MISTAKES, rel=DIFFERENCE_RTOL)
    numpy = check(impl_numpy, impl_numpy.gradient_check, *on("numpy", notebook_case)[2:], planted(impl_numpy, **mistake))
    assert difference == pytest.approx(numpy[0], rel=DIFFERENCE_RTOL)


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_l2_backward_is_checked_against_the_l2_cost(backend, notebook_case):
    """With lambd = 0.7, J gains lambd / (2 m) sum ||W||^2, so dW[l] must gain lambd / m W[l]: with the term both
    checks pass; without it (its entries 0.23 W, O(0.1)) both fail."""
    B, gc, X, Y, params = on(backend, notebook_case)
    with B.precision("float64"):
        difference, ok, detail = check(B, gc, X, Y, params, with_l2(B, LAMBD), lambd=LAMBD)
        assert difference < THRESHOLD / 20
        assert ok, detail
        difference, ok, detail = check(B, gc, X, Y, params, with_l2(B, LAMBD, forget=True), lambd=LAMBD)
        assert difference > 100 * THRESHOLD
        assert not ok, detail


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_check_with_dropout_on_fails(backend, notebook_case):
    """With dropout on, J_plus[i] and J_minus[i] use different masks: they differ by O(J), not by 2 epsilon dJ, so
    gradapprox is O(1e6) and the difference tends to 1 (math), even for the correct gradient."""
    B, gc, X, Y, params = on(backend, notebook_case)
    with B.precision("float64"):
        _, cache = B.deep_nn.forward_propagation(X, params)
        grads = B.deep_nn.backward_propagation(params, cache, Y)
        difference = gc.gradient_check_with_dropout(params, grads, X, Y, keep_prob=0.86)
        assert difference > 0.9
        assert gc.gradient_check_with_dropout(params, grads, X, Y, keep_prob=1.0) < THRESHOLD / 20  # no dropout


@pytest.mark.parametrize("backend", BACKENDS)
def test_dictionary_to_vector_is_the_courses_order_and_round_trips(backend, notebook_case):
    """theta is W1, b1, W2, b2, W3, b3, each reshape((-1, 1)) row by row (the course's gc_utils), keys name each
    entry; vector_to_dictionary gives the params back exactly, gradients_to_vector stacks dW1, db1, ... alike."""
    B, gc, X, Y, params = on(backend, notebook_case)
    names = ["W1", "b1", "W2", "b2", "W3", "b3"]
    expected = np.concatenate([notebook_case[2][name].reshape((-1, 1)) for name in names])
    with B.precision("float64"):
        theta, keys = gc.dictionary_to_vector(params)
        assert np.array_equal(B.to_numpy(theta), expected)
        assert keys == ["W1"] * 20 + ["b1"] * 5 + ["W2"] * 15 + ["b2"] * 3 + ["W3"] * 3 + ["b3"]
        back = gc.vector_to_dictionary(theta, [4, 5, 3, 1])
        assert list(back) == names
        for name in names:
            assert np.array_equal(B.to_numpy(back[name]), notebook_case[2][name])
        grads = {"d" + name: value for name, value in params.items()}
        assert np.array_equal(B.to_numpy(gc.gradients_to_vector(dict(reversed(grads.items())))), expected)


FLOAT32 = ("X: expected dtype float64 for a gradient check (epsilon 1e-7 is below float32's resolution), "
           "got dtype float32")


@pytest.mark.parametrize("backend", BACKENDS)
def test_float32_is_refused_with_one_clear_error(backend, notebook_case):
    """A gradient check in float32 is meaningless at epsilon 1e-7: every entry point refuses it with one message."""
    B, gc, X, Y, params = on(backend, notebook_case, "float32")
    grads = {"d" + name: value for name, value in params.items()}
    calls = [lambda: gc.gradient_check_n(params, grads, X, Y),
             lambda: gc.gradient_check_with_dropout(params, grads, X, Y, keep_prob=0.5),
             lambda: gc.framework_check(params, X, Y, B.deep_nn.backward_propagation)]
    for call in calls:
        with pytest.raises(TypeError) as error:
            call()
        assert str(error.value) == FLOAT32
    with pytest.raises(TypeError, match=r"^theta: expected dtype float64 for a gradient check"):
        gc.gradient_check(2.0, B.asarray(4.0, "float32"))


@pytest.mark.parametrize("backend", BACKENDS)
def test_bad_gradients_and_backward_are_refused(backend, notebook_case):
    """grads without db1, a dW2 of the wrong shape, a backward that is not a function: the argument named."""
    B, gc, X, Y, params = on(backend, notebook_case)
    with B.precision("float64"):
        _, cache = B.deep_nn.forward_propagation(X, params)
        grads = B.deep_nn.backward_propagation(params, cache, Y)
        missing = {k: v for k, v in grads.items() if k != "db1"}
        with pytest.raises(ValueError, match=r"^grads: expected keys \['dW1', 'dW2', 'dW3', 'db1'"):
            gc.gradient_check_n(params, missing, X, Y)
        with pytest.raises(ValueError, match=r"^grads\['dW2'\]: expected shape \(3, 5\) to match W2, got shape"):
            gc.gradient_check_n(params, {**grads, "dW2": grads["dW3"]}, X, Y)
        with pytest.raises(TypeError, match=r"^backward: expected a function, got dict"):
            gc.framework_check(params, X, Y, grads)
