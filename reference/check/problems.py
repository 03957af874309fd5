"""The problems a learner's functions are called on: small, but where the course's classic mistakes show.

Every problem has several examples of both classes, non-zero biases and pre-activations on both sides of 0 in
every unit (so relu'(Z) is 0 for some examples and 1 for others, and a missing b or a missing sigmoid changes a
prediction); the deep one has 3 hidden layers, so that a loop written for 2 layers shows. The seed is searched,
in order from 0, until all of that holds, so the problems are the same on every run. Expected values come from
the loop oracle (reference/proof/oracle.py), in float64.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from ..proof import oracle

Y_PATTERN = np.array([[0.0, 1.0, 1.0, 0.0, 1.0, 0.0, 0.0, 1.0]])  # 8 examples, 4 of each class


@dataclass
class Problem:
    """X (n_x, m), Y (1, m) and the parameters W1, b1, ... in the course's shapes, float64 NumPy."""

    X: np.ndarray
    Y: np.ndarray
    params: dict[str, np.ndarray]
    activation: str = "relu"   # the hidden layers'; the output layer is a sigmoid unit
    seed: int = 0
    notes: dict = field(default_factory=dict)

    @property
    def m(self) -> int:
        return self.X.shape[1]

    @property
    def L(self) -> int:
        return len(self.params) // 2

    @property
    def dims(self) -> list[int]:
        return [self.X.shape[0], *(self.params[f"W{l}"].shape[0] for l in range(1, self.L + 1))]

    @functools.cached_property
    def cache(self) -> dict[str, np.ndarray]:
        """The oracle's A0, Z1, A1, ..., ZL, AL."""
        _, cache = oracle.forward_propagation(self.X, self.params, self.activation)
        return {key: np.array(value) for key, value in cache.items()}

    @property
    def AL(self) -> np.ndarray:
        return self.cache[f"A{self.L}"]

    @functools.cached_property
    def cost(self) -> float:
        return oracle.compute_cost(self.AL, self.Y)

    @functools.cached_property
    def backward(self) -> tuple[dict[str, np.ndarray], dict[int, np.ndarray]]:
        """The oracle's gradients: dW[l], db[l] and dA[l-1] for every layer l, and dZ[l]."""
        grads: dict[str, np.ndarray] = {}
        dZ = {self.L: self.AL - self.Y}
        for l in range(self.L, 0, -1):
            dA_prev, dW, db = oracle.linear_backward(dZ[l], self.cache[f"A{l - 1}"], self.params[f"W{l}"])
            grads[f"dA{l - 1}"], grads[f"dW{l}"], grads[f"db{l}"] = map(np.array, (dA_prev, dW, db))
            if l > 1:
                dZ[l - 1] = np.array(oracle.activation_backward(dA_prev, self.cache[f"Z{l - 1}"], self.activation))
        return grads, dZ

    @property
    def grads(self) -> dict[str, np.ndarray]:
        """dW[l], db[l] for every layer, and dA[l] (the gradient with respect to A[l]) for l = 0 .. L - 1."""
        return self.backward[0]

    def dZ(self, l: int) -> np.ndarray:
        """dZ[l]: A[L] - Y at the output, dA[l] g'(Z[l]) below."""
        return self.backward[1][l]

    def labels(self) -> np.ndarray:
        """The course's predictions: 1 where A[L] > 0.5."""
        return (self.AL > 0.5).astype(np.float64)

    def trained(self, learning_rate: float, num_iterations: int, params=None) -> tuple[dict, list[float]]:
        """The oracle's batch gradient descent from ``params`` (default: this problem's)."""
        final, costs = oracle.train(self.X, self.Y, params or self.params, learning_rate, num_iterations,
                                    self.activation)
        return {k: np.array(v) for k, v in final.items()}, costs


def _draw(dims: list[int], activation: str, seed: int, m: int) -> Problem:
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((dims[0], m))
    params = {}
    for l in range(1, len(dims)):
        params[f"W{l}"] = rng.standard_normal((dims[l], dims[l - 1])) / np.sqrt(dims[l - 1])
        params[f"b{l}"] = rng.standard_normal((dims[l], 1)) * 0.5
    return Problem(X, Y_PATTERN[:, :m].copy(), params, activation, seed)


