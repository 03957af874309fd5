"""The course's Course 2, week 2 "Optimization Methods" cells, complete: opt_utils_v1a's imports and the graded
functions of the later release (its Adam returns v_corrected and s_corrected too; update_lr and schedule_lr_decay).

Mini-batches: one permutation after ``np.random.seed(seed)`` for X and Y, slices of mini_batch_size, the last one
partial. Momentum: v = beta v + (1 - beta) dW, W -= alpha v. Adam: v and s as momentum and RMSprop, each divided
by 1 - beta^t, W -= alpha v_corrected / (sqrt(s_corrected) + epsilon). Decay: alpha0 / (1 + decay_rate epoch),
or in steps of time_interval epochs.
"""
# ruff: noqa: NPY002  (the course draws from the global np.random)

import math

import numpy as np

from ..confined.course_helpers.opt_utils_v1a import (  # noqa: F401  (what the notebook's first cell imports)
    backward_propagation,
    compute_cost,
    forward_propagation,
    initialize_parameters,
    load_dataset,
    load_params_and_grads,
    plot_decision_boundary,
    predict,
    predict_dec,
)


def update_parameters_with_gd(parameters, grads, learning_rate):
    """W[l] -= alpha dW[l], b[l] -= alpha db[l]."""
    for l in range(1, len(parameters) // 2 + 1):
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]
    return parameters


def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    """[(mini_batch_X, mini_batch_Y), ...]: X and Y shuffled by one permutation, in slices, the last one partial."""
    np.random.seed(seed)
    m = X.shape[1]
    permutation = list(np.random.permutation(m))
    shuffled_X, shuffled_Y = X[:, permutation], Y[:, permutation].reshape((1, m))
    return [(shuffled_X[:, k:k + mini_batch_size], shuffled_Y[:, k:k + mini_batch_size])
            for k in range(0, m, mini_batch_size)]


def initialize_velocity(parameters):
    """v["dW1"], v["db1"], ...: zeros shaped like the parameters."""
    return {"d" + name: np.zeros(value.shape) for name, value in parameters.items()}


def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    """v := beta v + (1 - beta) dW; W := W - alpha v. Returns the parameters and v."""
    for l in range(1, len(parameters) // 2 + 1):
        for name in ("W" + str(l), "b" + str(l)):
            v["d" + name] = beta * v["d" + name] + (1 - beta) * grads["d" + name]
            parameters[name] = parameters[name] - learning_rate * v["d" + name]
    return parameters, v


def initialize_adam(parameters):
    """v and s, both zeros shaped like the parameters."""
    return initialize_velocity(parameters), initialize_velocity(parameters)


def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999,
                                epsilon=1e-8):
    """Adam at step t (from 1). Returns the parameters, v, s, v_corrected and s_corrected."""
    v_corrected, s_corrected = {}, {}
    for l in range(1, len(parameters) // 2 + 1):
        for name in ("W" + str(l), "b" + str(l)):
            d = "d" + name
            v[d] = beta1 * v[d] + (1 - beta1) * grads[d]
            v_corrected[d] = v[d] / (1 - beta1 ** t)
            s[d] = beta2 * s[d] + (1 - beta2) * np.square(grads[d])
            s_corrected[d] = s[d] / (1 - beta2 ** t)
            parameters[name] = parameters[name] - learning_rate * v_corrected[d] / (np.sqrt(s_corrected[d]) + epsilon)
    return parameters, v, s, v_corrected, s_corrected


def update_lr(learning_rate0, epoch_num, decay_rate):
    """alpha = alpha0 / (1 + decay_rate epoch_num)."""
    return learning_rate0 / (1 + decay_rate * epoch_num)


def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    """alpha = alpha0 / (1 + decay_rate floor(epoch_num / time_interval))."""
    return learning_rate0 / (1 + decay_rate * math.floor(epoch_num / time_interval))
