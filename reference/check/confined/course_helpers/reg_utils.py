"""Stand-in for the course's ``reg_utils`` (Course 2, week 1, "Regularization"): its 3-layer network without
regularization, the 2-D data set and the decision boundary.

The network is LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID; ``forward_propagation`` returns A3 and the
cache ``(Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)``, which ``backward_propagation`` unpacks, taking relu'
at A (``A > 0``) as the course's file does. ``compute_cost(a3, Y)`` is the cross-entropy alone, summed with
``nansum``; the graded ``compute_cost_with_regularization`` adds the L2 term to it. ``initialize_parameters``
draws ``randn / sqrt(n[l-1])`` after ``np.random.seed(3)``.
"""
# ruff: noqa: NPY002  (the course draws from the global np.random, and learners' seeds depend on it)

import os

import numpy as np

DATA_FILE = os.path.join("datasets", "data.mat")


def sigmoid(x):
    """s = 1 / (1 + e^-x)."""
    return 1 / (1 + np.exp(-x))


def relu(x):
    """s = max(0, x)."""
    return np.maximum(0, x)


def initialize_parameters(layer_dims):
    """W[l] = randn(n[l], n[l-1]) / sqrt(n[l-1]) after np.random.seed(3); b[l] = 0 (n[l], 1)."""
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) / np.sqrt(layer_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters


def forward_propagation(X, parameters):
    """A3 and the cache (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)."""
    W1, b1, W2, b2, W3, b3 = (parameters[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3"))
    Z1 = np.dot(W1, X) + b1  # (n1, m)
    A1 = relu(Z1)
    Z2 = np.dot(W2, A1) + b2  # (n2, m)
    A2 = relu(Z2)
    Z3 = np.dot(W3, A2) + b3  # (1, m)
    A3 = sigmoid(Z3)
    return A3, (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)


def backward_propagation(X, Y, cache):
    """The gradients {"dZ3", "dW3", "db3", "dA2", ...} of the cross-entropy, relu' taken as A > 0."""
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = 1.0 / m * np.dot(dZ3, A2.T)
    db3 = 1.0 / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = np.dot(W3.T, dZ3)
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dW2 = 1.0 / m * np.dot(dZ2, A1.T)
    db2 = 1.0 / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = np.dot(W2.T, dZ2)
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = 1.0 / m * np.dot(dZ1, X.T)
    db1 = 1.0 / m * np.sum(dZ1, axis=1, keepdims=True)
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}


def compute_cost(a3, Y):
    """The cross-entropy -(1/m) sum[Y log a3 + (1 - Y) log(1 - a3)], a number (nansum, as the course's)."""
    m = Y.shape[1]
    logprobs = np.multiply(-np.log(a3), Y) + np.multiply(-np.log(1 - a3), 1 - Y)
    return 1.0 / m * np.nansum(logprobs)


def update_parameters(parameters, grads, learning_rate):
    """W[l] -= learning_rate dW[l], b[l] -= learning_rate db[l], in the dict it is given (as the course's)."""
    for k in range(len(parameters) // 2):
        parameters["W" + str(k + 1)] = parameters["W" + str(k + 1)] - learning_rate * grads["dW" + str(k + 1)]
        parameters["b" + str(k + 1)] = parameters["b" + str(k + 1)] - learning_rate * grads["db" + str(k + 1)]
    return parameters


def predict(X, y, parameters):
    """p (1, m) of 0/1 where A3 > 0.5; prints the accuracy against y."""
    a3, _ = forward_propagation(X, parameters)
    p = (a3 > 0.5).astype(int)
    print("Accuracy: " + str(np.mean(p[0, :] == y[0, :])))
    return p


def predict_dec(parameters, X):
    """A3 > 0.5, for plot_decision_boundary."""
    a3, _ = forward_propagation(X, parameters)
    return a3 > 0.5


def load_2D_dataset():
    """train_X (2, 211), train_Y (1, 211), test_X (2, 200), test_Y (1, 200): the course's ``datasets/data.mat``
    when it is there, else points of the same shapes (two noisy classes, a local generator)."""
    if os.path.isfile(DATA_FILE):
        import scipy.io

        data = scipy.io.loadmat(DATA_FILE)
        return data["X"].T, data["y"].T, data["Xval"].T, data["yval"].T
    rng = np.random.RandomState(0)

    def points(m):
        y = (np.arange(m) % 2).reshape(1, m)
        X = rng.randn(2, m) * 0.25 + np.where(y == 1, 0.2, -0.2)
        return X, y

    train_X, train_Y = points(211)
    test_X, test_Y = points(200)
    return train_X, train_Y, test_X, test_Y


def plot_decision_boundary(model, X, y):
    """Contours of ``model`` (a function of (k, 2) points) over a grid around X (2, m), and the points by y."""
    import matplotlib.pyplot as plt

    x_min, x_max = X[0, :].min() - 1, X[0, :].max() + 1
    y_min, y_max = X[1, :].min() - 1, X[1, :].max() + 1
    xx, yy = np.meshgrid(np.arange(x_min, x_max, 0.01), np.arange(y_min, y_max, 0.01))
    Z = np.asarray(model(np.c_[xx.ravel(), yy.ravel()])).reshape(xx.shape)
    plt.contourf(xx, yy, Z, cmap=plt.cm.Spectral)
    plt.ylabel("x2")
    plt.xlabel("x1")
    plt.scatter(X[0, :], X[1, :], c=np.ravel(y), cmap=plt.cm.Spectral)
