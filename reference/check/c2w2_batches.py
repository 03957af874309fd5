"""Course 2, week 2, "Optimization Methods": random_mini_batches, and the later release's update_lr and
schedule_lr_decay, with the course's signatures and their named slips.

Expected values come from impl_numpy.optimizers; the named mistakes are computed here, in NumPy, only to name a
result impl_numpy's already rejected.

- random_mini_batches runs on the notebook's m = 148 in batches of 64 (64, 64, 20), and on m = 20 in batches of 5
  (a multiple: no partial batch; a 64 written in shows); X[r, i] = r m + i, so that every column names its example.
- update_lr and schedule_lr_decay run at the notebook's values, and where the floor, a ceiling and epoch_num + 1
  differ.
"""

from __future__ import annotations

import math

import numpy as np

from .context import Context
from .judge import FAIL, PASS, Outcome, Unreadable, judge, kind_of, to_numpy

BATCHES = ((148, 64, 0), (20, 5, 3))          # m, mini_batch_size, seed
UPDATE_LR = ((0.5, 2, 1), (0.5, 4, 0.3))      # learning_rate0, epoch_num, decay_rate (the first is the notebook's)
SCHEDULE = ((0.5, 10, 0.3, 100), (0.5, 100, 0.3, 100), (0.5, 150, 0.3, 100), (0.5, 3, 0.3, 1))


def _count(function: str, quantity: str, got: list, expected: list, candidates) -> Outcome:
    sizes = [int(np.shape(to_numpy(x))[-1]) if np.ndim(to_numpy(x)) else 0 for x, _ in got]
    wanted = [x.shape[1] for x, _ in expected]
    if sizes == wanted:
        return Outcome(function, quantity, PASS, f"{len(wanted)} mini-batches of {', '.join(map(str, wanted))}")
    words = next((f"{words}; " for words, batches in candidates if [x.shape[1] for x, _ in batches] == sizes), "")
    return Outcome(function, quantity, FAIL, f"{words}{len(sizes)} mini-batches of {', '.join(map(str, sizes))}, "
                                             f"expected {', '.join(map(str, wanted))}")


def _batches(got) -> list:
    """The learner's mini_batches as [(mini_batch_X, mini_batch_Y), ...]."""
    if not isinstance(got, (list, tuple)) or not all(isinstance(b, (list, tuple)) and len(b) == 2 for b in got):
        raise Unreadable(f"expected mini_batches, a list of (mini_batch_X, mini_batch_Y), got {kind_of(got)}")
    return list(got)


def check_random_mini_batches(ctx: Context, fn):
    from impl_numpy import optimizers

    name = "random_mini_batches"
    for m, size, seed in BATCHES:
        X = np.arange(3 * m, dtype=np.float64).reshape(3, m)  # X[r, i] = r m + i: each column names its example
        Y = np.random.default_rng(seed).integers(0, 2, (1, m)).astype(np.float64)
        expected = optimizers.random_mini_batches(X, Y, size, seed)
        rng = np.random.RandomState(seed)  # noqa: NPY002  (the course's permutation, drawn twice)
        first, second = rng.permutation(m), rng.permutation(m)
        unseeded = optimizers.mini_batches(X, Y, optimizers.mini_batch_order(m, 1), size)  # Context.call seeds 1
        others = optimizers.mini_batches(X, Y[:, second[np.argsort(first)]], first, size)  # Y[:, second] in slices
        unshuffled = optimizers.mini_batches(X, Y[:, np.argsort(first)], first, size)      # Y in order, in slices
        candidates = [("the last mini-batch twice", [*expected, expected[-1]]),
                      ("64 written where mini_batch_size belongs", optimizers.random_mini_batches(X, Y, 64, seed))]
        if m % size:
            candidates.append((f"the last, partial mini-batch dropped (m = {m} is not a multiple of {size})",
                               expected[:-1]))
        else:
            candidates.append(("an empty mini-batch at the end (m is a multiple of mini_batch_size: there is no "
                               "partial one)", [*expected, (X[:, :0], Y[:, :0])]))
        got = _batches(ctx.call(fn, ctx.array(X), ctx.array(Y), size, seed))
        tag = f"m={m} "
        yield _count(name, tag + "count", got, expected, candidates)
        for part, index, mistakes in (("X", 0, [("np.random.seed(seed) missing", unseeded)]),
                                      ("Y", 1, [("the permutation applied to X and not to Y", unshuffled),
                                                ("Y shuffled by another permutation than X (np.random.permutation "
                                                 "called twice)", others), ("np.random.seed(seed) missing",
                                                                            unseeded)])):
            outcome = Outcome(name, tag + part, PASS, f"every mini-batch's {part} the course's, in order")
            for k, (mine, theirs) in enumerate(zip(got, expected, strict=False)):
                named = [(words, batches[k][index]) for words, batches in mistakes]
                found = judge(name, tag + part, mine[index], theirs[index], 1, named, kind="oracle")
                if found.status != PASS:
                    found.detail = f"mini-batch {k + 1}: {found.detail}"
                    outcome = found
                    break
            yield outcome


def check_update_lr(ctx: Context, fn):
    from impl_numpy import optimizers

    for rate, epoch, decay in UPDATE_LR:
        mistakes = [("epoch_num + 1 where epoch_num belongs", rate / (1 + decay * (epoch + 1))),
                    ("learning_rate0 * decay_rate^epoch_num: an exponential decay, not 1 / (1 + decay_rate epoch_num)",
                     rate * decay ** epoch),
                    ("learning_rate0 missing: 1 / (1 + decay_rate epoch_num)", 1 / (1 + decay * epoch)),
                    ("parentheses missing: learning_rate0 / 1 + decay_rate epoch_num", rate / 1 + decay * epoch)]
        yield judge("update_lr", f"epoch {epoch}", ctx.call(fn, rate, epoch, decay),
                    optimizers.update_lr(rate, epoch, decay), 1, mistakes)


def check_schedule_lr_decay(ctx: Context, fn):
    from impl_numpy import optimizers

    for rate, epoch, decay, interval in SCHEDULE:
        mistakes = [("the floor missing: epoch_num / time_interval", rate / (1 + decay * epoch / interval)),
                    ("rounded up (math.ceil, or round) where the floor belongs",
                     rate / (1 + decay * math.ceil(epoch / interval))),
                    ("epoch_num + 1 where epoch_num belongs", rate / (1 + decay * math.floor((epoch + 1) / interval))),
                    ("time_interval ignored: update_lr's 1 / (1 + decay_rate epoch_num)", rate / (1 + decay * epoch))]
        yield judge("schedule_lr_decay", f"epoch {epoch} of {interval}", ctx.call(fn, rate, epoch, decay, interval),
                    optimizers.schedule_lr_decay(rate, epoch, decay, interval), 1, mistakes)
