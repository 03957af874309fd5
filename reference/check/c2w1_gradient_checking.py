"""Course 2, week 1, "Gradient Checking": the 1-D check of J(theta) = theta x, and the check of the 3-layer
network's backward pass, with the course's signatures.

``forward_propagation(x, theta)`` and ``backward_propagation(x, theta)`` run on x = 3, theta = 4 (the newer
release's test); ``forward_propagation_n(X, Y, parameters)`` and ``backward_propagation_n(X, Y, cache)`` on
problems.three_layer() ([4, 5, 3, 1], the sizes gc_utils' vector_to_dictionary is written for), against the loop
oracle. The notebook hands out backward_propagation_n with two planted mistakes, dW2 doubled and 4/m in db1, for
gradient_check_n to find: a file that still has them gets them named.

A check returns difference = ||grad - gradapprox|| / (||grad|| + ||gradapprox||); for a right gradient at the
course's epsilon = 1e-7 that is rounding noise: about 3e-9 here, 1.2e-7 on the notebook's test case, where A3
reaches 0.9989 and the cost's log(1 - A3) loses three digits (from the logits, impl_numpy gets 1e-9 there). So it
is judged three ways:

- right gradients at epsilon = 1e-7: below the notebook's threshold, 2e-7 (gradient_check's older release said
  1e-7, and its J = theta x leaves 1e-10: 1e-7 there);
- wrong gradients (the notebook's planted ones; for gradient_check, a backward_propagation of 3x): the number,
  against impl_numpy.gradient_check (rtol 1e-5: at epsilon = 1e-7 each gradapprox entry carries the rounding of
  J, 1e-16 / 1e-7 = 1e-9, against errors of 1e-2 and more, so the difference is known to about 1e-7);
- right gradients at epsilon = 1e-3: the number, the centred difference's truncation O(epsilon^2), about 5e-8
  here (rtol 1e-2: the rounding of J adds 1e-16 / 1e-3 = 1e-13 a parameter, 1e-6 of it). One-sided differences
  are O(epsilon) off, about 1e-3, and say so only here, where epsilon is large enough to tell.
"""

from __future__ import annotations

import functools

import numpy as np

from . import problems, week4
from .confined.causes import MISSING
from .context import Context
from .judge import ERROR, FAIL, PASS, SKIP, Outcome, Unreadable, entry, judge, to_numpy, unpack

X_1D, THETA_1D = 3, 4
EPSILON, LARGE_EPSILON = 1e-7, 1e-3
THRESHOLD, THRESHOLD_1D = 2e-7, 1e-7  # the notebook's: above it, "There is a mistake in the backward propagation!"
RTOL_WRONG, RTOL_LARGE = 1e-5, 1e-2   # the module docstring says why
CACHE = "cache (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)"
PLANTED = {"dW2": ("the notebook's planted dW2 * 2, still in (gradient_check_n is there to find it)", 2.0),
           "db1": ("the notebook's planted 4./m in db1, still in (gradient_check_n is there to find it)", 4.0)}


def _read(function: str, quantity: str, got) -> float | Outcome:
    """A learner's difference as a float (a number, or an array of one), or the outcome that says why not."""
    if got is MISSING:
        return Outcome(function, quantity, SKIP, "not computed")
    try:
        array = to_numpy(got)
    except Unreadable as exc:
        return Outcome(function, quantity, ERROR, f"could not read the result: {exc}")
    if array.size != 1:
        return Outcome(function, quantity, ERROR, f"expected the difference, a number, got shape {array.shape}")
    return float(array.reshape(()))


def _named(value: float, mistakes, rtol: float) -> str:
    """The words of the first mistake whose difference ``value`` is, within ``rtol``; then "; "."""
    return next((f"{words}; " for words, wrong in mistakes if np.isclose(value, wrong, rtol=rtol, atol=0.0)), "")


def _below(function: str, quantity: str, got, threshold: float, mistakes, why: str) -> Outcome:
    """A right gradient's difference: below the notebook's threshold."""
    value = _read(function, quantity, got)
    if isinstance(value, Outcome):
        return value
    if np.isfinite(value) and value < threshold:
        return Outcome(function, quantity, PASS, f"{value:.2e}, below the notebook's {threshold:g}{why}")
    return Outcome(function, quantity, FAIL, f"{_named(value, mistakes, 1e-6)}{value:.3g}, above the notebook's "
                                             f"{threshold:g}{why}: a right gradient reads as wrong")


def _equal(function: str, quantity: str, got, expected: float, rtol: float, mistakes, why: str) -> Outcome:
    """A difference that is a number, not noise: ``expected`` within ``rtol``."""
    value = _read(function, quantity, got)
    if isinstance(value, Outcome):
        return value
    if np.isfinite(value) and np.isclose(value, expected, rtol=rtol, atol=0.0):
        return Outcome(function, quantity, PASS, f"{value:.6g}, expected {expected:.6g}{why}")
    return Outcome(function, quantity, FAIL, f"{_named(value, mistakes, rtol)}{value:.6g}, expected {expected:.6g}"
                                             f"{why}")


