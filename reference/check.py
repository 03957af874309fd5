"""``rosetta check MODULE.py``: a learner's own implementation of the course's functions against the reference.

The module may define any of the interface's functions (names as in ``impl_numpy``): the activations and
their derivatives, ``compute_cost(ZL, Y)``, and for one model ``initialize_parameters``-free
``forward_propagation``, ``backward_propagation``, ``update_parameters``, ``predict``. Each one found is
called on a small fixed problem (NumPy arrays, or a framework's arrays with ``framework=``) and compared
with the loop oracle under the tolerance table; a failure names the quantity and, where it can, the kind
of mistake ("db2: off by a factor of m").
"""

from __future__ import annotations

import importlib.util
import inspect
import os
import sys
from dataclasses import dataclass
from types import ModuleType

import numpy as np

from . import oracle
from .tolerances import compare
from .validation import ACTIVATIONS

MODEL_DIMS = {"logistic_regression": [3, 1], "shallow_nn": [3, 4, 1], "deep_nn": [3, 5, 4, 1]}


@dataclass
class Outcome:
    function: str
    quantity: str
    ok: bool
    detail: str

    def __str__(self) -> str:
        return f"{'PASS' if self.ok else 'FAIL'}  {self.function:<22} {self.quantity:<8} {self.detail}"


