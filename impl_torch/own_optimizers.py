"""Course 2, week 2 with PyTorch's own optimizers: torch.optim configured to be the course's (reference/NOTATION.md).

The equations are in impl_numpy/optimizers.py; here each one is a ``torch.optim`` optimizer whose update is the
course's, and the learning-rate decay is ``torch.optim.lr_scheduler.LambdaLR``:

- gd: ``SGD(lr=alpha)``, p -= alpha g;
- momentum: ``SGD(lr=alpha (1 - beta), momentum=beta)``. torch keeps b = beta b + g (b = g at step 1) and does
  p -= lr b; the course's v = beta v + (1 - beta) g (v = (1 - beta) g at step 1) is (1 - beta) b at every step, so
  p -= alpha (1 - beta) b = alpha v. ``dampening=beta`` with lr = alpha looks like the course's and is not: torch
  skips the dampening at step 1 (b = g), so v_1 would be g instead of (1 - beta) g;
- RMSprop: ``RMSprop(lr=alpha, alpha=beta2, eps=epsilon)``: s = beta2 s + (1 - beta2) g^2,
  p -= alpha g / (sqrt(s) + epsilon), epsilon outside the root as the course's;
- Adam: ``Adam(lr=alpha, betas=(beta1, beta2), eps=epsilon)``: torch divides sqrt(s) by sqrt(1 - beta2^t) and
  alpha by 1 - beta1^t, which is the course's alpha v_corrected / (sqrt(s_corrected) + epsilon) rearranged.

The learning-rate decay is LambdaLR stepped after each epoch with the course's factor: epoch i + 1 runs with
decay(alpha0, i) / alpha0, as impl_numpy's train (the course computes it at the end of epoch i).

Every configuration is the course's equation, so the runs differ from NumPy's by rounding only: torch's Adam
rearranges the bias corrections, momentum's lr = alpha (1 - beta) is one more product, and nn.Linear sums in its
own order. Measured against impl_numpy.optimizers.train on the course's notebook problem (make_moons(300), [2, 5,
2, 1], 20 epochs of 5 mini-batches, alpha 0.01), max relative difference of the costs / max |diff| of the params:

    float64: gd 3.2e-16 / 1.0e-17, momentum 1.6e-16 / 6.9e-18, rmsprop 1.9e-16 / 1.3e-15, adam 2.3e-16 / 2.8e-16,
             adam decay 1.0: 1.7e-16 / 1.1e-16, momentum decay 0.3 every 7 epochs: 3.2e-16 / 6.9e-18
    float32: gd 8.6e-8 / 7.5e-9, momentum 1.7e-7 / 3.0e-8, rmsprop 1.2e-7 / 2.7e-7, adam 2.3e-7 / 2.4e-7,
             adam decay 1.0: 9.2e-8 / 6.0e-8, momentum decay 0.3 every 7 epochs: 1.7e-7 / 3.0e-8

all inside the tolerance table's training_costs and training_params. The slip dampening=beta, lr=alpha is
3.6e-4 off in the params after one full-batch step and 1.8e-3 / 5.6e-3 off after the 100 steps.

SCHEDULES writes the decay as learners do (train(..., schedule=name)). On the newer notebook's decayed run (gd at
alpha 0.1, schedule_lr_decay with decay_rate 1 every 1000 epochs, 5000 epochs of 5 mini-batches, float64: rosetta
optimizers), against NumPy's course run (final cost 0.115819, train accuracy 0.9433; the course's LambdaLR +1.4e-17,
its rates equal to NumPy's over the 25000 updates):

- LambdaLR stepped per mini-batch: the rate first differs at update 1002 (epoch 200; the course halves it from
  epoch 1001) and ends at alpha0 / 25, the course's alpha0 / 5: final cost +1.6e-2, train accuracy -0.0100;
- LambdaLR(lambda epoch: schedule_lr_decay(1, epoch, ...)): from update 5001, the first of epoch 1000, one epoch
  before each of the course's halvings: final cost +2.2e-7, train accuracy +0.0000.
"""

import functools

