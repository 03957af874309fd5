"""The learner's side of the seam: their namespace, and the few things the checks may ask of it.

``Server.handle`` takes one request (plain data, wire.py) and gives one answer:

- ``call``: a named function on the arguments sent (arrays turned into the learner's framework's), NumPy's global
  generator seeded as a notebook would leave it; back comes what it returned, or what it raised (described in the
  learner's words, with what it had computed by then: causes.py), and the arrays it changed in place;
- ``record`` / ``stop``: while between them, the functions a function reads from its globals are passed through
  and their first calls kept (a training function's initializer, its first steps), sent back at ``stop``;
- ``replace`` / ``restore``: names in a function's globals stood in for, by a call back to the checks' side (the
  course's version of a callee, which never enters this process) or by ``Anything``;
- ``supply``: the names the course's earlier cells define that the file uses and lacks, each as the checks say:
  a module, a course helper's function, Python 2's names, or a call back;
- ``facts``: what the checks may know of each function without calling it (its signature, the globals it reads,
  whether the course's template is still unfilled).

It decides nothing: every verdict is made on the other side, from what it sends.
"""

from __future__ import annotations

import builtins
import copy
import importlib
from collections import Counter
from collections.abc import Callable
from types import FunctionType
from typing import cast

import numpy as np

from . import causes, modules, namespace, wire

_KINDS = ("POSITIONAL_ONLY", "POSITIONAL_OR_KEYWORD", "VAR_POSITIONAL", "KEYWORD_ONLY", "VAR_KEYWORD")
_PYTHON2 = {"xrange": range, "raw_input": lambda prompt="": "", "unicode": str, "long": int}


class Anything:
    """Stands for a notebook global that is not there: any use of it gives itself, so a result that does not
    depend on the global comes out right, and one that does comes out unreadable."""

    def __getattr__(self, name):
        return self

    def __call__(self, *args, **kwargs):
        return self

    def __getitem__(self, key):
        return self

    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __truediv__ = __rtruediv__ = __call__
    __pow__ = __rpow__ = __neg__ = __matmul__ = __rmatmul__ = __call__


def plain(value):
    """A framework's tensors as NumPy arrays, inside tuples, lists and dicts too; the rest as it is."""
    kind = type(value)
    if kind in (tuple, list, wire.PartialList):
        return kind(plain(v) for v in value)
    if kind in (dict, wire.PartialDict):
        return kind((k, plain(v)) for k, v in value.items())
    module = kind.__module__ or ""
    if module.startswith("torch") and hasattr(value, "detach"):
        return value.detach().cpu().numpy()
    if module.startswith(("tensorflow", "jax", "jaxlib")) and hasattr(value, "__array__"):
        return np.asarray(value)
    return value


def _converter(framework: str) -> Callable:
    if framework == "torch":
        import torch

        return lambda a: torch.as_tensor(a, dtype=torch.float64)
    if framework == "tf":
        import tensorflow as tf

        return lambda a: tf.constant(a, dtype=tf.float64)
    if framework == "jax":
        import jax

        jax.config.update("jax_enable_x64", True)
        return lambda a: jax.numpy.asarray(a, dtype=jax.numpy.float64)
    return lambda a: a


def _signature(fn) -> list | None:
    import inspect

    try:
        parameters = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return None
    return [[p.name, p.kind.name, p.default is not p.empty, wire.encode(None if p.default is p.empty else p.default)]
            for p in parameters]


def _their_module(value, module: str | None) -> str:
    """The file name of the learner's own module beside the file that ``value`` comes from (not ``module``, the
    file or kernel being checked, nor the course's stand-ins), or ""."""
    code = getattr(value, "__code__", None)
    if code is None or not causes.theirs(code) or namespace.is_learners(code) or value.__module__ == module:
        return ""
    return code.co_filename.replace("\\", "/").rpartition("/")[2]


def facts(fn, space: dict) -> dict:
    """What the checks may know of ``fn`` without calling it."""
    code = fn.__code__
    read = sorted(namespace.global_names(code))
    globals_ = fn.__globals__
    return {"name": fn.__name__, "qualname": fn.__qualname__, "module": fn.__module__, "signature": _signature(fn),
            "globals": read, "functions": [n for n in read if isinstance(globals_.get(n), FunctionType)],
            "callees": {n: _their_module(globals_.get(n), fn.__module__) for n in read},
            "defined": [n for n in read if n in globals_], "data": list(globals_.get(namespace.DATA, ())),
            "unfilled": causes.unfilled(fn), "release": causes.release(fn), "learners": namespace.is_learners(code),
            "their_module": _their_module(fn, space.get("__name__"))}


