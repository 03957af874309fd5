"""What a check needs besides the learner's function: the learner's arrays, and the rest of their namespace.

``Context.array`` turns the problem's NumPy arrays into the learner's framework's (``--framework``); every call
gets fresh copies, so a function that changes its arguments cannot change the problem, and a call that raises
gives back what the function had computed (causes.py), so the rest is still checked. ``recording`` wraps a
function of the learner's namespace (``initialize_parameters``) to see what a training function started from.
"""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy as np

from . import causes
from .judge import Unreadable, to_numpy


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
        try:
            return fn(*copy.deepcopy(args), **kwargs)
        except MemoryError:
            raise
        except Exception as exc:
            value = causes.partial(fn, exc, self.returns)
            if value is None:
                raise
            self.raised.append(causes.describe(exc))
            return value


@contextlib.contextmanager
def recording(namespace: dict, name: str) -> Iterator[list[dict[str, np.ndarray]]]:
    """While inside, calls of ``namespace[name]`` are passed through and their results kept, as NumPy dicts."""
    original = namespace.get(name)
    seen: list[dict[str, np.ndarray]] = []
    if not callable(original):
        yield seen
        return

    def wrapper(*args, **kwargs):
        result = original(*args, **kwargs)
        if isinstance(result, dict):
            seen.append({key: to_numpy(value).astype(np.float64) for key, value in result.items()})
        return result

    namespace[name] = wrapper
    try:
        yield seen
    finally:
        namespace[name] = original


def params_of(value, what: str = "the returned parameters") -> dict:
    """A training function's parameters: ``parameters``, or the first of ``(parameters, costs)`` (2021 releases)."""
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], dict):
        value = value[0]
    if not isinstance(value, dict):
        raise Unreadable(f"expected {what} (a dict), got {type(value).__name__}")
    return value
