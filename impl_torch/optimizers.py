"""Course 2, week 2: mini-batches, momentum, RMSprop, Adam and learning-rate decay, in PyTorch (reference/NOTATION.md).

The course's "Optimization Methods" assignment for deep_nn's L-layer network; the equations are in
impl_numpy/optimizers.py:

- mini-batches: the examples in one permutation per epoch, in slices of ``mini_batch_size``, the last one partial.
  ``mini_batch_order`` draws it with ``torch.randperm`` from a seeded ``torch.Generator``: the same law as the
  course's ``np.random.permutation``, not the same draws, so orders for proving equality are drawn in NumPy and
  given as they are (a NumPy integer array or a tensor);
- momentum: v = beta v + (1 - beta) dW, W -= alpha v (no bias correction);
- RMSprop: s = beta2 s + (1 - beta2) dW^2, W -= alpha dW / (sqrt(s) + epsilon);
- Adam: both, bias-corrected by 1 - beta^t (t from 1), computed in Python floats as NumPy does: a tensor divided
  by a Python float rounds the float to its dtype first, as a NumPy array does, so float32 agrees bit for bit
  (computed in the dtype, 1 - 0.999^t in float32 is another number);
- learning-rate decay after each epoch: alpha0 / (1 + decay_rate epoch), or in steps of ``time_interval`` epochs.

``torch.sqrt`` on the CPU is within one ulp of the correctly rounded root NumPy gives (it differs in about 1 % of
float64 and 15 % of float32 entries), so RMSprop and Adam agree with NumPy to a few eps per step, not bit for bit.
train runs eagerly, as deep_nn.train does: on tensors this small, torch.compile of a mini-batch step or of a whole
epoch took 13 to 50 s to compile and then ran about as fast as the eager loop (0.8 to 1.1 ms an epoch against
1 ms, on one CPU thread).

Each update takes the optimizer's state and returns the new parameters and the new state, without changing its
arguments.
"""

import math

import torch

from reference.validation import (
    check_arrays,
    check_beta,
    check_epsilon,
    check_lambd,
    check_learning_rate,
    check_mini_batch_size,
    check_optimizer,
    check_seed,
    check_time_interval,
)

from . import deep_nn
from .cost import compute_cost


def mini_batch_order(m, seed=0):
    """A permutation of the m examples for one epoch: ``torch.randperm`` from a generator seeded with ``seed``."""
    return torch.randperm(m, generator=torch.Generator().manual_seed(check_seed(seed)))


def mini_batches(X, Y, order, mini_batch_size=64):
    """[(X_t, Y_t), ...]: the examples in ``order``, in slices of ``mini_batch_size``, the last one partial."""
    order = torch.as_tensor(order, device=X.device)  # NumPy's order as it is, or torch's
    X, Y = X[:, order], Y[:, order]  # (n_x, m), (1, m): the same permutation for both
    m = X.shape[1]
    return [(X[:, k:k + mini_batch_size], Y[:, k:k + mini_batch_size]) for k in range(0, m, mini_batch_size)]


def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    """The course's random_mini_batches: mini_batches in the order mini_batch_order(m, seed) draws."""
    return mini_batches(X, Y, mini_batch_order(X.shape[1], seed), mini_batch_size)


def initialize_velocity(params):
    """v: zeros shaped like every dW[l], db[l] (momentum's state; RMSprop's s starts the same)."""
    return {"d" + name: torch.zeros_like(value) for name, value in params.items()}


def initialize_adam(params):
    """v and s, both zeros shaped like the gradients."""
    return initialize_velocity(params), initialize_velocity(params)


def update_parameters_with_gd(params, grads, learning_rate):
    """W := W - alpha dW."""
    return deep_nn.update_parameters(params, grads, learning_rate)


def update_parameters_with_momentum(params, grads, v, beta, learning_rate):
    """v := beta v + (1 - beta) dW; W := W - alpha v. Returns the params and v."""
    v = {key: beta * v[key] + (1 - beta) * grads[key] for key in v}
    return {name: value - learning_rate * v["d" + name] for name, value in params.items()}, v


def update_parameters_with_rmsprop(params, grads, s, beta2, learning_rate, epsilon=1e-8):
    """s := beta2 s + (1 - beta2) dW^2; W := W - alpha dW / (sqrt(s) + epsilon). Returns the params and s."""
    s = {key: beta2 * s[key] + (1 - beta2) * torch.square(grads[key]) for key in s}
    return {name: value - learning_rate * grads["d" + name] / (torch.sqrt(s["d" + name]) + epsilon)
            for name, value in params.items()}, s


