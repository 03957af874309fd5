"""The one tolerance table: how closely two computations of the same quantity must agree.

Every comparison in the tests and in ``rosetta compare`` goes through ``compare`` below, which
passes when, for every element, ``|actual - expected| <= atol + rtol * |expected|`` (NumPy's
``allclose`` rule). The entries are set from what the arithmetic allows, not from what a run
happened to give; each says why. Measured across the four frameworks in float64: forward, cost
and gradients agree to about 1e-15 relative, and 2500-iteration training runs to about 1e-14. Whole
training runs in the harness and in ``rosetta compare`` are judged against an ensemble of NumPy runs
(reference/proof/ensemble.py), which holds the final parameters to this table where training is calm.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Tolerance:
    rtol: float
    atol: float
    reason: str


_F64_REDUCTION = ("float64 eps is 2.2e-16; two libraries may sum a length-n dot product in a "
                  "different order (BLAS blocking, SIMD lanes), which moves the result by a few "
                  "eps times sqrt(n); 1e-12 leaves room for n up to 12288 and nothing more")
_F32_REDUCTION = ("float32 eps is 1.2e-7; the same reordering argument as float64 gives about "
                  "1e-6 for n in the thousands")

TOLERANCES: dict[str, dict[str, Tolerance]] = {
    "float64": {
        "forward": Tolerance(1e-12, 1e-14, _F64_REDUCTION),
        "cost": Tolerance(1e-12, 1e-14, _F64_REDUCTION + "; the cost is one more sum of m terms"),
        "gradients": Tolerance(1e-10, 1e-13, _F64_REDUCTION + "; a gradient entry is a difference "
                               "of products that may cancel to near 0, so the absolute term covers "
                               "entries near 0 and rtol allows the rounding of L chained products"),
        "update": Tolerance(1e-12, 1e-14, "W - alpha dW adds one rounding to the gradient's, "
                            "scaled by alpha < 10"),
        "training_costs": Tolerance(1e-10, 1e-12, "differences of a few eps per step compound over "
                                    "thousands of steps; measured about 1e-14 after 2500 steps, so "
                                    "1e-10 still catches any real difference (a float32 leak shows "
                                    "at 1e-8)"),
        "training_params": Tolerance(1e-9, 1e-11, "as training_costs; parameters near 0 get the "
                                     "absolute term"),
        "predictions": Tolerance(0.0, 0.0, "the same 0/1 label for every example: at float64 "
                                 "agreement an output would have to be within 1e-12 of 0.5 to flip"),
        "probabilities": Tolerance(1e-9, 1e-11, "A[L] of your pictures through the parameters each backend "
                                   "trained (rosetta train, predict): they agree within training_params, and "
                                   "one forward pass passes their differences on"),
        "oracle": Tolerance(1e-12, 1e-14, "the loop oracle sums in a plain left-to-right order in "
                            "float64, a reordering like any other"),
        "published": Tolerance(0.0, 5e-9, "the course prints its expected outputs to 8 decimals: half a "
                               "unit in the last printed place"),
    },
    "float32": {
        "forward": Tolerance(1e-5, 1e-6, _F32_REDUCTION),
        "cost": Tolerance(1e-5, 1e-6, _F32_REDUCTION),
        "gradients": Tolerance(1e-4, 1e-6, _F32_REDUCTION + "; gradients chain L products and "
                               "cancel, so one more factor of 10, and an absolute term for entries "
                               "near 0"),
        "update": Tolerance(1e-5, 1e-6, "one rounding more than the parameter itself"),
        "training_costs": Tolerance(1e-4, 1e-5, "rounding differences are amplified by training: the "
                                    "backends' unit tests compare FLOAT32_TRAINING_ITERATIONS steps, "
                                    "where they stay within 1e-4; whole runs are judged against the "
                                    "ensemble (reference/proof/ensemble.py)"),
        "training_params": Tolerance(1e-3, 1e-5, "as training_costs; parameters move by alpha dW, "
                                     "so their relative drift is larger than the cost's"),
        "predictions": Tolerance(0.0, 0.0, "the same label for every example (compared on data "
                                 "without ties at 0.5, or after training on the examples that no "
                                 "run of the ensemble flips)"),
        "probabilities": Tolerance(1e-3, 1e-5, "as training_params, through one more forward pass"),
        "oracle": Tolerance(1e-5, 1e-6, "the oracle runs in float64; float32 rounds every input once"),
        "published": Tolerance(1e-6, 5e-9, "8 printed decimals, as float64, plus one float32 rounding of "
                               "the value"),
    },
}

# The length of the backends' unit-test training runs in float32, short enough for the table's training
# entries: rounding differences of 1e-7 grow with every step. Whole runs, of any length and in either
# dtype, are judged against the ensemble instead (reference/proof/ensemble.py, used by the harness and compare).
FLOAT32_TRAINING_ITERATIONS = 30

# Gradient check by centred finite differences, float64 only (float32 cannot resolve it):
# ||g - g_num|| / (||g|| + ||g_num||) below this bound. Truncation error is O(eps_fd^2) ~ 1e-11
# and rounding O(1e-16 / eps_fd) ~ 1e-10 of the cost's scale, so correct gradients land near
# 1e-9 or below and a wrong one near 1e-1.
FINITE_DIFFERENCE_EPSILON = 1e-6
FINITE_DIFFERENCE_RELATIVE_ERROR = 1e-7


@dataclass(frozen=True)
class Comparison:
    quantity: str
    dtype: str
    max_abs: float
    max_rel: float
    ok: bool
    tolerance: Tolerance
    shape: tuple[int, ...] = ()           # the actual's
    expected_shape: tuple[int, ...] = ()  # never broadcast to the actual's: a (m,) result against (1, m) fails

    @property
    def shapes_differ(self) -> bool:
        return self.shape != self.expected_shape

    def __str__(self) -> str:
        if self.shapes_differ:
            return (f"{self.quantity} [{self.dtype}]: SHAPE MISMATCH: shape {self.shape}, expected shape "
                    f"{self.expected_shape}")
        verdict = "ok" if self.ok else "OUT OF TOLERANCE"
        return (f"{self.quantity} [{self.dtype}]: max |diff| {self.max_abs:.3g}, max rel "
                f"{self.max_rel:.3g} (rtol {self.tolerance.rtol:g}, atol {self.tolerance.atol:g}) "
                f"{verdict}")


def tolerance(dtype: str, quantity: str) -> Tolerance:
    return TOLERANCES[dtype][quantity]


def compare(actual, expected, dtype: str, quantity: str) -> Comparison:
    """Compare two arrays under the table's entry for ``dtype`` and ``quantity``. Their shapes must be equal, not
    only broadcastable: a (m,) A[L] against (1, m), or a (n,) db against (n, 1), fails and names both shapes."""
    tol = TOLERANCES[dtype][quantity]
    a = np.asarray(actual, dtype=np.float64)
    e = np.asarray(expected, dtype=np.float64)
    shapes = {"shape": a.shape, "expected_shape": e.shape}
    if a.shape != e.shape:
        return Comparison(quantity, dtype, float("inf"), float("inf"), False, tol, **shapes)
    if a.size == 0:
        return Comparison(quantity, dtype, 0.0, 0.0, True, tol, **shapes)
    diff = np.abs(a - e)
    with np.errstate(divide="ignore", invalid="ignore"):
        rel = np.where(diff == 0, 0.0, diff / np.abs(e))
    finite = bool(np.all(np.isfinite(a)) and np.all(np.isfinite(e)))
    ok = finite and bool(np.all(diff <= tol.atol + tol.rtol * np.abs(e)))
    return Comparison(quantity, dtype, float(np.max(diff)), float(np.max(rel)), ok, tol, **shapes)


def relative_error(g, g_num) -> float:
    """||g - g_num|| / (||g|| + ||g_num||), the course's gradient-check measure."""
    g, g_num = np.ravel(g), np.ravel(g_num)
    denominator = np.linalg.norm(g) + np.linalg.norm(g_num)
    return float(np.linalg.norm(g - g_num) / denominator) if denominator else 0.0