import torch

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
    """The torch.optim optimizer of ``model``'s parameters whose step is the course's ``optimizer`` update."""
    optimizer, learning_rate = check_optimizer(optimizer), check_learning_rate(learning_rate)
    beta, beta1, beta2 = check_beta("beta", beta), check_beta("beta1", beta1), check_beta("beta2", beta2)
    epsilon = check_epsilon(epsilon)
    if optimizer == "gd":
        return torch.optim.SGD(model.parameters(), lr=learning_rate)  # p -= alpha g
    if optimizer == "momentum":
        # b = beta b + g, p -= lr b: v = (1 - beta) b, so lr = alpha (1 - beta) gives p -= alpha v from step 1
        return torch.optim.SGD(model.parameters(), lr=learning_rate * (1 - beta), momentum=beta)
    if optimizer == "rmsprop":
        # torch's alpha is the course's beta2 (the average's weight), its lr the course's alpha
        return torch.optim.RMSprop(model.parameters(), lr=learning_rate, alpha=beta2, eps=epsilon)
    return torch.optim.Adam(model.parameters(), lr=learning_rate, betas=(beta1, beta2), eps=epsilon)


# torch.optim as a learner naturally writes it for the course's optimizers (issue 25), each with its difference;
# train(..., config=name) runs one (rosetta optimizers measures them)
DEFAULTS = {  # name: function(model, learning_rate, beta, beta1, beta2, epsilon)
    # torch skips the dampening at step 1 (b = g): v_1 = g, not (1 - beta) g; the course's recurrence after it
    "SGD(momentum=beta, dampening=beta)":
        lambda model, lr, beta, *_: torch.optim.SGD(model.parameters(), lr=lr, momentum=beta, dampening=beta),
    # b = beta b + g without (1 - beta): each step is alpha b, b = v / (1 - beta), 10 times the course's
    "SGD(momentum=beta)": lambda model, lr, beta, *_: torch.optim.SGD(model.parameters(), lr=lr, momentum=beta),
    # alpha=0.99 where the course's beta2 is 0.999 (eps=1e-8 outside the root, as the course's)
    "RMSprop() defaults": lambda model, lr, *_: torch.optim.RMSprop(model.parameters(), lr=lr),
    # betas=(0.9, 0.999), eps=1e-8 outside the root: the course's Adam, its bias corrections rearranged
    "Adam() defaults": lambda model, lr, *_: torch.optim.Adam(model.parameters(), lr=lr),
}

# torch.optim.lr_scheduler as a learner naturally writes the course's decay (issue 25), each with its difference;
# train(..., schedule=name) runs one with the course's optimizer (rosetta optimizers measures them)
SCHEDULES = {  # name: (LambdaLR's factor of its count n, given decay(epoch_num) = alpha / alpha0; what n counts)
    # the course's LambdaLR with step() after every optimizer.step(): n counts updates (5 an epoch here), so update
    # k runs with decay(k - 2), the decay 5 times too fast: halved from update time_interval + 2, not the epoch
    "LambdaLR stepped per mini-batch": (lambda decay, n: _course(decay, n), "mini-batch"),
    # the course's function of LambdaLR's count, the epoch starting: epoch e runs with decay(e), where the course's
    # model, which decays at the end of epoch e - 1, runs it with decay(e - 1): one epoch early
    "LambdaLR(lambda epoch: schedule_lr_decay(1, epoch, ...))": (lambda decay, n: decay(n), "epoch"),
}


