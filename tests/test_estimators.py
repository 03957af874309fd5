"""The estimator contract (scikit-learn conventions) on the NumPy backend."""

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from reference import DeepNN, LogisticRegression, ShallowNN
from reference.data import planar
from reference.proof import oracle
from reference.proof.tolerances import compare

ESTIMATORS = {
    "logistic_regression": lambda **kw: LogisticRegression(**kw),
    "shallow_nn": lambda **kw: ShallowNN(n_h=3, **kw),
    "deep_nn": lambda **kw: DeepNN(hidden_layer_sizes=(5, 3), **kw),
}


@pytest.fixture(scope="module")
def data():
    X, y = planar(m=60)
    return X, y


@pytest.mark.parametrize("name", ESTIMATORS)
def test_fit_sets_learned_attributes(name, data):
    X, y = data
    model = ESTIMATORS[name](num_iterations=25, learning_rate=0.1)
    assert model.fit(X, y) is model
    assert model.costs_.shape == (25,)
    dims = model.layer_dims_
    assert dims[0] == 2 and dims[-1] == 1
    for l in range(1, len(dims)):
        assert model.params_[f"W{l}"].shape == (dims[l], dims[l - 1])
        assert model.params_[f"b{l}"].shape == (dims[l], 1)
        assert isinstance(model.params_[f"W{l}"], np.ndarray)
    proba = model.predict_proba(X)
    assert proba.shape == (60, 2)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    labels = model.predict(X)
    assert labels.shape == (60,) and set(np.unique(labels)) <= {0, 1}
    np.testing.assert_array_equal(labels, (proba[:, 1] > 0.5).astype(int))
    assert model.score(X, y) == pytest.approx(np.mean(labels == y))


@pytest.mark.parametrize("name", ESTIMATORS)
def test_zero_iterations_keeps_the_initial_parameters(name, data):
    X, y = data
    first = ESTIMATORS[name](num_iterations=3, init="he", seed=5).fit(X, y)
    initial = {k: np.ones_like(v) * 0.1 for k, v in first.params_.items()}
    model = ESTIMATORS[name](num_iterations=0, initial_params=initial).fit(X, y)
    assert model.costs_.shape == (0,)
    for k in initial:
        np.testing.assert_array_equal(model.params_[k], initial[k])


@pytest.mark.parametrize("name", ESTIMATORS)
def test_costs_are_recorded_before_each_update(name, data):
    """costs_[0] is the cost of the initial parameters, from the loop oracle."""
    X, y = data
    model = ESTIMATORS[name](num_iterations=4, init="he", seed=0).fit(X, y)
    start = ESTIMATORS[name](num_iterations=0, init="he", seed=0).fit(X, y)
    activation = getattr(model, "activation", "sigmoid")
    AL, _ = oracle.forward_propagation(X.T, start.params_, activation)
    assert compare(model.costs_[0], oracle.compute_cost(AL, y[None, :]), "float64", "oracle").ok
    assert model.costs_[1] < model.costs_[0]


@pytest.mark.parametrize("name", ESTIMATORS)
def test_cost_and_gradients_against_the_oracle(name, data):
    X, y = data
    model = ESTIMATORS[name](num_iterations=5, init="he").fit(X, y)
    cost, grads = model.cost_and_gradients(X, y)
    activation = getattr(model, "activation", "sigmoid")
    AL, cache = oracle.forward_propagation(X.T, model.params_, activation)
    ograds = oracle.backward_propagation(model.params_, cache, y[None, :], activation)
    assert isinstance(cost, float)
    assert compare(cost, oracle.compute_cost(AL, y[None, :]), "float64", "oracle").ok
    for key in ograds:
        assert compare(grads[key], ograds[key], "float64", "oracle").ok
    # for explicitly given params too
    other = {k: v * 0.5 for k, v in model.params_.items()}
    cost_other, _ = model.cost_and_gradients(X, y, params=other)
    AL, _ = oracle.forward_propagation(X.T, other, activation)
    assert compare(cost_other, oracle.compute_cost(AL, y[None, :]), "float64", "oracle").ok


