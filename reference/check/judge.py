"""One verdict: a learner's result against the oracle's, under the tolerance table, with the mistake named.

A result is judged at its own dtype (float32 code gets the float32 entry, float64 code the float64 one).
When it is out of tolerance, the words say why, trying in turn: the shape (transposed, a dimension dropped,
not a scalar, summed over every axis), the named mistakes the caller computed for this quantity (``1 - A
instead of 1 - A**2``), then the simple slips (a factor of m, a sign, a factor of 2).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..proof.tolerances import compare
from .confined.causes import MISSING, PartialDict, PartialList, describe
from .confined.wire import Opaque

PASS, WARN, FAIL, ERROR = "PASS", "WARN", "FAIL", "ERROR"
FOLLOWS = "FOLLOWS"  # wrong only because a failing function it calls is: passes with the course's in its place
SKIP = "SKIP"        # not computed: the function raised before it (the ERROR line says why); never reported


@dataclass
class Outcome:
    function: str
    quantity: str
    status: str      # PASS, WARN (right, in a way the course uses elsewhere), FAIL (a wrong result), ERROR (raised,
    detail: str      # crashed, hung, unreadable result), FOLLOWS (wrong only through a failing function it calls)

    @property
    def ok(self) -> bool:
        """Not a mistake of the function's own."""
        return self.status in (PASS, WARN, FOLLOWS)

    def __str__(self) -> str:
        return f"{self.status:<7} {self.function:<26} {self.quantity:<10} {self.detail}"


class Unreadable(Exception):
    """The learner's function returned something that is not what the course's function returns."""


class NotComputed(Exception):
    """A quantity the learner's function never computed: it raised first (the check's ERROR line says where)."""


def to_numpy(value) -> np.ndarray:
    """A learner's result as a NumPy array: NumPy, Python numbers, or a framework's tensor."""
    if value is MISSING:
        raise NotComputed
    if isinstance(value, Opaque):  # not plain data, where the learner's code ran
        raise Unreadable(f"expected numbers, got {value.kind} {value.text}" + (f" ({value.why})" if value.why else ""))
    if hasattr(value, "detach"):       # torch
        value = value.detach().cpu().numpy()
    elif hasattr(value, "numpy") and not isinstance(value, np.ndarray):  # tf
        value = value.numpy()
    array = np.asarray(value)
    if array.dtype == object or not (np.issubdtype(array.dtype, np.number) or array.dtype == bool):
        nothing = ": the function returns nothing (a return statement missing?)" if value is None else ""
        raise Unreadable(f"expected numbers, got {type(value).__name__} {_brief(value)}{nothing}")
    return array


def kind_of(value) -> str:
    """The name of the learner's value's type (an Opaque's: the type it stands for)."""
    return value.kind if isinstance(value, Opaque) else type(value).__name__


