"""NumPy's manual gradients against centred finite differences of its own cost, in float64.

Expected numbers: (J(theta + eps) - J(theta - eps)) / (2 eps), the course's gradient check, with the
relative error ||g - g_num|| / (||g|| + ||g_num||) below FINITE_DIFFERENCE_RELATIVE_ERROR.
float32 finite differences cannot resolve a gradient (rounding of J is about 1e-7 / eps), so none are tried.
"""

import numpy as np
import pytest
from conftest import MODELS, model_kwargs, small_problem
from scipy.special import expit

import impl_numpy
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
