"""Activations and their derivatives in TensorFlow (equations: reference/NOTATION.md).

The forward functions are TF ops, so tf.GradientTape differentiates them with TF's own rules;
those agree with the course at 0: ReluGrad passes the gradient where Z > 0 only (relu'(0) = 0),
and leaky_relu is a tf.where on Z > 0, whose gradient at 0 is the slope (leaky_relu'(0) = 0.01).
"""

import tensorflow as tf

from reference.validation import check_activation

LEAKY_SLOPE = 0.01


def sigmoid(Z):
    """sigmoid(Z) = 1 / (1 + e^-Z)."""
    return tf.math.sigmoid(Z)


def sigmoid_derivative(Z):
    """sigmoid'(Z) = s (1 - s)."""
    s = sigmoid(Z)
    return s * (1 - s)


def tanh(Z):
    """tanh(Z)."""
    return tf.math.tanh(Z)


def tanh_derivative(Z):
    """tanh'(Z) = 1 - tanh(Z)^2."""
    return 1 - tf.math.square(tf.math.tanh(Z))  # not ** 2: TF's pow is not exact for x^2 (off by 1 ulp)


def relu(Z):
    """relu(Z) = max(0, Z)."""
    return tf.nn.relu(Z)  # not tf.maximum(Z, 0): its gradient at Z = 0 is 1, the course's is 0


def relu_derivative(Z):
    """relu'(Z) = 1 where Z > 0, else 0 (relu'(0) = 0)."""
    return tf.cast(Z > 0, Z.dtype)


def leaky_relu(Z):
    """leaky_relu(Z) = Z where Z > 0, else 0.01 Z."""
    # Not tf.nn.leaky_relu: it keeps its slope as a float32 attribute (0.009999999776...), which moves
    # every negative float64 output by 2e-8 relative; the slope here is a constant of Z's own dtype.
    return tf.where(Z > 0, Z, tf.constant(LEAKY_SLOPE, Z.dtype) * Z)


def leaky_relu_derivative(Z):
    """leaky_relu'(Z) = 1 where Z > 0, else 0.01 (leaky_relu'(0) = 0.01)."""
    return tf.where(Z > 0, tf.constant(1, Z.dtype), tf.constant(LEAKY_SLOPE, Z.dtype))


_FUNCTIONS = {
    "sigmoid": (sigmoid, sigmoid_derivative),
    "tanh": (tanh, tanh_derivative),
    "relu": (relu, relu_derivative),
    "leaky_relu": (leaky_relu, leaky_relu_derivative),
}


def activation_forward(Z, activation):
    """g(Z) for the activation named ``activation``."""
    return _FUNCTIONS[check_activation(activation)][0](Z)


def activation_backward(dA, Z, activation):
    """dZ = dA * g'(Z)."""
    return dA * _FUNCTIONS[check_activation(activation)][1](Z)