def _brief(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def dtype_of(array: np.ndarray) -> str:
    return "float32" if array.dtype in (np.float32, np.float16) else "float64"


Mistakes = Sequence[tuple[str, Any]]  # (words, what the result would be with that mistake)

_SLIPS: tuple[tuple[Callable[[np.ndarray, int], np.ndarray], str], ...] = (
    (lambda a, m: a / m, "off by a factor of m (the 1/m is missing)"),
    (lambda a, m: a * m, "off by a factor of 1/m (the 1/m once too often)"),
    (lambda a, m: -a, "sign flipped"),
    (lambda a, m: a / 2, "off by a factor of 2"),
    (lambda a, m: a * 2, "off by a factor of 1/2"),
)


def shape_words(actual: np.ndarray, expected: np.ndarray) -> str:
    """Why two shapes differ, in the words of the mistakes that make them differ."""
    a, e = actual.shape, expected.shape
    if e == () and actual.size == 1:
        return f"not a scalar: shape {a}, expected a scalar (the course squeezes the cost: np.squeeze)"
    if a == () and expected.size > 1 and np.isclose(float(actual), float(expected.sum()), rtol=1e-9, atol=1e-12):
        return f"summed over every axis: a scalar, expected shape {e} (axis=1, keepdims=True missing)"
    if len(a) == 2 and a == e[::-1]:
        return f"transposed: shape {a}, expected {e}"
    if actual.size == expected.size and tuple(n for n in a if n != 1) == tuple(n for n in e if n != 1):
        if len(a) < len(e):
            return f"a dimension dropped: shape {a}, expected {e} (keepdims=True missing, or an np.squeeze)"
        if len(a) > len(e):
            return f"a dimension added: shape {a}, expected {e} (a reshape or np.newaxis too many)"
    return f"shape {a}, expected {e}"


def _close(actual: np.ndarray, expected: np.ndarray, dtype: str, kind: str = "gradients") -> bool:
    return actual.shape == expected.shape and compare(actual, expected, dtype, kind).ok


def explain(actual: np.ndarray, expected: np.ndarray, m: int, mistakes: Mistakes = (), kind: str = "oracle") -> str:
    """What turns ``expected`` into ``actual``, as words; "" when nothing is recognized.

    A candidate matches under the table's "gradients" entry (one more rounding than the oracle's), or under
    "published" when ``expected`` is a printed number.
    """
    dtype = dtype_of(actual)
    close = "published" if kind == "published" else "gradients"
    for words, wrong in mistakes:
        wrong = np.asarray(wrong, dtype=np.float64)
        if wrong.shape == expected.shape and not _close(wrong, expected, dtype) and _close(actual, wrong, dtype):
            return words
    if not np.all(np.isfinite(actual)):
        return "NaN or inf in the result"
    if not actual.any() and expected.any():
        return "all zeros"
    if np.any(expected != 0):
        for transform, words in _SLIPS:
            if _close(transform(actual.astype(np.float64), m), expected, dtype, close):
                return words
    return ""


def judge(function: str, quantity: str, actual, expected, m: int, mistakes: Mistakes = (),
          kind: str = "oracle", scalar: bool = False) -> Outcome:
    """``actual`` against ``expected`` under the table's ``kind`` entry at the result's dtype.

    ``scalar``: the course asks for a scalar here (a cost), so a (1, 1) array is a mistake, not a shape to squeeze.
    """
    if actual is MISSING:
        return Outcome(function, quantity, SKIP, "not computed")
    try:
        a = to_numpy(actual)
    except Unreadable as exc:
        return Outcome(function, quantity, ERROR, f"could not read the result: {exc}")
    e = np.asarray(expected, dtype=np.float64)
    dtype = dtype_of(a) if np.issubdtype(a.dtype, np.floating) else "float64"
    if a.shape != e.shape and not (not scalar and e.shape == () and a.size == 1):
        words = shape_words(a, e)
        for label, wrong in mistakes:  # a named mistake that also changes the shape (db without keepdims)
            if np.shape(wrong) == a.shape and _close(a.astype(np.float64), np.asarray(wrong, np.float64), dtype):
                words = f"{label}; {words}"
        return Outcome(function, quantity, FAIL, words)
    a = a.reshape(e.shape).astype(np.float64)
    result = compare(a, e, dtype, kind)
    if result.ok:
        return Outcome(function, quantity, PASS, f"max |diff| {result.max_abs:.1e}")
    words = explain(a, e, m, mistakes, kind)
    return Outcome(function, quantity, FAIL, f"{words}; " * bool(words) + f"max |diff| {result.max_abs:.3g}")


def labels(function: str, quantity: str, actual, expected, probabilities, mistakes: Mistakes = ()) -> Outcome:
    """0/1 predictions (booleans too) in the course's shape (1, m), which its 2017 template asserts: a (m,) or (m, 1)
    result fails on its shape (a (m, 1) Y_prediction - Y broadcasts to (m, m)); name probabilities returned as
    labels."""
    if actual is MISSING:
        return Outcome(function, quantity, SKIP, "not computed")
    try:
        a = to_numpy(actual).astype(np.float64)
    except Unreadable as exc:
        return Outcome(function, quantity, ERROR, f"could not read the result: {exc}")
    e = np.asarray(expected, dtype=np.float64)
    if a.shape != e.shape:
        return Outcome(function, quantity, FAIL, shape_words(a, e))
    if np.array_equal(a, e) and np.isfinite(a).all():  # inf == inf, but an inf is not a label
        return Outcome(function, quantity, PASS, f"{e.size} of {e.size} labels equal")
    if not np.all(np.isin(a, (0.0, 1.0))):
        if np.allclose(a, np.asarray(probabilities).reshape(e.shape), rtol=1e-6):
            return Outcome(function, quantity, FAIL, "probabilities, not 0/1 labels (the threshold at 0.5 is missing)")
        return Outcome(function, quantity, FAIL, "not 0/1 labels")
    for words, wrong in mistakes:
        wrong = np.asarray(wrong, dtype=np.float64).reshape(e.shape)
        if not np.array_equal(wrong, e) and np.array_equal(a, wrong):
            return Outcome(function, quantity, FAIL, f"{words}; {int(np.sum(a != e))} of {e.size} labels differ")
    return Outcome(function, quantity, FAIL, f"{int(np.sum(a != e))} of {e.size} labels differ")


def collect(function: str, outcomes: Iterable[Outcome]) -> list[Outcome]:
    """The outcomes of one check; if the learner's code raises or returns something unreadable, that ends the
    check as an ERROR outcome, never the run."""
    found: list[Outcome] = []
    try:
        for outcome in outcomes:
            found.append(outcome)
    except NotComputed:
        pass  # the raise that left it uncomputed is reported by the caller of collect
    except Unreadable as exc:
        found.append(Outcome(function, "result", ERROR, f"could not read the result: {exc}"))
    except MemoryError:
        found.append(Outcome(function, "call", ERROR, "ran out of memory (MemoryError: over the memory limit)"))
    except Exception as exc:  # the learner's code may fail in any way: report it, go on with the next function
        found.append(Outcome(function, "call", ERROR, describe(exc)))
    return found


def unpack(value, n: int, what: str) -> tuple:
    """``value`` as the course's tuple of ``n`` results, or Unreadable naming what came back."""
    if value is MISSING:
        return (MISSING,) * n
    if isinstance(value, PartialList) and len(value) <= n:
        return (*value, *(MISSING,) * (n - len(value)))
    if not isinstance(value, (tuple, list)) or len(value) != n:
        got = f"a {type(value).__name__} of length {len(value)}" if isinstance(value, (tuple, list)) else \
            kind_of(value)
        raise Unreadable(f"expected {what}, got {got}")
    return tuple(value)


def entry(mapping, key: str, what: str):
    """``mapping[key]``, or Unreadable naming the missing key (MISSING where the function raised before it)."""
    if mapping is MISSING or (isinstance(mapping, PartialDict) and key not in mapping):
        return MISSING
    if not isinstance(mapping, dict):
        raise Unreadable(f"expected {what} (a dict), got {kind_of(mapping)}")
    if key not in mapping:
        raise Unreadable(f"{what} has no {key!r} (it has {', '.join(map(repr, mapping)) or 'no keys'})")
    return mapping[key]
