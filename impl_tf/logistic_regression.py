"""Week 2: logistic regression as a one-neuron network, in TensorFlow (reference/NOTATION.md).

The course's ``w`` of shape (n_x, 1) is ``W1 = w.T`` of shape (1, n_x), and ``b`` is ``b1`` (1, 1),
so that this is the one-layer case of the deep network. The training loop is compiled by tf.function.
"""

import tensorflow as tf

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
    dZ1 = cache["A1"] - Y                                # (1, m)
    dW1 = dZ1 @ tf.transpose(cache["A0"]) / m            # (1, m) @ (m, n_x) -> (1, n_x)
    db1 = tf.reduce_sum(dZ1, axis=1, keepdims=True) / m  # (1, 1)
    return {"dW1": dW1, "db1": db1}


def update_parameters(params, grads, learning_rate):
    """One step of gradient descent: V := V - alpha dV."""
    return {name: value - learning_rate * grads["d" + name] for name, value in params.items()}


@tf.function
def _gradient_descent(X, Y, params, learning_rate, num_iterations, autodiff):
    """The loop of train and train_autodiff, one graph for every learning_rate and num_iterations."""
    costs = tf.TensorArray(X.dtype, size=num_iterations, element_shape=())
    for i in tf.range(num_iterations):
        A1, cache = forward_propagation(X, params)
        costs = costs.write(i, compute_cost(cache["Z1"], Y))
        grads = autodiff_gradients(params, X, Y) if autodiff else backward_propagation(params, cache, Y)
        params = update_parameters(params, grads, learning_rate)
    return params, costs.stack()


def train(X, Y, params, learning_rate=0.005, num_iterations=2000):
    """Batch gradient descent; returns the final params and the cost before each update."""
    check_training("logistic_regression", X, Y, params, learning_rate, num_iterations)
    # tensors, not Python numbers, so that a new value does not retrace; alpha is built in X's dtype
    # (tf.constant, not tf.cast, which would round a Python float through float32 first)
    return _gradient_descent(X, Y, params, tf.constant(learning_rate, X.dtype), tf.constant(num_iterations, tf.int32),
                             autodiff=False)


def predict(X, params):
    """1 where A1 > 0.5, else 0; shape (1, m)."""
    A1, _ = forward_propagation(X, params)
    return tf.cast(A1 > 0.5, X.dtype)


def autodiff_gradients(params, X, Y):
    """dW1 and db1 by tf.GradientTape: the gradient of the cost with respect to the params only."""
    with tf.GradientTape() as tape:
        tape.watch(params)  # X is not watched: no gradient with respect to X is computed
        A1, cache = forward_propagation(X, params)
        J = compute_cost(cache["Z1"], Y)
    grads = tape.gradient(J, params)
    return {"d" + name: grad for name, grad in grads.items()}


def train_autodiff(X, Y, params, learning_rate=0.005, num_iterations=2000):
    """train with the gradients of autodiff_gradients, the framework's way."""
    check_training("logistic_regression", X, Y, params, learning_rate, num_iterations)
    return _gradient_descent(X, Y, params, tf.constant(learning_rate, X.dtype), tf.constant(num_iterations, tf.int32),
                             autodiff=True)


__all__ = ["initialize_parameters", "forward_propagation", "compute_cost", "backward_propagation",
           "update_parameters", "train", "predict", "autodiff_gradients", "train_autodiff"]
