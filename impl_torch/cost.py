"""Binary cross-entropy in PyTorch, from the logits so it stays finite (reference/NOTATION.md).

``torch.logaddexp(0, Z) = log(1 + e^Z)`` is computed by torch as ``max(Z, 0) + log(1 + e^-|Z|)``, so
``logaddexp(0, Z) - Z Y`` is impl_numpy's formula with its terms added in another order (where
Y = 1 and Z >> 0, the tiny loss log(1 + e^-Z) is rounded away next to Z: a few eps |Z|, inside the
table). Its autograd derivative is ``e^(Z - logaddexp(0, Z)) = sigmoid(Z)``, so autograd gets
``sigmoid(Z) - Y`` at every Z, 0 included (zero-initialized logistic regression starts there), where
autograd through ``max(Z, 0)`` and ``|Z|`` picks a one-sided derivative and gives 1 - Y or -Y.
``F.binary_cross_entropy_with_logits`` is equal and stable too, but its ``log_sigmoid`` kernel runs
on the CPU thread pool even for 16 elements, and on a busy 2-core machine a call then took
milliseconds instead of microseconds; ``F.binary_cross_entropy`` on probabilities clamps log(0) at
-100 and is wrong at saturation.
"""

import torch


def compute_cost(ZL, Y):
    """J = -(1/m) sum[Y log A + (1-Y) log(1-A)], A = sigmoid(ZL), as (1/m) sum[max(Z,0) - Z Y + log(1+e^-|Z|)]."""
    m = Y.shape[1]
    losses = torch.logaddexp(torch.zeros_like(ZL), ZL) - ZL * Y  # (1, m): log(1 + e^Z) - Z Y
    return torch.sum(losses) / m
