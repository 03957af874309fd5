"""Course 2, week 1: gradient checking, in JAX (the equations: impl_numpy/gradient_check.py).

framework_check makes the manual gradients J's derivative with jax.custom_vjp and asks jax.test_util.check_grads
whether they are. float64 only, inside ``with impl_jax.precision("float64"):``: epsilon = 1e-7 is below float32's
resolution.
"""

from functools import partial

import jax
import jax.numpy as jnp
from jax.test_util import check_grads

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
from .initializers import _check_precision

THRESHOLD = 2e-7  # the notebook's: above it, "There is a mistake in the backward propagation!"
# check_grads's own defaults for float64: it compares <t, manual vjp> with the centred difference of J along one
# random direction t (of norm about sqrt(n)), a step of 1e-4, off by about (1e-4 ||t||)^2 / 6 |J'''| = 1e-7 |J'''|
# for n = 47, and judges |manual - numerical| <= atol + rtol |numerical|: 100 times that truncation.
CHECK_GRADS_EPS = 1e-4
CHECK_GRADS_ATOL = 1e-5
CHECK_GRADS_RTOL = 1e-5


def gradient_check(x, theta, epsilon=1e-7):
    """The 1-D check of J(theta) = theta x: the difference between its derivative x and the centred difference."""
    check_float64("x", x)
    check_float64("theta", theta)
    epsilon = check_epsilon(epsilon)
    x, theta = jnp.asarray(x, _check_precision("float64")), jnp.asarray(theta, _check_precision("float64"))
    J_plus = (theta + epsilon) * x                 # J(theta + epsilon)
    J_minus = (theta - epsilon) * x                # J(theta - epsilon)
    gradapprox = (J_plus - J_minus) / (2 * epsilon)
    grad = x                                       # dJ/dtheta, the backward pass of J = theta x
    return _difference(grad, gradapprox)


def dictionary_to_vector(params):
    """theta (n, 1), W1, b1, ..., WL, bL flattened row by row and stacked; and keys, the name of each entry."""
    L = len(check_param_layers(params)) - 1
    names = [f"{p}{l}" for l in range(1, L + 1) for p in ("W", "b")]
    theta = jnp.concatenate([params[name].reshape((-1, 1)) for name in names])  # (n, 1)
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
    return jnp.concatenate([grads[f"d{p}{l}"].reshape((-1, 1)) for l in range(1, L + 1) for p in ("W", "b")])


def gradient_check_n(params, grads, X, Y, epsilon=1e-7, activation="relu", lambd=0.0):
    """The course's difference between grads and the centred differences of J, one parameter at a time."""
    epsilon, lambd = check_gradient_check(X, Y, params, grads, activation, epsilon), check_lambd(lambd)
    theta, _ = dictionary_to_vector(params)
    layer_dims = check_param_layers(params)
    return _difference(gradients_to_vector(grads),
                       _gradapprox(lambda theta: _cost(theta, layer_dims, X, Y, activation, lambd), theta, epsilon))


def gradient_check_with_dropout(params, grads, X, Y, keep_prob, epsilon=1e-7, activation="relu", seed=0):
    """The check run by mistake with dropout on: every evaluation of J draws new masks (its own jax.random key)."""
    epsilon, keep_prob = check_gradient_check(X, Y, params, grads, activation, epsilon), check_keep_prob(keep_prob)
    theta, _ = dictionary_to_vector(params)
    layer_dims = check_param_layers(params)
    rng = iter(jax.random.split(jax.random.key(check_seed(seed)), 2 * theta.shape[0]))  # a key for every J
    return _difference(gradients_to_vector(grads),
                       _gradapprox(lambda theta: _cost(theta, layer_dims, X, Y, activation, 0.0, keep_prob, next(rng)),
                                   theta, epsilon))


def framework_check(params, X, Y, backward, activation="relu", lambd=0.0):
    """jax.test_util.check_grads of J, whose vjp is backward's gradient (params, cache, Y) -> grads: (ok, detail)."""
    check_gradient_check(X, Y, params, activation=activation)
    check_callable("backward", backward)
    lambd = check_lambd(lambd)
    theta, _ = dictionary_to_vector(params)
    layer_dims = check_param_layers(params)

    @jax.custom_vjp
    def J(theta):
        return _cost(theta, layer_dims, X, Y, activation, lambd)

    def J_fwd(theta):
        return J(theta), _manual_gradient(theta, layer_dims, X, Y, activation, backward)  # J, and dJ/dtheta (n, 1)

    def J_bwd(grad, g):
        return (g * grad,)

    J.defvjp(J_fwd, J_bwd)
    try:
        check_grads(J, (theta,), order=1, modes=["rev"], eps=CHECK_GRADS_EPS, atol=CHECK_GRADS_ATOL,
                    rtol=CHECK_GRADS_RTOL)
    except AssertionError as error:  # check_grads raises on a mismatch; its message says by how much
        return False, f"jax.test_util.check_grads: {error}"
    return True, "jax.test_util.check_grads: passed"


@partial(jax.jit, static_argnames=("layer_dims", "activation"))
def _cost(theta, layer_dims, X, Y, activation, lambd, keep_prob=1.0, rng=None):
    """J(theta): the cross-entropy from Z[L] plus the L2 term; with rng (a key), the hidden A[l] dropped by new masks.
    Compiled once per shape: the 2n evaluations of a check then cost microseconds each."""
    params = vector_to_dictionary(theta, layer_dims)
    L = len(layer_dims) - 1
    if rng is None:
        AL, cache = deep_nn.forward_propagation(X, params, activation)
        ZL = cache[f"Z{L}"]
    else:
        A = X
        for l in range(1, L):
            D = jax.random.bernoulli(jax.random.fold_in(rng, l), keep_prob, (layer_dims[l], X.shape[1]))  # (n[l], m)
            A = activation_forward(params[f"W{l}"] @ A + params[f"b{l}"], activation) * D / keep_prob
        ZL = params[f"W{L}"] @ A + params[f"b{L}"]                          # (1, m)
    return deep_nn.compute_cost(ZL, Y) + _l2_cost(params, lambd, Y.shape[1])


def _l2_cost(params, lambd, m):
    """lambd / (2 m) sum_l ||W[l]||_F^2 (impl_numpy/regularization.py's l2_cost)."""
    L = len(params) // 2
    return lambd / (2 * m) * sum(jnp.sum(jnp.square(params[f"W{l}"])) for l in range(1, L + 1))


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
        theta_plus = theta.at[i, 0].add(epsilon)    # a new array: JAX arrays are immutable
        J_plus.append(J(theta_plus))
        theta_minus = theta.at[i, 0].subtract(epsilon)
        J_minus.append(J(theta_minus))
    return (jnp.stack(J_plus) - jnp.stack(J_minus)).reshape((-1, 1)) / (2 * epsilon)  # (n, 1)


def _difference(grad, gradapprox):
    """||grad - gradapprox||_2 / (||grad||_2 + ||gradapprox||_2), as a Python float."""
    numerator = jnp.linalg.norm(grad - gradapprox)
    denominator = jnp.linalg.norm(grad) + jnp.linalg.norm(gradapprox)
    return float(numerator / denominator)


__all__ = ["THRESHOLD", "gradient_check", "dictionary_to_vector", "vector_to_dictionary", "gradients_to_vector",
           "gradient_check_n", "gradient_check_with_dropout", "framework_check"]
