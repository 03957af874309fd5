"""Course 2, week 2 with Keras 3 (TensorFlow)'s own optimizers: SGD, SGD with momentum, RMSprop and Adam, each
configured to be the course's update (the equations are in impl_numpy/optimizers.py), on layers.build's network.

The rate is a callable returning a tensor of the model's dtype (a Variable in ``train``, which sets it to the
course's decayed alpha before each epoch), and every hyperparameter that Keras passes through ``ops.cast`` (SGD's
momentum, Adam's beta_1 and beta_2) a NumPy float64: ``tf.cast`` of a Python float makes a float32 tensor first,
so a float64 run would use float32(0.9) = 0.899999976 (2.6e-8 relative). Where Keras' equation is not the course's,
the docstring of ``course_optimizer`` says how far it is, as measured on the notebook's problem (make_moons(300),
layers [2, 5, 2, 1], 20 epochs of mini-batches of 64, alpha 0.01).

SCHEDULES writes the decay with Keras' InverseTimeDecay(staircase=True) as learners do (train(..., schedule=name)).
Both compute in float32, their initial rate's dtype, so in a float64 model their rate differs from the course's from
the first update (float32(0.1) = 0.100000001, 1.5e-8 relative). On the newer notebook's decayed run (gd at alpha
0.1, schedule_lr_decay with decay_rate 1 every 1000 epochs, 5000 epochs of 5 mini-batches, float64: rosetta
optimizers' rows), against NumPy's course run (final cost 0.115819, train accuracy 0.9433; the course's Variable
+4.2e-17, its rates equal to NumPy's over the 25000 updates):

- decay_steps=time_interval: halved from update 1001 (epoch 200; the course halves from epoch 1001), alpha0 / 25 at
  the end, the course's alpha0 / 5: final cost +1.6e-2, train accuracy -0.0100;
- decay_steps=time_interval * batches: halved from update 5001, the first of epoch 1000, one epoch before each of
  the course's halvings: final cost +2.2e-7, train accuracy +0.0000 (after 1000 epochs, before either halves,
  -5.0e-12: float32's alpha0 alone).
"""

import keras
import numpy as np
import tensorflow as tf

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
from .optimizers import mini_batches, schedule_lr_decay, update_lr


def course_optimizer(model, optimizer, learning_rate, beta=0.9, beta1=0.9, beta2=0.999, epsilon=1e-8):
    """Keras' optimizer whose update is the course's ``optimizer`` at rate alpha:

    - gd: SGD(alpha): p := p - alpha dp, the course's;
    - momentum: SGD(momentum=beta, learning_rate=alpha (1 - beta)): Keras' velocity is m := beta m - lr dp,
      p := p + m, i.e. m = -alpha v, the course's at a constant rate (3e-16 relative in float64); a decayed rate
      enters Keras' m at each step, while the course multiplies the whole v by the new alpha, so with decay they
      part at the first update after alpha changes (update 40 for decay_rate 0.3, time_interval 7): costs 5.2e-4
      relative apart after 20 epochs, in float64 and float32 alike;
    - rmsprop: RMSprop(alpha, rho=beta2, epsilon=epsilon ** 2): Keras divides by sqrt(s + epsilon), the course
      by sqrt(s) + epsilon, so no setting is exactly the course's (epsilon=0 would be 0 / 0 on a zero gradient);
      epsilon ** 2 is the closest: costs 1.1e-5 relative apart (epsilon=epsilon: 2.9e-2), from the first update,
      where the entries whose gradient is small enough for epsilon to matter move differently;
    - adam: Adam(alpha, beta1, beta2, epsilon): Keras folds both bias corrections into the rate and adds epsilon
      to the uncorrected sqrt(s), which is the course's Adam with epsilon / sqrt(1 - beta2^t) (3.2e-7 at t = 1):
      costs 4.9e-7 relative apart in float64 (3.3e-7 with decay_rate 1), from the first update.
    """
    optimizer, learning_rate = check_optimizer(optimizer), check_learning_rate(learning_rate)
    beta, beta1, beta2 = check_beta("beta", beta), check_beta("beta1", beta1), check_beta("beta2", beta2)
    epsilon = check_epsilon(epsilon)
    alpha = tf.constant(learning_rate, layers._dtype(model))  # the model's dtype, as layers.sgd's
    return _keras_optimizer(optimizer, _held(alpha), beta, beta1, beta2, epsilon)