def load_module(path: str | os.PathLike) -> ModuleType:
    if not os.path.isfile(path) or not str(path).endswith(".py"):
        raise ValueError(f"module: expected a path to a .py file, got {str(path)!r}")
    spec = importlib.util.spec_from_file_location(f"rosetta_user_{abs(hash(str(path)))}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, os.path.dirname(os.path.abspath(path)))
    try:
        spec.loader.exec_module(module)
    except Exception as exc:  # the learner's file may fail to import in any way
        raise ValueError(f"module: expected an importable .py file, got {str(path)!r} "
                         f"({type(exc).__name__}: {exc})") from None
    finally:
        sys.path.pop(0)
    return module


def diagnose(actual, expected, m: int) -> str:
    """What kind of mistake turns ``expected`` into ``actual``, as words; "" when none is recognized."""
    a, e = np.asarray(actual, dtype=np.float64), np.asarray(expected, dtype=np.float64)
    if a.shape != e.shape:
        if a.shape == e.T.shape:
            return f"transposed: shape {a.shape}, expected {e.shape}"
        return f"shape {a.shape}, expected {e.shape}"
    if not np.all(np.isfinite(a)):
        return "NaN or inf in the result"
    close = lambda x: compare(x, e, "float64", "gradients").ok  # noqa: E731
    for candidate, words in ((a / m, "off by a factor of m (the 1/m is missing)"),
                             (a * m, "off by a factor of 1/m (divided by m once too often)"),
                             (-a, "sign flipped"), (a / 2, "off by a factor of 2"), (a * 2, "off by a factor of 1/2")):
        if np.any(e != 0) and close(candidate):
            return words
    return ""


def _judge(function: str, quantity: str, actual, expected, m: int) -> Outcome:
    try:
        result = compare(np.asarray(actual, dtype=np.float64), expected, "float64", "oracle")
    except (TypeError, ValueError) as exc:
        return Outcome(function, quantity, False, f"could not read the result ({exc})")
    if result.ok:
        return Outcome(function, quantity, True, f"max |diff| {result.max_abs:.1e}")
    words = diagnose(actual, expected, m)
    return Outcome(function, quantity, False, f"{words}; " * bool(words) + f"max |diff| {result.max_abs:.3g}")


def _problem(model: str, seed: int = 0):
    rng = np.random.default_rng(seed)
    dims = MODEL_DIMS[model]
    X = rng.standard_normal((dims[0], 8))
    Y = np.array([[0, 1, 1, 0, 1, 0, 0, 1]], dtype=np.float64)
    params = {}
    for l in range(1, len(dims)):
        params[f"W{l}"] = rng.standard_normal((dims[l], dims[l - 1])) / np.sqrt(dims[l - 1])
        params[f"b{l}"] = rng.standard_normal((dims[l], 1)) * 0.1
    return X, Y, params


def _call(outcomes, name, fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except Exception as exc:  # the learner's code may fail in any way: report it, don't crash
        outcomes.append(Outcome(name, "call", False, f"raised {type(exc).__name__}: {exc}"))
        return None


def check_module(module: ModuleType, model: str = "shallow_nn", activation: str = "tanh",
                 convert=np.asarray) -> list[Outcome]:
    """Every interface function ``module`` defines, against the oracle. ``convert`` makes the inputs."""
    if model not in MODEL_DIMS:
        raise ValueError(f"model: expected one of {', '.join(map(repr, MODEL_DIMS))}, got {model!r}")
    if activation not in ACTIVATIONS:
        raise ValueError(f"activation: expected one of {', '.join(map(repr, ACTIVATIONS))}, got {activation!r}")
    outcomes: list[Outcome] = []
    X, Y, params = _problem(model)
    m, L = X.shape[1], len(params) // 2
    act = {} if model == "logistic_regression" else {"activation": activation}
    oracle_act = act.get("activation", "sigmoid")
    Z = np.array([[-2.0, -0.5, 0.0, 0.5, 2.0]])
    for name in ACTIVATIONS:
        g, g_prime = oracle.ACTIVATIONS[name]
        for fname, reference in ((name, g), (f"{name}_derivative", g_prime)):
            if callable(getattr(module, fname, None)):
                got = _call(outcomes, fname, getattr(module, fname), convert(Z))
                if got is not None:
                    outcomes.append(_judge(fname, "g(Z)", got, [[reference(z) for z in Z[0]]], m))
    oAL, ocache = oracle.forward_propagation(X, params, oracle_act)
    ograds = oracle.backward_propagation(params, ocache, Y, oracle_act)
    inputs = {k: convert(v) for k, v in params.items()}
    if callable(getattr(module, "compute_cost", None)):
        cost = _call(outcomes, "compute_cost", module.compute_cost, convert(np.asarray(ocache[f"Z{L}"])), convert(Y))
        if cost is not None:
            outcomes.append(_judge("compute_cost", "J", cost, oracle.compute_cost(oAL, Y), m))
    cache = None
    if callable(getattr(module, "forward_propagation", None)):
        out = _call(outcomes, "forward_propagation", module.forward_propagation, convert(X), inputs,
                    **_accepted(module.forward_propagation, act))
        if out is not None:
            AL, cache = out
            outcomes.append(_judge("forward_propagation", f"A{L}", AL, oAL, m))
    if callable(getattr(module, "backward_propagation", None)):
        their_cache = cache if cache is not None else {k: convert(np.asarray(v)) for k, v in ocache.items()}
        grads = _call(outcomes, "backward_propagation", module.backward_propagation, inputs, their_cache, convert(Y),
                      **_accepted(module.backward_propagation, act))
        if grads is not None:
            for key in ograds:
                if key not in grads:
                    outcomes.append(Outcome("backward_propagation", key, False, "missing from the returned dict"))
                else:
                    outcomes.append(_judge("backward_propagation", key, grads[key], ograds[key], m))
    if callable(getattr(module, "update_parameters", None)):
        grads_in = {k: convert(np.asarray(v)) for k, v in ograds.items()}
        updated = _call(outcomes, "update_parameters", module.update_parameters, inputs, grads_in, 0.1)
        if updated is not None:
            expected = oracle.update_parameters(params, ograds, 0.1)
            for key in expected:
                outcomes.append(_judge("update_parameters", key, updated.get(key), expected[key], m))
    if callable(getattr(module, "predict", None)):
        y_hat = _call(outcomes, "predict", module.predict, convert(X), inputs, **_accepted(module.predict, act))
        if y_hat is not None:
            outcomes.append(_judge("predict", "y_hat", y_hat, [[1.0 if a > 0.5 else 0.0 for a in oAL[0]]], m))
    if not outcomes:
        raise ValueError("module: expected at least one of the interface's functions (sigmoid, relu, ..., "
                         "compute_cost, forward_propagation, backward_propagation, update_parameters, predict), "
                         "found none")
    return outcomes


def _accepted(fn, kwargs):
    """Pass ``activation`` only to functions that take it (the learner's logistic regression does not)."""
    try:
        names = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return kwargs
    return {k: v for k, v in kwargs.items() if k in names}
