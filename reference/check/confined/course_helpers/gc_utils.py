"""Stand-in for the course's ``gc_utils`` (Course 2, week 1, "Gradient Checking"): the activations, and the
parameters rolled into one column and back.

theta stacks W1, b1, W2, b2, W3, b3, each flattened row by row; ``vector_to_dictionary`` reads it back for the
notebook's network only, [4, 5, 3, 1] (47 parameters), as the course's file does: a gradient_check_n written
with it works on those sizes alone.
"""

import numpy as np

KEYS = ("W1", "b1", "W2", "b2", "W3", "b3")
SHAPES = {"W1": (5, 4), "b1": (5, 1), "W2": (3, 5), "b2": (3, 1), "W3": (1, 3), "b3": (1, 1)}


def sigmoid(x):
    """s = 1 / (1 + e^-x)."""
    return 1 / (1 + np.exp(-x))


def relu(x):
    """s = max(0, x)."""
    return np.maximum(0, x)


def dictionary_to_vector(parameters):
    """theta (47, 1), and keys: the name of the parameter each entry comes from."""
    columns = [np.reshape(parameters[key], (-1, 1)) for key in KEYS]
    keys = [key for key, column in zip(KEYS, columns, strict=True) for _ in range(column.shape[0])]
    return np.concatenate(columns, axis=0), keys


def vector_to_dictionary(theta):
    """The parameters of theta (47, 1), in the network's shapes."""
    parameters, start = {}, 0
    for key in KEYS:
        size = int(np.prod(SHAPES[key]))
        parameters[key] = theta[start:start + size].reshape(SHAPES[key])
        start += size
    return parameters


def gradients_to_vector(gradients):
    """dW1, db1, ..., db3 rolled into one column, as dictionary_to_vector rolls the parameters."""
    return np.concatenate([np.reshape(gradients["d" + key], (-1, 1)) for key in KEYS], axis=0)