def _keras_optimizer(optimizer, rate, beta, beta1, beta2, epsilon):
    """The Keras optimizer for the course's, its learning_rate ``rate(scale)``: Keras' argument for alpha times scale
    (a callable of the tensor or Variable that holds alpha, or a LearningRateSchedule of Keras' step count)."""
    if optimizer == "gd":
        return keras.optimizers.SGD(learning_rate=rate(1.0))
    if optimizer == "momentum":
        # Keras' m := beta m - lr dp is -alpha v for the course's v := beta v + (1 - beta) dp at lr = alpha (1 - beta)
        return keras.optimizers.SGD(learning_rate=rate(1 - beta), momentum=np.float64(beta))
    if optimizer == "rmsprop":
        # Keras: p := p - lr dp / sqrt(s + epsilon); the course: p := p - alpha dp / (sqrt(s) + epsilon)
        return keras.optimizers.RMSprop(learning_rate=rate(1.0), rho=beta2, epsilon=epsilon ** 2)
    # Keras: p := p - alpha sqrt(1 - beta2^t) / (1 - beta1^t) v / (sqrt(s) + epsilon), v and s uncorrected
    return keras.optimizers.Adam(learning_rate=rate(1.0), beta_1=np.float64(beta1), beta_2=np.float64(beta2),
                                 epsilon=epsilon)


# Keras' optimizers as a learner naturally writes them for the course's (issue 25), each with its difference;
# train(..., config=name) runs one, its rate the model's dtype (rosetta optimizers measures them)
DEFAULTS = {  # name: function(model, learning_rate, beta, beta1, beta2, epsilon)
    # m := beta m - lr dp without (1 - beta): each step is alpha b, b = v / (1 - beta), 10 times the course's
    "SGD(momentum=beta)": lambda model, lr, beta, *_: keras.optimizers.SGD(learning_rate=lr, momentum=beta),
    # rho=0.9 where the course's beta2 is 0.999, and dp / sqrt(s + 1e-7): epsilon 1e-7, inside the root
    "RMSprop() defaults": lambda model, lr, *_: keras.optimizers.RMSprop(learning_rate=lr),
    # epsilon=1e-7 (the course's 1e-8), added to the uncorrected sqrt(s): "epsilon hat", the paper's
    "Adam() defaults": lambda model, lr, *_: keras.optimizers.Adam(learning_rate=lr),
}

# Keras' schedules as a learner naturally writes the course's decay (issue 25), each with its difference; train(...,
# schedule=name) runs one as the course's optimizer's learning_rate (rosetta optimizers measures them). Keras calls a
# schedule with its step count, the updates done; InverseTimeDecay computes in its initial rate's dtype, float32 for
# a Python float, whatever the model's (0.1 is 0.100000001, 1.5e-8 relative), and the optimizer casts the result
SCHEDULES = {  # name: function(alpha0, decay_rate, time_interval (1 for update_lr), mini-batches per epoch) -> schedule
    # decay_steps in epochs where Keras counts updates (5 an epoch here): update k runs with decay(k - 1), the
    # decay 5 times too fast, halved from update time_interval + 1
    "InverseTimeDecay(decay_steps=time_interval)": lambda alpha0, decay_rate, interval, batches:
        keras.optimizers.schedules.InverseTimeDecay(alpha0, interval, decay_rate, staircase=True),
    # decay_steps in updates, as Keras' documentation says: epoch e starts at step e batches and runs with decay(e),
    # where the course's model, which decays at the end of epoch e - 1, runs it with decay(e - 1): one epoch early
    "InverseTimeDecay(decay_steps=time_interval * batches)": lambda alpha0, decay_rate, interval, batches:
        keras.optimizers.schedules.InverseTimeDecay(alpha0, interval * batches, decay_rate, staircase=True),
}


