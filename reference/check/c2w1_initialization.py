"""Course 2, week 1, "Initialization": the course's three initializers, with its signatures.

Each takes ``layers_dims`` and returns ``parameters`` {"W1", "b1", ..., "WL", "bL"}, biases zero. The random ones
seed ``np.random.seed(3)`` themselves (the course's template does), so their weights are known exactly: the
expected values are impl_numpy.initializers' (``initialize_parameters(layers_dims, init, seed=3)``, the course's
``randn`` draws in its order), on the course's test sizes and on a 3-layer network (a loop written for one layer
shows), and the course's published outputs. A wrong scale or a missing seed is named from the same draws.
"""

from __future__ import annotations

import numpy as np

from . import published
from .context import Context, params_of
from .judge import FAIL, Outcome, entry, judge

DIMS = ([3, 2, 1], [4, 5, 3, 1])
SEED = 3  # the course's; Context.call leaves the generator at seed 1, as a notebook's earlier cell might


def _normals(dims: list[int], seed: int, uniform: bool = False) -> list[np.ndarray]:
    """The course's draws for W1, W2, ...: randn(n[l], n[l-1]) after np.random.seed(seed) (rand when uniform)."""
    rng = np.random.RandomState(seed)
    draw = rng.rand if uniform else rng.randn
    return [draw(dims[l], dims[l - 1]) for l in range(1, len(dims))]


def _mistakes(init: str, dims: list[int]) -> dict[str, list[tuple[str, np.ndarray]]]:
    """For each W[l], the weights a classic slip gives, from the same draws."""
    Z, unseeded, U = _normals(dims, SEED), _normals(dims, 1), _normals(dims, SEED, uniform=True)
    found: dict[str, list[tuple[str, np.ndarray]]] = {}
    for l in range(1, len(dims)):
        n_prev, n = dims[l - 1], dims[l]
        z = Z[l - 1]
        if init == "random":
            found[f"W{l}"] = [("randn * 0.01, Step by Step's scale, where * 10 belongs", z * 0.01),
                              ("randn unscaled: the * 10 is missing", z),
                              ("np.random.rand (uniform on [0, 1)) where randn belongs", U[l - 1] * 10),
                              ("np.random.seed(3) missing: the draws follow the notebook's earlier ones",
                               unseeded[l - 1] * 10)]
        else:
            found[f"W{l}"] = [("sqrt(1 / n[l-1]) (Xavier's) where He's sqrt(2 / n[l-1]) belongs",
                               z * np.sqrt(1 / n_prev)),
                              ("sqrt(2 / n[l]): the layer's own size where n[l-1] belongs", z * np.sqrt(2 / n)),
                              ("2 / n[l-1] without the square root", z * 2 / n_prev),
                              ("randn * 10, initialize_parameters_random's scale", z * 10),
                              ("np.random.rand (uniform on [0, 1)) where randn belongs",
                               U[l - 1] * np.sqrt(2 / n_prev)),
                              ("np.random.seed(3) missing: the draws follow the notebook's earlier ones",
                               unseeded[l - 1] * np.sqrt(2 / n_prev))]
    return found


def _check(name: str, init: str, published_args=None, published_values=None):
    def check(ctx: Context, fn):
        from impl_numpy import initializers

        for dims in DIMS:
            params = params_of(ctx.call(fn, list(dims)), "parameters")
            expected = initializers.initialize_parameters(dims, init, seed=SEED)
            mistakes = _mistakes(init, dims) if init != "zeros" else {}
            for key, value in expected.items():
                yield judge(name, f"{key} {dims}", entry(params, key, "parameters"), value, m=1,
                            mistakes=mistakes.get(key, ()))
            extra = sorted(set(params) - set(expected))
            if extra:
                yield Outcome(name, str(dims), FAIL, f"unexpected keys {extra}")
        if published_args is not None:
            params = params_of(ctx.call(fn, *published_args), "parameters")
            for key, value in published_values.items():
                yield judge(name, f"published {key}", entry(params, key, "parameters"), value, m=1, kind="published")
    return check


CHECKS = {"initialize_parameters_zeros": _check("initialize_parameters_zeros", "zeros"),
          "initialize_parameters_random": _check("initialize_parameters_random", "random",
                                                 published.INITIALIZE_RANDOM_ARGS, published.INITIALIZE_RANDOM),
          "initialize_parameters_he": _check("initialize_parameters_he", "he", published.INITIALIZE_HE_ARGS,
                                             published.INITIALIZE_HE)}