def _norms(grad: np.ndarray, gradapprox: np.ndarray) -> tuple[float, float]:
    """The course's difference, and its numerator alone."""
    numerator = float(np.linalg.norm(grad - gradapprox))
    return numerator / float(np.linalg.norm(grad) + np.linalg.norm(gradapprox)), numerator


def check_forward_propagation(ctx: Context, fn):
    mistakes = [("theta + x where theta x belongs", THETA_1D + X_1D)]
    yield judge("forward_propagation", "J", ctx.call(fn, X_1D, THETA_1D), THETA_1D * X_1D, m=1, mistakes=mistakes)


def check_backward_propagation(ctx: Context, fn):
    mistakes = [("theta where x belongs: dJ/dtheta = x", THETA_1D),
                ("J = theta x, not its derivative", THETA_1D * X_1D)]
    yield judge("backward_propagation", "dtheta", ctx.call(fn, X_1D, THETA_1D), X_1D, m=1, mistakes=mistakes)


def _tripled(x, theta):
    """A wrong backward_propagation(x, theta), for a gradient check to catch: 3x where x belongs."""
    return 3 * x


def check_gradient_check(ctx: Context, fn):
    mistakes = [("the 2 of 2 epsilon missing: (J_plus - J_minus) / epsilon", 1 / 3),
                ("gradapprox of the wrong sign, or 0: J_plus and J_minus swapped, or both at the same theta", 1.0)]
    yield _below("gradient_check", "right", ctx.call(fn, X_1D, THETA_1D, EPSILON), THRESHOLD_1D, mistakes,
                 " for J = theta x's right derivative")
    if "backward_propagation" not in fn.facts["globals"]:
        return  # it writes the derivative inline: a wrong one cannot be put in its place
    gradapprox = ((THETA_1D + EPSILON) * X_1D - (THETA_1D - EPSILON) * X_1D) / (2 * EPSILON)
    expected, numerator = _norms(np.array(3.0 * X_1D), np.array(gradapprox))
    mistakes = [("without the normalization: ||grad - gradapprox|| alone", numerator),
                ("the 2 of 2 epsilon missing: (J_plus - J_minus) / epsilon",
                 _norms(np.array(3.0 * X_1D), np.array(2 * gradapprox))[0]),
                ("grad is not backward_propagation's (grad = gradapprox?)", 0.0)]
    with fn.runner.replaced(fn, {"backward_propagation": _tripled}):
        got = ctx.call(fn, X_1D, THETA_1D, EPSILON)
    yield _equal("gradient_check", "wrong", got, expected, RTOL_WRONG, mistakes,
                 " with a backward_propagation of 3x in place of x")


def _course_cache(ctx: Context, p: problems.Problem) -> tuple:
    names = [n for l in range(1, p.L + 1) for n in (f"Z{l}", f"A{l}", f"W{l}", f"b{l}")]
    return tuple(ctx.array(p.params[n] if n[0] in "Wb" else p.cache[n]) for n in names)


def _output(p: problems.Problem, hidden, output) -> np.ndarray:
    """A3 with other activations: a hidden one for relu, an output one for the sigmoid."""
    A = p.X
    for l in range(1, p.L + 1):
        A = (hidden if l < p.L else output)(p.params[f"W{l}"] @ A + p.params[f"b{l}"])
    return A


def check_forward_propagation_n(ctx: Context, fn):
    p = problems.three_layer()
    cost, cache = unpack(ctx.call(fn, ctx.array(p.X), ctx.array(p.Y), ctx.arrays(p.params)), 2, "(cost, cache)")
    yield judge("forward_propagation_n", "cost", cost, p.cost, p.m)
    names = [n for l in range(1, p.L + 1) for n in (f"Z{l}", f"A{l}", f"W{l}", f"b{l}")]
    found = dict(zip(names, unpack(cache, len(names), CACHE), strict=True))
    mistakes = [("sigmoid where relu belongs (hidden layers)", _output(p, week4.G["sigmoid"], week4.G["sigmoid"])),
                ("relu where sigmoid belongs (output layer)", _output(p, week4.G["relu"], week4.G["relu"]))]
    for key in ("Z1", "A1", "Z2", "A2", "Z3", "A3"):
        yield judge("forward_propagation_n", f"cache {key}", found[key], p.cache[key], p.m,
                    mistakes if key == "A3" else ())


