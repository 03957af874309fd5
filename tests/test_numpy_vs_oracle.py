"""The vectorized NumPy backend against the loop oracle (reference/proof/oracle.py): forward, cost, every gradient.

Expected numbers come from the oracle, an independent implementation with plain Python floats and loops.
"""

import numpy as np
import pytest
from conftest import MODELS, model_dims, model_kwargs, small_problem

import impl_numpy
from reference.proof import oracle
from reference.proof.harness import with_edges
from reference.proof.tolerances import compare
from reference.validation import ACTIVATIONS, INITIALIZERS


# init="random" (x 10, course 2's initialization assignment) is left out: its weights saturate tanh and the sigmoid,
# where 1 - tanh(z)^2 and log(1 - a) cancel to a few digits in the oracle and in NumPy alike (dW2 of a deep tanh
# network 3e-5 apart, relative, from one ulp of tanh), so the difference would measure the cancellation, not the code
@pytest.mark.parametrize("init", [init for init in INITIALIZERS if init != "random"])
@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("model", MODELS)
def test_forward_cost_gradients_match_oracle(model, activation, init):
    module = getattr(impl_numpy, model)
    X, Y, _ = small_problem(model, activation)
    params = module.initialize_parameters(model_dims(model), init=init, seed=4)
    oracle_activation = model_kwargs(model, activation).get("activation", "sigmoid")
    if init != "zeros":  # exact zeros in Z with a non-zero incoming gradient: relu'(0) and leaky_relu'(0) count
        X, params = with_edges(X, params, oracle_activation)
    kwargs = model_kwargs(model, activation)
    L = len(params) // 2

    AL, cache = module.forward_propagation(X, params, **kwargs)
    grads = module.backward_propagation(params, cache, Y, **kwargs)
    cost = module.compute_cost(cache[f"Z{L}"], Y)

    oAL, ocache = oracle.forward_propagation(X, params, oracle_activation)
    ograds = oracle.backward_propagation(params, ocache, Y, oracle_activation)

    assert compare(AL, oAL, "float64", "oracle").ok
    for l in range(1, L + 1):
        assert compare(cache[f"Z{l}"], ocache[f"Z{l}"], "float64", "oracle").ok
    assert compare(cost, oracle.compute_cost(oAL, Y), "float64", "oracle").ok
    assert sorted(grads) == sorted(ograds)
    for name in grads:
        result = compare(grads[name], ograds[name], "float64", "oracle")
        assert result.ok, f"{name}: {result}"


@pytest.mark.parametrize("model", MODELS)
def test_training_matches_oracle(model):
    """Ten steps of gradient descent, step by step, with the random-parameter problem."""
    module = getattr(impl_numpy, model)
    X, Y, params = small_problem(model, "leaky_relu")
    kwargs = model_kwargs(model, "leaky_relu")
    new_params, costs = module.train(X, Y, params, 0.5, 10, **kwargs)
    oparams, ocosts = oracle.train(X, Y, params, 0.5, 10, kwargs.get("activation", "sigmoid"))
    assert compare(costs, ocosts, "float64", "oracle").ok
    for name in new_params:
        assert compare(new_params[name], oparams[name], "float64", "oracle").ok


@pytest.mark.parametrize("model, activation", [("logistic_regression", "sigmoid")]
                         + [(m, a) for m in ("shallow_nn", "deep_nn") for a in ACTIVATIONS])
def test_predictions_match_the_course_rule(model, activation):
    """predict is 1 where A[L] > 0.5, from the oracle's A[L]; example 0 has A[L] = 0.5 exactly (a tie, which the
    course's rule makes 0) for logistic regression and the relu and leaky relu networks."""
    X, _, params = small_problem(model, activation)
    kwargs = model_kwargs(model, activation)
    oAL, _ = oracle.forward_propagation(X, params, kwargs.get("activation", "sigmoid"))
    expected = np.array([[1.0 if a > 0.5 else 0.0 for a in oAL[0]]])
    np.testing.assert_array_equal(getattr(impl_numpy, model).predict(X, params, **kwargs), expected)
    if model == "logistic_regression" or activation in ("relu", "leaky_relu"):
        assert oAL[0][0] == 0.5


def test_oracle_catches_a_wrong_vectorized_gradient():
    """The comparison can fail: db1 without its 1/m differs from the oracle by a factor of m."""
    X, Y, params = small_problem("shallow_nn")
    AL, cache = impl_numpy.shallow_nn.forward_propagation(X, params)
    grads = impl_numpy.shallow_nn.backward_propagation(params, cache, Y)
    _, ocache = oracle.forward_propagation(X, params, "tanh")
    ograds = oracle.backward_propagation(params, ocache, Y, "tanh")
    assert not compare(grads["db1"] * X.shape[1], ograds["db1"], "float64", "oracle").ok
    assert not compare(np.zeros_like(grads["dW1"]), ograds["dW1"], "float64", "oracle").ok
