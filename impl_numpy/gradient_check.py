"""Course 2, week 1: gradient checking, in NumPy (reference/NOTATION.md).

The course's third assignment of the week ("Gradient Checking") compares the gradient of backpropagation with
centred differences of the cost itself, over theta, the column of every parameter (W1, b1, ..., WL, bL, each
flattened row by row and stacked):

    gradapprox[i] = (J(theta + epsilon e_i) - J(theta - epsilon e_i)) / (2 epsilon)
    difference = ||grad - gradapprox||_2 / (||grad||_2 + ||gradapprox||_2)

and says that the backward pass has a mistake where difference > THRESHOLD = 2e-7. J is deep_nn's forward pass
and its cost from the logits, plus lambd / (2 m) sum_l ||W[l]||_F^2 when lambd > 0 (regularization.py), so that a
backward pass with L2 can be checked too. Dropout must be off: with a fresh mask at every evaluation J is another
function each time, and gradient_check_with_dropout shows the check failing so. framework_check asks the
framework's own checker the same question, here scipy.optimize.check_grad.

float64 only: epsilon = 1e-7 is below float32's resolution (theta + 1e-7 rounds back to theta for |theta| >= 2).
"""

import numpy as np
from scipy.optimize import check_grad

from reference.validation import (
    check_callable,
    check_epsilon,
    check_float64,
    check_gradient_check,
    check_gradients,
    check_keep_prob,
    check_lambd,
    check_param_layers,
    check_seed,
    check_theta,
)

from . import deep_nn
from .activations import activation_forward
from .regularization import l2_cost as _l2_cost

THRESHOLD = 2e-7  # the notebook's: above it, "There is a mistake in the backward propagation!"
# scipy's check_grad takes forward differences at h = sqrt(eps) = 1.5e-8, each off by about h |J''| / 2 + 2 eps |J| / h,
# i.e. 1e-8 relative: 1e-5 of ||grad|| leaves a margin of 1000 below the relative error of any real mistake,
# and the absolute 1e-6 covers a gradient near 0, where the rounding of J (about 1e-8 per entry) remains.
CHECK_GRAD_RTOL = 1e-5
CHECK_GRAD_ATOL = 1e-6


def gradient_check(x, theta, epsilon=1e-7):
    """The 1-D check of J(theta) = theta x: the difference between its derivative x and the centred difference."""
    check_float64("x", x)
    check_float64("theta", theta)
    epsilon = check_epsilon(epsilon)
    x, theta = np.asarray(x, dtype=np.float64), np.asarray(theta, dtype=np.float64)
    J_plus = (theta + epsilon) * x                 # J(theta + epsilon)
    J_minus = (theta - epsilon) * x                # J(theta - epsilon)
    gradapprox = (J_plus - J_minus) / (2 * epsilon)
    grad = x                                       # dJ/dtheta, the backward pass of J = theta x
    return _difference(grad, gradapprox)


def dictionary_to_vector(params):
    """theta (n, 1), W1, b1, ..., WL, bL flattened row by row and stacked; and keys, the name of each entry."""
    L = len(check_param_layers(params)) - 1
    names = [f"{p}{l}" for l in range(1, L + 1) for p in ("W", "b")]
    theta = np.concatenate([params[name].reshape((-1, 1)) for name in names])  # (n, 1)
    keys = [name for name in names for _ in range(params[name].size)]
    return theta, keys


def vector_to_dictionary(theta, layer_dims):
    """The params dict of theta: W[l] (n[l], n[l-1]) and b[l] (n[l], 1), read back in dictionary_to_vector's order."""
    layer_dims = check_theta(theta, layer_dims)
    params, start = {}, 0
    for l in range(1, len(layer_dims)):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        params[f"W{l}"] = theta[start:start + n * n_prev].reshape((n, n_prev))  # (n[l], n[l-1])
        start += n * n_prev
        params[f"b{l}"] = theta[start:start + n].reshape((n, 1))              # (n[l], 1)
        start += n
    return params


def gradients_to_vector(grads):
    """grad (n, 1): dW1, db1, ..., dWL, dbL flattened and stacked as dictionary_to_vector stacks the params."""
    L = len(check_param_layers(grads, "grads", prefix="d")) - 1
    return np.concatenate([grads[f"d{p}{l}"].reshape((-1, 1)) for l in range(1, L + 1) for p in ("W", "b")])


