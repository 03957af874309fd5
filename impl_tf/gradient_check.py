"""Course 2, week 1: gradient checking, in TensorFlow (the equations: impl_numpy/gradient_check.py).

framework_check makes the manual gradients J's derivative with tf.custom_gradient and compares them with the
numerical Jacobian of tf.test.compute_gradient. float64 only: epsilon = 1e-7 is below float32's resolution.
"""

import numpy as np
import tensorflow as tf

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

THRESHOLD = 2e-7  # the notebook's: above it, "There is a mistake in the backward propagation!"
# tf.test.compute_gradient's own step, 1/1024, exactly representable (theta +- delta adds no rounding); its centred
# differences are off by about delta^2 / 6 |J'''| = 1.6e-7 |J'''|. Judged per entry as torch.autograd.gradcheck
# judges, with its defaults, |manual - numerical| <= atol + rtol |numerical|, so that two frameworks' checkers agree:
# atol is 60 times that truncation; a mistake that moves no entry by 1e-5 passes.
COMPUTE_GRADIENT_DELTA = 1 / 1024
COMPUTE_GRADIENT_ATOL = 1e-5
COMPUTE_GRADIENT_RTOL = 1e-3


def gradient_check(x, theta, epsilon=1e-7):
    """The 1-D check of J(theta) = theta x: the difference between its derivative x and the centred difference."""
    check_float64("x", x)
    check_float64("theta", theta)
    epsilon = check_epsilon(epsilon)
    x, theta = tf.convert_to_tensor(x, tf.float64), tf.convert_to_tensor(theta, tf.float64)
    J_plus = (theta + epsilon) * x                 # J(theta + epsilon)
    J_minus = (theta - epsilon) * x                # J(theta - epsilon)
    gradapprox = (J_plus - J_minus) / (2 * epsilon)
    grad = x                                       # dJ/dtheta, the backward pass of J = theta x
    return _difference(grad, gradapprox)


def dictionary_to_vector(params):
    """theta (n, 1), W1, b1, ..., WL, bL flattened row by row and stacked; and keys, the name of each entry."""
    L = len(check_param_layers(params)) - 1
    names = [f"{p}{l}" for l in range(1, L + 1) for p in ("W", "b")]
    theta = tf.concat([tf.reshape(params[name], (-1, 1)) for name in names], axis=0)  # (n, 1)
    keys = [name for name in names for _ in range(params[name].shape.num_elements())]
    return theta, keys


def vector_to_dictionary(theta, layer_dims):
    """The params dict of theta: W[l] (n[l], n[l-1]) and b[l] (n[l], 1), read back in dictionary_to_vector's order."""
    layer_dims = check_theta(theta, layer_dims)
    params, start = {}, 0
    for l in range(1, len(layer_dims)):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        params[f"W{l}"] = tf.reshape(theta[start:start + n * n_prev], (n, n_prev))  # (n[l], n[l-1])
        start += n * n_prev
        params[f"b{l}"] = tf.reshape(theta[start:start + n], (n, 1))              # (n[l], 1)
        start += n
    return params


def gradients_to_vector(grads):
    """grad (n, 1): dW1, db1, ..., dWL, dbL flattened and stacked as dictionary_to_vector stacks the params."""
    L = len(check_param_layers(grads, "grads", prefix="d")) - 1
    return tf.concat([tf.reshape(grads[f"d{p}{l}"], (-1, 1)) for l in range(1, L + 1) for p in ("W", "b")], axis=0)


def gradient_check_n(params, grads, X, Y, epsilon=1e-7, activation="relu", lambd=0.0):
    """The course's difference between grads and the centred differences of J, one parameter at a time."""
    epsilon, lambd = check_gradient_check(X, Y, params, grads, activation, epsilon), check_lambd(lambd)
    theta, _ = dictionary_to_vector(params)
    layer_dims = check_param_layers(params)
    return _difference(gradients_to_vector(grads),
                       _gradapprox(lambda theta: _cost(theta, layer_dims, X, Y, activation, lambd), theta, epsilon))


