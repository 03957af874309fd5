"""Stand-in for the course's ``opt_utils`` (Course 2, week 2, "Optimization Methods", the 2017 release): the 3-layer
network the optimizers train, its data set, two moons, and the test cells' parameters.

The network is init_utils' (LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID, the cache ``(z1, a1, W1, b1,
z2, a2, W2, b2, z3, a3, W3, b3)``, the 1/m in dz3); ``initialize_parameters`` draws He's ``randn * sqrt(2 /
n[l-1])`` after ``np.random.seed(3)``. Here ``compute_cost`` is the mean over the mini-batch; opt_utils_v1a's,
the later releases', is the sum, which their model divides by m once an epoch.
"""
# ruff: noqa: NPY002  (the course draws from the global np.random, and learners' seeds depend on it)

import numpy as np

from .init_utils import backward_propagation  # noqa: F401  (the course's opt_utils defines the same)
from .reg_utils import (  # noqa: F401  (likewise)
    forward_propagation,
    load_2D_dataset,
    plot_decision_boundary,
    predict,
    predict_dec,
    relu,
    sigmoid,
)


def load_params_and_grads(seed=1):
    """W1 (2, 3), b1 (2, 1), W2 (3, 3), b2 (3, 1) and their gradients, drawn with randn after np.random.seed(seed)."""
    np.random.seed(seed)
    shapes = ((2, 3), (2, 1), (3, 3), (3, 1))
    W1, b1, W2, b2 = (np.random.randn(*shape) for shape in shapes)
    dW1, db1, dW2, db2 = (np.random.randn(*shape) for shape in shapes)
    return W1, b1, W2, b2, dW1, db1, dW2, db2


def initialize_parameters(layer_dims):
    """W[l] = randn(n[l], n[l-1]) sqrt(2 / n[l-1]) after np.random.seed(3); b[l] = 0 (n[l], 1)."""
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * np.sqrt(2 / layer_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters


def compute_cost(a3, Y):
    """The cross-entropy -(1/m) sum[Y log a3 + (1 - Y) log(1 - a3)] of the mini-batch, a number."""
    m = Y.shape[1]
    logprobs = np.multiply(-np.log(a3), Y) + np.multiply(-np.log(1 - a3), 1 - Y)
    return 1.0 / m * np.sum(logprobs)


def load_dataset():
    """train_X (2, 300), train_Y (1, 300): two moons, drawn as the course draws them (sklearn's make_moons after
    np.random.seed(3), noise 0.2)."""
    import sklearn.datasets

    np.random.seed(3)
    train_X, train_Y = sklearn.datasets.make_moons(n_samples=300, noise=0.2)
    return train_X.T, train_Y.reshape((1, train_Y.shape[0]))
