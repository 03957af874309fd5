"""Week 3: a network with one hidden layer, in JAX (reference/NOTATION.md).

``train`` is compiled once per shape, dtype, ``num_iterations`` and ``activation`` with ``jax.jit``
over ``jax.lax.scan``; ``learning_rate`` is traced, so a new learning rate does not recompile.
"""

from functools import partial

import jax
import jax.numpy as jnp

from reference.validation import check_arrays, check_cache, check_model_dims, check_training

from . import initializers
from .activations import activation_backward, activation_forward, sigmoid
from .cost import compute_cost


def initialize_parameters(layer_dims, init="random_small", seed=2, dtype="float64"):
    """W1 (n_h, n_x), b1 (n_h, 1), W2 (1, n_h), b2 (1, 1) for layer_dims = [n_x, n_h, 1]."""
    layer_dims = check_model_dims("shallow_nn", layer_dims)
    return initializers.initialize_parameters(layer_dims, init, seed, dtype)


def forward_propagation(X, params, activation="tanh"):
    """A2 = sigmoid(W2 g(W1 X + b1) + b2), and the cache for backward_propagation."""
    check_arrays("shallow_nn", X, params, activation=activation)
    Z1 = params["W1"] @ X + params["b1"]   # (n_h, n_x) @ (n_x, m) -> (n_h, m)
    A1 = activation_forward(Z1, activation)  # (n_h, m)
    Z2 = params["W2"] @ A1 + params["b2"]  # (1, n_h) @ (n_h, m) -> (1, m)
    A2 = sigmoid(Z2)                       # (1, m)
    return A2, {"A0": X, "Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def backward_propagation(params, cache, Y, activation="tanh"):
    """dW1, db1, dW2, db2 from the course's manual equations."""
    check_cache("shallow_nn", params, cache, Y, activation)
    m = Y.shape[1]
    dZ2 = cache["A2"] - Y                                    # (1, m)
    dW2 = dZ2 @ cache["A1"].T / m                            # (1, m) @ (m, n_h) -> (1, n_h)
    db2 = jnp.sum(dZ2, axis=1, keepdims=True) / m            # (1, 1)
    dA1 = params["W2"].T @ dZ2                               # (n_h, 1) @ (1, m) -> (n_h, m)
    dZ1 = activation_backward(dA1, cache["Z1"], activation)  # (n_h, m)
    dW1 = dZ1 @ cache["A0"].T / m                            # (n_h, m) @ (m, n_x) -> (n_h, n_x)
    db1 = jnp.sum(dZ1, axis=1, keepdims=True) / m            # (n_h, 1)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def update_parameters(params, grads, learning_rate):
    """One step of gradient descent: V := V - alpha dV."""
    return {name: value - learning_rate * grads["d" + name] for name, value in params.items()}


@partial(jax.jit, static_argnames=("num_iterations", "activation", "autodiff"))
def _gradient_descent(X, Y, params, learning_rate, num_iterations, activation, autodiff):
    """The loop of train and train_autodiff, compiled once per shape, dtype, num_iterations and activation;
    learning_rate is traced, so a new learning rate does not recompile."""
    def step(params, _):
        if autodiff:
            cost, grads = jax.value_and_grad(_cost)(params, X, Y, activation)
            grads = {"d" + name: value for name, value in grads.items()}
        else:
            A2, cache = forward_propagation(X, params, activation)
            cost = compute_cost(cache["Z2"], Y)
            grads = backward_propagation(params, cache, Y, activation)
        return update_parameters(params, grads, learning_rate), cost
    return jax.lax.scan(step, params, length=num_iterations)  # (params, costs of shape (num_iterations,))


def train(X, Y, params, learning_rate=1.2, num_iterations=10000, activation="tanh"):
    """Batch gradient descent; returns the final params and the cost before each update."""
    # checked out here: inside jax.jit the learning rate is a tracer whose value cannot be checked
    check_training("shallow_nn", X, Y, params, learning_rate, num_iterations, activation)
    return _gradient_descent(X, Y, params, learning_rate, num_iterations, activation, autodiff=False)


def predict(X, params, activation="tanh"):
    """1 where A2 > 0.5, else 0; shape (1, m)."""
    A2, _ = forward_propagation(X, params, activation)
    return (A2 > 0.5).astype(X.dtype)


def _cost(params, X, Y, activation):
    """J as a function of params, for jax.grad."""
    A2, cache = forward_propagation(X, params, activation)
    return compute_cost(cache["Z2"], Y)


def autodiff_gradients(params, X, Y, activation="tanh"):
    """dW1, db1, dW2, db2 by jax.grad of compute_cost through forward_propagation, with respect to params only."""
    grads = jax.grad(_cost)(params, X, Y, activation)  # argnums=0: no gradient with respect to X
    return {"d" + name: grads[name] for name in params}


def train_autodiff(X, Y, params, learning_rate=1.2, num_iterations=10000, activation="tanh"):
    """train with the gradients from jax.grad instead of backward_propagation."""
    check_training("shallow_nn", X, Y, params, learning_rate, num_iterations, activation)
    return _gradient_descent(X, Y, params, learning_rate, num_iterations, activation, autodiff=True)


__all__ = ["initialize_parameters", "forward_propagation", "compute_cost", "backward_propagation",
           "update_parameters", "train", "predict", "autodiff_gradients", "train_autodiff"]
