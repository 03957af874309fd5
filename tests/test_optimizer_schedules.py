"""Each framework's learning-rate decay as learners write it (impl_*/own_optimizers.SCHEDULES) against the course's,
which decays after each epoch: every slip leaves the tolerance table from NumPy's course run at the update that the
schedules' math predicts, and train refuses a schedule it does not know, or one with no decay to get wrong. The
course's own schedule in every framework is within the table in tests/test_optimizers.py (the decayed runs of
test_the_frameworks_own_optimizer_is_the_courses), so it is not run again here.

Expected numbers: the math below, and NumPy's impl_numpy.optimizers.train, the course's model (itself checked
against the notebook's published runs in tests/test_optimizers.py).

The run: the notebook's moons, He start and orders (300 examples in mini-batches of 64: 5 updates an epoch), gd at
alpha0 = 0.0625 for 4 epochs with decay_rate 1 and time_interval 3, float64. alpha0 is a power of two, so Keras'
float32 schedules hold alpha0 and alpha0 / 2 exactly and a slip differs only where its count says. The course runs
epoch e with decay(e - 1) = alpha0 / (1 + floor((e - 1) / 3)) (alpha0 in epoch 0), computed at the end of epoch
e - 1: alpha0 in all 4 epochs (halved from epoch 4). An epoch's cost sums the losses before each of its updates, so
a first different update k shows first in the loss before update k + 1, in epoch k // 5:

- counting updates (Keras' decay_steps=time_interval, optax's count // time_interval): update k runs at count k - 1,
  alpha0 / (1 + floor((k - 1) / 3)), halved from update 4: epoch 0's cost;
- torch's LambdaLR stepped per mini-batch: update k runs at LambdaLR's count n = k - 1 with the course's factor
  decay(n - 1), floor((k - 2) / 3): halved from update 5, epoch 1's cost;
- counting epochs from the one starting (torch's LambdaLR of schedule_lr_decay(1, epoch), Keras' decay_steps =
  time_interval * batches, optax's count // (time_interval * batches)): epoch e runs with decay(e), halved from
  epoch 3, its first update 16: epoch 3's cost.
"""

import functools
import re

import numpy as np
import pytest

from reference.proof.tolerances import compare
from tests.test_optimizers import FRAMEWORKS, O, moons, orders, require, start

ALPHA0, DECAY, EPOCHS, BATCHES = 0.0625, {"decay_rate": 1.0, "time_interval": 3}, 4, 5

FIRST_UPDATE = {  # each SCHEDULES entry: the first update (from 1) not at the course's alpha, from the math above
    "LambdaLR stepped per mini-batch": 5,
    "LambdaLR(lambda epoch: schedule_lr_decay(1, epoch, ...))": 16,
    "InverseTimeDecay(decay_steps=time_interval)": 4,
    "InverseTimeDecay(decay_steps=time_interval * batches)": 16,
    "alpha0 / (1 + decay_rate * (count // time_interval))": 4,
    "alpha0 / (1 + decay_rate * (count // (time_interval * batches)))": 16,
}


@functools.cache
def course_costs():
    X, Y = moons()
    return O.train(X, Y, start(), orders(EPOCHS), "gd", ALPHA0, **DECAY)[1]


def own_run(B, **options):
    X, Y = moons()
    return B.own_optimizers.train(B.asarray(X), B.asarray(Y), {k: B.asarray(v) for k, v in start().items()},
                                  orders(EPOCHS), "gd", ALPHA0, **options)


@pytest.mark.parametrize("backend", FRAMEWORKS)
def test_each_schedule_slip_leaves_the_course_where_the_math_says(backend):
    """Its learning rates (what rosetta optimizers compares) are alpha0 until FIRST_UPDATE, then alpha0 / 2; its
    costs are within the float64 table before the epoch that update shows in, and out of it in that epoch."""
    B = require(backend)
    assert set(B.own_optimizers.SCHEDULES) <= set(FIRST_UPDATE), "a schedule with no predicted first update"
    expected = course_costs()
    for name, first in ((n, FIRST_UPDATE[n]) for n in B.own_optimizers.SCHEDULES):
        with B.precision("float64"):
            rates = np.asarray(B.own_optimizers._rates(name, ALPHA0, **DECAY, epochs=EPOCHS, batches=BATCHES))
            costs = B.to_numpy(own_run(B, **DECAY, schedule=name)[1])
        differing = np.flatnonzero(rates != ALPHA0) + 1  # the updates (from 1) not at alpha0
        assert differing[:1].tolist() == [first] and rates[first - 1] == ALPHA0 / 2, (name, rates)
        shown = first // BATCHES  # the loss before update first + 1
        assert compare(costs[:shown], expected[:shown], "float64", "training_costs").ok, (name, costs, expected)
        assert not compare(costs[shown], expected[shown], "float64", "training_costs").ok, (name, costs, expected)


def test_keras_schedules_compute_in_float32():
    """InverseTimeDecay computes in its initial rate's dtype, float32 for a Python float: the notebook's 0.1 is
    float32(0.1) = 0.100000001 from the first update, which is why rosetta optimizers finds Keras' schedule rows
    differing at update 1 in float64."""
    B = require("tf")
    for name in B.own_optimizers.SCHEDULES:
        assert B.own_optimizers._rates(name, 0.1, 1.0, 1000, 1, BATCHES)[0] == float(np.float32(0.1)) != 0.1, name


@pytest.mark.parametrize("backend", FRAMEWORKS)
def test_a_schedule_unknown_or_without_decay_is_refused(backend):
    """The one-line error naming the argument, what was expected and what was got, from every backend."""
    B = require(backend)
    slip = next(iter(B.own_optimizers.SCHEDULES))
    cases = [({**DECAY, "schedule": "per epoch"},
              r"schedule: expected 'course' or one of \[.+\], got 'per epoch'$"),
             ({"schedule": slip}, re.escape(f"schedule {slip!r}: expected decay_rate > 0, got decay_rate=0.0") + "$")]
    with B.precision("float64"):
        for options, message in cases:
            with pytest.raises(ValueError, match=message) as raised:
                own_run(B, **options)
            assert "\n" not in str(raised.value)
