"""Course 2, week 1: L2 regularization and inverted dropout on an L-layer network, in JAX (reference/NOTATION.md).

deep_nn's loops with the course's two additions, for any L (the equations are in impl_numpy/regularization.py):
L2 adds lambd / (2 m) sum_l ||W[l]||_F^2 to J and lambd / m W[l] to dW[l], the biases untouched; inverted
dropout multiplies A[l] and dA[l] of the hidden layers 1..L-1 by the given masks D[l] and divides by keep_prob.
One set of masks serves every step, as in the course's notebook; ``dropout_masks`` draws them with
``jax.random`` (the proofs draw them in NumPy and convert them, since the generators differ). ``train`` is
compiled once per shape, dtype, ``num_iterations``, ``activation``, ``lambd`` and ``keep_prob`` with ``jax.jit``
over ``jax.lax.scan``; ``learning_rate`` and the masks are traced.

lambd = 0 and keep_prob = 1 (no masks) are deep_nn's equations exactly.
"""

from functools import partial

import jax
import jax.numpy as jnp

from reference.validation import (
    check_arrays,
    check_cache,
    check_dtype,
    check_keep_prob,
    check_lambd,
    check_layer_sizes,
    check_masks,
    check_seed,
    check_training,
)

from . import deep_nn
from .activations import activation_backward, activation_forward, sigmoid
from .cost import compute_cost as cross_entropy
from .initializers import _check_precision

initialize_parameters = deep_nn.initialize_parameters
update_parameters = deep_nn.update_parameters
predict = deep_nn.predict  # no dropout at inference: the 1 / keep_prob in training already keeps E[A] the same


def dropout_masks(layer_dims, m, keep_prob, seed=1, dtype="float64"):
    """D[l] = (uniform(n[l], m) < keep_prob) for the hidden layers 1..L-1, from jax.random.key(seed) split once
    per layer: the course's law, drawn by JAX's generator."""
    layer_dims = check_layer_sizes("layer_dims", layer_dims)
    keep_prob = check_keep_prob(keep_prob)
    dtype = _check_precision(check_dtype(dtype))
    rng = jax.random.key(check_seed(seed))
    masks = {}
    for l in range(1, len(layer_dims) - 1):
        rng, layer_rng = jax.random.split(rng)
        masks[f"D{l}"] = (jax.random.uniform(layer_rng, (layer_dims[l], m), dtype) < keep_prob).astype(dtype)
    return masks


def l2_cost(params, lambd, m):
    """lambd / (2 m) sum_l ||W[l]||_F^2; biases are not in it."""
    L = len(params) // 2
    return lambd / (2 * m) * sum(jnp.sum(jnp.square(params[f"W{l}"])) for l in range(1, L + 1))


def compute_cost(ZL, Y, params, lambd=0.0):
    """The cross-entropy (from the logits Z[L]) plus the L2 term."""
    lambd = check_lambd(lambd)
    return cross_entropy(ZL, Y) + l2_cost(params, lambd, Y.shape[1])


def forward_propagation(X, params, activation="relu", keep_prob=1.0, masks=None):
    """A[L] through L layers, with A[l] = g(Z[l]) * D[l] / keep_prob on the hidden layers when masks are given."""
    check_arrays("deep_nn", X, params, activation=activation)
    keep_prob = check_keep_prob(keep_prob)
    check_masks(masks, params, X, keep_prob)
    L = len(params) // 2
    A, cache = X, {"A0": X}
    for l in range(1, L + 1):
        Z = params[f"W{l}"] @ A + params[f"b{l}"]  # (n[l], m)
        A = activation_forward(Z, activation) if l < L else sigmoid(Z)
        if l < L and masks is not None:
            A = A * masks[f"D{l}"]                 # shut down the units D[l] drops
            A = A / keep_prob                      # inverted dropout: E[A[l]] is what it is without dropout
            cache[f"D{l}"] = masks[f"D{l}"]
        cache[f"Z{l}"], cache[f"A{l}"] = Z, A
    return A, cache


