"""Week 4: a deep L-layer network, in TensorFlow (reference/NOTATION.md).

Hidden layers 1..L-1 use ``activation``; the output layer L is a sigmoid unit. The training loop
is compiled by tf.function.
"""

import tensorflow as tf

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
    dZ = cache[f"A{L}"] - Y                                             # (1, m)
    for l in range(L, 0, -1):
        grads[f"dW{l}"] = dZ @ tf.transpose(cache[f"A{l - 1}"]) / m     # (n[l], m) @ (m, n[l-1])
        grads[f"db{l}"] = tf.reduce_sum(dZ, axis=1, keepdims=True) / m  # (n[l], 1)
        if l > 1:  # dA[0], the gradient with respect to X, is never needed
            dA = tf.transpose(params[f"W{l}"]) @ dZ                     # (n[l-1], n[l]) @ (n[l], m)
            dZ = activation_backward(dA, cache[f"Z{l - 1}"], activation)  # (n[l-1], m)
    return grads


def update_parameters(params, grads, learning_rate):
    """One step of gradient descent: V := V - alpha dV."""
    return {name: value - learning_rate * grads["d" + name] for name, value in params.items()}


@tf.function
def _gradient_descent(X, Y, params, learning_rate, num_iterations, activation, autodiff):
    """The loop of train and train_autodiff, one graph for every learning_rate and num_iterations."""
    L = len(params) // 2
    costs = tf.TensorArray(X.dtype, size=num_iterations, element_shape=())
    for i in tf.range(num_iterations):
        AL, cache = forward_propagation(X, params, activation)
        costs = costs.write(i, compute_cost(cache[f"Z{L}"], Y))
        grads = (autodiff_gradients(params, X, Y, activation) if autodiff
                 else backward_propagation(params, cache, Y, activation))
        params = update_parameters(params, grads, learning_rate)
    return params, costs.stack()


def train(X, Y, params, learning_rate=0.0075, num_iterations=2500, activation="relu"):
    """Batch gradient descent; returns the final params and the cost before each update."""
    check_training("deep_nn", X, Y, params, learning_rate, num_iterations, activation)
    # tensors, not Python numbers, so that a new value does not retrace; alpha is built in X's dtype
    # (tf.constant, not tf.cast, which would round a Python float through float32 first)
    return _gradient_descent(X, Y, params, tf.constant(learning_rate, X.dtype), tf.constant(num_iterations, tf.int32),
                             activation, autodiff=False)


def predict(X, params, activation="relu"):
    """1 where A[L] > 0.5, else 0; shape (1, m)."""
    AL, _ = forward_propagation(X, params, activation)
    return tf.cast(AL > 0.5, X.dtype)


def autodiff_gradients(params, X, Y, activation="relu"):
    """dW[l], db[l] by tf.GradientTape: the gradient of the cost with respect to the params only."""
    L = len(params) // 2
    with tf.GradientTape() as tape:
        tape.watch(params)  # X is not watched: no gradient with respect to X is computed
        AL, cache = forward_propagation(X, params, activation)
        J = compute_cost(cache[f"Z{L}"], Y)
    grads = tape.gradient(J, params)
    return {"d" + name: grad for name, grad in grads.items()}


def train_autodiff(X, Y, params, learning_rate=0.0075, num_iterations=2500, activation="relu"):
    """train with the gradients of autodiff_gradients, the framework's way."""
    check_training("deep_nn", X, Y, params, learning_rate, num_iterations, activation)
    return _gradient_descent(X, Y, params, tf.constant(learning_rate, X.dtype), tf.constant(num_iterations, tf.int32),
                             activation, autodiff=True)


__all__ = ["initialize_parameters", "forward_propagation", "compute_cost", "backward_propagation",
           "update_parameters", "train", "predict", "autodiff_gradients", "train_autodiff"]