def train(X, Y, params, orders, optimizer="gd", learning_rate=0.0007, mini_batch_size=64, activation="relu",
          beta=0.9, beta1=0.9, beta2=0.999, epsilon=1e-8, decay_rate=0.0, time_interval=None, *, config="course",
          schedule="course"):
    """The course's model with Keras' layers, loss and optimizer (course_optimizer's, or ``config``, a DEFAULTS name,
    at a constant rate): one epoch per permutation in ``orders``, each mini-batch one apply_gradients, the rate
    decayed after each epoch i for the next (decay(alpha0, i)) when decay_rate > 0, or by ``schedule``, a SCHEDULES
    name. Returns the final params (course layout) and each epoch's cost (the mini-batches' mean losses times their
    sizes, summed, over m)."""
    check_arrays("deep_nn", X, params, Y, activation)
    optimizer, learning_rate = check_optimizer(optimizer), check_learning_rate(learning_rate)
    mini_batch_size, epsilon = check_mini_batch_size(mini_batch_size), check_epsilon(epsilon)
    beta, beta1, beta2 = check_beta("beta", beta), check_beta("beta1", beta1), check_beta("beta2", beta2)
    decay_rate, time_interval = check_lambd(decay_rate, "decay_rate"), check_time_interval(time_interval)
    L, m = len(params) // 2, X.shape[1]
    dims = [params["W1"].shape[1]] + [params[f"W{l}"].shape[0] for l in range(1, L + 1)]
    model = layers.load_params(layers.build(dims, activation, tf.as_dtype(X.dtype).name), params)
    # The decay Keras' way is a LearningRateSchedule, but those count optimizer steps, not epochs, and compute in
    # float32: InverseTimeDecay(staircase=True) with decay_steps = time_interval (or 1) times the mini-batches per
    # epoch decays one epoch before the course's (SCHEDULES). So the rate is a Variable of the model's dtype, set
    # before each epoch.
    alpha = tf.Variable(learning_rate, dtype=layers._dtype(model), trainable=False)
    config = check_optimizer_config(config, DEFAULTS, optimizer, decay_rate)
    if check_schedule_config(schedule, SCHEDULES, decay_rate) == "course":
        keras_optimizer = _configured(model, config, optimizer, alpha, beta, beta1, beta2, epsilon)
    else:  # the learner's schedule as the course's optimizer's learning_rate, in place of alpha's Variable
        batches = -(-m // mini_batch_size)  # ceil(m / mini_batch_size): the last one partial
        keras_optimizer = _keras_optimizer(optimizer, lambda scale: SCHEDULES[schedule](
            learning_rate * scale, decay_rate, time_interval or 1, batches), beta, beta1, beta2, epsilon)
    costs = []
    for epoch, order in enumerate(orders):
        if decay_rate and epoch > 0 and schedule == "course":  # the course decays after each epoch i, for the next
            decayed = (update_lr(learning_rate, epoch - 1, decay_rate) if time_interval is None
                       else schedule_lr_decay(learning_rate, epoch - 1, decay_rate, time_interval))
            alpha.assign(tf.cast(decayed, alpha.dtype))  # a Python float or a float64 tensor, rounded once
        total = 0.0
        for X_t, Y_t in mini_batches(X, Y, order, mini_batch_size):
            J = layers.train_step(model, keras_optimizer, X_t, Y_t)  # the mean loss before the update
            total += J * Y_t.shape[1]
        costs.append(total / m)
    return layers.export_params(model), tf.constant([float(J) for J in costs], X.dtype)  # exact: each is X's dtype


def _configured(model, config, optimizer, alpha, beta, beta1, beta2, epsilon):
    """The Keras optimizer of ``config`` at the rate held by the tensor or Variable ``alpha``: _keras_optimizer's,
    or DEFAULTS[config]'s (given the rate as a callable, which Keras keeps in the model's dtype: a float would
    become a float32 Variable)."""
    if config == "course":
        return _keras_optimizer(optimizer, _held(alpha), beta, beta1, beta2, epsilon)
    return DEFAULTS[config](model, lambda: alpha, beta, beta1, beta2, epsilon)


def _held(alpha):
    """_keras_optimizer's rate for the tensor or Variable ``alpha``: Keras' learning_rate for alpha times scale, a
    callable (Keras keeps it in the model's dtype: a float would become a float32 Variable)."""
    return lambda scale: (lambda: alpha * scale)


def _rates(schedule, learning_rate, decay_rate, time_interval, epochs, batches):
    """The learning rate of each of the epochs x batches updates of train(..., schedule=schedule), in float64: the
    schedule at Keras' step count before each update, or the course's alpha that train sets before each epoch
    (rosetta optimizers compares them with NumPy's)."""
    if schedule != "course":
        steps = tf.range(epochs * batches)  # update k runs at step k - 1: iterations counts the updates done
        rates = SCHEDULES[schedule](learning_rate, decay_rate, time_interval or 1, batches)(steps)
        return tf.cast(rates, tf.float64).numpy().tolist()  # as the optimizer casts it to a float64 model's dtype
    alphas = [learning_rate] + [update_lr(learning_rate, i, decay_rate) if time_interval is None
                                else schedule_lr_decay(learning_rate, i, decay_rate, time_interval)
                                for i in range(epochs - 1)]  # epoch i + 1 runs with decay(alpha0, i)
    return [alpha for alpha in alphas for _ in range(batches)]


__all__ = ["course_optimizer", "DEFAULTS", "SCHEDULES", "train"]
