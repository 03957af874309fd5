"""Course 2, week 2 with Flax NNX and optax's own optimizers, each configured to be the course's update (issue 25).

The network is layers.py's (nnx.Linear layers, optax's loss from the logits); the update is an ``nnx.Optimizer``
over its Params with the optax transformation whose equation is the course's (impl_numpy/optimizers.py):

- gd: optax.sgd(alpha), p := p - alpha dp;
- momentum: optax.chain(optax.ema(beta, debias=False), optax.scale_by_learning_rate(alpha)), the last scale(-alpha)
  (or a schedule's), v := beta v + (1 - beta) dp. Not optax.sgd(momentum=beta), whose trace is dp + beta v: the
  course's only with the learning rate alpha (1 - beta);
- rmsprop: optax.rmsprop(alpha, decay=beta2, eps=epsilon, eps_in_sqrt=False), dp / (sqrt(s) + epsilon), epsilon
  outside the root as the course's (optax's default puts it inside: dp / sqrt(s + epsilon));
- adam: optax.adam(alpha, b1=beta1, b2=beta2, eps=epsilon), epsilon outside the root and both moments divided by
  1 - beta^t, t counted from 1, as the course's. optax computes beta^t on the device, in the params' dtype
  (float32: 0.999^t rounded, 1 - 0.999^t loses three digits), where the course computes it in Python floats.

The learning rate is injected (optax.inject_hyperparams) and set after each epoch to the course's update_lr or
schedule_lr_decay value: optax's own schedules count updates, not epochs, and it has no inverse-time decay.
float64 needs ``impl_jax.precision("float64")`` around every call, as for the rest of impl_jax.

SCHEDULES writes the decay as learners do, a function of optax's count given as the learning rate (train(...,
schedule=name)). On the newer notebook's decayed run (gd at alpha 0.1, schedule_lr_decay with decay_rate 1 every
1000 epochs, 5000 epochs of 5 mini-batches, float64: rosetta optimizers), against NumPy's course run (final cost
0.115819, train accuracy 0.9433; the course's injected rate +1.4e-17, its rates equal to NumPy's over the 25000
updates):

- count // time_interval: the rate first differs at update 1001 (epoch 200; the course halves it from epoch 1001)
  and ends at alpha0 / 25, the course's alpha0 / 5: final cost +1.6e-2, train accuracy -0.0100;
- count // (time_interval * batches): from update 5001, the first of epoch 1000, one epoch before each of the
  course's halvings: final cost +2.2e-7, train accuracy +0.0000.
"""

import functools

import jax.numpy as jnp
import numpy as np
import optax
from flax import nnx

from reference.validation import (
    check_arrays,
    check_beta,
    check_epsilon,
    check_lambd,
    check_learning_rate,
    check_mini_batch_size,
    check_optimizer,
    check_optimizer_config,
    check_schedule_config,
    check_time_interval,
)

from . import layers
from .optimizers import _check_orders, mini_batches, schedule_lr_decay, update_lr


def course_optimizer(model, optimizer, learning_rate, beta=0.9, beta1=0.9, beta2=0.999, epsilon=1e-8):
    """nnx.Optimizer over the Params of ``model`` with optax's transformation for the course's ``optimizer`` ("gd",
    "momentum", "rmsprop" or "adam"), its learning rate injected: ``opt_state.hyperparams["learning_rate"]``."""
    optimizer, learning_rate = check_optimizer(optimizer), check_learning_rate(learning_rate)
    beta, beta1, beta2 = check_beta("beta", beta), check_beta("beta1", beta1), check_beta("beta2", beta2)
    tx = _injected(optimizer, learning_rate, beta, beta1, beta2, check_epsilon(epsilon))
    return nnx.Optimizer(model, tx, wrt=nnx.Param)