def _both_signs(Z: np.ndarray, every_unit: bool) -> bool:
    """Examples on both sides of 0 (in every unit, or in the layer), none at 0 or within 1e-3 of it."""
    positive, negative = (Z > 0.05).any(axis=1), (Z < -0.05).any(axis=1)
    sides = np.all(positive & negative) if every_unit else positive.any() and negative.any()
    return bool(sides and np.all(np.abs(Z) > 1e-3))


def search(dims: list[int], activation: str, condition: Callable[[Problem], bool], m: int = 8) -> Problem:
    """The first seed from 0 whose problem meets ``condition`` and has both signs where they matter: in every
    unit of a relu or leaky relu layer (where g' is 0 or 1), in every other layer as a whole."""
    for seed in range(10_000):
        p = _draw(dims, activation, seed, m)
        every_unit = {l: l < p.L and activation in ("relu", "leaky_relu") for l in range(1, p.L + 1)}
        if all(_both_signs(p.cache[f"Z{l}"], every_unit[l]) for l in range(1, p.L + 1)) and condition(p):
            return p
    raise RuntimeError(f"no problem with layer sizes {dims} meets the conditions")  # pragma: no cover


def _predict_mistakes_show(p: Problem) -> bool:
    """Thresholding Z instead of A, or dropping b, changes at least one prediction, and not the same ones."""
    Z, W = p.cache[f"Z{p.L}"], p.params[f"W{p.L}"]
    A_prev = p.cache[f"A{p.L - 1}"]
    labels = p.labels()
    no_sigmoid, no_b = Z > 0.5, W @ A_prev > 0
    return bool(np.any(no_sigmoid != labels) and np.any(no_b != labels) and np.any(no_sigmoid != no_b)
                and np.all(np.abs(Z) > 0.05))


@functools.cache
def logistic() -> Problem:
    """Week 2: n_x = 4, m = 8, w = W1.T (4, 1), b = b1[0, 0]."""
    return search([4, 1], "sigmoid", _predict_mistakes_show)


@functools.cache
def shallow() -> Problem:
    """Week 3: n_x = 3, n_h = 4, n_y = 1, tanh hidden units, m = 8."""
    return search([3, 4, 1], "tanh", _predict_mistakes_show)


@functools.cache
def deep() -> Problem:
    """Week 4: layer sizes [4, 5, 4, 3, 1] (3 hidden layers), relu hidden units, m = 8."""
    return search([4, 5, 4, 3, 1], "relu", lambda p: True)


@functools.cache
def two_layer() -> Problem:
    """The application's two-layer model: [4, 5, 1], relu hidden units."""
    return search([4, 5, 1], "relu", lambda p: True)


KEEP_PROBS = (0.7, 0.8)  # Course 2's dropout test cells': forward_propagation_with_dropout's, then backward's


def course_masks(dims: list[int], m: int, keep_prob: float, layers: int | None = None) -> dict[str, np.ndarray]:
    """The masks the course's notebook draws: ``np.random.seed(1)``, then D[l] = rand(n[l], m) < keep_prob for
    the hidden layers in order (``layers`` of them: one more is the output layer's)."""
    rng = np.random.RandomState(1)
    count = len(dims) - 2 if layers is None else layers
    return {f"D{l}": (rng.rand(dims[l], m) < keep_prob).astype(np.float64) for l in range(1, count + 1)}


def _course2_mistakes_show(p: Problem) -> bool:
    """Every pre-activation at least 0.05 from 0 (a step of 1e-3 in a parameter, gradient checking's larger
    epsilon, crosses no kink of relu), and in each hidden layer the course's masks drop units where Z > 0 (so a
    mask left out of the backward pass shows) and keep others."""
    if not all(np.all(np.abs(p.cache[f"Z{l}"]) > 0.05) for l in range(1, p.L + 1)):
        return False
    for keep_prob in KEEP_PROBS:
        masks = course_masks(p.dims, p.m, keep_prob)
        for l in range(1, p.L):
            D, Z = masks[f"D{l}"], p.cache[f"Z{l}"]
            if not (np.any((D == 0) & (Z > 0)) and np.any((D == 1) & (Z > 0))):
                return False
    return True


@functools.cache
def three_layer() -> Problem:
    """Course 2, week 1: the assignments' LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID at [4, 5, 3, 1]
    (gc_utils' vector_to_dictionary is written for these sizes), m = 8."""
    return search([4, 5, 3, 1], "relu", _course2_mistakes_show)
