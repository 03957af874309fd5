"""Binary cross-entropy in NumPy, from the logits so it stays finite (reference/NOTATION.md)."""

import numpy as np


def compute_cost(ZL, Y):
    """J = -(1/m) sum[Y log A + (1-Y) log(1-A)], A = sigmoid(ZL), as (1/m) sum[max(Z,0) - Z Y + log(1+e^-|Z|)]."""
    m = Y.shape[1]
    losses = np.maximum(ZL, 0) - ZL * Y + np.log1p(np.exp(-np.abs(ZL)))  # (1, m)
    return np.sum(losses) / m