def gradient_check_n(params, grads, X, Y, epsilon=1e-7, activation="relu", lambd=0.0):
    """The course's difference between grads and the centred differences of J, one parameter at a time."""
    epsilon, lambd = check_gradient_check(X, Y, params, grads, activation, epsilon), check_lambd(lambd)
    theta, _ = dictionary_to_vector(params)
    layer_dims = check_param_layers(params)
    return _difference(gradients_to_vector(grads),
                       _gradapprox(lambda theta: _cost(theta, layer_dims, X, Y, activation, lambd), theta, epsilon))


def gradient_check_with_dropout(params, grads, X, Y, keep_prob, epsilon=1e-7, activation="relu", seed=0):
    """The check run by mistake with dropout on: every evaluation of J draws new masks (np.random.default_rng)."""
    epsilon, keep_prob = check_gradient_check(X, Y, params, grads, activation, epsilon), check_keep_prob(keep_prob)
    theta, _ = dictionary_to_vector(params)
    layer_dims = check_param_layers(params)
    rng = np.random.default_rng(check_seed(seed))
    return _difference(gradients_to_vector(grads),
                       _gradapprox(lambda theta: _cost(theta, layer_dims, X, Y, activation, 0.0, keep_prob, rng),
                                   theta, epsilon))


def framework_check(params, X, Y, backward, activation="relu", lambd=0.0):
    """scipy.optimize.check_grad of J against backward's gradient (params, cache, Y) -> grads: (ok, detail)."""
    check_gradient_check(X, Y, params, activation=activation)
    check_callable("backward", backward)
    lambd = check_lambd(lambd)
    theta, _ = dictionary_to_vector(params)
    layer_dims = check_param_layers(params)

    def J(x):  # check_grad's functions take and return flat arrays
        return _cost(x.reshape((-1, 1)), layer_dims, X, Y, activation, lambd)

    def gradient(x):
        return _manual_gradient(x.reshape((-1, 1)), layer_dims, X, Y, activation, backward)[:, 0]

    error = check_grad(J, gradient, theta[:, 0])  # ||gradient - forward differences of J||_2
    tolerance = CHECK_GRAD_ATOL + CHECK_GRAD_RTOL * np.linalg.norm(gradient(theta[:, 0]))
    return bool(error <= tolerance), f"scipy.optimize.check_grad: {error:.3e} (tolerance {tolerance:.3e})"


def _cost(theta, layer_dims, X, Y, activation, lambd, keep_prob=1.0, rng=None):
    """J(theta): the cross-entropy from Z[L] plus the L2 term; with rng, the hidden A[l] dropped by new masks."""
    params = vector_to_dictionary(theta, layer_dims)
    L = len(layer_dims) - 1
    if rng is None:
        AL, cache = deep_nn.forward_propagation(X, params, activation)
        ZL = cache[f"Z{L}"]
    else:
        A = X
        for l in range(1, L):
            D = rng.random((layer_dims[l], X.shape[1])) < keep_prob      # (n[l], m), drawn anew for every J
            A = activation_forward(params[f"W{l}"] @ A + params[f"b{l}"], activation) * D / keep_prob
        ZL = params[f"W{L}"] @ A + params[f"b{L}"]                          # (1, m)
    return deep_nn.compute_cost(ZL, Y) + _l2_cost(params, lambd, Y.shape[1])


def _manual_gradient(theta, layer_dims, X, Y, activation, backward):
    """backward's gradient of J at theta, as a column like theta."""
    params = vector_to_dictionary(theta, layer_dims)
    AL, cache = deep_nn.forward_propagation(X, params, activation)
    grads = backward(params, cache, Y)
    check_gradients(grads, params, X)
    return gradients_to_vector(grads)


def _gradapprox(J, theta, epsilon):
    """gradapprox[i] = (J(theta + epsilon e_i) - J(theta - epsilon e_i)) / (2 epsilon), one i at a time."""
    J_plus, J_minus = [], []
    for i in range(theta.shape[0]):
        theta_plus = np.copy(theta)
        theta_plus[i, 0] += epsilon
        J_plus.append(J(theta_plus))
        theta_minus = np.copy(theta)
        theta_minus[i, 0] -= epsilon
        J_minus.append(J(theta_minus))
    return (np.stack(J_plus) - np.stack(J_minus)).reshape((-1, 1)) / (2 * epsilon)  # (n, 1)


def _difference(grad, gradapprox):
    """||grad - gradapprox||_2 / (||grad||_2 + ||gradapprox||_2), as a Python float."""
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    return float(numerator / denominator)


__all__ = ["THRESHOLD", "gradient_check", "dictionary_to_vector", "vector_to_dictionary", "gradients_to_vector",
           "gradient_check_n", "gradient_check_with_dropout", "framework_check"]
