"""Course 2, week 2: mini-batches, momentum, RMSprop, Adam and learning-rate decay, in TF (reference/NOTATION.md).

The course's "Optimization Methods" assignment, for deep_nn's L-layer network (the equations are in
impl_numpy/optimizers.py):

- mini-batches: the examples shuffled by one permutation per epoch, then cut into slices of ``mini_batch_size``,
  the last one partial. ``mini_batch_order`` draws the permutation with TF's stateless shuffle; the proofs hand
  every backend NumPy's, so that runs differ only by the framework;
- momentum: v = beta v + (1 - beta) dW, W -= alpha v (no bias correction);
- RMSprop (the lectures): s = beta2 s + (1 - beta2) dW^2, W -= alpha dW / (sqrt(s) + epsilon);
- Adam: both, bias-corrected by 1 - beta^t (t counts the updates from 1), epsilon outside the square root;
- learning-rate decay after each epoch: alpha0 / (1 + decay_rate epoch), or in steps of ``time_interval`` epochs.

Each update returns the new parameters and the new state, without changing its arguments. The training loop is
compiled by tf.function, all epochs in one graph: the full mini-batches in a tf.range loop, the partial one after
it (two shapes, one trace). The hyperparameters enter it as Python numbers, as in NumPy's equations (one graph per
set); alpha, its decay and 1 - beta^t are float64, as NumPy's Python floats, rounded once to X's dtype.
"""

import tensorflow as tf

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
    """A permutation of the m examples for one epoch: tf.random.experimental.stateless_shuffle with seed
    [seed, 0], TF's own generator (the same law as the course's ``np.random.permutation``)."""
    return tf.random.experimental.stateless_shuffle(tf.range(m), seed=[check_seed(seed), 0])


def mini_batches(X, Y, order, mini_batch_size=64):
    """[(X_t, Y_t), ...]: the examples in ``order``, in slices of ``mini_batch_size``, the last one partial."""
    X, Y = tf.gather(X, order, axis=1), tf.gather(Y, order, axis=1)  # (n_x, m), (1, m): one permutation for both
    m = X.shape[1]
    return [(X[:, k:k + mini_batch_size], Y[:, k:k + mini_batch_size]) for k in range(0, m, mini_batch_size)]


def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    """The course's random_mini_batches: mini_batches in the order mini_batch_order(m, seed) draws."""
    return mini_batches(X, Y, mini_batch_order(X.shape[1], seed), mini_batch_size)


def initialize_velocity(params):
    """v: zeros shaped like every dW[l], db[l] (momentum's state; RMSprop's s starts the same)."""
    return {"d" + name: tf.zeros_like(value) for name, value in params.items()}


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
    s = {key: beta2 * s[key] + (1 - beta2) * tf.square(grads[key]) for key in s}
    return {name: value - learning_rate * grads["d" + name] / (tf.sqrt(s["d" + name]) + epsilon)
            for name, value in params.items()}, s


