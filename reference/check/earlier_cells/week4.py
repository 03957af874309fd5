"""The course's week 4 cells, complete: "Step by Step" (the helpers of dnn_utils, the graded functions), and
the Application's models in ``APPLICATION``.

Step by Step's ``initialize_parameters_deep`` is ``randn * 0.01`` after ``np.random.seed(3)``; the Application's
helper file (dnn_app_utils) divides by sqrt(n[l-1]) instead, so ``APPLICATION`` takes that one.
"""
# ruff: noqa: NPY002  (the course draws from the global np.random)

import numpy as np

from ..confined.course_helpers import dnn_app_utils
from ..confined.course_helpers.dnn_app_utils import (  # noqa: F401  (what the notebook's earlier cells define)
    L_model_backward,
    L_model_forward,
    compute_cost,
    initialize_parameters,
    linear_activation_backward,
    linear_activation_forward,
    linear_backward,
    linear_forward,
    update_parameters,
)
from ..confined.course_helpers.dnn_utils import relu, relu_backward, sigmoid, sigmoid_backward  # noqa: F401


def initialize_parameters_deep(layer_dims):
    """W[l] = randn(n[l], n[l-1]) * 0.01 after np.random.seed(3); b[l] = 0 (n[l], 1)."""
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters


def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    """LINEAR -> RELU -> LINEAR -> SIGMOID, by gradient descent from initialize_parameters: (parameters, costs)."""
    n_x, n_h, n_y = layers_dims
    parameters = initialize_parameters(n_x, n_h, n_y)
    costs = []
    for i in range(num_iterations):
        W1, b1, W2, b2 = parameters["W1"], parameters["b1"], parameters["W2"], parameters["b2"]
        A1, cache1 = linear_activation_forward(X, W1, b1, "relu")
        A2, cache2 = linear_activation_forward(A1, W2, b2, "sigmoid")
        cost = compute_cost(A2, Y)
        dA2 = -(np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))
        dA1, dW2, db2 = linear_activation_backward(dA2, cache2, "sigmoid")
        dA0, dW1, db1 = linear_activation_backward(dA1, cache1, "relu")
        grads = {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
        parameters = update_parameters(parameters, grads, learning_rate)
        if i % 100 == 0:
            costs.append(cost)
            if print_cost:
                print(f"Cost after iteration {i}: {np.squeeze(cost)}")
    return parameters, costs


def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    """[LINEAR -> RELU] * (L-1) -> LINEAR -> SIGMOID from the Application's initialize_parameters_deep."""
    parameters = dnn_app_utils.initialize_parameters_deep(layers_dims)
    costs = []
    for i in range(num_iterations):
        AL, caches = L_model_forward(X, parameters)
        cost = compute_cost(AL, Y)
        grads = L_model_backward(AL, Y, caches)
        parameters = update_parameters(parameters, grads, learning_rate)
        if i % 100 == 0:
            costs.append(cost)
            if print_cost:
                print(f"Cost after iteration {i}: {np.squeeze(cost)}")
    return parameters, costs


APPLICATION = {"initialize_parameters_deep": dnn_app_utils.initialize_parameters_deep,
               "two_layer_model": two_layer_model, "L_layer_model": L_layer_model, "predict": dnn_app_utils.predict,
               "load_data": dnn_app_utils.load_data}