def test_float32_runs_in_float32(data):
    X, y = data
    model = ShallowNN(dtype="float32", num_iterations=5).fit(X, y)
    assert all(v.dtype == np.float32 for v in model.params_.values())
    assert model.costs_.dtype == np.float32


def test_sklearn_conventions(data):
    X, y = data
    model = DeepNN(hidden_layer_sizes=(4,), num_iterations=2)
    assert model.get_params()["hidden_layer_sizes"] == (4,)
    copy = clone(model.set_params(learning_rate=0.05))
    assert copy.learning_rate == 0.05 and not hasattr(copy, "params_")
    with pytest.raises(NotFittedError, match="fit"):
        model.predict(X)
    model.fit(X, y)
    with pytest.raises(ValueError, match="X: expected 2 features"):
        model.predict(np.ones((3, 5)))


def test_same_seed_same_result(data):
    X, y = data
    a = ShallowNN(num_iterations=20, init="he", seed=7).fit(X, y)
    b = ShallowNN(num_iterations=20, init="he", seed=7).fit(X, y)
    c = ShallowNN(num_iterations=20, init="he", seed=8).fit(X, y)
    np.testing.assert_array_equal(a.costs_, b.costs_)
    assert not np.array_equal(a.costs_, c.costs_)


@pytest.mark.parametrize("name", ESTIMATORS)
def test_classes_name_the_predict_proba_columns_and_one_class_is_refused(name, data):
    """classes_ is [0, 1], one entry per predict_proba column, whichever labels come first or most; a y of one class
    would leave a column for a class never seen, so fit refuses it, as scikit-learn's LogisticRegression does."""
    X, y = data
    for labels in (y, 1 - y, np.r_[1, np.zeros(len(y) - 1)]):  # either order, and one example of the second class
        model = ESTIMATORS[name](num_iterations=2).fit(X, labels)
        assert model.classes_.tolist() == [0, 1] and model.predict_proba(X[:3]).shape == (3, len(model.classes_))
    for only in (0, 1):
        with pytest.raises(ValueError, match=rf"^y: expected both labels 0 and 1 .*, got only the label {only}$"):
            ESTIMATORS[name](num_iterations=2).fit(X, np.full(len(y), only))


@pytest.mark.parametrize("name", ["shallow_nn", "deep_nn"])
def test_lambd_and_keep_prob_train_the_courses_regularized_network(name, data):
    """fit with course 2's lambd and keep_prob is impl_numpy.regularization.train from the same start, with the
    notebook's masks (seed 1, drawn once); cost_and_gradients adds the L2 term (the loop oracle's, lambd / (2 m) sum
    ||W||^2, and lambd / m W in dW) and drops nothing."""
    import impl_numpy

    X, y = data
    model = ESTIMATORS[name](num_iterations=15, learning_rate=0.1, lambd=0.7, keep_prob=0.8).fit(X, y)
    dims = list(model.layer_dims_)
    start = impl_numpy.deep_nn.initialize_parameters(dims, model.init, model.seed)
    masks = impl_numpy.regularization.dropout_masks(dims, len(X), 0.8, seed=1)
    params, costs = impl_numpy.regularization.train(X.T, y[None, :], start, 0.1, 15, model.activation, lambd=0.7,
                                                    keep_prob=0.8, masks=masks)
    np.testing.assert_array_equal(model.costs_, costs)
    for key in params:
        np.testing.assert_array_equal(model.params_[key], params[key])
    cost, grads = model.cost_and_gradients(X, y)
    oAL, ocache = oracle.forward_propagation(X.T, model.params_, model.activation)
    assert compare(cost, oracle.compute_cost(oAL, y[None, :], model.params_, 0.7), "float64", "oracle").ok
    ograds = oracle.backward_propagation(model.params_, ocache, y[None, :], model.activation, lambd=0.7)
    assert all(compare(grads[key], ograds[key], "float64", "oracle").ok for key in grads)
    with pytest.raises(ValueError, match=r"keep_prob: expected a number in \(0, 1\]"):
        ESTIMATORS[name](keep_prob=0.0).fit(X, y)
