"""The course's Course 2, week 1 "Initialization" cells, complete: init_utils' imports and the three initializers.

Each initializer seeds ``np.random.seed(3)`` itself (the course's template has it), and biases are zeros.
"""
# ruff: noqa: NPY002  (the course draws from the global np.random)

import numpy as np

from ..confined.course_helpers.init_utils import (  # noqa: F401  (what the notebook's first cell imports)
    backward_propagation,
    compute_loss,
    forward_propagation,
    load_dataset,
    plot_decision_boundary,
    predict,
    predict_dec,
    relu,
    sigmoid,
    update_parameters,
)


def initialize_parameters_zeros(layers_dims):
    """W[l] and b[l] all zeros."""
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.zeros((layers_dims[l], layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def initialize_parameters_random(layers_dims):
    """W[l] = randn(n[l], n[l-1]) * 10 after np.random.seed(3); b[l] = 0."""
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * 10
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def initialize_parameters_he(layers_dims):
    """W[l] = randn(n[l], n[l-1]) * sqrt(2 / n[l-1]) after np.random.seed(3); b[l] = 0."""
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layers_dims)):
        scale = np.sqrt(2 / layers_dims[l - 1])
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * scale
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