def check_backward_propagation_n(ctx: Context, fn):
    p = problems.three_layer()
    got = ctx.call(fn, ctx.array(p.X), ctx.array(p.Y), _course_cache(ctx, p))
    for l in range(1, p.L + 1):
        for key in (f"dW{l}", f"db{l}"):
            mistakes = [(PLANTED[key][0], PLANTED[key][1] * p.grads[key])] if key in PLANTED else []
            yield judge("backward_propagation_n", key, entry(got, key, "gradients"), p.grads[key], p.m, mistakes)


def _gradients(p: problems.Problem, planted: bool = False) -> dict[str, np.ndarray]:
    """dW1, db1, ..., db3 from the oracle; with the notebook's two planted mistakes when asked."""
    grads = {f"d{k}": p.grads[f"d{k}"] for k in p.params}
    for key, (_, factor) in PLANTED.items() if planted else ():
        grads[key] = factor * grads[key]
    return grads


@functools.cache
def _gradapprox(epsilon: float) -> dict[str, np.ndarray]:
    """gradapprox of the course's cost (from A3, with log) over the problem's theta: centred, and one-sided both
    ways, as the classic slips compute it."""
    from impl_numpy import deep_nn, gradient_check

    p = problems.three_layer()
    theta, _ = gradient_check.dictionary_to_vector(p.params)

    def J(t):
        A3, _ = deep_nn.forward_propagation(p.X, gradient_check.vector_to_dictionary(t, p.dims), "relu")
        return float(-np.mean(p.Y * np.log(A3) + (1 - p.Y) * np.log(1 - A3)))

    J0, plus, minus = J(theta), np.zeros_like(theta), np.zeros_like(theta)
    for i in range(theta.shape[0]):
        step = np.zeros_like(theta)
        step[i, 0] = epsilon
        plus[i, 0], minus[i, 0] = J(theta + step), J(theta - step)
    return {"centred": (plus - minus) / (2 * epsilon), "forward": (plus - J0) / epsilon,
            "backward": (J0 - minus) / epsilon}


def _gradient_check_n_mistakes(grad: np.ndarray, epsilon: float) -> list[tuple[str, float]]:
    approx = _gradapprox(epsilon)
    _, numerator = _norms(grad, approx["centred"])
    return [("one-sided differences, (J(theta + epsilon) - J(theta)) / epsilon: their error is O(epsilon), the "
             "centred difference's O(epsilon^2)", _norms(grad, approx["forward"])[0]),
            ("one-sided differences, (J(theta) - J(theta - epsilon)) / epsilon: their error is O(epsilon), the "
             "centred difference's O(epsilon^2)", _norms(grad, approx["backward"])[0]),
            ("the 2 of 2 epsilon missing: (J_plus - J_minus) / epsilon", _norms(grad, 2 * approx["centred"])[0]),
            ("gradapprox of the wrong sign: J_plus and J_minus swapped", _norms(grad, -approx["centred"])[0]),
            ("without the normalization: ||grad - gradapprox|| alone", numerator)]


def check_gradient_check_n(ctx: Context, fn):
    from impl_numpy import gradient_check

    p = problems.three_layer()
    X, Y = ctx.array(p.X), ctx.array(p.Y)
    right, wrong = _gradients(p), _gradients(p, planted=True)
    vector = {name: gradient_check.gradients_to_vector(grads) for name, grads in (("right", right), ("wrong", wrong))}
    got = ctx.call(fn, ctx.arrays(p.params), ctx.arrays(right), X, Y, EPSILON)
    yield _below("gradient_check_n", "right", got, THRESHOLD, _gradient_check_n_mistakes(vector["right"], EPSILON),
                 " for the right gradients")
    got = ctx.call(fn, ctx.arrays(p.params), ctx.arrays(wrong), X, Y, EPSILON)
    expected = gradient_check.gradient_check_n(p.params, wrong, p.X, p.Y, EPSILON)
    yield _equal("gradient_check_n", "wrong", got, expected, RTOL_WRONG,
                 _gradient_check_n_mistakes(vector["wrong"], EPSILON),
                 " for the notebook's planted dW2 * 2 and 4./m in db1")
    got = ctx.call(fn, ctx.arrays(p.params), ctx.arrays(right), X, Y, LARGE_EPSILON)
    expected = gradient_check.gradient_check_n(p.params, right, p.X, p.Y, LARGE_EPSILON)
    yield _equal("gradient_check_n", f"epsilon {LARGE_EPSILON:g}", got, expected, RTOL_LARGE,
                 _gradient_check_n_mistakes(vector["right"], LARGE_EPSILON),
                 f" for the right gradients at epsilon = {LARGE_EPSILON:g}, the centred difference's O(epsilon^2)")


CHECKS = {"forward_propagation": check_forward_propagation, "backward_propagation": check_backward_propagation,
          "gradient_check": check_gradient_check, "forward_propagation_n": check_forward_propagation_n,
          "backward_propagation_n": check_backward_propagation_n, "gradient_check_n": check_gradient_check_n}
