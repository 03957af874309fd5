"""Numbers published in the course's own notebooks (deeplearning.ai, Neural Networks and Deep Learning).

Each expected value is copied from the "Expected output" of the named assignment, not from this code.
"""

import numpy as np
import pytest

import impl_numpy
from reference import LogisticRegression, ShallowNN
from reference.data import planar


def test_week2_propagate():
    """C1W2 "Logistic Regression with a Neural Network mindset", propagate(w, b, X, Y)."""
    w, b = np.array([[1.0], [2.0]]), 2.0
    X = np.array([[1.0, 2.0, -1.0], [3.0, 4.0, -3.2]])
    Y = np.array([[1.0, 0.0, 1.0]])
    params = {"W1": w.T, "b1": np.array([[b]])}  # the course's w is W1.T
    AL, cache = impl_numpy.logistic_regression.forward_propagation(X, params)
    grads = impl_numpy.logistic_regression.backward_propagation(params, cache, Y)
    cost = impl_numpy.logistic_regression.compute_cost(cache["Z1"], Y)
    np.testing.assert_allclose(grads["dW1"].T, [[0.99845601], [2.39507239]], rtol=1e-8)
    np.testing.assert_allclose(grads["db1"], [[0.00145557813678]], rtol=1e-10)
    assert cost == pytest.approx(5.801545319394553, rel=1e-14)


def test_week2_sigmoid():
    """C1W2: sigmoid(np.array([0, 2])) = [0.5, 0.88079708]."""
    np.testing.assert_allclose(impl_numpy.activations.sigmoid(np.array([0.0, 2.0])), [0.5, 0.88079708], rtol=1e-8)


def test_week4_initialize_parameters_deep():
    """C1W4 "Building your Deep Neural Network: Step by Step": initialize_parameters_deep([5, 4, 3]),
    which seeds np.random.seed(3) and draws randn(n[l], n[l-1]) * 0.01 layer by layer."""
    params = impl_numpy.initializers.initialize_parameters([5, 4, 3], init="random_small", seed=3)
    np.testing.assert_allclose(params["W1"], [
        [0.01788628, 0.0043651, 0.00096497, -0.01863493, -0.00277388],
        [-0.00354759, -0.00082741, -0.00627001, -0.00043818, -0.00477218],
        [-0.01313865, 0.00884622, 0.00881318, 0.01709573, 0.00050034],
        [-0.00404677, -0.0054536, -0.01546477, 0.00982367, -0.01101068]], atol=5e-9)
    np.testing.assert_allclose(params["W2"], [
        [-0.01185047, -0.0020565, 0.01486148, 0.00236716],
        [-0.01023785, -0.00712993, 0.00625245, -0.00160513],
        [-0.00768836, -0.00230031, 0.00745056, 0.01976111]], atol=5e-9)
    assert not params["b1"].any() and params["b2"].shape == (3, 1)


def test_week3_planar_flower_training_curve():
    """C1W3 "Planar data classification with one hidden layer": nn_model(X, Y, n_h=4,
    num_iterations=10000, print_cost=True) on load_planar_dataset(), printed every 1000 iterations."""
    X, y = planar()
    model = ShallowNN(n_h=4, activation="tanh", learning_rate=1.2, num_iterations=8000, seed=2).fit(X, y)
    published = [0.693048, 0.288083, 0.254385, 0.233864, 0.226792, 0.222644, 0.219731, 0.217504]
    np.testing.assert_allclose(model.costs_[::1000], published, atol=5e-7)
    assert model.score(X, y) >= 0.90  # the notebook: "Accuracy: 90%"


def test_week3_logistic_regression_on_the_flower():
    """C1W3: scikit-learn's logistic regression reaches 47% on the flower; so does ours, trained long."""
    X, y = planar()
    model = LogisticRegression(learning_rate=0.5, num_iterations=2000).fit(X, y)
    assert int(100 * model.score(X, y)) == 47
