"""The course's Course 2, week 1 "Gradient Checking" cells, complete: gc_utils' imports, the 1-D check of
J(theta) = theta x, and the check of the 3-layer network's backward pass.

``backward_propagation_n`` is here as it is once fixed: the notebook hands it out with two planted mistakes
(dW2 doubled, db1 with 4/m) for the learner's gradient_check_n to find.
"""

import numpy as np

from ..confined.course_helpers.gc_utils import (  # noqa: F401  (what the notebook's first cell imports)
    dictionary_to_vector,
    gradients_to_vector,
    relu,
    sigmoid,
    vector_to_dictionary,
)


def forward_propagation(x, theta):
    """J = theta x."""
    J = theta * x
    return J


def backward_propagation(x, theta):
    """dJ/dtheta = x."""
    dtheta = x
    return dtheta


def _difference(grad, gradapprox):
    return np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))


def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    """||grad - gradapprox|| / (||grad|| + ||gradapprox||), gradapprox = (J(theta + e) - J(theta - e)) / (2 e)."""
    J_plus = forward_propagation(x, theta + epsilon)
    J_minus = forward_propagation(x, theta - epsilon)
    gradapprox = (J_plus - J_minus) / (2 * epsilon)
    grad = backward_propagation(x, theta)
    difference = _difference(grad, gradapprox)
    if print_msg:
        print(("There is a mistake in the backward propagation! difference = " if difference > 2e-7
               else "Your backward propagation works perfectly fine! difference = ") + str(difference))
    return difference


def forward_propagation_n(X, Y, parameters):
    """The cost -(1/m) sum[Y log A3 + (1 - Y) log(1 - A3)] and the cache (Z1, A1, W1, b1, ..., Z3, A3, W3, b3)."""
    m = X.shape[1]
    W1, b1, W2, b2, W3, b3 = (parameters[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3"))
    Z1 = np.dot(W1, X) + b1
    A1 = relu(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = relu(Z2)
    Z3 = np.dot(W3, A2) + b3
    A3 = sigmoid(Z3)
    log_probs = np.multiply(-np.log(A3), Y) + np.multiply(-np.log(1 - A3), 1 - Y)
    cost = 1.0 / m * np.sum(log_probs)
    return cost, (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)


def backward_propagation_n(X, Y, cache):
    """The gradients of forward_propagation_n's cost (its planted mistakes fixed)."""
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


def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    """The difference between gradients and the centred differences of forward_propagation_n's cost, one
    parameter at a time."""
    parameters_values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    num_parameters = parameters_values.shape[0]
    gradapprox = np.zeros((num_parameters, 1))
    for i in range(num_parameters):
        theta_plus = np.copy(parameters_values)
        theta_plus[i][0] += epsilon
        J_plus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus))
        theta_minus = np.copy(parameters_values)
        theta_minus[i][0] -= epsilon
        J_minus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_minus))
        gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)
    difference = _difference(grad, gradapprox)
    if print_msg:
        print(("There is a mistake in the backward propagation! difference = " if difference > 2e-7
               else "Your backward propagation works perfectly fine! difference = ") + str(difference))
    return difference