def update_parameters_with_adam(params, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    """Adam at step t (from 1): v and s as momentum and RMSprop, each divided by 1 - beta^t, and
    W := W - alpha v_corrected / (sqrt(s_corrected) + epsilon). Returns the params, v and s."""
    v = {key: beta1 * v[key] + (1 - beta1) * grads[key] for key in v}
    s = {key: beta2 * s[key] + (1 - beta2) * torch.square(grads[key]) for key in s}
    updated = {}
    for name, value in params.items():
        v_corrected = v["d" + name] / (1 - beta1 ** t)  # a Python float, rounded to the dtype as NumPy's
        s_corrected = s["d" + name] / (1 - beta2 ** t)
        updated[name] = value - learning_rate * v_corrected / (torch.sqrt(s_corrected) + epsilon)
    return updated, v, s


def update_lr(learning_rate0, epoch_num, decay_rate):
    """alpha = alpha0 / (1 + decay_rate epoch_num)."""
    return learning_rate0 / (1 + decay_rate * epoch_num)


def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    """alpha = alpha0 / (1 + decay_rate floor(epoch_num / time_interval)): the decay in steps."""
    # math.floor, a Python int, as NumPy's: a float64 tensor or np.floor would make float32 parameters float64
    return learning_rate0 / (1 + decay_rate * math.floor(epoch_num / time_interval))


def train(X, Y, params, orders, optimizer="gd", learning_rate=0.0007, mini_batch_size=64, activation="relu",
          beta=0.9, beta1=0.9, beta2=0.999, epsilon=1e-8, decay_rate=0.0, time_interval=None, state=None):
    """The course's model: one epoch per permutation in ``orders`` (mini_batch_order's), each mini-batch one update
    of ``optimizer`` ("gd", "momentum", "rmsprop" or "adam"), the learning rate decayed after each epoch when
    decay_rate > 0 (by update_lr, or schedule_lr_decay with time_interval): epoch i + 1 uses decay(alpha0, i), as
    the course's model computes it at the end of epoch i. Returns the final params and each epoch's cost: the sum
    of the examples' losses over the epoch's mini-batches, divided by m, as the course's.

    ``state``: a dict the run starts from and leaves its end in (``{}``: a fresh start): v, s, Adam's t and the
    epochs done, so that a run in chunks, each given the same dict, is one run."""
    check_arrays("deep_nn", X, params, Y, activation)
    optimizer, learning_rate = check_optimizer(optimizer), check_learning_rate(learning_rate)
    mini_batch_size, epsilon = check_mini_batch_size(mini_batch_size), check_epsilon(epsilon)
    beta, beta1, beta2 = check_beta("beta", beta), check_beta("beta1", beta1), check_beta("beta2", beta2)
    decay_rate, time_interval = check_lambd(decay_rate, "decay_rate"), check_time_interval(time_interval)
    L, m = len(params) // 2, X.shape[1]
    v, s, t, done = resume(state, params)
    costs = []
    with torch.no_grad():  # the manual equations need no autograd graph
        for epoch, order in enumerate(orders, start=done):
            alpha = learning_rate
            if decay_rate and epoch > 0:  # the course decays after each epoch i, for the next: decay(alpha0, i)
                alpha = (update_lr(learning_rate, epoch - 1, decay_rate) if time_interval is None
                         else schedule_lr_decay(learning_rate, epoch - 1, decay_rate, time_interval))
            total = X.new_zeros(())
            for X_t, Y_t in mini_batches(X, Y, order, mini_batch_size):
                AL, cache = deep_nn.forward_propagation(X_t, params, activation)
                total = total + compute_cost(cache[f"Z{L}"], Y_t) * Y_t.shape[1]  # a 0-d tensor: no .item()
                grads = deep_nn.backward_propagation(params, cache, Y_t, activation)
                if optimizer == "gd":
                    params = update_parameters_with_gd(params, grads, alpha)
                elif optimizer == "momentum":
                    params, v = update_parameters_with_momentum(params, grads, v, beta, alpha)
                elif optimizer == "rmsprop":
                    params, s = update_parameters_with_rmsprop(params, grads, s, beta2, alpha, epsilon)
                else:
                    t += 1  # Adam's counter: one per update, from 1
                    params, v, s = update_parameters_with_adam(params, grads, v, s, t, alpha, beta1, beta2, epsilon)
            costs.append(total / m)
    if state is not None:
        state.update(v=v, s=s, t=t, epoch=done + len(orders))
    return params, torch.stack(costs) if costs else X.new_empty(0)


def resume(state, params):
    """(v, s, t, epochs done) from a run's ``state`` dict, or a fresh start's when it is None or empty."""
    if not state:
        return (*initialize_adam(params), 0, 0)
    return state["v"], state["s"], state["t"], state["epoch"]


__all__ = ["mini_batch_order", "mini_batches", "random_mini_batches", "initialize_velocity", "initialize_adam",
           "update_parameters_with_gd", "update_parameters_with_momentum", "update_parameters_with_rmsprop",
           "update_parameters_with_adam", "update_lr", "schedule_lr_decay", "train", "resume"]
