"""Stand-in for the course's ``init_utils`` (Course 2, week 1, "Initialization"): the 3-layer network the
initializers are tried on, and its data set, two circles.

The network is reg_utils' (LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID, the same cache); the course's
file differs only in its backward pass, which puts the 1/m in dZ3 = (A3 - Y) / m, and in the cost's name,
``compute_loss``.
"""
# ruff: noqa: NPY002  (the course draws from the global np.random, and learners' seeds depend on it)

import numpy as np

from .reg_utils import (  # noqa: F401  (the course's init_utils defines the same)
    forward_propagation,
    plot_decision_boundary,
    predict,
    predict_dec,
    relu,
    sigmoid,
    update_parameters,
)


def compute_loss(a3, Y):
    """The cross-entropy -(1/m) sum[Y log a3 + (1 - Y) log(1 - a3)], a number (nansum, as the course's)."""
    m = Y.shape[1]
    logprobs = np.multiply(-np.log(a3), Y) + np.multiply(-np.log(1 - a3), 1 - Y)
    return 1.0 / m * np.nansum(logprobs)


def backward_propagation(X, Y, cache):
    """The gradients {"dz3", "dW3", "db3", "da2", ...}, the 1/m in dz3, relu' taken as a > 0."""
    m = X.shape[1]
    (z1, a1, W1, b1, z2, a2, W2, b2, z3, a3, W3, b3) = cache
    dz3 = 1.0 / m * (a3 - Y)
    dW3 = np.dot(dz3, a2.T)
    db3 = np.sum(dz3, axis=1, keepdims=True)
    da2 = np.dot(W3.T, dz3)
    dz2 = np.multiply(da2, np.int64(a2 > 0))
    dW2 = np.dot(dz2, a1.T)
    db2 = np.sum(dz2, axis=1, keepdims=True)
    da1 = np.dot(W2.T, dz2)
    dz1 = np.multiply(da1, np.int64(a1 > 0))
    dW1 = np.dot(dz1, X.T)
    db1 = np.sum(dz1, axis=1, keepdims=True)
    return {"dz3": dz3, "dW3": dW3, "db3": db3, "da2": da2, "dz2": dz2, "dW2": dW2, "db2": db2,
            "da1": da1, "dz1": dz1, "dW1": dW1, "db1": db1}


def load_dataset():
    """train_X (2, 300), train_Y (1, 300), test_X (2, 100), test_Y (1, 100): two noisy circles, drawn as the
    course draws them (sklearn's make_circles after np.random.seed(1), then seed(2) for the test set)."""
    import sklearn.datasets

    np.random.seed(1)
    train_X, train_Y = sklearn.datasets.make_circles(n_samples=300, noise=0.05)
    np.random.seed(2)
    test_X, test_Y = sklearn.datasets.make_circles(n_samples=100, noise=0.05)
    return train_X.T, train_Y.reshape((1, -1)), test_X.T, test_Y.reshape((1, -1))