def backward_propagation(params, cache, Y, activation="relu", lambd=0.0, keep_prob=1.0):
    """dW[l], db[l]: deep_nn's equations, dA[l] masked and scaled as A[l] was, and dW[l] += lambd / m W[l]."""
    check_cache("deep_nn", params, cache, Y, activation)
    lambd, keep_prob = check_lambd(lambd), check_keep_prob(keep_prob)
    m = Y.shape[1]
    L = len(params) // 2
    grads = {}
    dZ = cache[f"A{L}"] - Y                                              # (1, m)
    for l in range(L, 0, -1):
        grads[f"dW{l}"] = dZ @ cache[f"A{l - 1}"].T / m + lambd / m * params[f"W{l}"]
        grads[f"db{l}"] = jnp.sum(dZ, axis=1, keepdims=True) / m         # biases: no L2 term
        if l > 1:
            dA = params[f"W{l}"].T @ dZ                                  # (n[l-1], m)
            if f"D{l - 1}" in cache:
                dA = dA * cache[f"D{l - 1}"]                             # the units dropped forward get no gradient
                dA = dA / keep_prob
            dZ = activation_backward(dA, cache[f"Z{l - 1}"], activation)
    return grads


@partial(jax.jit, static_argnames=("num_iterations", "activation", "lambd", "keep_prob", "autodiff"))
def _gradient_descent(X, Y, params, masks, learning_rate, num_iterations, activation, lambd, keep_prob, autodiff):
    """The loop of train and train_autodiff, compiled once per shape, dtype, num_iterations, activation, lambd
    and keep_prob; learning_rate and the masks are traced."""
    L = len(params) // 2
    def step(params, _):
        if autodiff:
            cost, grads = jax.value_and_grad(_cost)(params, X, Y, activation, lambd, keep_prob, masks)
            grads = {"d" + name: value for name, value in grads.items()}
        else:
            AL, cache = forward_propagation(X, params, activation, keep_prob, masks)
            cost = compute_cost(cache[f"Z{L}"], Y, params, lambd)
            grads = backward_propagation(params, cache, Y, activation, lambd, keep_prob)
        return update_parameters(params, grads, learning_rate), cost
    return jax.lax.scan(step, params, length=num_iterations)  # (params, costs of shape (num_iterations,))


def train(X, Y, params, learning_rate=0.3, num_iterations=30000, activation="relu", lambd=0.0, keep_prob=1.0,
          masks=None):
    """Batch gradient descent with L2 and dropout (the same masks at every step, as the course's notebook);
    returns the final params and the regularized cost before each update."""
    # checked out here: lambd and keep_prob are static arguments of jax.jit, the learning rate a tracer in it
    check_training("deep_nn", X, Y, params, learning_rate, num_iterations, activation)
    lambd, keep_prob = check_lambd(lambd), check_keep_prob(keep_prob)
    check_masks(masks, params, X, keep_prob)
    return _gradient_descent(X, Y, params, masks, learning_rate, num_iterations, activation, lambd, keep_prob,
                             autodiff=False)


def _cost(params, X, Y, activation, lambd, keep_prob, masks):
    """J as a function of params, for jax.grad: the masks are constants, as the cache holds them."""
    L = len(params) // 2
    AL, cache = forward_propagation(X, params, activation, keep_prob, masks)
    return compute_cost(cache[f"Z{L}"], Y, params, lambd)


def autodiff_gradients(params, X, Y, activation="relu", lambd=0.0, keep_prob=1.0, masks=None):
    """dW[l], db[l] by jax.grad of compute_cost through forward_propagation with the given masks, with respect to
    params only."""
    grads = jax.grad(_cost)(params, X, Y, activation, lambd, keep_prob, masks)  # argnums=0: not X, not the masks
    return {"d" + name: grads[name] for name in params}


def train_autodiff(X, Y, params, learning_rate=0.3, num_iterations=30000, activation="relu", lambd=0.0,
                   keep_prob=1.0, masks=None):
    """train with the gradients from jax.grad instead of backward_propagation."""
    check_training("deep_nn", X, Y, params, learning_rate, num_iterations, activation)
    lambd, keep_prob = check_lambd(lambd), check_keep_prob(keep_prob)
    check_masks(masks, params, X, keep_prob)
    return _gradient_descent(X, Y, params, masks, learning_rate, num_iterations, activation, lambd, keep_prob,
                             autodiff=True)


__all__ = ["initialize_parameters", "dropout_masks", "l2_cost", "compute_cost", "forward_propagation",
           "backward_propagation", "update_parameters", "train", "predict", "autodiff_gradients", "train_autodiff"]
