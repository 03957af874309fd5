"""Course 2, week 2: mini-batches, momentum, RMSprop, Adam and learning-rate decay, in JAX (reference/NOTATION.md).

The course's "Optimization Methods" assignment, for deep_nn's L-layer network (the equations are in
impl_numpy/optimizers.py): mini-batches cut from one permutation per epoch, the last one partial; momentum; RMSprop;
Adam, bias-corrected by 1 - beta^t (t counts the updates from 1); the learning rate decayed after each epoch.
``mini_batch_order`` draws the permutation with ``jax.random``; the proofs hand every backend NumPy's, so that runs
differ only by the framework. Each update takes the optimizer's state and returns the new parameters and state.

``train`` is compiled once per shape, dtype, number of epochs, optimizer, mini_batch_size, activation, beta, beta1,
beta2 and epsilon with ``jax.jit``: a ``jax.lax.scan`` over the epochs, in each a scan over the full mini-batches,
then the partial one (two shapes, in one program). The hyperparameters are static so that 1 - beta is computed in
Python floats, as NumPy computes it; the learning rate of each epoch and Adam's 1 - beta^t of each update are too,
before the loop, and enter it as arrays (in float32 the dtype's 0.999^t would be up to 2e-5 off).
"""

import math
from functools import partial

import jax
import jax.numpy as jnp
import numpy as np

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
    """A permutation of the m examples for one epoch, drawn by jax.random.permutation from jax.random.key(seed)."""
    return jax.random.permutation(jax.random.key(check_seed(seed)), m)


def mini_batches(X, Y, order, mini_batch_size=64):
    """[(X_t, Y_t), ...]: the examples in ``order``, in slices of ``mini_batch_size``, the last one partial."""
    X, Y = X[:, order], Y[:, order]  # (n_x, m), (1, m): the same permutation for both
    m = X.shape[1]
    return [(X[:, k:k + mini_batch_size], Y[:, k:k + mini_batch_size]) for k in range(0, m, mini_batch_size)]


def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    """The course's random_mini_batches: mini_batches in the order mini_batch_order(m, seed) draws."""
    return mini_batches(X, Y, mini_batch_order(X.shape[1], seed), mini_batch_size)


def initialize_velocity(params):
    """v: zeros shaped like every dW[l], db[l] (momentum's state; RMSprop's s starts the same)."""
    return {"d" + name: jnp.zeros_like(value) for name, value in params.items()}


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
    s = {key: beta2 * s[key] + (1 - beta2) * jnp.square(grads[key]) for key in s}
    return {name: value - learning_rate * grads["d" + name] / (jnp.sqrt(s["d" + name]) + epsilon)
            for name, value in params.items()}, s


