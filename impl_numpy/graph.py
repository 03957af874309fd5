"""Computation graphs in NumPy: the course's week-2 example by the chain rule by hand, and the manual equations of
one gradient step of each model, recorded operation by operation.

NumPy has no autodiff and no tracer: ``Recorded``, an ndarray subclass, logs every ufunc (``@`` is np.matmul),
every NumPy function (np.sum) and every ``.T`` that the model's own code applies to it.

    u = b c,   v = a + u,   J = 3 v
    dJ/dv = 3,   dJ/du = dJ/dv dv/du = 3,   dJ/da = dJ/dv dv/da = 3,
    dJ/db = dJ/du du/db = 3 c,   dJ/dc = dJ/du du/dc = 3 b
"""

import importlib

import numpy as np


def computation_graph(a, b, c):
    """The forward values {u, v, J} and the backward derivatives {dv, du, da, db, dc} of J = 3(a + b c)."""
    u = b * c
    v = a + u
    J = 3 * v
    dv = 3.0          # dJ/dv
    du = dv * 1.0     # dJ/du = dJ/dv * dv/du
    da = dv * 1.0     # dJ/da = dJ/dv * dv/da
    db = du * c       # dJ/db = dJ/du * du/db
    dc = du * b       # dJ/dc = dJ/du * du/dc
    return {"u": u, "v": v, "J": J}, {"dv": dv, "du": du, "da": da, "db": db, "dc": dc}


def traced_operations(a, b, c):
    """The operations one forward and backward pass executes, in order: here the course's, as written above."""
    return ["multiply (u = b c)", "add (v = a + u)", "multiply (J = 3 v)",
            "multiply (db = du c)", "multiply (dc = du b)"]



class Recorded(np.ndarray):
    """An array that appends a row to ``rows`` for each operation applied to it (the ``rows`` of the trace)."""

    rows: list = []
    index: dict = {}

    def _record(self, op, inputs, value, detail=""):
        value = np.asarray(value).view(Recorded)
        Recorded.index[id(value)] = len(Recorded.rows)
        Recorded.rows.append((op, tuple(Recorded.index[id(x)] for x in inputs if id(x) in Recorded.index),
                              value, detail))
        return value

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        plain = [np.asarray(x) if isinstance(x, Recorded) else x for x in inputs]
        return self._record(ufunc.__name__, inputs, getattr(ufunc, method)(*plain, **kwargs))

    def __array_function__(self, func, types, args, kwargs):
        plain = [np.asarray(x) if isinstance(x, Recorded) else x for x in args]
        detail = ", ".join(f"{key}={value}" for key, value in kwargs.items())
        return self._record(func.__name__, args, func(*plain, **kwargs), detail)

    @property
    def T(self):
        return self._record("transpose", (self,), np.asarray(self).T)

    def astype(self, dtype, *args, **kwargs):
        return self._record("astype", (self,), np.asarray(self).astype(dtype, *args, **kwargs), str(dtype))


def trace_gradient_step(model, params, X, Y, activation, mode):
    """The NumPy operations of the manual equations of one gradient step as (op, input indices, value, detail)
    rows, inputs first, and {"J": row, "dW1": row, ...}. NumPy has no autodiff: mode must be "manual"."""
    if mode != "manual":
        raise ValueError(f"mode: NumPy has only the manual equations, expected 'manual', got {mode!r}")
    module = importlib.import_module(f".{model}", __package__)
    extra = () if model == "logistic_regression" else (activation,)
    Recorded.rows, Recorded.index = [], {}
    names = [*params, "X", "Y"]
    inputs = [np.asarray(v).view(Recorded) for v in (*params.values(), X, Y)]
    for value, name in zip(inputs, names, strict=True):
        Recorded.index[id(value)] = len(Recorded.rows)
        Recorded.rows.append(("input", (), value, name))
    params, X, Y = dict(zip(params, inputs, strict=False)), inputs[-2], inputs[-1]
    AL, cache = module.forward_propagation(X, params, *extra)
    J = module.compute_cost(cache[f"Z{len(params) // 2}"], Y)
    grads = module.backward_propagation(params, cache, Y, *extra)
    rows = [(op, inputs, np.asarray(value), detail) for op, inputs, value, detail in Recorded.rows]
    outputs = {"J": Recorded.index[id(J)], **{key: Recorded.index[id(value)] for key, value in grads.items()}}
    Recorded.rows, Recorded.index = [], {}
    return rows, outputs


__all__ = ["computation_graph", "traced_operations", "trace_gradient_step"]