def update_parameters_with_adam(params, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    """Adam at step t (from 1): v and s as momentum and RMSprop, each divided by 1 - beta^t, and
    W := W - alpha v_corrected / (sqrt(s_corrected) + epsilon). Returns the params, v and s."""
    v = {key: beta1 * v[key] + (1 - beta1) * grads[key] for key in v}
    s = {key: beta2 * s[key] + (1 - beta2) * tf.square(grads[key]) for key in s}
    t = tf.cast(t, tf.float64)  # 1 - beta^t in float64 and rounded once to W's dtype, as NumPy's Python float
    updated = {}
    for name, value in params.items():
        v_corrected = v["d" + name] / tf.cast(1 - beta1 ** t, value.dtype)
        s_corrected = s["d" + name] / tf.cast(1 - beta2 ** t, value.dtype)
        updated[name] = value - learning_rate * v_corrected / (tf.sqrt(s_corrected) + epsilon)
    return updated, v, s


def update_lr(learning_rate0, epoch_num, decay_rate):
    """alpha = alpha0 / (1 + decay_rate epoch_num)."""
    return learning_rate0 / (1 + decay_rate * epoch_num)


def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    """alpha = alpha0 / (1 + decay_rate floor(epoch_num / time_interval)): the decay in steps."""
    return learning_rate0 / (1 + decay_rate * tf.floor(tf.cast(epoch_num, tf.float64) / time_interval))


def _update(params, grads, v, s, t, alpha, optimizer, beta, beta1, beta2, epsilon):
    """One step of ``optimizer`` (a Python string: the branch is chosen while tracing)."""
    if optimizer == "gd":
        params = update_parameters_with_gd(params, grads, alpha)
    elif optimizer == "momentum":
        params, v = update_parameters_with_momentum(params, grads, v, beta, alpha)
    elif optimizer == "rmsprop":
        params, s = update_parameters_with_rmsprop(params, grads, s, beta2, alpha, epsilon)
    else:
        t += 1  # Adam's counter: one per update, from 1
        params, v, s = update_parameters_with_adam(params, grads, v, s, t, alpha, beta1, beta2, epsilon)
    return params, v, s, t


@tf.function
def _epochs(X, Y, params, v, s, t, done, orders, learning_rate, mini_batch_size, activation, optimizer, beta, beta1,
            beta2, epsilon, decay_rate, time_interval):
    """train's loop: one graph for every run of the same shapes and hyperparameters, the costs kept on the device."""
    L, (n_x, m) = len(params) // 2, X.shape
    full = m // mini_batch_size  # the full mini-batches; a partial one of m % mini_batch_size examples follows

    def step(X_t, Y_t, params, v, s, t, alpha):
        AL, cache = deep_nn.forward_propagation(X_t, params, activation)
        loss = compute_cost(cache[f"Z{L}"], Y_t) * Y_t.shape[1]  # the course's compute_cost sums the losses
        grads = deep_nn.backward_propagation(params, cache, Y_t, activation)
        return (loss, *_update(params, grads, v, s, t, alpha, optimizer, beta, beta1, beta2, epsilon))

    costs = tf.TensorArray(X.dtype, size=tf.shape(orders)[0], element_shape=())
    for epoch in tf.range(tf.shape(orders)[0]):
        alpha = learning_rate  # float64, as NumPy's Python float
        if decay_rate:  # the course decays after each epoch i, for the next: decay(alpha0, i); epoch 0 uses alpha0
            epoch_num = tf.cast(tf.maximum(done + epoch - 1, 0), tf.float64)
            alpha = (update_lr(learning_rate, epoch_num, decay_rate) if time_interval is None
                     else schedule_lr_decay(learning_rate, epoch_num, decay_rate, time_interval))
        alpha = tf.cast(alpha, X.dtype)  # rounded once, as NumPy rounds a Python float to its arrays' dtype
        X_e, Y_e = tf.gather(X, orders[epoch], axis=1), tf.gather(Y, orders[epoch], axis=1)  # (n_x, m), (1, m)
        total = tf.zeros((), X.dtype)
        for k in tf.range(full):
            X_t = tf.slice(X_e, [0, k * mini_batch_size], [n_x, mini_batch_size])  # (n_x, mini_batch_size)
            Y_t = tf.slice(Y_e, [0, k * mini_batch_size], [1, mini_batch_size])
            loss, params, v, s, t = step(X_t, Y_t, params, v, s, t, alpha)
            total += loss
        if full * mini_batch_size < m:
            loss, params, v, s, t = step(X_e[:, full * mini_batch_size:], Y_e[:, full * mini_batch_size:],
                                         params, v, s, t, alpha)
            total += loss
        costs = costs.write(epoch, total / m)
    return params, costs.stack(), v, s, t


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
    orders = tf.reshape(tf.cast(orders, tf.int64), (-1, X.shape[1]))  # (epochs, m), NumPy's or TF's; (0, m) for []
    # alpha a float64 tensor (tf.constant: tf.cast would round a Python float through float32 first), so that a
    # new value does not retrace
    v, s, t, done = resume(state, params)
    params, costs, v, s, t = _epochs(X, Y, params, v, s, tf.constant(t), tf.constant(done), orders,
                                     tf.constant(learning_rate, tf.float64), mini_batch_size, activation, optimizer,
                                     beta, beta1, beta2, epsilon, decay_rate, time_interval)
    if state is not None:
        state.update(v=v, s=s, t=int(t), epoch=done + int(orders.shape[0]))
    return params, costs


def resume(state, params):
    """(v, s, t, epochs done) from a run's ``state`` dict, or a fresh start's when it is None or empty."""
    if not state:
        return (*initialize_adam(params), 0, 0)
    return state["v"], state["s"], state["t"], state["epoch"]


__all__ = ["mini_batch_order", "mini_batches", "random_mini_batches", "initialize_velocity", "initialize_adam",
           "update_parameters_with_gd", "update_parameters_with_momentum", "update_parameters_with_rmsprop",
           "update_parameters_with_adam", "update_lr", "schedule_lr_decay", "train", "resume"]
