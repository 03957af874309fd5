"""Week 2: logistic regression as a one-neuron network, in JAX (reference/NOTATION.md).

The course's ``w`` of shape (n_x, 1) is ``W1 = w.T`` of shape (1, n_x), and ``b`` is ``b1`` (1, 1),
so that this is the one-layer case of the deep network. ``train`` is compiled once per shape,
dtype and ``num_iterations`` with ``jax.jit`` over ``jax.lax.scan``; ``learning_rate`` is traced.
"""

from functools import partial

import jax
import jax.numpy as jnp

from reference.validation import check_arrays, check_cache, check_model_dims, check_training

from . import initializers
from .activations import sigmoid
from .cost import compute_cost


def initialize_parameters(layer_dims, init="zeros", seed=0, dtype="float64"):
    """W1 (1, n_x) and b1 (1, 1) for layer_dims = [n_x, 1]."""
    layer_dims = check_model_dims("logistic_regression", layer_dims)
    return initializers.initialize_parameters(layer_dims, init, seed, dtype)


def forward_propagation(X, params):
    """A1 = sigmoid(W1 X + b1), and the cache for backward_propagation."""
    check_arrays("logistic_regression", X, params)
    Z1 = params["W1"] @ X + params["b1"]  # (1, n_x) @ (n_x, m) -> (1, m)
    A1 = sigmoid(Z1)                      # (1, m)
    return A1, {"A0": X, "Z1": Z1, "A1": A1}


def backward_propagation(params, cache, Y):
    """dW1 and db1 from the course's manual equations."""
    check_cache("logistic_regression", params, cache, Y)
    m = Y.shape[1]
    dZ1 = cache["A1"] - Y                          # (1, m)
    dW1 = dZ1 @ cache["A0"].T / m                  # (1, m) @ (m, n_x) -> (1, n_x)
    db1 = jnp.sum(dZ1, axis=1, keepdims=True) / m  # (1, 1)
    return {"dW1": dW1, "db1": db1}


def update_parameters(params, grads, learning_rate):
    """One step of gradient descent: V := V - alpha dV."""
    return {name: value - learning_rate * grads["d" + name] for name, value in params.items()}


@partial(jax.jit, static_argnames=("num_iterations", "autodiff"))
def _gradient_descent(X, Y, params, learning_rate, num_iterations, autodiff):
    """The loop of train and train_autodiff, compiled once per shape, dtype, num_iterations;
    learning_rate is traced, so a new learning rate does not recompile."""
    def step(params, _):
        if autodiff:
            cost, grads = jax.value_and_grad(_cost)(params, X, Y)
            grads = {"d" + name: value for name, value in grads.items()}
        else:
            A1, cache = forward_propagation(X, params)
            cost = compute_cost(cache["Z1"], Y)
            grads = backward_propagation(params, cache, Y)
        return update_parameters(params, grads, learning_rate), cost
    return jax.lax.scan(step, params, length=num_iterations)  # (params, costs of shape (num_iterations,))


def train(X, Y, params, learning_rate=0.005, num_iterations=2000):
    """Batch gradient descent; returns the final params and the cost before each update."""
    # checked out here: inside jax.jit the learning rate is a tracer whose value cannot be checked
    check_training("logistic_regression", X, Y, params, learning_rate, num_iterations)
    return _gradient_descent(X, Y, params, learning_rate, num_iterations, autodiff=False)


def predict(X, params):
    """1 where A1 > 0.5, else 0; shape (1, m)."""
    A1, _ = forward_propagation(X, params)
    return (A1 > 0.5).astype(X.dtype)


def _cost(params, X, Y):
    """J as a function of params alone, for jax.grad."""
    A1, cache = forward_propagation(X, params)
    return compute_cost(cache["Z1"], Y)


def autodiff_gradients(params, X, Y):
    """dW1 and db1 by jax.grad of compute_cost through forward_propagation, with respect to params only."""
    grads = jax.grad(_cost)(params, X, Y)  # argnums=0: no gradient with respect to X
    return {"d" + name: grads[name] for name in params}


def train_autodiff(X, Y, params, learning_rate=0.005, num_iterations=2000):
    """train with the gradients from jax.grad instead of backward_propagation."""
    check_training("logistic_regression", X, Y, params, learning_rate, num_iterations)
    return _gradient_descent(X, Y, params, learning_rate, num_iterations, autodiff=True)


__all__ = ["initialize_parameters", "forward_propagation", "compute_cost", "backward_propagation",
           "update_parameters", "train", "predict", "autodiff_gradients", "train_autodiff"]
