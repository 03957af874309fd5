"""Course 2, week 1's L2 regularization and inverted dropout in NumPy, against the loop oracle and the math.

Expected numbers come from the loop oracle (reference/proof/oracle.py: the same equations, one example and one unit
at a time in plain Python floats), from the equations themselves (lambd = 0 and keep_prob = 1 are week 4's network
exactly; the L2 term's gradient is lambd / m W) and from the course's notebook (its masks, drawn after
np.random.seed(1)).
"""

import numpy as np
import pytest
from conftest import small_problem

import impl_numpy
from reference.proof import oracle
from reference.proof.tolerances import compare
from reference.validation import ACTIVATIONS

reg = impl_numpy.regularization


def problem(activation, model="deep_nn", keep_prob=0.8):
    X, Y, params = small_problem(model, activation)
    dims = [X.shape[0]] + [params[f"W{l}"].shape[0] for l in range(1, len(params) // 2 + 1)]
    masks = reg.dropout_masks(dims, X.shape[1], keep_prob, seed=1)
    return X, Y, params, masks


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("model", ["shallow_nn", "deep_nn"])
@pytest.mark.parametrize("lambd, keep_prob", [(0.7, 1.0), (0.0, 0.8), (0.7, 0.8)])
def test_forward_cost_gradients_match_oracle(model, activation, lambd, keep_prob):
    X, Y, params, masks = problem(activation, model, keep_prob)
    masks = masks if keep_prob < 1 else None
    L = len(params) // 2
    AL, cache = reg.forward_propagation(X, params, activation, keep_prob, masks)
    cost = reg.compute_cost(cache[f"Z{L}"], Y, params, lambd)
    grads = reg.backward_propagation(params, cache, Y, activation, lambd, keep_prob)

    oAL, ocache = oracle.forward_propagation(X, params, activation, keep_prob, masks)
    ograds = oracle.backward_propagation(params, ocache, Y, activation, lambd, keep_prob)
    assert compare(AL, oAL, "float64", "oracle").ok
    assert compare(cost, oracle.compute_cost(oAL, Y, params, lambd), "float64", "oracle").ok
    assert sorted(grads) == sorted(ograds)
    for name in grads:
        result = compare(grads[name], ograds[name], "float64", "oracle")
        assert result.ok, f"{name}: {result}"


def test_training_matches_oracle():
    """Ten steps with L2 and the same masks at every step (the course's notebook), step by step."""
    X, Y, params, masks = problem("relu")
    new, costs = reg.train(X, Y, params, 0.3, 10, "relu", lambd=0.7, keep_prob=0.8, masks=masks)
    onew, ocosts = oracle.train(X, Y, params, 0.3, 10, "relu", lambd=0.7, keep_prob=0.8, masks=masks)
    assert compare(costs, ocosts, "float64", "oracle").ok
    for name in new:
        assert compare(new[name], onew[name], "float64", "oracle").ok


def test_no_regularization_is_week_4_exactly():
    """lambd = 0 and keep_prob = 1 are deep_nn's equations, bit for bit."""
    X, Y, params, _ = problem("tanh")
    AL, cache = reg.forward_propagation(X, params, "tanh")
    dAL, dcache = impl_numpy.deep_nn.forward_propagation(X, params, "tanh")
    np.testing.assert_array_equal(AL, dAL)
    grads = reg.backward_propagation(params, cache, Y, "tanh")
    dgrads = impl_numpy.deep_nn.backward_propagation(params, dcache, Y, "tanh")
    for name in grads:
        np.testing.assert_array_equal(grads[name], dgrads[name])


def test_l2_term_and_its_gradient_from_the_math():
    """J(lambd) - J(0) = lambd / (2 m) sum ||W||^2, and dW(lambd) - dW(0) = lambd / m W; db unchanged."""
    X, Y, params, _ = problem("relu")
    m, L, lambd = X.shape[1], len(params) // 2, 0.7
    _, cache = reg.forward_propagation(X, params, "relu")
    penalty = lambd / (2 * m) * sum(float(np.sum(params[f"W{l}"] ** 2)) for l in range(1, L + 1))
    J0, J = (reg.compute_cost(cache[f"Z{L}"], Y, params, lam) for lam in (0.0, lambd))
    assert J - J0 == pytest.approx(penalty, rel=1e-12)
    g0, g = (reg.backward_propagation(params, cache, Y, "relu", lam) for lam in (0.0, lambd))
    for l in range(1, L + 1):
        np.testing.assert_allclose(g[f"dW{l}"] - g0[f"dW{l}"], lambd / m * params[f"W{l}"], rtol=1e-10, atol=1e-15)
        np.testing.assert_array_equal(g[f"db{l}"], g0[f"db{l}"])


def test_dropped_units_get_no_gradient_and_kept_ones_are_scaled():
    """Where D[1] is 0, A1 is 0 and nothing flows back to Z1; where it is 1, A1 = g(Z1) / keep_prob."""
    X, Y, params, masks = problem("relu", keep_prob=0.5)
    AL, cache = reg.forward_propagation(X, params, "relu", 0.5, masks)
    D1 = masks["D1"].astype(bool)
    assert 0 < D1.sum() < D1.size
    np.testing.assert_array_equal(cache["A1"][~D1], 0.0)
    np.testing.assert_allclose(cache["A1"][D1], np.maximum(cache["Z1"], 0)[D1] / 0.5, rtol=1e-15)
    none = {**masks, "D1": np.zeros_like(masks["D1"])}  # every unit of layer 1 dropped: nothing reaches W1, b1
    _, cache = reg.forward_propagation(X, params, "relu", 0.5, none)
    grads = reg.backward_propagation(params, cache, Y, "relu", keep_prob=0.5)
    np.testing.assert_array_equal(grads["dW1"], 0.0)
    np.testing.assert_array_equal(grads["db1"], 0.0)
    assert np.all(grads["dW2"] == 0.0)  # A1 = 0 everywhere: dW2 = dZ2 A1.T / m is 0 too


def test_masks_are_the_course_notebooks():
    """The notebook seeds np.random.seed(1) inside forward_propagation_with_dropout and draws D1 (n[1], m), then D2,
    from np.random.rand: the same masks here, at every call."""
    rng = np.random.RandomState(1)  # the generator np.random.seed(1) gives the notebook's np.random.rand
    D1 = (rng.rand(20, 5) < 0.86).astype(int)
    D2 = (rng.rand(3, 5) < 0.86).astype(int)
    masks = reg.dropout_masks([2, 20, 3, 1], 5, 0.86, seed=1)
    np.testing.assert_array_equal(masks["D1"], D1)
    np.testing.assert_array_equal(masks["D2"], D2)
    assert sorted(masks) == ["D1", "D2"]


@pytest.mark.parametrize("call, message", [
    (lambda X, Y, p, D: reg.compute_cost(X[:1], Y, p, lambd=-1.0), "lambd: expected a finite number >= 0, got -1.0"),
    (lambda X, Y, p, D: reg.forward_propagation(X, p, "relu", keep_prob=0.0, masks=D), "keep_prob: expected a number"),
    (lambda X, Y, p, D: reg.forward_propagation(X, p, "relu", keep_prob=1.5, masks=D), "keep_prob: expected a number"),
    (lambda X, Y, p, D: reg.forward_propagation(X, p, "relu", keep_prob=0.8), "masks: expected the dropout masks"),
    (lambda X, Y, p, D: reg.forward_propagation(X, p, "relu", 0.8, {"D1": D["D1"]}), "masks: expected keys"),
    (lambda X, Y, p, D: reg.forward_propagation(X, p, "relu", 0.8, {**D, "D1": D["D1"][:, :3]}),
     "masks['D1']: expected shape (6, 7) to match A1, got shape (6, 3)"),
])
def test_bad_input_is_named(call, message):
    X, Y, params, masks = problem("relu")
    with pytest.raises((ValueError, TypeError), match=message.replace("(", r"\(").replace(")", r"\)")
                       .replace("[", r"\[").replace("]", r"\]")):
        call(X, Y, params, masks)
