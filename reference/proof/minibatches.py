"""Course 2, week 2's training: an optimizer over mini-batches, in the course's orders, drawn once in NumPy.

The "Optimization Methods" notebook's model draws one permutation of the examples per epoch, seeding NumPy with
10 + 1 + epoch (its seed starts at 10 and grows by one before each epoch), and cuts it into mini-batches, the last
one partial. Every backend is handed the same orders, so that two runs differ only by the framework. An ensemble
member (ensemble.py) sees its examples in another order: its orders name the same examples in the same
mini-batches, each mini-batch's columns shuffled, so that the sums inside a mini-batch change order as another
framework's kernels would, and nothing else does.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from .. import validation as v

FIRST_SEED = 10  # the notebook's seed before its first epoch's increment


@dataclass(frozen=True)
class Optimization:
    """The optimizer ("gd", "momentum", "rmsprop" or "adam"), its hyperparameters, the mini-batches' size and the
    learning rate's decay after each epoch (update_lr's, or schedule_lr_decay's with ``time_interval``)."""

    optimizer: str = "gd"
    mini_batch_size: int = 64
    beta: float = 0.9
    beta1: float = 0.9
    beta2: float = 0.999
    epsilon: float = 1e-8
    decay_rate: float = 0.0
    time_interval: int | None = None

    def __post_init__(self):
        v.check_optimizer(self.optimizer)
        v.check_mini_batch_size(self.mini_batch_size)
        for name in ("beta", "beta1", "beta2"):
            v.check_beta(name, getattr(self, name))
        v.check_epsilon(self.epsilon)
        v.check_lambd(self.decay_rate, "decay_rate")
        v.check_time_interval(self.time_interval)

    @property
    def kwargs(self) -> dict:
        """What every backend's ``optimizers.train`` takes besides the data, the parameters, the orders and alpha."""
        return asdict(self)

    def __str__(self) -> str:
        shown = {"momentum": ("beta",), "rmsprop": ("beta2", "epsilon"),
                 "adam": ("beta1", "beta2", "epsilon")}.get(self.optimizer, ())
        parts = [self.optimizer, f"mini-batches of {self.mini_batch_size}",
                 *(f"{name} {getattr(self, name):g}" for name in shown)]
        if self.decay_rate:
            parts.append(f"decay_rate {self.decay_rate:g}" + (f" every {self.time_interval} epochs"
                                                              if self.time_interval else ""))
        return ", ".join(parts)


def orders(m: int, epochs: int, first: int = 0) -> list[np.ndarray]:
    """The course's permutation of m examples for each of ``epochs`` epochs from epoch ``first``."""
    import impl_numpy

    return [impl_numpy.optimizers.mini_batch_order(m, FIRST_SEED + 1 + epoch) for epoch in range(first,
                                                                                                 first + epochs)]


def member_orders(course_orders, order: np.ndarray, mini_batch_size: int,
                  rng: np.random.Generator) -> list[np.ndarray]:
    """The orders of an ensemble member whose examples are X[:, order]: the same examples in each mini-batch,
    each mini-batch's columns shuffled by ``rng``."""
    where = np.argsort(order)  # where[i]: the member's column of the course's example i
    moved = []
    for course in course_orders:
        member = where[np.asarray(course)]
        for start in range(0, len(member), mini_batch_size):
            member[start:start + mini_batch_size] = rng.permutation(member[start:start + mini_batch_size])
        moved.append(member)
    return moved


def from_args(args) -> Optimization | None:
    """The command line's --optimizer, --mini-batch-size, ... (None when neither of the first two is given: the
    course-1 full-batch gradient descent)."""
    if args.optimizer is None and args.mini_batch_size is None:
        return None
    return Optimization(args.optimizer or "gd", 64 if args.mini_batch_size is None else args.mini_batch_size,
                        args.beta, args.beta1, args.beta2, args.epsilon, args.decay_rate, args.time_interval)