def update_parameters_with_adam(params, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    """Adam at step t (from 1): v and s as momentum and RMSprop, each divided by 1 - beta^t, and
    W := W - alpha v_corrected / (sqrt(s_corrected) + epsilon). Returns the params, v and s."""
    # 1 - beta^t in Python floats, as NumPy; train computes the same numbers before its loop and passes them in
    return _adam(params, grads, v, s, (1 - beta1 ** t, 1 - beta2 ** t), learning_rate, beta1, beta2, epsilon)


def _adam(params, grads, v, s, corrections, learning_rate, beta1, beta2, epsilon):
    """Adam's equations with its bias corrections (1 - beta1^t, 1 - beta2^t) given."""
    v = {key: beta1 * v[key] + (1 - beta1) * grads[key] for key in v}
    s = {key: beta2 * s[key] + (1 - beta2) * jnp.square(grads[key]) for key in s}
    updated = {}
    for name, value in params.items():  # XLA divides by a scalar as a product with its reciprocal (1 ulp off)
        v_corrected = v["d" + name] / corrections[0]
        s_corrected = s["d" + name] / corrections[1]
        updated[name] = value - learning_rate * v_corrected / (jnp.sqrt(s_corrected) + epsilon)
    return updated, v, s


def update_lr(learning_rate0, epoch_num, decay_rate):
    """alpha = alpha0 / (1 + decay_rate epoch_num)."""
    return learning_rate0 / (1 + decay_rate * epoch_num)


def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    """alpha = alpha0 / (1 + decay_rate floor(epoch_num / time_interval)): the decay in steps."""
    # math.floor, as NumPy's: a Python int, so that alpha is a Python float, rounded once to the params' dtype
    return learning_rate0 / (1 + decay_rate * math.floor(epoch_num / time_interval))


@partial(jax.jit, static_argnames=("optimizer", "mini_batch_size", "activation", "beta", "beta1", "beta2", "epsilon"))
def _train(X, Y, params, v, s, orders, alphas, corrections, optimizer, mini_batch_size, activation, beta, beta1,
           beta2, epsilon):
    """train's loop: orders (epochs, m), alphas (epochs,), corrections (epochs, mini-batches, 2) are traced."""
    L, m = len(params) // 2, X.shape[1]
    full = m // mini_batch_size  # the full mini-batches; m % mini_batch_size examples make the partial last one

    def epoch(state, xs):
        order, alpha, epoch_corrections = xs  # (m,), (), (mini-batches, 2): Adam's 1 - beta^t of each update

        def update(state, batch):  # one mini-batch: forward, its examples' losses, backward, the optimizer's step
            params, v, s, total = state
            indices, correction = batch
            X_t, Y_t = X[:, indices], Y[:, indices]  # (n_x, size), (1, size): gathered by the epoch's order
            AL, cache = deep_nn.forward_propagation(X_t, params, activation)
            total = total + compute_cost(cache[f"Z{L}"], Y_t) * Y_t.shape[1]  # the course's compute_cost sums
            grads = deep_nn.backward_propagation(params, cache, Y_t, activation)
            if optimizer == "gd":
                params = update_parameters_with_gd(params, grads, alpha)
            elif optimizer == "momentum":
                params, v = update_parameters_with_momentum(params, grads, v, beta, alpha)
            elif optimizer == "rmsprop":
                params, s = update_parameters_with_rmsprop(params, grads, s, beta2, alpha, epsilon)
            else:
                params, v, s = _adam(params, grads, v, s, correction, alpha, beta1, beta2, epsilon)
            return (params, v, s, total), None

        state = (*state, jnp.zeros((), X.dtype))  # params, v, s and the epoch's sum of losses
        batches = order[:full * mini_batch_size].reshape(full, mini_batch_size)  # (full, mini_batch_size)
        state, _ = jax.lax.scan(update, state, (batches, epoch_corrections[:full]))
        if m % mini_batch_size:  # the partial last mini-batch: the second shape, traced once more
            state, _ = update(state, (order[full * mini_batch_size:], epoch_corrections[full]))
        params, v, s, total = state
        return (params, v, s), total / m

    (params, v, s), costs = jax.lax.scan(epoch, (params, v, s), (orders, alphas, corrections))
    return params, costs, v, s  # costs of shape (epochs,)


def train(X, Y, params, orders, optimizer="gd", learning_rate=0.0007, mini_batch_size=64, activation="relu",
          beta=0.9, beta1=0.9, beta2=0.999, epsilon=1e-8, decay_rate=0.0, time_interval=None, state=None):
    """The course's model: one epoch per permutation in ``orders`` (mini_batch_order's), each mini-batch one update
    of ``optimizer`` ("gd", "momentum", "rmsprop" or "adam"), the learning rate decayed after each epoch when
    decay_rate > 0 (by update_lr, or schedule_lr_decay with time_interval): epoch i + 1 uses decay(alpha0, i), as
    the course's model computes it at the end of epoch i. Returns the final params and each epoch's cost: the sum
    of the examples' losses over the epoch's mini-batches, divided by m, as the course's.

    ``state``: a dict the run starts from and leaves its end in (``{}``: a fresh start): v, s, Adam's t and the
    epochs done, so that a run in chunks, each given the same dict, is one run."""
    # checked out here: inside jax.jit the hyperparameters are static, and must be Python numbers to be hashed
    check_arrays("deep_nn", X, params, Y, activation)
    optimizer, learning_rate = check_optimizer(optimizer), check_learning_rate(learning_rate)
    mini_batch_size, epsilon = check_mini_batch_size(mini_batch_size), check_epsilon(epsilon)
    beta, beta1, beta2 = check_beta("beta", beta), check_beta("beta1", beta1), check_beta("beta2", beta2)
    decay_rate, time_interval = check_lambd(decay_rate, "decay_rate"), check_time_interval(time_interval)
    m = X.shape[1]
    orders = _check_orders(orders, m)  # (epochs, m)
    # the schedule and Adam's corrections as NumPy computes them, in Python floats, before the loop
    epochs, updates = len(orders), -(-m // mini_batch_size)  # updates per epoch: ceil(m / mini_batch_size)
    v, s, t, done = resume(state, params)
    alphas = [learning_rate] * epochs
    if decay_rate:
        # the course decays after each epoch i, for the next: epoch i + 1 uses decay(alpha0, i), epoch 0 alpha0
        alphas = [update_lr(learning_rate, max(epoch - 1, 0), decay_rate) if time_interval is None
                  else schedule_lr_decay(learning_rate, max(epoch - 1, 0), decay_rate, time_interval)
                  for epoch in range(done, done + epochs)]
    corrections = np.zeros((epochs * updates, 2))
    if optimizer == "adam":  # Adam's counter: one per update, from 1 (t + 1 after a chunk that ended at t)
        corrections = np.array([(1 - beta1 ** k, 1 - beta2 ** k) for k in range(t + 1, t + epochs * updates + 1)])
    params, costs, v, s = _train(X, Y, params, v, s, jnp.asarray(orders), jnp.asarray(np.array(alphas), X.dtype),
                                 jnp.asarray(corrections.reshape(epochs, updates, 2), X.dtype), optimizer,
                                 mini_batch_size, activation, beta, beta1, beta2, epsilon)
    if state is not None:
        state.update(v=v, s=s, t=t + (epochs * updates if optimizer == "adam" else 0), epoch=done + epochs)
    return params, costs


def resume(state, params):
    """(v, s, t, epochs done) from a run's ``state`` dict, or a fresh start's when it is None or empty."""
    if not state:
        return (*initialize_adam(params), 0, 0)
    return state["v"], state["s"], state["t"], state["epoch"]


def _check_orders(orders, m):
    """orders (one per epoch: NumPy's, or this backend's) as an (epochs, m) NumPy array of indices in [0, m):
    NumPy's X[:, order] refuses an index out of range, a JAX gather would clamp it silently."""
    orders = np.asarray(orders) if len(orders) else np.zeros((0, m), dtype=int)
    if (orders.ndim != 2 or orders.shape[1] != m or orders.dtype.kind not in "iu"
            or not 0 <= orders.min(initial=0) <= orders.max(initial=0) < m):
        raise ValueError(f"orders: expected one order of the {m} examples per epoch (mini_batch_order's), got "
                         f"shape {orders.shape}, dtype {orders.dtype}, indices {orders.min(initial=0)} to "
                         f"{orders.max(initial=0)}")
    return orders


__all__ = ["mini_batch_order", "mini_batches", "random_mini_batches", "initialize_velocity", "initialize_adam",
           "update_parameters_with_gd", "update_parameters_with_momentum", "update_parameters_with_rmsprop",
           "update_parameters_with_adam", "update_lr", "schedule_lr_decay", "train", "resume"]