def _builtin(exc: BaseException) -> str:
    return next(c.__name__ for c in type(exc).__mro__ if getattr(builtins, c.__name__, None) is c)


def _args(exc: BaseException) -> list:
    return [wire.encode(a) if a is None or type(a) in (int, float, str, bool) else wire.brief(a) for a in exc.args]


def raised(exc: BaseException, fn=None, returns=None) -> dict:
    """What the checks are told of an exception the learner's code raised."""
    answer = {"raised": {"builtin": _builtin(exc), "kind": type(exc).__name__, "args": _args(exc),
                         "text": str(exc)[:500], "description": causes.describe(exc, fn)}}
    value = causes.partial(fn, exc, returns) if fn is not None and not isinstance(exc, MemoryError) else None
    if value is not None:
        answer["partial"] = wire.encode(plain(value))
    return answer


class Server:
    """One learner's namespace, and the requests the checks may make of it (the module docstring)."""

    def __init__(self, space: dict, framework: str = "numpy", callback: Callable[[dict], dict] | None = None,
                 functions: dict[str, FunctionType] | None = None):
        self.space, self.framework = space, framework
        self.functions: dict[str, FunctionType] = dict(functions) if functions is not None else {}
        if functions is None:
            self.find()
        self.callback = callback        # a request to the checks' side -> its answer
        self.recordings: list[tuple[dict, dict, list, Counter]] = []
        self.replaced: list[tuple[dict, dict]] = []
        self._convert: Callable | None = None

    def find(self) -> None:
        """The functions the checks may call: the learner's, and those of their own modules the file imports."""
        for name, value in self.space.items():
            if isinstance(value, FunctionType) and not name.startswith("_") and (
                    namespace.is_learners(value.__code__) or _their_module(value, self.space.get("__name__"))):
                self.functions[name] = value

    def facts(self) -> dict:
        return {name: facts(fn, self.space) for name, fn in self.functions.items()}

    def handle(self, request: dict) -> dict:
        op = request["op"]
        if op == "call":
            return self.call(request)
        if op == "record":
            return self.record(request)
        if op == "stop":
            return self.stop()
        if op == "replace":
            return self.replace(request)
        if op == "restore":
            globals_, saved = self.replaced.pop()
            _put_back(globals_, saved)
            return {}
        if op == "supply":
            return self.supply(request)
        if op == "facts":
            return {"facts": self.facts()}
        raise wire.Tampered(f"no such request: {op!r}")

    def _arrays(self, value):
        """Float arrays as the learner's framework's (NumPy: as they are)."""
        if self.framework == "numpy":
            return value
        if self._convert is None:
            self._convert = _converter(self.framework)
        if type(value) is np.ndarray and value.dtype.kind == "f":
            return self._convert(value)
        if type(value) in (tuple, list):
            return type(value)(self._arrays(v) for v in value)
        if type(value) is dict:
            return {k: self._arrays(v) for k, v in value.items()}
        return value

    def call(self, request: dict) -> dict:
        fn = self.functions[request["function"]]
        args = self._arrays(wire.decode(request["args"]))
        kwargs = self._arrays(wire.decode(request["kwargs"]))
        watched = _watched(args) if request.get("in_place") else []
        before = [np.array(plain(a), copy=True) for _, _, a in watched]
        if request.get("seed") is not None:
            np.random.seed(request["seed"])  # noqa: NPY002  (the course's code draws from the legacy global generator)
        try:
            value = fn(*args, **kwargs)
        except Exception as exc:
            return raised(exc, fn, wire.decode(request.get("returns")))
        answer = {"value": _sent(value)}
        changed = [[i, key, wire.encode(np.asarray(plain(a)))] for (i, key, a), old in zip(watched, before, strict=True)
                   if not np.array_equal(np.asarray(plain(a)), old)]
        if changed:
            answer["changed"] = changed
        return answer

    def record(self, request: dict) -> dict:
        fn, per_name = self.functions[request["function"]], int(request.get("per_name", 2))
        globals_ = fn.__globals__
        names = [n for n in namespace.global_names(fn.__code__) if isinstance(globals_.get(n), FunctionType)]
        seen: list = []
        counts: Counter[str] = Counter()

        def wrapped(name: str, original: Callable) -> Callable:
            def wrapper(*args, **kwargs):
                result = original(*args, **kwargs)
                counts[name] += 1
                if counts[name] <= per_name:  # copies: update_parameters rebinds the entries of the dict it is given
                    seen.append((name, *copy.deepcopy((args, kwargs, result))))
                return result
            return wrapper

        saved = {name: globals_[name] for name in names}
        globals_.update({name: wrapped(name, original) for name, original in saved.items()})
        self.recordings.append((globals_, saved, seen, counts))
        return {}

    def stop(self) -> dict:
        globals_, saved, seen, counts = self.recordings.pop()
        globals_.update(saved)
        return {"calls": [[name, _sent(args), _sent(kwargs), _sent(result)] for name, args, kwargs, result in seen],
                "counts": dict(counts)}

    def replace(self, request: dict) -> dict:
        fn = self.functions[request["function"]]
        stand_ins = {name: Anything() if how == "anything" else self._stub(name, how)
                     for name, how in request["with"].items()}
        self.replaced.append((fn.__globals__, _swap(fn.__globals__, stand_ins)))
        return {}

    def supply(self, request: dict) -> dict:
        """The names the checks say the course's earlier cells give this file, put into its namespace, and the
        course functions a module named after them answers (``from sigmoid import sigmoid``)."""
        made = {name: self._made(name, how) for name, how in request["names"].items()}
        self.space.update(made)
        finder = modules.current()
        if finder is not None:
            importable = {name: self._made(name, how) for name, how in request.get("importable", {}).items()}
            finder.course = {name: value for name, value in {**importable, **made}.items() if callable(value)}
        return {"facts": self.facts()}

    def _made(self, name: str, how: str):
        kind, _, what = how.partition(":")
        if kind == "module":
            return importlib.import_module(what)
        if kind == "python2":
            return _PYTHON2[what]
        if kind == "helper":
            module, _, attribute = what.rpartition(".")
            return getattr(importlib.import_module(f"{__package__}.course_helpers.{module}"), attribute)
        if kind == "callback":
            return self._stub(name, what)
        raise wire.Tampered(f"no such name kind: {kind!r}")

    def _stub(self, name: str, token: str) -> FunctionType:
        """A function that calls back to the checks' side with its arguments, NumPy's global generator's state
        going there and back, and returns what comes back (or raises what was raised there)."""
        server = self

        def stub(*args, **kwargs):
            if server.callback is None:
                raise RuntimeError(f"{name}: the course's function is not here")
            answer = server.callback({"callback": token, "args": _sent(args), "kwargs": _sent(kwargs),
                                      "state": wire.encode(np.random.get_state())})  # noqa: NPY002
            if "state" in answer:
                state = wire.decode(answer["state"])
                np.random.set_state(state)  # noqa: NPY002
            if "raised" in answer:
                kind = getattr(builtins, str(answer["raised"]["builtin"]), RuntimeError)
                if not (isinstance(kind, type) and issubclass(kind, Exception)):
                    kind = RuntimeError
                raise kind(str(answer["raised"]["text"]))
            return server._arrays(wire.decode(answer["value"]))

        stub.__name__ = stub.__qualname__ = name
        return cast(FunctionType, stub)


def _sent(value):
    try:
        return wire.encode(plain(value))
    except wire.Unsendable as exc:
        return wire.encode(wire.Opaque(type(value).__name__, wire.brief(value), str(exc)))


def _watched(args: tuple) -> list[tuple[int, object, object]]:
    """The arrays a call may change in place: each argument that is one, and the values of each that is a dict."""
    found: list[tuple[int, object, object]] = []
    for i, arg in enumerate(args):
        if isinstance(arg, dict):
            found += [(i, key, value) for key, value in arg.items() if hasattr(value, "shape")]
        elif hasattr(arg, "shape"):
            found.append((i, None, arg))
    return found


def _swap(globals_: dict, replacements: dict) -> dict:
    missing = object()
    saved = {name: globals_.get(name, missing) for name in replacements}
    globals_.update(replacements)
    return {name: (value, missing) for name, value in saved.items()}


def _put_back(globals_: dict, saved: dict) -> None:
    for name, (value, missing) in saved.items():
        if value is missing:
            globals_.pop(name, None)
        else:
            globals_[name] = value
