"""What a check needs besides the learner's function: the learner's arrays, and the rest of their namespace.

``Context.array`` turns the problem's NumPy arrays into the learner's framework's (``--framework``); every call
gets fresh copies, so a function that changes its arguments cannot change the problem, and a call that raises
gives back what the function had computed (causes.py), so the rest is still checked. ``start_of`` finds what a
training function started from (``recording`` watches the functions it calls).
"""

from __future__ import annotations

import contextlib
import copy
import inspect
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from types import FunctionType

import numpy as np

from . import causes
from .judge import Unreadable, to_numpy
from .namespace import global_names


@dataclass
class Context:
    convert: Callable = np.array               # a float64 NumPy array -> the learner's array type
    namespace: dict = field(default_factory=dict)  # the learner's globals (their functions and imports)
    framework: str = "numpy"
    model: str = "shallow_nn"                  # for the project's own interface: which model, which hidden
    activation: str = "tanh"                   # activation (the course's weeks fix both)
    week: str = ""                             # the file's assignment (the application's scale is not week 4's)
    returns: object = None                     # course_api.RETURNS of the function being checked
    raised: list[str] = field(default_factory=list)  # why it raised, each time a partial result was used

    def array(self, value):
        return self.convert(np.array(value, dtype=np.float64))

    def arrays(self, mapping: dict) -> dict:
        return {key: self.array(value) for key, value in mapping.items()}

    def call(self, fn: Callable, *args, **kwargs):
        """``fn`` on copies of the arguments, with NumPy's global generator seeded as a notebook would leave it.

        If it raises, what it had computed by then (its locals, as ``returns`` names them) comes back instead,
        the missing parts as causes.MISSING, and why it raised goes to ``raised``; with nothing computed, it raises.
        """
        np.random.seed(1)  # noqa: NPY002  (the course's code draws from the legacy global generator)
        args = _fitted(fn, args)
        try:
            return fn(*copy.deepcopy(args), **kwargs)
        except MemoryError:
            raise
        except Exception as exc:
            value = causes.partial(fn, exc, self.returns)
            if value is None:
                with contextlib.suppress(AttributeError):  # for causes.describe, in judge.collect
                    setattr(exc, "checked_function", fn)  # noqa: B010
                raise
            self.raised.append(causes.describe(exc, fn))
            return value


def _fitted(fn: Callable, args: tuple) -> tuple:
    """``args`` less the trailing ``print_cost=False`` a function without that parameter cannot take (the check
    of the keywords the course passes says so; the rest of the function is still checked)."""
    try:
        parameters = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return args
    if any(p.kind == p.VAR_POSITIONAL for p in parameters):
        return args
    room = sum(p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) for p in parameters)
    while len(args) > room and args[-1] is False:
        args = args[:-1]
    return args


@dataclass
class Call:
    name: str
    args: tuple
    kwargs: dict
    result: object


@contextlib.contextmanager
def recording(fn: Callable, per_name: int = 2) -> Iterator[list[Call]]:
    """While inside, the functions ``fn`` reads from its globals are passed through, and the first ``per_name``
    calls of each are kept in call order (a training function's initializer, its first forward and backward step)."""
    globals_ = getattr(fn, "__globals__", {})
    names = [n for n in global_names(fn.__code__) if isinstance(globals_.get(n), FunctionType)]
    seen: list[Call] = []
    counts: Counter[str] = Counter()

    def wrapped(name: str, original: Callable) -> Callable:
        def wrapper(*args, **kwargs):
            result = original(*args, **kwargs)
            counts[name] += 1
            if counts[name] <= per_name:  # copies: update_parameters rebinds the entries of the dict it is given
                seen.append(Call(name, *copy.deepcopy((args, kwargs, result))))
            return result
        return wrapper

    saved = {name: globals_[name] for name in names}
    globals_.update({name: wrapped(name, original) for name, original in saved.items()})
    try:
        yield seen
    finally:
        globals_.update(saved)
        seen.append(Call("", (), {}, dict(counts)))  # the last entry: how often each was called


def start_of(ctx: Context, fn: Callable, run: Callable[[int], object], iterations: int):
    """A training function's result after ``iterations``, the parameters it started from, and the first calls it
    made (``recording``). The start is what the function it calls once returned (its initializer, whatever its
    name), else what it returns after 0 iterations (it initialized inline; ``Context.call`` seeds the generator
    the same way each time), else None."""
    with recording(fn) as seen:
        result = run(iterations)
    *calls, last = seen
    counts: dict = last.result  # type: ignore[assignment]
    start = None
    for call in calls:
        if counts[call.name] == 1 and isinstance(call.result, dict) and "W1" in call.result:
            with contextlib.suppress(Unreadable):
                start = {k: to_numpy(v).astype(np.float64) for k, v in call.result.items()}
                break
    if start is None:
        with contextlib.suppress(Exception):
            start = {k: to_numpy(v).astype(np.float64) for k, v in params_of(run(0)).items()}
    return result, start, calls


def params_of(value, what: str = "the returned parameters") -> dict:
    """A training function's parameters: ``parameters``, or the first of ``(parameters, costs)`` (2021 releases) or
    of a longer tuple of the learner's."""
    if isinstance(value, tuple) and value and isinstance(value[0], dict):
        value = value[0]
    if not isinstance(value, dict):
        raise Unreadable(f"expected {what} (a dict), got {type(value).__name__}")
    return value
