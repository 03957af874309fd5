"""Stand-in for the course's ``opt_utils_v1a`` (Course 2, week 2, "Optimization Methods", the later releases):
opt_utils, except that ``compute_cost`` sums the mini-batch's losses, and the model divides the epoch's total by m.
"""

import numpy as np

from .opt_utils import (  # noqa: F401  (the course's opt_utils_v1a defines the same)
    backward_propagation,
    forward_propagation,
    initialize_parameters,
    load_2D_dataset,
    load_dataset,
    load_params_and_grads,
    plot_decision_boundary,
    predict,
    predict_dec,
    relu,
    sigmoid,
)


def compute_cost(a3, Y):
    """The sum of the mini-batch's cross-entropy losses, sum[-Y log a3 - (1 - Y) log(1 - a3)] (not divided by m)."""
    logprobs = np.multiply(-np.log(a3), Y) + np.multiply(-np.log(1 - a3), 1 - Y)
    return np.sum(logprobs)