# optax as a learner naturally writes it for the course's optimizers (issue 25), each with its difference;
# train(..., config=name) runs one (rosetta optimizers measures them)
DEFAULTS = {  # name: function(model, learning_rate, beta, beta1, beta2, epsilon)
    # trace := dp + beta trace without (1 - beta): each step is alpha b, b = v / (1 - beta), 10 times the course's
    "sgd(momentum=beta)": lambda model, lr, beta, *_: nnx.Optimizer(model, optax.sgd(lr, momentum=beta), wrt=nnx.Param),
    # decay=0.9 where the course's beta2 is 0.999, and dp / sqrt(s + 1e-8): eps inside the root
    "rmsprop() defaults": lambda model, lr, *_: nnx.Optimizer(model, optax.rmsprop(lr), wrt=nnx.Param),
    # b1=0.9, b2=0.999, eps=1e-8 outside the root, both moments bias-corrected: the course's Adam
    "adam() defaults": lambda model, lr, *_: nnx.Optimizer(model, optax.adam(lr), wrt=nnx.Param),
}

# optax as a learner naturally writes the course's decay (issue 25): a schedule, a function of optax's update count
# (the updates done) given as the learning rate, optax having no inverse-time decay; each with its difference.
# train(..., schedule=name) runs one with the course's transformation (rosetta optimizers measures them)
SCHEDULES = {  # name: function(alpha0, decay_rate, time_interval (1 for update_lr), mini-batches per epoch) -> schedule
    # the course's formula of the count, which counts updates (5 an epoch here): update k runs with decay(k - 1),
    # the decay 5 times too fast, halved from update time_interval + 1
    "alpha0 / (1 + decay_rate * (count // time_interval))":
        lambda alpha0, decay_rate, interval, batches:
            lambda count: alpha0 / (1 + decay_rate * (count // interval)),
    # the count converted to epochs: epoch e starts at count e batches and runs with decay(e), where the course's
    # model, which decays at the end of epoch e - 1, runs it with decay(e - 1): one epoch early
    "alpha0 / (1 + decay_rate * (count // (time_interval * batches)))":
        lambda alpha0, decay_rate, interval, batches:
            lambda count: alpha0 / (1 + decay_rate * (count // (interval * batches))),
}


def train(X, Y, params, orders, optimizer="gd", learning_rate=0.0007, mini_batch_size=64, activation="relu",
          beta=0.9, beta1=0.9, beta2=0.999, epsilon=1e-8, decay_rate=0.0, time_interval=None, *, config="course",
          schedule="course"):
    """The course's model with layers.py's network and course_optimizer (or ``config``, a DEFAULTS name, at a
    constant rate): one epoch per permutation in ``orders``, each mini-batch one layers.train_step, the learning
    rate decayed after each epoch i to decay(alpha0, i) when decay_rate > 0, or by ``schedule``, a SCHEDULES name.
    Returns the final params (course layout) and each epoch's sum of the losses over m."""
    check_arrays("deep_nn", X, params, Y, activation)
    mini_batch_size, decay_rate = check_mini_batch_size(mini_batch_size), check_lambd(decay_rate, "decay_rate")
    learning_rate, time_interval = check_learning_rate(learning_rate), check_time_interval(time_interval)
    beta, beta1, beta2 = check_beta("beta", beta), check_beta("beta1", beta1), check_beta("beta2", beta2)
    epsilon = check_epsilon(epsilon)
    X, Y = jnp.asarray(X), jnp.asarray(Y)
    m, L = X.shape[1], len(params) // 2
    orders = _check_orders(orders, m)  # (epochs, m)
    layer_dims = [params["W1"].shape[1]] + [params[f"W{l}"].shape[0] for l in range(1, L + 1)]
    model = layers.load_params(layers.build(layer_dims, activation, str(X.dtype)), params)
    config = check_optimizer_config(config, DEFAULTS, check_optimizer(optimizer), decay_rate)
    if check_schedule_config(schedule, SCHEDULES, decay_rate) == "course":
        opt = _configured(model, config, optimizer, learning_rate, beta, beta1, beta2, epsilon)
    else:  # the learner's schedule as the course's transformation's learning rate, in place of the injected one
        batches = -(-m // mini_batch_size)  # ceil(m / mini_batch_size): the last one partial
        tx = _scheduled(schedule, learning_rate, decay_rate, time_interval, batches, optimizer, beta, beta1, beta2,
                        epsilon)
        opt = nnx.Optimizer(model, tx, wrt=nnx.Param)
    costs = []
    for epoch, order in enumerate(orders):
        total = 0.0
        for X_t, Y_t in mini_batches(X, Y, order, mini_batch_size):
            total += layers.train_step(model, opt, X_t, Y_t) * Y_t.shape[1]  # the mean loss, times the examples
        costs.append(total / m)
        if decay_rate and schedule == "course":  # after epoch i, for the next: alpha0 / (1 + decay_rate i), or steps
            alpha = (update_lr(learning_rate, epoch, decay_rate) if time_interval is None
                     else schedule_lr_decay(learning_rate, epoch, decay_rate, time_interval))
            opt.opt_state.hyperparams["learning_rate"][...] = alpha  # rounded once to the params' dtype
    return layers.export_params(model), jnp.asarray(np.array(costs, X.dtype))


def _configured(model, config, optimizer, learning_rate, beta, beta1, beta2, epsilon):
    """The nnx.Optimizer of ``config``: course_optimizer's, or DEFAULTS[config]'s."""
    if config == "course":
        return course_optimizer(model, optimizer, learning_rate, beta, beta1, beta2, epsilon)
    return DEFAULTS[config](model, learning_rate, beta, beta1, beta2, epsilon)


@functools.cache
def _injected(optimizer, learning_rate, beta, beta1, beta2, epsilon):
    """optax.inject_hyperparams of the course's transformation: the learning rate a state entry in the params'
    dtype, the betas and epsilon static Python floats (1 - beta in Python, as NumPy). One per argument tuple:
    nnx.jit compiles train_step again for every new transformation."""
    static = ("optimizer", "beta", "beta1", "beta2", "epsilon")
    return optax.inject_hyperparams(_transformation, static_args=static)(
        learning_rate=learning_rate, optimizer=optimizer, beta=beta, beta1=beta1, beta2=beta2, epsilon=epsilon)


@functools.cache
def _scheduled(schedule, learning_rate, decay_rate, time_interval, batches, optimizer, beta, beta1, beta2, epsilon):
    """The course's transformation at the learning rate SCHEDULES[schedule] gives, a function of optax's count of
    the updates done. One per argument tuple, as _injected's."""
    rate = SCHEDULES[schedule](learning_rate, decay_rate, time_interval or 1, batches)
    return _transformation(rate, optimizer, beta, beta1, beta2, epsilon)


def _transformation(learning_rate, optimizer, beta, beta1, beta2, epsilon):
    """The optax transformation whose update is the course's, for one learning rate (a number, or a schedule of
    optax's update count)."""
    if optimizer == "gd":
        return optax.sgd(learning_rate)  # p := p - alpha dp
    if optimizer == "momentum":  # v := beta v + (1 - beta) dp; p := p - alpha v
        return optax.chain(optax.ema(beta, debias=False), optax.scale_by_learning_rate(learning_rate))
    if optimizer == "rmsprop":  # s := beta2 s + (1 - beta2) dp^2; p := p - alpha dp / (sqrt(s) + epsilon)
        return optax.rmsprop(learning_rate, decay=beta2, eps=epsilon, eps_in_sqrt=False)
    return optax.adam(learning_rate, b1=beta1, b2=beta2, eps=epsilon)  # v, s bias-corrected; eps outside the root


def _rates(schedule, learning_rate, decay_rate, time_interval, epochs, batches):
    """The learning rate of each of the epochs x batches updates of train(..., schedule=schedule), in the default
    float (float64 under impl_jax.precision("float64")): the schedule at optax's count before each update, or the
    course's alpha that train sets after each epoch (rosetta optimizers compares them with NumPy's)."""
    if schedule != "course":
        counts = jnp.arange(epochs * batches, dtype=jnp.int32)  # update k runs at count k - 1, optax's int32
        return np.asarray(SCHEDULES[schedule](learning_rate, decay_rate, time_interval or 1, batches)(counts)).tolist()
    alphas = [learning_rate] + [update_lr(learning_rate, i, decay_rate) if time_interval is None
                                else schedule_lr_decay(learning_rate, i, decay_rate, time_interval)
                                for i in range(epochs - 1)]  # epoch i + 1 runs with decay(alpha0, i)
    return [alpha for alpha in alphas for _ in range(batches)]


__all__ = ["course_optimizer", "DEFAULTS", "SCHEDULES", "train"]