def gradient_check_with_dropout(params, grads, X, Y, keep_prob, epsilon=1e-7, activation="relu", seed=0):
    """The check run by mistake with dropout on: every evaluation of J draws new masks (a tf.random.Generator)."""
    epsilon, keep_prob = check_gradient_check(X, Y, params, grads, activation, epsilon), check_keep_prob(keep_prob)
    theta, _ = dictionary_to_vector(params)
    layer_dims = check_param_layers(params)
    rng = tf.random.Generator.from_seed(check_seed(seed))
    return _difference(gradients_to_vector(grads),
                       _gradapprox(lambda theta: _cost(theta, layer_dims, X, Y, activation, 0.0, keep_prob, rng),
                                   theta, epsilon))


def framework_check(params, X, Y, backward, activation="relu", lambd=0.0):
    """tf.test.compute_gradient of J, whose gradient is backward's (params, cache, Y) -> grads: (ok, detail)."""
    check_gradient_check(X, Y, params, activation=activation)
    check_callable("backward", backward)
    lambd = check_lambd(lambd)
    theta, _ = dictionary_to_vector(params)
    layer_dims = check_param_layers(params)

    @tf.custom_gradient
    def J(theta):
        def grad_fn(upstream):
            return upstream * _manual_gradient(theta, layer_dims, X, Y, activation, backward)  # dJ/dtheta, (n, 1)
        return _cost(theta, layer_dims, X, Y, activation, lambd), grad_fn

    (theoretical,), (numerical,) = tf.test.compute_gradient(J, [theta], delta=COMPUTE_GRADIENT_DELTA)  # (1, n) each
    error = np.max(np.abs(theoretical - numerical))
    ok = np.allclose(theoretical, numerical, rtol=COMPUTE_GRADIENT_RTOL, atol=COMPUTE_GRADIENT_ATOL)
    return bool(ok), f"tf.test.compute_gradient: max |theoretical - numerical| = {error:.3e}"


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
            D = tf.cast(rng.uniform((layer_dims[l], X.shape[1]), dtype=X.dtype) < keep_prob, X.dtype)  # new every J
            A = activation_forward(params[f"W{l}"] @ A + params[f"b{l}"], activation) * D / keep_prob
        ZL = params[f"W{L}"] @ A + params[f"b{L}"]                          # (1, m)
    return deep_nn.compute_cost(ZL, Y) + _l2_cost(params, lambd, Y.shape[1])


def _l2_cost(params, lambd, m):
    """lambd / (2 m) sum_l ||W[l]||_F^2 (impl_numpy/regularization.py's l2_cost)."""
    L = len(params) // 2
    return lambd / (2 * m) * sum(tf.reduce_sum(tf.square(params[f"W{l}"])) for l in range(1, L + 1))


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
        theta_plus = tf.tensor_scatter_nd_add(theta, [[i, 0]], tf.constant([epsilon], theta.dtype))
        J_plus.append(J(theta_plus))
        theta_minus = tf.tensor_scatter_nd_sub(theta, [[i, 0]], tf.constant([epsilon], theta.dtype))
        J_minus.append(J(theta_minus))
    return tf.reshape(tf.stack(J_plus) - tf.stack(J_minus), (-1, 1)) / (2 * epsilon)  # (n, 1)


def _difference(grad, gradapprox):
    """||grad - gradapprox||_2 / (||grad||_2 + ||gradapprox||_2), as a Python float."""
    numerator = tf.norm(grad - gradapprox)
    denominator = tf.norm(grad) + tf.norm(gradapprox)
    return float(numerator / denominator)


__all__ = ["THRESHOLD", "gradient_check", "dictionary_to_vector", "vector_to_dictionary", "gradients_to_vector",
           "gradient_check_n", "gradient_check_with_dropout", "framework_check"]
