"""The command line's argument types and the option groups several commands share (reference/cli.py parses).

- ``_list`` and ``_number``: argparse types, with the expected and the actual in their one-line errors;
- ``data_sources``: --dataset and the course's files a user brings;
- ``regularization_options``: course 2, week 1's --lambd and --keep-prob;
- ``optimizer_options``: course 2, week 2's --optimizer, --mini-batch-size and the optimizers' hyperparameters.
"""

from __future__ import annotations

import argparse

from .. import data
from ..validation import OPTIMIZERS


def _list(choices):
    def parse(text):
        items = [item.strip() for item in text.split(",") if item.strip()]
        unknown = [item for item in items if item not in choices]
        if unknown or not items:
            raise argparse.ArgumentTypeError(f"expected a comma-separated list of {', '.join(choices)}, got {text!r}")
        return items
    return parse


def _number(kind, low, what, high=None):
    """An argparse type: ``kind`` (int or float), finite, above ``low`` (or at least 0 when ``low`` is None) and at most
    ``high``."""
    def parse(text):
        try:
            value = kind(text)
        except ValueError:
            value = None
        if value is None or value != value or value in (float("inf"), float("-inf")) or \
                (value <= low if low is not None else value < 0) or (high is not None and value > high):
            raise argparse.ArgumentTypeError(f"expected {what}, got {text!r}")
        return value
    return parse


def data_sources(sub, default: str = "planar") -> None:
    """--dataset, and the course's files a user brings: the cat pictures' HDF5 files, course 2's data.mat."""
    sub.add_argument("--dataset", choices=(*data.DATASETS, "cat"), default=None,
                     help=f"{', '.join(data.DATASETS)}, or cat with --cat-train and --cat-test (default: {default})")
    sub.add_argument("--cat-train", metavar="H5", help="the course's train_catvnoncat.h5 (implies --dataset cat)")
    sub.add_argument("--cat-test", metavar="H5", help="the course's test_catvnoncat.h5 (implies --dataset cat)")
    sub.add_argument("--data-mat", metavar="MAT", help="the course's datasets/data.mat (implies --dataset football)")


def regularization_options(sub, whose: str) -> None:
    """Course 2, week 1's --lambd and --keep-prob."""
    sub.add_argument("--lambd", type=_number(float, None, "a number >= 0"), default=0.0,
                     help=f"L2 regularization's lambda on {whose} weights, J + lambd/(2m) sum ||W||^2 (default: 0)")
    sub.add_argument("--keep-prob", default=1.0, type=_number(float, 0.0, "a keep probability in (0, 1] (1 - the "
                                                                           "rate frameworks call p)", high=1.0),
                     help="inverted dropout's keep probability on the hidden layers, in (0, 1]; frameworks' p or "
                          "rate is 1 - keep_prob; the masks are drawn once, as the course's notebook (default: 1)")


def optimizer_options(sub, whose: str) -> None:
    """Course 2, week 2's --optimizer, --mini-batch-size, --beta, --beta1, --beta2, --epsilon, --decay-rate and
    --time-interval (reference/proof/minibatches.py's Optimization)."""
    def probability(text):  # an exponentially weighted average's beta, as validation.check_beta
        value = _number(float, None, "a number in [0, 1)", high=1.0)(text)
        if value == 1.0:
            raise argparse.ArgumentTypeError(f"expected a number in [0, 1), got {text!r}")
        return value

    sub.add_argument("--optimizer", choices=OPTIMIZERS, default=None,
                     help=f"train {whose} with the course's optimizer over mini-batches in the course's orders, "
                          "--iterations then counting epochs (default: full-batch gradient descent, course 1's)")
    sub.add_argument("--mini-batch-size", type=_number(int, 0, "a positive integer"), default=None,
                     help="examples per mini-batch, the last one partial (default: 64 with --optimizer)")
    sub.add_argument("--beta", type=probability, default=0.9, help="momentum's beta (default: 0.9)")
    sub.add_argument("--beta1", type=probability, default=0.9, help="Adam's beta1 (default: 0.9)")
    sub.add_argument("--beta2", type=probability, default=0.999,
                     help="RMSprop's and Adam's beta2 (default: 0.999)")
    sub.add_argument("--epsilon", type=_number(float, 0.0, "a positive number"), default=1e-8,
                     help="RMSprop's and Adam's epsilon, outside the square root (default: 1e-8)")
    sub.add_argument("--decay-rate", type=_number(float, None, "a number >= 0"), default=0.0,
                     help="learning-rate decay after each epoch, alpha0 / (1 + decay_rate epoch) (default: 0)")
    sub.add_argument("--time-interval", type=_number(int, 0, "a positive integer"), default=None,
                     help="with --decay-rate: decay in steps every this many epochs (schedule_lr_decay)")