def train(X, Y, params, orders, optimizer="gd", learning_rate=0.0007, mini_batch_size=64, activation="relu",
          beta=0.9, beta1=0.9, beta2=0.999, epsilon=1e-8, decay_rate=0.0, time_interval=None, *, config="course",
          schedule="course"):
    """The course's model with nn.Linear layers, nn.BCEWithLogitsLoss, course_optimizer (or ``config``, a DEFAULTS
    name, at a constant rate) and LambdaLR (or ``schedule``, a SCHEDULES name): one epoch per order, one
    optimizer.step() per mini-batch, the scheduler stepped after each epoch; returns the final params and each
    epoch's cost (the losses' sum over m)."""
    check_arrays("deep_nn", X, params, Y, activation)
    optimizer, learning_rate = check_optimizer(optimizer), check_learning_rate(learning_rate)
    mini_batch_size, epsilon = check_mini_batch_size(mini_batch_size), check_epsilon(epsilon)
    beta, beta1, beta2 = check_beta("beta", beta), check_beta("beta1", beta1), check_beta("beta2", beta2)
    decay_rate, time_interval = check_lambd(decay_rate, "decay_rate"), check_time_interval(time_interval)
    L, m = len(params) // 2, X.shape[1]
    layer_dims = [params["W1"].shape[1]] + [params[f"W{l}"].shape[0] for l in range(1, L + 1)]
    model = layers.build(layer_dims, activation, dtype=str(X.dtype).removeprefix("torch."))
    model = layers.load_params(model, params)
    config = check_optimizer_config(config, DEFAULTS, optimizer, decay_rate)
    factor, per = SCHEDULES.get(check_schedule_config(schedule, SCHEDULES, decay_rate), (_course, "epoch"))
    torch_optimizer = _configured(model, config, optimizer, learning_rate, beta, beta1, beta2, epsilon)
    decay = functools.partial(_decay, decay_rate, time_interval)
    scheduler = torch.optim.lr_scheduler.LambdaLR(torch_optimizer, lambda n: factor(decay, n))
    costs = []
    for order in orders:
        total = X.new_zeros(())
        for X_t, Y_t in mini_batches(X, Y, order, mini_batch_size):
            J = layers.train_step(model, torch_optimizer, X_t, Y_t)  # the mini-batch's mean loss, before the step
            total = total + J * Y_t.shape[1]
            if per == "mini-batch":
                scheduler.step()  # the slip: alpha for the next update
        costs.append(total / m)
        if per == "epoch":
            scheduler.step()  # alpha for the next epoch, after this one as the course's
    return layers.export_params(model), torch.stack(costs) if costs else X.new_empty(0)


def _configured(model, config, optimizer, learning_rate, beta, beta1, beta2, epsilon):
    """The torch.optim optimizer of ``config``: course_optimizer's, or DEFAULTS[config]'s."""
    if config == "course":
        return course_optimizer(model, optimizer, learning_rate, beta, beta1, beta2, epsilon)
    return DEFAULTS[config](model, learning_rate, beta, beta1, beta2, epsilon)


def _decay(decay_rate, time_interval, epoch_num):
    """The course's alpha / alpha0 after epoch ``epoch_num``: update_lr's, or schedule_lr_decay's (1 without decay)."""
    if not decay_rate:
        return 1.0
    return update_lr(1.0, epoch_num, decay_rate) if time_interval is None else schedule_lr_decay(
        1.0, epoch_num, decay_rate, time_interval)


def _course(decay, n):
    """LambdaLR's factor in epoch n: the course's decay(n - 1), computed at the end of the epoch before (1 in epoch 0).
    LambdaLR multiplies each group's initial lr by it, momentum's alpha0 (1 - beta) too, so that lr stays
    alpha (1 - beta) for the decayed alpha."""
    return decay(n - 1) if n else 1.0


def _rates(schedule, learning_rate, decay_rate, time_interval, epochs, batches):
    """The learning rate of each of the epochs x batches updates of train(..., schedule=schedule): the scheduler's
    lr before each optimizer.step(), stepped as train steps it (rosetta optimizers compares them with the course's)."""
    factor, per = SCHEDULES.get(schedule, (_course, "epoch"))
    optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=learning_rate)  # a stand-in parameter
    decay = functools.partial(_decay, decay_rate, time_interval)
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda n: factor(decay, n))
    rates = []
    for _ in range(epochs):
        for _ in range(batches):
            rates.append(optimizer.param_groups[0]["lr"])
            optimizer.step()
            if per == "mini-batch":
                scheduler.step()
        if per == "epoch":
            scheduler.step()
    return rates


__all__ = ["course_optimizer", "DEFAULTS", "SCHEDULES", "train"]
