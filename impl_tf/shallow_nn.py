"""Week 3: a network with one hidden layer, in TensorFlow (reference/NOTATION.md).

The training loop is compiled by tf.function.
"""

import tensorflow as tf

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
    dW2 = dZ2 @ tf.transpose(cache["A1"]) / m                # (1, m) @ (m, n_h) -> (1, n_h)
    db2 = tf.reduce_sum(dZ2, axis=1, keepdims=True) / m      # (1, 1)
    dA1 = tf.transpose(params["W2"]) @ dZ2                   # (n_h, 1) @ (1, m) -> (n_h, m)
    dZ1 = activation_backward(dA1, cache["Z1"], activation)  # (n_h, m)
    dW1 = dZ1 @ tf.transpose(cache["A0"]) / m                # (n_h, m) @ (m, n_x) -> (n_h, n_x)
    db1 = tf.reduce_sum(dZ1, axis=1, keepdims=True) / m      # (n_h, 1)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def update_parameters(params, grads, learning_rate):
    """One step of gradient descent: V := V - alpha dV."""
    return {name: value - learning_rate * grads["d" + name] for name, value in params.items()}


@tf.function
def _gradient_descent(X, Y, params, learning_rate, num_iterations, activation, autodiff):
    """The loop of train and train_autodiff, one graph for every learning_rate and num_iterations."""
    costs = tf.TensorArray(X.dtype, size=num_iterations, element_shape=())
    for i in tf.range(num_iterations):
        A2, cache = forward_propagation(X, params, activation)
        costs = costs.write(i, compute_cost(cache["Z2"], Y))
        grads = (autodiff_gradients(params, X, Y, activation) if autodiff
                 else backward_propagation(params, cache, Y, activation))
        params = update_parameters(params, grads, learning_rate)
    return params, costs.stack()


def train(X, Y, params, learning_rate=1.2, num_iterations=10000, activation="tanh"):
    """Batch gradient descent; returns the final params and the cost before each update."""
    check_training("shallow_nn", X, Y, params, learning_rate, num_iterations, activation)
    # tensors, not Python numbers, so that a new value does not retrace; alpha is built in X's dtype
    # (tf.constant, not tf.cast, which would round a Python float through float32 first)
    return _gradient_descent(X, Y, params, tf.constant(learning_rate, X.dtype), tf.constant(num_iterations, tf.int32),
                             activation, autodiff=False)


def predict(X, params, activation="tanh"):
    """1 where A2 > 0.5, else 0; shape (1, m)."""
    A2, _ = forward_propagation(X, params, activation)
    return tf.cast(A2 > 0.5, X.dtype)


def autodiff_gradients(params, X, Y, activation="tanh"):
    """dW1, db1, dW2, db2 by tf.GradientTape: the gradient of the cost with respect to the params only."""
    with tf.GradientTape() as tape:
        tape.watch(params)  # X is not watched: no gradient with respect to X is computed
        A2, cache = forward_propagation(X, params, activation)
        J = compute_cost(cache["Z2"], Y)
    grads = tape.gradient(J, params)
    return {"d" + name: grad for name, grad in grads.items()}


def train_autodiff(X, Y, params, learning_rate=1.2, num_iterations=10000, activation="tanh"):
    """train with the gradients of autodiff_gradients, the framework's way."""
    check_training("shallow_nn", X, Y, params, learning_rate, num_iterations, activation)
    return _gradient_descent(X, Y, params, tf.constant(learning_rate, X.dtype), tf.constant(num_iterations, tf.int32),
                             activation, autodiff=True)


__all__ = ["initialize_parameters", "forward_propagation", "compute_cost", "backward_propagation",
           "update_parameters", "train", "predict", "autodiff_gradients", "train_autodiff"]
