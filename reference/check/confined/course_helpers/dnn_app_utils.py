"""Stand-in for the course's ``dnn_app_utils_v2`` / ``dnn_app_utils_v3`` (week 4, "Application").

The course's own solutions of "Step by Step", as its file ships them: He-like ``randn / sqrt(n[l-1])``
initialization with ``np.random.seed(1)``, caches ``((A_prev, W, b), Z)``, and ``L_model_backward`` with the
v3 numbering (``grads["dA" + str(l)]`` is the gradient with respect to ``A[l]``, the input of layer l + 1).
Like the course's file it has no ``__all__``: ``from dnn_app_utils_v3 import *`` also brings ``np``.
"""
# ruff: noqa: NPY002  (the course draws from the global np.random, and learners' seeds depend on it)

import numpy as np

from .dnn_utils import relu, relu_backward, sigmoid, sigmoid_backward
from .lr_utils import load_dataset as _load_dataset


def load_data():
    """train_x_orig (m, 64, 64, 3) uint8, train_y (1, m), test_x_orig, test_y, classes."""
    return _load_dataset()


def initialize_parameters(n_x, n_h, n_y):
    """W1 (n_h, n_x), b1 (n_h, 1), W2 (n_y, n_h), b2 (n_y, 1): randn * 0.01 after np.random.seed(1)."""
    np.random.seed(1)
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


def initialize_parameters_deep(layer_dims):
    """W[l] = randn(n[l], n[l-1]) / sqrt(n[l-1]) after np.random.seed(1); b[l] = 0 (n[l], 1)."""
    np.random.seed(1)
    parameters = {}
    L = len(layer_dims)  # number of layers, the input included
    for l in range(1, L):
        parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) / np.sqrt(layer_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
        assert parameters["W" + str(l)].shape == (layer_dims[l], layer_dims[l - 1])
        assert parameters["b" + str(l)].shape == (layer_dims[l], 1)
    return parameters


def linear_forward(A, W, b):
    """Z = W A + b, and the cache (A, W, b)."""
    Z = W.dot(A) + b  # (n[l], n[l-1]) @ (n[l-1], m) -> (n[l], m)
    assert Z.shape == (W.shape[0], A.shape[1])
    cache = (A, W, b)
    return Z, cache


def linear_activation_forward(A_prev, W, b, activation):
    """A = g(W A_prev + b) for g = "sigmoid" or "relu", and the cache (linear_cache, activation_cache)."""
    if activation == "sigmoid":
        Z, linear_cache = linear_forward(A_prev, W, b)
        A, activation_cache = sigmoid(Z)
    elif activation == "relu":
        Z, linear_cache = linear_forward(A_prev, W, b)
        A, activation_cache = relu(Z)
    assert A.shape == (W.shape[0], A_prev.shape[1])
    cache = (linear_cache, activation_cache)
    return A, cache


def L_model_forward(X, parameters):
    """[LINEAR -> RELU] * (L-1) -> LINEAR -> SIGMOID: AL (1, m), and the list of L caches."""
    caches = []
    A = X
    L = len(parameters) // 2  # number of layers
    for l in range(1, L):
        A_prev = A
        A, cache = linear_activation_forward(A_prev, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid")
    caches.append(cache)
    assert AL.shape == (1, X.shape[1])
    return AL, caches


def compute_cost(AL, Y):
    """J = -(1/m) sum[Y log AL + (1-Y) log(1-AL)], a 0-d array."""
    m = Y.shape[1]
    cost = (1.0 / m) * (-np.dot(Y, np.log(AL).T) - np.dot(1 - Y, np.log(1 - AL).T))
    cost = np.squeeze(cost)  # [[17]] -> 17
    assert cost.shape == ()
    return cost


def linear_backward(dZ, cache):
    """dA_prev = W^T dZ, dW = (1/m) dZ A_prev^T, db = (1/m) sum_i dZ."""
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = 1.0 / m * np.dot(dZ, A_prev.T)                        # (n[l], m) @ (m, n[l-1])
    db = 1.0 / m * np.sum(dZ, axis=1, keepdims=True)           # (n[l], 1)
    dA_prev = np.dot(W.T, dZ)                                  # (n[l-1], n[l]) @ (n[l], m)
    assert dA_prev.shape == A_prev.shape
    assert dW.shape == W.shape
    assert db.shape == b.shape
    return dA_prev, dW, db


def linear_activation_backward(dA, cache, activation):
    """dA_prev, dW, db through g = "relu" or "sigmoid" and the linear step."""
    linear_cache, activation_cache = cache
    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)
        dA_prev, dW, db = linear_backward(dZ, linear_cache)
    elif activation == "sigmoid":
        dZ = sigmoid_backward(dA, activation_cache)
        dA_prev, dW, db = linear_backward(dZ, linear_cache)
    return dA_prev, dW, db


def L_model_backward(AL, Y, caches):
    """grads["dA" + str(l)], grads["dW" + str(l + 1)], grads["db" + str(l + 1)] for l = L-1 .. 0."""
    grads = {}
    L = len(caches)  # number of layers
    Y = Y.reshape(AL.shape)
    dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    current_cache = caches[L - 1]
    grads["dA" + str(L - 1)], grads["dW" + str(L)], grads["db" + str(L)] = linear_activation_backward(
        dAL, current_cache, "sigmoid")
    for l in reversed(range(L - 1)):
        current_cache = caches[l]
        dA_prev_temp, dW_temp, db_temp = linear_activation_backward(grads["dA" + str(l + 1)], current_cache, "relu")
        grads["dA" + str(l)] = dA_prev_temp
        grads["dW" + str(l + 1)] = dW_temp
        grads["db" + str(l + 1)] = db_temp
    return grads


def update_parameters(parameters, grads, learning_rate):
    """W[l] := W[l] - alpha dW[l], b[l] := b[l] - alpha db[l]; rebinds the entries of ``parameters`` and returns it."""
    L = len(parameters) // 2  # number of layers
    for l in range(L):
        parameters["W" + str(l + 1)] = parameters["W" + str(l + 1)] - learning_rate * grads["dW" + str(l + 1)]
        parameters["b" + str(l + 1)] = parameters["b" + str(l + 1)] - learning_rate * grads["db" + str(l + 1)]
    return parameters


def predict(X, y, parameters):
    """p (1, m): 1 where AL > 0.5, else 0; prints the accuracy against y as the course does."""
    m = X.shape[1]
    p = np.zeros((1, m))
    probas, caches = L_model_forward(X, parameters)
    for i in range(0, probas.shape[1]):
        if probas[0, i] > 0.5:
            p[0, i] = 1
        else:
            p[0, i] = 0
    print("Accuracy: " + str(np.sum((p == y) / m)))
    return p


def print_mislabeled_images(classes, X, y, p):
    """Plots the images whose prediction p differs from the label y (X flattened as (64*64*3, m))."""
    import matplotlib.pyplot as plt

    a = p + y
    mislabeled_indices = np.asarray(np.where(a == 1))
    plt.rcParams["figure.figsize"] = (40.0, 40.0)  # set default size of plots
    num_images = len(mislabeled_indices[0])
    for i in range(num_images):
        index = mislabeled_indices[1][i]
        plt.subplot(2, num_images, i + 1)
        plt.imshow(X[:, index].reshape(64, 64, 3), interpolation="nearest")
        plt.axis("off")
        plt.title("Prediction: " + classes[int(p[0, index])].decode("utf-8") + " \n Class: "
                  + classes[int(y[0, index])].decode("utf-8"))
