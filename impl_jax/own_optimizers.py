"""Course 2, week 2 with Flax NNX and optax's own optimizers, each configured to be the course's update (issue 25).

The network is layers.py's (nnx.Linear layers, optax's loss from the logits); the update is an ``nnx.Optimizer``
over its Params with the optax transformation whose equation is the course's (impl_numpy/optimizers.py):

- gd: optax.sgd(alpha), p := p - alpha dp;
- momentum: optax.chain(optax.ema(beta, debias=False), optax.scale(-alpha)), v := beta v + (1 - beta) dp. Not
  optax.sgd(momentum=beta), whose trace is dp + beta v: the course's only with the learning rate alpha (1 - beta);
- rmsprop: optax.rmsprop(alpha, decay=beta2, eps=epsilon, eps_in_sqrt=False), dp / (sqrt(s) + epsilon), epsilon
  outside the root as the course's (optax's default puts it inside: dp / sqrt(s + epsilon));
- adam: optax.adam(alpha, b1=beta1, b2=beta2, eps=epsilon), epsilon outside the root and both moments divided by
  1 - beta^t, t counted from 1, as the course's. optax computes beta^t on the device, in the params' dtype
  (float32: 0.999^t rounded, 1 - 0.999^t loses three digits), where the course computes it in Python floats.

The learning rate is injected (optax.inject_hyperparams) and set after each epoch to the course's update_lr or
schedule_lr_decay value: optax's own schedules count updates, not epochs, and it has no inverse-time decay.
float64 needs ``impl_jax.precision("float64")`` around every call, as for the rest of impl_jax.
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


def train(X, Y, params, orders, optimizer="gd", learning_rate=0.0007, mini_batch_size=64, activation="relu",
          beta=0.9, beta1=0.9, beta2=0.999, epsilon=1e-8, decay_rate=0.0, time_interval=None, *, config="course"):
    """The course's model with layers.py's network and course_optimizer (or ``config``, a DEFAULTS name, at a
    constant rate): one epoch per permutation in ``orders``,
    each mini-batch one layers.train_step, the learning rate decayed after each epoch i to decay(alpha0, i) when
    decay_rate > 0. Returns the final params (course layout) and each epoch's sum of the losses over m."""
    check_arrays("deep_nn", X, params, Y, activation)
    mini_batch_size, decay_rate = check_mini_batch_size(mini_batch_size), check_lambd(decay_rate, "decay_rate")
    learning_rate, time_interval = check_learning_rate(learning_rate), check_time_interval(time_interval)
    X, Y = jnp.asarray(X), jnp.asarray(Y)
    m, L = X.shape[1], len(params) // 2
    orders = _check_orders(orders, m)  # (epochs, m)
    layer_dims = [params["W1"].shape[1]] + [params[f"W{l}"].shape[0] for l in range(1, L + 1)]
    model = layers.load_params(layers.build(layer_dims, activation, str(X.dtype)), params)
    config = check_optimizer_config(config, DEFAULTS, check_optimizer(optimizer), decay_rate)
    opt = _configured(model, config, optimizer, learning_rate, beta, beta1, beta2, epsilon)
    costs = []
    for epoch, order in enumerate(orders):
        total = 0.0
        for X_t, Y_t in mini_batches(X, Y, order, mini_batch_size):
            total += layers.train_step(model, opt, X_t, Y_t) * Y_t.shape[1]  # the mean loss, times the examples
        costs.append(total / m)
        if decay_rate:  # after epoch i, for the next: alpha0 / (1 + decay_rate i), or in steps of time_interval
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


def _transformation(learning_rate, optimizer, beta, beta1, beta2, epsilon):
    """The optax transformation whose update is the course's, for one learning rate."""
    if optimizer == "gd":
        return optax.sgd(learning_rate)  # p := p - alpha dp
    if optimizer == "momentum":  # v := beta v + (1 - beta) dp; p := p - alpha v
        return optax.chain(optax.ema(beta, debias=False), optax.scale(-learning_rate))
    if optimizer == "rmsprop":  # s := beta2 s + (1 - beta2) dp^2; p := p - alpha dp / (sqrt(s) + epsilon)
        return optax.rmsprop(learning_rate, decay=beta2, eps=epsilon, eps_in_sqrt=False)
    return optax.adam(learning_rate, b1=beta1, b2=beta2, eps=epsilon)  # v, s bias-corrected; eps outside the root


__all__ = ["course_optimizer", "DEFAULTS", "train"]
