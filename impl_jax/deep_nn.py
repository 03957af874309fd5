"""Week 4: a deep L-layer network, in JAX (reference/NOTATION.md).

Hidden layers 1..L-1 use ``activation``; the output layer L is a sigmoid unit. ``train`` is
compiled once per shape, dtype, ``num_iterations`` and ``activation`` with ``jax.jit`` over
``jax.lax.scan``; ``learning_rate`` is traced, so a new learning rate does not recompile.
"""

from functools import partial

import jax
import jax.numpy as jnp

from reference.validation import check_arrays, check_cache, check_model_dims, check_training

from . import initializers
from .activations import activation_backward, activation_forward, sigmoid
from .cost import compute_cost


def initialize_parameters(layer_dims, init="xavier", seed=1, dtype="float64"):
    """W[l] (n[l], n[l-1]) and b[l] (n[l], 1) for layer_dims = [n_x, n[1], ..., 1]."""
    layer_dims = check_model_dims("deep_nn", layer_dims)
    return initializers.initialize_parameters(layer_dims, init, seed, dtype)


def forward_propagation(X, params, activation="relu"):
    """A[L] through L linear -> activation layers, and the cache for backward_propagation."""
    check_arrays("deep_nn", X, params, activation=activation)
    L = len(params) // 2
    A = X
    cache = {"A0": X}
    for l in range(1, L + 1):
        Z = params[f"W{l}"] @ A + params[f"b{l}"]  # (n[l], n[l-1]) @ (n[l-1], m) -> (n[l], m)
        A = activation_forward(Z, activation) if l < L else sigmoid(Z)  # (n[l], m)
        cache[f"Z{l}"], cache[f"A{l}"] = Z, A
    return A, cache


def backward_propagation(params, cache, Y, activation="relu"):
    """dW[l], db[l] for every layer from the course's manual equations."""
    check_cache("deep_nn", params, cache, Y, activation)
    m = Y.shape[1]
    L = len(params) // 2
    grads = {}
    dZ = cache[f"A{L}"] - Y                                          # (1, m)
    for l in range(L, 0, -1):
        grads[f"dW{l}"] = dZ @ cache[f"A{l - 1}"].T / m              # (n[l], m) @ (m, n[l-1])
        grads[f"db{l}"] = jnp.sum(dZ, axis=1, keepdims=True) / m     # (n[l], 1)
        if l > 1:  # dA[0], the gradient with respect to X, is never needed
            dA = params[f"W{l}"].T @ dZ                              # (n[l-1], n[l]) @ (n[l], m)
            dZ = activation_backward(dA, cache[f"Z{l - 1}"], activation)  # (n[l-1], m)
    return grads


def update_parameters(params, grads, learning_rate):
    """One step of gradient descent: V := V - alpha dV."""
    return {name: value - learning_rate * grads["d" + name] for name, value in params.items()}


@partial(jax.jit, static_argnames=("num_iterations", "activation", "autodiff"))
def _gradient_descent(X, Y, params, learning_rate, num_iterations, activation, autodiff):
    """The loop of train and train_autodiff, compiled once per shape, dtype, num_iterations and activation;
    learning_rate is traced, so a new learning rate does not recompile."""
    L = len(params) // 2
    def step(params, _):
        if autodiff:
            cost, grads = jax.value_and_grad(_cost)(params, X, Y, activation)
            grads = {"d" + name: value for name, value in grads.items()}
        else:
            AL, cache = forward_propagation(X, params, activation)
            cost = compute_cost(cache[f"Z{L}"], Y)
            grads = backward_propagation(params, cache, Y, activation)
        return update_parameters(params, grads, learning_rate), cost
    return jax.lax.scan(step, params, length=num_iterations)  # (params, costs of shape (num_iterations,))


def train(X, Y, params, learning_rate=0.0075, num_iterations=2500, activation="relu"):
    """Batch gradient descent; returns the final params and the cost before each update."""
    # checked out here: inside jax.jit the learning rate is a tracer whose value cannot be checked
    check_training("deep_nn", X, Y, params, learning_rate, num_iterations, activation)
    return _gradient_descent(X, Y, params, learning_rate, num_iterations, activation, autodiff=False)


def predict(X, params, activation="relu"):
    """1 where A[L] > 0.5, else 0; shape (1, m)."""
    AL, _ = forward_propagation(X, params, activation)
    return (AL > 0.5).astype(X.dtype)


def _cost(params, X, Y, activation):
    """J as a function of params, for jax.grad."""
    L = len(params) // 2
    AL, cache = forward_propagation(X, params, activation)
    return compute_cost(cache[f"Z{L}"], Y)


def autodiff_gradients(params, X, Y, activation="relu"):
    """dW[l], db[l] by jax.grad of compute_cost through forward_propagation, with respect to params only."""
    grads = jax.grad(_cost)(params, X, Y, activation)  # argnums=0: no gradient with respect to X
    return {"d" + name: grads[name] for name in params}


def train_autodiff(X, Y, params, learning_rate=0.0075, num_iterations=2500, activation="relu"):
    """train with the gradients from jax.grad instead of backward_propagation."""
    check_training("deep_nn", X, Y, params, learning_rate, num_iterations, activation)
    return _gradient_descent(X, Y, params, learning_rate, num_iterations, activation, autodiff=True)


__all__ = ["initialize_parameters", "forward_propagation", "compute_cost", "backward_propagation",
           "update_parameters", "train", "predict", "autodiff_gradients", "train_autodiff"]
